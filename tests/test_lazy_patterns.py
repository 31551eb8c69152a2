"""The narrative grammar's patterns are compiled the first time they are used (a worker's first
report compiles only those it needs), and match exactly as compiled at once."""
import regex

from chamdiem.extractors.narrative.tokens import grammar
from chamdiem.lexicon.lazy_pattern import LazyPattern

TEXT = "Tiêu chí 3: tự chấm 8,5 điểm; tiêu chí thứ năm đạt mười điểm (tối đa 10 điểm)."


def test_a_lazy_pattern_matches_as_the_compiled_one():
    source = r"(?P<n>\d+(?:,\d+)?)\s*điểm|thứ\s+\p{L}+"
    lazy, eager = LazyPattern(source, regex.I), regex.compile(source, regex.I)
    assert "compiled" not in vars(lazy)
    assert lazy.pattern == source
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in eager.finditer(TEXT)] \
        == [(20, 28), (39, 46), (69, 76)]
    assert "compiled" in vars(lazy)
    assert lazy.search(TEXT, 30).group() == "thứ năm"
    assert lazy.sub("#", "9 điểm") == "#"
    assert lazy.groupindex == {"n": 1} and lazy.flags == eager.flags


def test_the_grammar_compiles_a_pattern_only_when_used():
    patterns = grammar(True)
    used = patterns["digit"]
    used.search(TEXT)
    assert "compiled" in vars(used)
    # the words' grammar keeps one pattern per phrase of a maximum: a report uses few
    assert all(isinstance(p, LazyPattern) for p in patterns["max"])
    assert [m.group() for m in patterns["score"].finditer(TEXT)] == ["8,5 điểm", "mười điểm", "10 điểm"]


def test_the_fork_servers_warm_up_compiles_the_digits_grammar_whole():
    import chamdiem.pipeline.warm  # noqa: F401 - what the fork server preloads
    flat = [p[1] if isinstance(p, tuple) else p for value in grammar(False).values()
            for p in (value if isinstance(value, list) else [value])]
    assert len(flat) > 20 and all("compiled" in vars(p) for p in flat)
