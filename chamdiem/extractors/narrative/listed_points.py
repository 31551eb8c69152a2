"""Points written one after another in a paragraph, each with its unit and none stated by a verb
of its own ('… (3 điểm); … (3 điểm); … (2 điểm)', '…: 5 điểm; …: 0 điểm; …'): candidates for the
framework to give to an item's contents in order, when they are as many as its contents and add up
to the item's score said after them (normalizers/listed_parts.py). This module only finds them."""
from __future__ import annotations

from chamdiem.extractors.narrative.scores import number_value
from chamdiem.extractors.narrative.tokens import grammar, tokens
from chamdiem.model.document import Block
from chamdiem.model.observations import Value

# kinds of token right before points that make them no unnamed part's score: a maximum's words
# ('thang điểm 3'), points taken off ('trừ 1 điểm'), a bonus cue, an item named ('nội dung b: 2
# điểm': the grammar reads it)
_NOT_A_PART = ("max", "deduct", "bonus", "subject")


def points_before(paragraph: Block, end: int) -> list[Value]:
    """The points with their unit written in ``paragraph`` before the raw offset ``end``, in order,
    each its own number (not a ratio '3/3', not a bonus, not points taken off or a maximum)."""
    view = paragraph.view
    out: list[Value] = []
    previous = None
    for token in tokens(view.text, 0, len(view.text)):
        if token.kind == "score" and not _qualified(view.text, previous, token) and token.m.group("max") is None \
                and grammar(False)["bonus_unit"].match(view.text, token.end) is None:
            start, stop = view.raw_span(*token.m.span("self"))
            if stop > end:
                break
            out.append(Value(number_value(token.m.group("self")), token.m.group("self"), start, stop))
        previous = token
    return out


def _qualified(text: str, previous, token) -> bool:
    """Words right before the points make them a maximum, points taken off, a bonus or a named item's."""
    return previous is not None and previous.kind in _NOT_A_PART and not text[previous.end:token.start].strip(" :")
