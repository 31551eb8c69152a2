"""The auditor's view: a source span as a spaCy Doc whose entities are the scores, cited documents
and dates found in it, rendered to HTML by displaCy's manual mode. No model is downloaded: the Doc
comes from a blank Vietnamese pipeline whose tokenizer splits on white space, so '50/QĐ-VP' stays
one token."""
from __future__ import annotations

import html
from functools import lru_cache

import regex

LABELS = {"SCORE": "#fca5a5", "CITATION": "#93c5fd", "DATE": "#fde68a"}
_DATE = regex.compile(r"(?<![\d/])\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d(?!\d)|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")


@lru_cache(maxsize=1)
def _nlp():
    import spacy
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_prefix_regex, compile_suffix_regex
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    # brackets, quotes and closing punctuation come off a token; nothing splits inside one
    nlp.tokenizer = Tokenizer(nlp.vocab,
                              prefix_search=compile_prefix_regex([r"[(\[“\"‘«<]"]).search,
                              suffix_search=compile_suffix_regex([r"[)\]”\"’»,;:.!?>]"]).search)
    return nlp


def build_doc(text: str, spans: list[tuple[int, int, str]]):
    """A Doc of ``text`` with the given (start, end, label) spans as entities; dates not inside
    another entity are added. Overlaps keep the longer span."""
    from spacy.util import filter_spans
    doc = _nlp()(text)
    ents = []
    for s, e, label in spans:
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is not None:
            ents.append(span)
    taken = [(s, e) for s, e, _ in spans]
    for m in _DATE.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            span = doc.char_span(m.start(), m.end(), label="DATE", alignment_mode="expand")
            if span is not None:
                ents.append(span)
    doc.ents = filter_spans(ents)
    return doc


def render_html(sections: list[tuple[str, object]], heading: str) -> str:
    """A whole HTML page: one displaCy block per (title, Doc). All text is escaped."""
    from spacy import displacy
    parts = []
    for title, doc in sections:
        manual = {"text": doc.text, "title": html.escape(title),
                  "ents": [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents]}
        parts.append(displacy.render([manual], style="ent", manual=True, page=False,
                                     options={"colors": LABELS, "ents": list(LABELS)}))
    legend = " ".join(f'<span style="background:{c};padding:2px 6px;border-radius:4px">{k}</span>'
                      for k, c in LABELS.items())
    return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>"
            f"{html.escape(heading)}</title></head><body style=\"font-family:sans-serif;max-width:60em;margin:auto\">"
            f"<h1>{html.escape(heading)}</h1><p>{legend}</p>" + "\n".join(parts) + "</body></html>")
