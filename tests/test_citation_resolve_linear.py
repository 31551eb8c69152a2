"""resolve() groups mentions by type and number instead of pairing every mention with every other;
on many mentions it must give exactly what the pairwise definition gives."""
import random

from chamdiem.model.observations import Citation
from chamdiem.normalizers.cited_documents import DocKey, _same_doc, resolve


def pairwise_reference(citations):
    """The definition, mention by mention against every full mention (quadratic)."""
    full = {i: c for i, c in enumerate(citations) if c.symbol}
    keys = {}
    for i, c in full.items():
        dates = {f.issued_on for f in full.values() if f.issued_on and _same_doc(c, f)
                 and f.symbol.upper() == c.symbol.upper()}
        date = c.issued_on or (next(iter(dates)) if len(dates) == 1 else None)
        keys[i] = DocKey(c.doc_type, c.number, c.year, c.symbol, date)
    for i, c in enumerate(citations):
        if i in keys:
            continue
        cands = {keys[k].text: keys[k] for k, f in full.items()
                 if _same_doc(c, f) and (c.issued_on is None or keys[k].issued_on in (None, c.issued_on))}
        if len(cands) == 1:
            k = next(iter(cands.values()))
            keys[i] = DocKey(k.doc_type, k.number, c.year or k.year, k.symbol, k.issued_on or c.issued_on)
        else:
            keys[i] = DocKey(c.doc_type, c.number, c.year, None, c.issued_on)
    return [keys[i] for i in range(len(citations))]


def random_mentions(n, seed):
    rnd = random.Random(seed)
    types = ["Quyết định", "Kế hoạch", "Công văn"]
    out = []
    for k in range(n):
        number = rnd.choice(["7", "07", "24", "50", "114", "0", None])
        symbol = rnd.choice([None, None, "QĐ-UBND", "qđ-ubnd", "KH-UBND", "KL/TW"])
        out.append(Citation(text=f"m{k}", doc_type=rnd.choice(types), type_code=None, number=number,
                            year=rnd.choice([None, None, 2023, 2024]), symbol=symbol,
                            issued_on=rnd.choice([None, None, "2023-03-17", "2024-01-10", "2024-05-02"]),
                            start=k, end=k + 1))
    return out


def test_many_mentions_resolve_as_the_pairwise_definition():
    pairs = []
    for seed in range(40):
        mentions = random_mentions(30, seed)
        got = resolve(mentions)
        assert got == pairwise_reference(mentions), seed
        pairs += zip(mentions, got)
    # the mixture exercises every branch: joined short mentions, borrowed dates and lone short ones
    assert any(c.symbol is None and k.symbol is not None for c, k in pairs)
    assert any(c.symbol and not c.issued_on and k.issued_on for c, k in pairs)
    assert any(c.symbol is None and k.symbol is None for c, k in pairs)
    big = random_mentions(3000, 1)
    assert resolve(big) == pairwise_reference(big)
