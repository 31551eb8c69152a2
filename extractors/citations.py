"""Placeholder until the citation issue: no citations yet."""
from __future__ import annotations


def extract_citations(model):
    return []


def link_citations(citations, observations):
    return citations
