"""The forge's prose layout: the scores only in sentences, no score sheet. Each item (criterion and
content) has its own heading or paragraph, introduced by its numbering in the report's style, with or
without its name; its score in one of many voices (the forge's own, bench/forge_words.toml [prose]):
a sentence of its own, after the name, in brackets in the heading, before the name, the maximum said
without a number ('đạt điểm tối đa') or points taken off it; parents' scores before their items, after
them or not at all; the total at the start, the end or absent; filler with and without numbers that are
not scores (counts, percentages, years, cited documents).

What each sentence states goes into Prose.stated ({criterion: {field: value}}), from which the forge
computes the gold exactly as for the narrative beside a sheet. The choices are drawn from their own
random stream, so a table report of a seed stays the same whether or not prose reports are drawn.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

INTROS = ("heading", "inline", "inline_no_name", "bracket_before", "bracket_after", "score_first")
VOICE_LIST = {"heading": "score", "inline": "score", "inline_no_name": "score", "bracket_before": "bracket",
              "bracket_after": "bracket", "score_first": "first"}
DIMENSIONS = ("prose_intro", "prose_voice", "prose_full", "prose_parent", "prose_total", "prose_heading_max",
              "prose_filler", "prose_emphasis")
# the table's own dimensions, which a report without a sheet does not have
TABLE_ONLY = ("columns", "header_rows", "header_words", "ruled", "number_place", "total_row", "item_phrasing",
              "unlabelled")


def choose(rng: random.Random, words: dict) -> dict:
    """The prose dimensions of one report."""
    intro = rng.choice(INTROS)
    voices = VOICE_LIST[intro]
    in_sentence = voices == "score"
    return {
        "prose_intro": intro,
        "prose_voice": f"{voices}:{rng.randrange(len(words['prose'][voices]))}",
        # the maximum said without a number, or points off it: where the score is a sentence of its own
        "prose_full": rng.choice(["none", "full", "deduct", "both"]) if in_sentence else "none",
        "prose_parent": rng.choice(["before", "after", "none"]),
        "prose_total": rng.choice(["end", "end", "start", "absent"]),
        "prose_heading_max": rng.choice(["yes", "no"]),
        "prose_filler": rng.choice(["none", "plain", "numbers", "numbers"]),
        "prose_emphasis": rng.choice(["plain", "bold", "heading"]),
    }


def fmt(value: float | None, comma: bool) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if comma else text


@dataclass
class Prose:
    paragraphs: list[str]
    headings: set[int]
    stated: dict[str, dict[str, float]]
    citations: list[dict]
    derived: list[list[str]]        # [criterion, field, how]: values a human computes from the maximum
    sources: dict[str, dict[str, str]]   # criterion -> field -> the wording that states it ('score:3')


@dataclass
class Writer:
    """One report's prose, written item by item."""
    items: dict
    fw_id: str
    scores: dict
    choices: dict
    marks: dict[str, str]           # criterion -> its number as the report's style writes it
    labels: dict[str, str]          # criterion -> its name as written (full or cut)
    level_names: list[str]
    words: dict
    rng: random.Random
    unit: str
    year: int
    over_max: set[str] = field(default_factory=set)
    out: Prose = field(default_factory=lambda: Prose([], set(), {}, [], [], {}))

    @property
    def comma(self) -> bool:
        return self.choices["decimal"] == "comma"

    def f(self, value: float) -> str:
        return fmt(value, self.comma)

    # ---- the document's order ---------------------------------------------------------------

    def write(self) -> Prose:
        words = self.words["prose"]
        total = self.choices["prose_total"]
        if total == "start":
            self.total_paragraph()
            after = self.rng.choice(words["start_after"])
            if after:
                self.out.paragraphs[-1] += " " + after
        self.heading(self.rng.choice(words["part_titles"]))
        for cid in self.items[self.fw_id].children:
            self.item(cid)
        if total == "end":
            self.total_paragraph()
        return self.out

    def item(self, cid: str) -> None:
        node = self.items[cid]
        parent_mode = self.choices["prose_parent"] if node.children else "before"
        if parent_mode == "before":
            self.scored_item(cid)
        else:
            self.heading(self.name_line(cid) + self.heading_max(cid))
            self.filler_paragraph()
        for child in node.children:
            self.item(child)
        if parent_mode == "after":
            self.subtotal(cid)

    # ---- the items --------------------------------------------------------------------------

    def scored_item(self, cid: str) -> None:
        intro = self.choices["prose_intro"]
        if intro.startswith("bracket"):
            self.bracketed(cid, intro == "bracket_before")
            return
        if intro == "score_first":
            sentence = self.voice(cid, "first", ref=self.ref(cid), name=self.labels[cid])
            self.paragraph([sentence] + self.extras(cid), filler_first=False)
            return
        if intro == "heading":
            self.heading(self.name_line(cid) + self.heading_max(cid))
            self.paragraph([self.score_sentence(cid)] + self.extras(cid), filler_first=self.rng.random() < 0.5)
            return
        bare = intro == "inline_no_name"
        opening = self.marks[cid] if bare else self.name_line(cid)
        sentences = [self.score_sentence(cid)] + self.extras(cid)
        self.paragraph([_join(opening, sentences[0], self.rng, bare)] + sentences[1:], filler_first=False)

    def bracketed(self, cid: str, before_name: bool) -> None:
        inside = self.voice(cid, "bracket")
        mark, name = self.marks[cid], self.labels[cid]
        line = f"{mark} ({inside}): {name}" if before_name else f"{self.name_line(cid)} ({inside})"
        self.heading(line)
        self.paragraph(self.extras(cid), filler_first=self.rng.random() < 0.5)

    def name_line(self, cid: str) -> str:
        """'a) Tên', 'Tiêu chí 1: Tên', 'TC1. Tên': a mark that ends in its own stop takes a space only."""
        mark, name = self.marks[cid], self.labels[cid]
        if mark[-1] in ".)":
            return f"{mark} {name}"
        return f"{mark}{self.rng.choice([': ', '. ', ' - '])}{name}"

    def heading_max(self, cid: str) -> str:
        """The maximum after the name in a heading line, when the report writes it there."""
        maximum = self.items[cid].max
        if self.choices["prose_heading_max"] != "yes" or maximum is None:
            return ""
        template = self.rng.choice(self.words["prose"]["heading_max"])
        self.state(cid, "max_points", maximum, self.source("heading_max", template))
        return template.format(max=self.f(maximum))

    def ref(self, cid: str) -> str:
        node = self.items[cid]
        return f"{self.level_names[node.depth - 1]} {node.number}"

    # ---- the score sentences ----------------------------------------------------------------

    def score_sentence(self, cid: str) -> str:
        """The report's voice, or (for most items it fits) the maximum said without a number, or points
        taken off it."""
        row, maximum = self.scores[cid], self.items[cid].max
        value, mode = row["self_score"], self.choices["prose_full"]
        if cid not in self.over_max and maximum is not None and self.rng.random() < 0.7:
            if value == maximum and mode in ("full", "both"):
                return self.full(cid, maximum)
            if value < maximum and mode in ("deduct", "both"):
                return self.deduct(cid, maximum, value)
        return self.voice(cid, "score")

    def voice(self, cid: str, kind: str, **extra) -> str:
        """One of the report's voices; an item planted over its maximum takes one that states the
        maximum, unless its heading already did, so the excess is on the page."""
        options = self.words["prose"][kind]
        chosen_kind, index = self.choices["prose_voice"].split(":")
        template = options[int(index)] if chosen_kind == kind else self.rng.choice(options)
        stated_max = "max_points" in self.out.stated.get(cid, {})
        if cid in self.over_max and "{max}" not in template and not stated_max:
            template = next(t for t in options if "{max}" in t)
        return self.fill(cid, template, kind, **extra)

    def fill(self, cid: str, template: str, kind: str, **extra) -> str:
        row, maximum = self.scores[cid], self.items[cid].max
        source = self.source(kind, template)
        self.state(cid, "self_score", row["self_score"], source)
        if "{max}" in template:
            self.state(cid, "max_points", maximum, source)
        return template.format(self=self.f(row["self_score"]), max=self.f(maximum), **extra)

    def full(self, cid: str, maximum: float) -> str:
        template = self.rng.choice(self.words["prose"]["full"])
        source = self.source("full", template)
        self.state(cid, "self_score", maximum, source)
        self.out.derived.append([cid, "self_score", "full"])
        if "{max}" in template:
            self.state(cid, "max_points", maximum, source)
        return template.format(max=self.f(maximum))

    def deduct(self, cid: str, maximum: float, value: float) -> str:
        words = self.words["prose"]
        has_max = "max_points" in self.out.stated.get(cid, {})
        kind = "deduct" if has_max else "deduct_with_max"
        template = self.rng.choice(words[kind])
        source = self.source(kind, template)
        self.state(cid, "self_score", value, source)
        if not has_max:
            self.state(cid, "max_points", maximum, source)
        self.out.derived.append([cid, "self_score", "deduct"])
        return template.format(max=self.f(maximum), less=self.f(maximum - value),
                               reason=self.rng.choice(words["reasons"]))

    def extras(self, cid: str) -> list[str]:
        """The authority's score and the bonus, each in a sentence of its own, when the item has them."""
        row, words, out = self.scores[cid], self.words["prose"], []
        if row.get("authority_score") is not None:
            template = self.rng.choice(words["authority"])
            out.append(self.fill_other(cid, template, "authority_score", "authority",
                                       auth=self.f(row["authority_score"])))
        if row.get("bonus_self") is not None and self.items[cid].bonus_max is not None:
            template = self.rng.choice(words["bonus"])
            if "{bmax}" in template:
                self.state(cid, "bonus_max", self.items[cid].bonus_max, self.source("bonus", template))
            out.append(self.fill_other(cid, template, "bonus_self", "bonus", bself=self.f(row["bonus_self"]),
                                       bmax=self.f(self.items[cid].bonus_max)))
        return out

    def fill_other(self, cid: str, template: str, fld: str, kind: str, **values) -> str:
        source = self.source(kind, template)
        self.state(cid, fld, self.scores[cid][fld], source)
        if "{max}" in template:
            self.state(cid, "max_points", self.items[cid].max, source)
        return template.format(max=self.f(self.items[cid].max), **values)

    def subtotal(self, cid: str) -> None:
        template = self.rng.choice(self.words["prose"]["subtotal"])
        self.paragraph([self.fill(cid, template, "subtotal", ref=self.ref(cid))] + self.extras(cid), filler_first=False,
                       filler=False)

    def total_paragraph(self) -> None:
        """The narrative's total sentence (the report's `phrasing`), its bonus and authority; a planted
        narrative error says a total the items do not make."""
        root, words = self.scores[self.fw_id], self.words
        said = root["self_score"]
        if self.choices["errors"] == "narrative":
            said -= self.rng.choice([1, 2, 0.5])
        template = words["narrative"]["total"][int(self.choices["phrasing"])]
        maximum = self.items[self.fw_id].max
        sentences = [template.format(unit=self.unit, year=self.year, self=self.f(said), max=self.f(maximum))]
        source = f"total:{self.choices['phrasing']}"
        self.state(self.fw_id, "self_score", said, source)
        if "{max}" in template:
            self.state(self.fw_id, "max_points", maximum, source)
        if root.get("bonus_self") is not None:
            bonus = self.rng.choice(words["prose"]["total_bonus"])
            sentences.append(self.fill_other(self.fw_id, bonus, "bonus_self", "total_bonus",
                                             bself=self.f(root["bonus_self"]),
                                             bmax=self.f(self.items[self.fw_id].bonus_max)))
            if "{bmax}" in bonus:
                self.state(self.fw_id, "bonus_max", self.items[self.fw_id].bonus_max, self.source("total_bonus", bonus))
        if root.get("authority_score") is not None:
            sentences.append(self.fill_other(self.fw_id, self.rng.choice(words["prose"]["total_authority"]),
                                             "authority_score", "total_authority",
                                             auth=self.f(root["authority_score"])))
        self.out.paragraphs.append(" ".join(sentences))

    # ---- paragraphs and filler --------------------------------------------------------------

    def state(self, cid: str, fld: str, value: float, source: str) -> None:
        self.out.stated.setdefault(cid, {})[fld] = value
        self.out.sources.setdefault(cid, {})[fld] = source

    def source(self, kind: str, template: str) -> str:
        """'score:3': the list a wording comes from and its place there."""
        return f"{kind}:{self.words['prose'][kind].index(template)}"

    def heading(self, text: str) -> None:
        self.out.headings.add(len(self.out.paragraphs))
        self.out.paragraphs.append(text)

    def paragraph(self, sentences: list[str], filler_first: bool, filler: bool = True) -> None:
        extra = [self.filler()] if filler and self.choices["prose_filler"] != "none" and self.rng.random() < 0.7 else []
        parts = extra + sentences if filler_first else sentences + extra
        if parts:
            self.out.paragraphs.append(" ".join(p for p in parts if p))

    def filler_paragraph(self) -> None:
        if self.choices["prose_filler"] != "none" and self.rng.random() < 0.5:
            self.out.paragraphs.append(self.filler())

    def filler(self) -> str:
        words = self.words["prose"]
        if self.choices["prose_filler"] == "numbers" and self.rng.random() < 0.6:
            return self.numbers(self.rng.choice(words["filler_numbers"]))
        return self.rng.choice(words["filler"] + self.words["narrative"]["filler"])

    def numbers(self, template: str) -> str:
        rng = self.rng
        count = rng.randint(2, 14)
        count_text = f"{count:02d}" if rng.random() < 0.5 else str(count)
        pct = rng.choice([100, 100, 98, 95.5, 97.2, 90])
        return template.format(count=count_text, count2=count + rng.randint(0, 3), people=rng.randint(40, 600),
                               pct=fmt(pct, self.comma), prev=self.year - 1,
                               cite=self.citation() if "{cite}" in template else "")

    def citation(self) -> str:
        rng = self.rng
        doc_type, symbol, issuer = rng.choice(self.words["prose"]["citations"])
        number, day, month = rng.randint(10, 999), rng.randint(1, 28), rng.randint(1, 12)
        year = self.year - rng.choice([0, 0, 1])
        date = rng.choice([f"{day}/{month}/{year}", f"{day:02d}/{month:02d}/{year}",
                           f"{day} tháng {month} năm {year}"])
        self.out.citations.append({"doc_type": doc_type, "number": str(number), "symbol": symbol, "year": None,
                                   "issued_on": f"{year}-{month:02d}-{day:02d}", "optional": False})
        return f"{doc_type} số {number}/{symbol} ngày {date} của {issuer}"


def _join(opening: str, sentence: str, rng: random.Random, bare: bool) -> str:
    """'1. Công tác …: đơn vị tự chấm 9/10 điểm.': after a colon or a dash the sentence's first letter
    is lowered; a sentence led by a sign ('=> Tự chấm'), or after a bare mark that ends in its own stop
    ('a)', '2.'), follows a space."""
    if not sentence[0].isalpha() or (bare and opening.endswith((".", ")"))):
        return f"{opening} {sentence}"
    sep = rng.choice([": ", " - "] if opening.endswith(".") else [": ", ". ", " - "])
    if sep == ". ":
        return f"{opening}{sep}{sentence}"
    return f"{opening}{sep}{sentence[0].lower()}{sentence[1:]}"
