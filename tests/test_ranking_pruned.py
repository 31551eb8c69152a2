"""The pruned item ranking (ItemIndex.top2) must decide exactly as ranking every item in full."""
import random

from chamdiem.lexicon.numbering import parse_marker
from chamdiem.lexicon.text import fold
from chamdiem.normalizers import framework_catalog, frameworks as F


def _full_ranking(fw, lab):
    return sorted(((F._similarity.__wrapped__(lab, it.folded), it.id) for it in fw.items.values() if it.depth > 0),
                  reverse=True)


def _labels(seed=13):
    """Catalog texts truncated, cut at the front, with typos, joined with another item's text,
    and unrelated running text: the shapes a written label takes."""
    rnd = random.Random(seed)
    texts = [it.text for fw in framework_catalog.frameworks().values() for it in fw.items.values() if it.depth > 0]
    out = []
    for t in texts:
        f = fold(t)
        out.append(f)
        out.append(f[: max(12, len(f) // 2)])
        out.append(f[len(f) // 3:])
        chars = list(f)
        for _ in range(max(1, len(chars) // 15)):
            chars[rnd.randrange(len(chars))] = rnd.choice("abcdeghiklmnopqrstuvxy ")
        out.append("".join(chars))
        out.append(f + " " + fold(rnd.choice(texts)))
    out.append(fold("Báo cáo kết quả thực hiện nhiệm vụ năm 2024 của Văn phòng và phương hướng năm sau"))
    return [lab[: F.MAX_LABEL] for lab in out if len(lab) >= F.SHORT_LABEL]


def test_pruned_top_two_equal_the_full_ranking_above_the_floor():
    for fw in framework_catalog.frameworks().values():
        for lab in _labels():
            full = [x for x in _full_ranking(fw, lab) if x[0] >= F.RANK_FLOOR][:2]
            assert fw.index.top2(lab) == full, lab


def test_mapping_decisions_equal_those_of_a_full_ranking(monkeypatch):
    labels = _labels(seed=7)
    markers = [None, "1", "2", "Tiêu chí 3", "Nội dung 2", "III", "3.2"]
    fast = {}
    for fw in framework_catalog.frameworks().values():
        m = F.ItemMapper(fw)
        for k, lab in enumerate(labels):
            item, how = m.map(parse_marker(markers[k % len(markers)]) if markers[k % len(markers)] else None, lab)
            fast[(fw.id, k)] = (item.id if item else None, how)

    class FullIndex:
        def __init__(self, fw):
            self.fw = fw

        def top2(self, lab):
            return _full_ranking(self.fw, lab)[:2]

    full = {}
    for fw in framework_catalog.frameworks().values():
        monkeypatch.setitem(fw.__dict__, "index", FullIndex(fw))
        m = F.ItemMapper(fw)
        for k, lab in enumerate(labels):
            item, how = m.map(parse_marker(markers[k % len(markers)]) if markers[k % len(markers)] else None, lab)
            full[(fw.id, k)] = (item.id if item else None, how)
    assert fast == full
    assert sum(1 for v in fast.values() if v[1] == "text") > 20  # the ranking decided many of them


def test_window_bound_is_never_below_the_partial_score():
    """ItemIndex skips partial_ratio when _window_bound says it cannot matter: the bound must hold
    for every pair, both ways round, whatever their lengths."""
    from rapidfuzz import fuzz
    labels = _labels(seed=21)
    items = [it.folded for fw in framework_catalog.frameworks().values() for it in fw.items.values() if it.depth > 0 and it.folded]
    rnd = random.Random(3)
    pairs = [(lab, rnd.choice(items)) for lab in labels for _ in range(6)]
    pairs += [(lab, lab[k:k + n]) for lab in labels[:80] for k, n in ((0, 5), (3, 13), (len(lab) // 2, 40))]
    checked = 0
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            if not x or not y or len(x) == len(y):
                continue
            r = fuzz.ratio(x, y)
            lcs = r * (len(x) + len(y)) / 200.0
            f = 0.75 + 0.25 * (min(len(x), len(y)) / max(len(x), len(y)))
            assert F._window_bound(x, y, lcs, fuzz.ratio) >= fuzz.partial_ratio(x, y) * f, (x, y)
            checked += 1
    assert checked > 2000
