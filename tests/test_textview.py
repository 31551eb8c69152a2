from chamdiem.model.textview import TextView


def test_html_tags_entities_and_stars_are_cleaned_with_offsets_kept():
    raw = "x <i>Quyết định số 50/QĐ-VP</i> &amp; **98/100 điểm** end"
    v = TextView.of(raw, 0, len(raw))
    assert v.text == "x  Quyết định số 50/QĐ-VP  & 98/100 điểm end"
    i = v.text.index("Quyết")
    s, e = v.raw_span(i, i + len("Quyết định số 50/QĐ-VP"))
    assert raw[s:e] == "Quyết định số 50/QĐ-VP"
    i = v.text.index("98")
    s, e = v.raw_span(i, i + len("98/100 điểm"))
    assert raw[s:e] == "98/100 điểm"


def test_entity_maps_back_to_the_whole_entity():
    raw = "a &amp; b"
    v = TextView.of(raw, 0, len(raw))
    i = v.text.index("&")
    assert raw[slice(*v.raw_span(i, i + 1))] == "&amp;"


def test_zero_width_characters_vanish_from_the_view_only():
    raw = "Nội\u200b dung\ufeff 1"
    v = TextView.of(raw, 0, len(raw))
    assert v.text == "Nội dung 1"
    assert raw[slice(*v.raw_span(0, len(v.text)))] == raw


def test_view_of_a_region_uses_document_offsets():
    raw = "head\t<b>650</b>\ttail"
    start = raw.index("<b>")
    end = raw.index("\ttail")
    v = TextView.of(raw, start, end)
    assert v.text.strip() == "650"
    i = v.text.index("650")
    assert v.raw_span(i, i + 3) == (raw.index("650"), raw.index("650") + 3)


def test_stars_between_words_become_a_space():
    raw = "NĂM 2022****Đơn vị"
    assert TextView.of(raw, 0, len(raw)).text == "NĂM 2022 Đơn vị"


def test_plain_region_is_its_own_view_with_exact_offsets():
    raw = "ab\tTiêu chí 1\tcd"
    v = TextView.of(raw, 3, 13)
    assert (v.text, v.raw_start, v.raw_end, v.raw_span(0, 4), v.raw_span(5, 10)) == (
        "Tiêu chí 1", 3, 13, (3, 7), (8, 13))


def test_squash_collapses_every_kind_of_white_space():
    from chamdiem.lexicon.text import squash
    assert [squash(s) for s in (" a b ", "a  b", "a\tb", "a\u00a0b", "a\nb ", "a\u2003 b", "", "  ")] == [
        "a b", "a b", "a b", "a b", "a b", "a b", "", ""]


def test_a_slice_of_a_cleaned_view_keeps_its_offsets():
    # a line whose two columns were exported side by side: the right one read alone
    raw = "pad <b>SỞ NỘI VỤ</b>   Độc lập &amp; Tự do"
    v = TextView.of(raw, 4, len(raw))
    i = v.text.index("Độc")
    right = v.slice(i, len(v.text))
    assert right.text == "Độc lập & Tự do"
    assert raw[slice(*right.raw_span(0, len(right.text)))] == "Độc lập &amp; Tự do"
    k = right.text.index("&")
    assert raw[slice(*right.raw_span(k, k + 1))] == "&amp;"
    cut = v.text.index("   ")   # the closing tag reads as a space, the first of the gap
    left = v.slice(0, cut)
    assert left.raw_span(0, len(left.text)) == v.raw_span(0, cut)
    assert raw[slice(*left.raw_span(0, len(left.text)))] == "<b>SỞ NỘI VỤ"
