"""The PDF reader's array code gives exactly what the plain one-object-at-a-time algorithm gives:
rules read from pdfium in bulk, grids found from them, cell texts. Offsets and cell geometry
depend on every value, so equality is exact, not approximate."""
import pathlib
import random

import pytest

from chamdiem.readers.pdf.rules import SNAP, Rules, Seg, find_grids
from renditions import FONT_DIR, write_pdf

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
RAW = pathlib.Path(__file__).parents[1] / "data" / "raw"
needs_fonts = pytest.mark.skipif(not pathlib.Path(FONT_DIR, "DejaVuSans.ttf").exists(),
                                 reason="fonts-dejavu-core is needed to build PDF fixtures")


# --- the plain algorithm, one segment at a time
def _plain_merge(segs):
    out = []
    for horizontal in (True, False):
        group = sorted((s.pos, s.a, s.b) for s in segs if s.horizontal == horizontal)
        i = 0
        while i < len(group):
            j = i
            while j < len(group) and group[j][0] - group[i][0] <= SNAP:
                j += 1
            mean = sum(p for p, _, _ in group[i:j]) / (j - i)
            cur = None
            for a, b in sorted((a, b) for _, a, b in group[i:j]):
                if cur is not None and a <= cur.b + SNAP:
                    cur.b = max(cur.b, b)
                else:
                    cur = Seg(horizontal, mean, a, b)
                    out.append(cur)
            i = j
    return out


def _plain_cluster(values):
    out = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= SNAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _covers(segs, pos, at):
    return any(abs(s.pos - pos) <= SNAP and s.a - SNAP <= at <= s.b + SNAP for s in segs)


def plain_grids(segs):
    segs = _plain_merge(segs)
    hs = [s for s in segs if s.horizontal]
    vs = [s for s in segs if not s.horizontal]
    comp = list(range(len(hs) + len(vs)))

    def find(i):
        while comp[i] != i:
            i = comp[i]
        return i
    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.a - SNAP <= v.pos <= h.b + SNAP and v.a - SNAP <= h.pos <= v.b + SNAP:
                comp[find(i)] = find(len(hs) + j)
    groups = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for ghs, gvs in groups.values():
        ys, xs = _plain_cluster([h.pos for h in ghs]), _plain_cluster([v.pos for v in gvs])
        if len(ghs) < 2 or len(gvs) < 2 or len(ys) < 2 or len(xs) < 2:
            continue
        cell = {(i, j): (i, j) for i in range(len(ys) - 1) for j in range(len(xs) - 1)}

        def join(p, q):
            old, new = cell[p], cell[q]
            for k, v in cell.items():
                if v == old:
                    cell[k] = new
        for i in range(len(ys) - 1):
            for j in range(1, len(xs) - 1):
                if not _covers(gvs, xs[j], (ys[i] + ys[i + 1]) / 2):
                    join((i, j), (i, j - 1))
        for i in range(1, len(ys) - 1):
            for j in range(len(xs) - 1):
                if not _covers(ghs, ys[i], (xs[j] + xs[j + 1]) / 2):
                    join((i, j), (i - 1, j))
        while True:   # a group shaped like an L or a U takes in every slot of its bounding box
            boxes = {}
            for (i, j), r in cell.items():
                b = boxes.setdefault(r, [i, j, i, j])
                b[:] = [min(b[0], i), min(b[1], j), max(b[2], i), max(b[3], j)]
            inside = [((i, j), r) for r, b in boxes.items() for i in range(b[0], b[2] + 1)
                      for j in range(b[1], b[3] + 1) if cell[(i, j)] != r]
            if not inside:
                break
            slot, r = inside[0]
            join(slot, next(k for k, v in cell.items() if v == r))
        grids.append((xs, ys, sorted(tuple(b) for b in boxes.values())))
    return sorted(grids, key=lambda g: g[1][0])


def _random_page(rng):
    """Ruled tables drawn as pdf producers draw them: cell by cell (each border once per cell, so
    twice between cells), rules a little off their line, some rules missing (merged cells), stray
    lines. Each piece runs forwards (a <= b), as pdfium's bounds and the OCR reader's runs do."""
    segs = []
    for _ in range(rng.randint(0, 3)):
        xs, ys = [rng.uniform(20, 300)], [rng.uniform(20, 600)]
        for _ in range(rng.randint(1, 6)):
            xs.append(xs[-1] + rng.uniform(8, 90))
        for _ in range(rng.randint(1, 11)):
            ys.append(ys[-1] + rng.uniform(6, 40))
        jit = rng.choice([0.0, 0.3, 1.2, 2.5])
        for i in range(len(ys) - 1):
            for j in range(len(xs) - 1):
                for horizontal, pos, a, b in ((True, ys[i], xs[j], xs[j + 1]), (True, ys[i + 1], xs[j], xs[j + 1]),
                                              (False, xs[j], ys[i], ys[i + 1]), (False, xs[j + 1], ys[i], ys[i + 1])):
                    if rng.random() < 0.08:
                        continue
                    d = rng.uniform(-jit, jit)
                    segs.append(Seg(horizontal, pos + d, a + rng.uniform(-jit, jit), b + rng.uniform(-jit, jit)))
    for _ in range(rng.randint(0, 6)):
        p, a = rng.uniform(0, 800), rng.uniform(0, 500)
        segs.append(Seg(rng.random() < 0.5, p, a, a + rng.choice([0.5, 3.0, 40.0, 300.0])))
    rng.shuffle(segs)
    return segs


def _key(grids):
    return [(g.xs, g.ys, g.cells) for g in grids]


def test_grids_are_what_the_plain_algorithm_finds():
    rng = random.Random(13)
    for _ in range(400):
        segs = _random_page(rng)
        want = plain_grids(segs)
        assert _key(find_grids(segs)) == want
        assert _key(find_grids(Rules.of(segs))) == want


def test_grids_do_not_depend_on_the_order_of_the_pieces():
    rng = random.Random(7)
    for _ in range(50):
        segs = _random_page(rng)
        want = _key(find_grids(segs))
        rng.shuffle(segs)
        assert _key(find_grids(segs)) == want


def _plain_rules(page):
    """Rules of the page's path objects read one by one through pypdfium2's typed API."""
    import ctypes

    import pypdfium2.raw as raw
    height = page.get_height()
    out = []
    for obj in page.get_objects(max_depth=2):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        x0, x1, y0, y1 = left, right, height - top, height - bottom
        w, h = x1 - x0, y1 - y0
        if h <= 3.0 and w > 3.0:
            out.append((True, (y0 + y1) / 2, x0, x1))
        elif w <= 3.0 and h > 3.0:
            out.append((False, (x0 + x1) / 2, y0, y1))
        elif not (w <= 3.0 or h <= 3.0):
            fill, stroke = ctypes.c_int(), ctypes.c_int()
            raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
            if stroke.value and raw.FPDFPath_CountSegments(obj.raw) <= 6:
                out += [(True, y0, x0, x1), (True, y1, x0, x1), (False, x0, y0, y1), (False, x1, y0, y1)]
    return sorted(out)


@needs_fonts
def test_rules_read_in_bulk_are_those_read_object_by_object(tmp_path):
    import pypdfium2 as pdfium
    from fpdf import FPDF

    from chamdiem.readers.pdf.pdfium import objects, rules
    sheet = tmp_path / "sheet.pdf"
    write_pdf((FIXTURES / "tdkt_sheet_bonus_and_multi_number_cell.txt").read_text("utf-8"), sheet)
    drawn = FPDF(format="A4")
    drawn.add_page()
    drawn.line(20, 20, 150, 20)                          # a rule across
    drawn.line(30, 30, 30, 120)                          # a rule down
    drawn.rect(40, 40, 60, 30)                           # a stroked box: four rules
    drawn.rect(40, 80, 60, 30, style="F")                # a filled box: none
    drawn.rect(40, 120, 60, 0.5, style="F")              # a thin filled box: a rule
    drawn.polygon([(120, 40), (160, 45), (170, 70), (150, 90), (125, 85), (118, 70), (119, 55), (121, 48)])
    drawn.rect(10, 200, 1, 1)                            # a dot: none
    drawn.output(str(tmp_path / "drawn.pdf"))
    n = 0
    for path in (sheet, tmp_path / "drawn.pdf"):
        pdf = pdfium.PdfDocument(str(path))
        for page in pdf:
            objs, kinds = objects(page.raw)
            import pypdfium2.raw as raw
            r = rules([o for o, k in zip(objs, kinds) if k == raw.FPDF_PAGEOBJ_PATH], page.get_height())
            got = sorted(zip(r.horizontal.tolist(), r.pos.tolist(), r.a.tolist(), r.b.tolist()))
            assert got == _plain_rules(page)
            n += len(got)
        pdf.close()
    assert n > 20


def _cells_chars(grid, pc):
    """Each cell's characters: those whose centre is in one of its slots."""
    from chamdiem.readers.pdf.geometry import slot_of
    cell_of = {(i, j): cell for cell in grid.cells
               for i in range(cell[0], cell[2] + 1) for j in range(cell[1], cell[3] + 1)}
    chars = {cell: [] for cell in grid.cells}
    for c in pc.chars():
        slot = slot_of(grid, c.cx, c.cy)
        if slot is not None:
            chars[cell_of[slot]].append(c)
    return chars


def _plain_cell_texts(grid, pc):
    """Each cell's characters read as lines, a Char at a time (lines_text)."""
    from chamdiem.readers.pdf.geometry import lines_text
    return {cell: lines_text(cs) for cell, cs in _cells_chars(grid, pc).items()}


def _plain_quick_cell_texts(grid, pc):
    """cell_texts' rule a Char at a time: a space where the text layer has one or a gap wider than a
    quarter of the glyph's height; the exact rule (lines_text, which knows letters spread out by
    justification) where four single letters in a row hint at them."""
    from chamdiem.readers.pdf.geometry import _SPREAD_HINT, group_lines, join_lines, lines_text
    out = {}
    for cell, cs in _cells_chars(grid, pc).items():
        lines = []
        for line in group_lines(cs):
            t = line.chars[0].text
            for p, c in zip(line.chars, line.chars[1:]):
                t += (" " if c.space_before or c.x0 - p.x1 > 0.25 * max(c.bottom - c.top, 1.0) else "") + c.text
            lines.append(t)
        text = "\n".join(lines)
        out[cell] = lines_text(cs) if _SPREAD_HINT.search(text) else join_lines(lines)
    return out


def _random_chars(rng, grid):
    """Characters in and around the grid's cells: lines of words, some letters spaced out, line-end
    hyphens, glyphs of another height on a line, centres a little off the line's."""
    import numpy as np

    from chamdiem.readers.pdf.geometry import LINE_END_HYPHEN, PageChars
    rows = []
    for (x0, x1), (y0, y1) in ((x, y) for x in zip(grid.xs, grid.xs[1:]) for y in zip(grid.ys, grid.ys[1:])):
        y = y0 + 1
        while y < y1 + 4:
            h = rng.choice([6.0, 8.0, 8.0, 9.5])
            x = x0 + rng.uniform(-3, 3)
            spread = rng.random() < 0.1
            for k in range(rng.randint(1, 14)):
                ch = rng.choice("aăbcdđeêghiklmnoôơpqrstuưvxyAĐ0123456789.,-" + LINE_END_HYPHEN)
                w = h * rng.uniform(0.3, 0.6)
                dy = rng.choice([0.0, 0.0, 0.0, 0.2, -0.4, 1.5])
                space = rng.random() < 0.15
                rows.append((ord(ch), x, y + dy, x + w, y + dy + h, space))
                x += w + (h * 0.4 if spread else rng.choice([0.0, 0.1, 0.5, 3.0]))
            y += h * rng.uniform(0.9, 1.6)
    rng.shuffle(rows)
    a = np.array([r[:5] for r in rows], dtype=float).reshape(-1, 5)
    return PageChars(a[:, 0].astype(np.uint32), a[:, 1], a[:, 2], a[:, 3], a[:, 4],
                     np.array([r[5] for r in rows], dtype=bool))


def test_cell_texts_follow_their_rule_a_character_at_a_time():
    from chamdiem.readers.pdf.geometry import cell_texts
    rng = random.Random(5)
    n = 0
    while n < 150:
        for grid in find_grids(_random_page(rng)):
            pc = _random_chars(rng, grid)
            assert cell_texts(grid, pc) == _plain_quick_cell_texts(grid, pc)
            n += 1


def _plain_line(line, column_gap):
    """What page_lines finds of a line, a Char at a time: its characters and box, its text, its
    median glyph height, where its widest gap is, its word groups and their texts."""
    from chamdiem.readers.pdf.geometry import chars_text
    chars = line.chars
    heights = sorted(c.bottom - c.top for c in chars)
    widest = max(range(1, len(chars)), key=lambda i: chars[i].x0 - chars[i - 1].x1) if len(chars) > 1 else None
    groups = [[chars[0]]]
    for prev, char in zip(chars, chars[1:]):
        if char.x0 - prev.x1 > column_gap * max(char.bottom - char.top, 1.0):
            groups.append([char])
        else:
            groups[-1].append(char)
    return (chars, line.top, line.bottom, line.x0, line.x1, chars_text(chars), heights[len(heights) // 2], widest,
            groups, [chars_text(g) for g in groups])


def test_page_lines_are_group_lines_with_what_the_layout_reads_of_them():
    """page_lines (arrays, the whole page at once) gives the lines group_lines gives of the page's
    Char objects, with the text chars_text writes (letters spread out included), and each line's
    median height, widest gap and word groups; a multi-character glyph (a converted legacy one)
    keeps its text."""
    from chamdiem.readers.pdf.geometry import PageChars, _letter_spread, group_lines, page_lines
    from chamdiem.readers.pdf.reader import COLUMN_GAP
    rng = random.Random(11)
    n = spread = 0
    while n < 150:
        for grid in find_grids(_random_page(rng)):
            pc = _random_chars(rng, grid)
            if n % 5 == 0 and len(pc):
                pc.codes[0] = 0xE000
                pc = PageChars(pc.codes, pc.x0, pc.top, pc.x1, pc.bottom, pc.space, {0xE000: "ươ"})
            plain = [_plain_line(line, COLUMN_GAP) for line in group_lines(pc.chars())]
            fast = [(line.chars, line.top, line.bottom, line.x0, line.x1, line.text, line.median_height,
                     line.widest_gap, line.word_groups, line.group_texts) for line in page_lines(pc, COLUMN_GAP)]
            assert fast == plain
            spread += sum(_letter_spread(p[0]) > 0 for p in plain)
            n += 1
    assert spread > 0    # (lines whose letters are spread out were among them)


@needs_fonts
@pytest.mark.parametrize("ruled,v_align", [(True, "TOP"), (True, "MIDDLE")])
def test_cell_texts_of_a_rendered_sheet_are_the_lines_of_each_cells_characters(tmp_path, ruled, v_align):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from chamdiem.readers.pdf.reader import _Reader
    from chamdiem.readers.pdf.geometry import cell_texts
    from chamdiem.readers.pdf.pdfium import objects, rules
    out = tmp_path / "s.pdf"
    text = "\n\n".join((FIXTURES / n).read_text("utf-8") for n in (
        "tdkt_sheet_bonus_and_multi_number_cell.txt", "tsv_sheet_short_rows_and_html_cells.txt"))
    write_pdf(text, out, ruled=ruled, v_align=v_align, font_size=9)
    pdf = pdfium.PdfDocument(str(out))
    reader = _Reader(str(out), "x", pdf)
    n = 0
    for page in pdf:
        objs, kinds = objects(page.raw)
        height = page.get_height()
        pc = reader._chars(page, height, [o for o, k in zip(objs, kinds) if k == raw.FPDF_PAGEOBJ_TEXT])
        for grid in find_grids(rules([o for o, k in zip(objs, kinds) if k == raw.FPDF_PAGEOBJ_PATH], height)):
            assert cell_texts(grid, pc) == _plain_cell_texts(grid, pc)
            n += 1
    assert n >= 2


@needs_fonts
def test_cells_of_many_pages_read_at_once_are_those_read_page_by_page(tmp_path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from chamdiem.readers.pdf.reader import _Reader
    from chamdiem.readers.pdf.geometry import cell_texts, cell_texts_many
    from chamdiem.readers.pdf.pdfium import objects, rules
    out = tmp_path / "s.pdf"
    text = (RAW / "bao_cao_dvcq_so_tai_chinh_2024.txt").read_text("utf-8")
    write_pdf("\n\n".join([text] * 2), out, font_size=9)
    pdf = pdfium.PdfDocument(str(out))
    reader = _Reader(str(out), "x", pdf)
    tables = []
    for page in pdf:
        objs, kinds = objects(page.raw)
        height = page.get_height()
        pc = reader._chars(page, height, [o for o, k in zip(objs, kinds) if k == raw.FPDF_PAGEOBJ_TEXT])
        tables += [(grid, pc) for grid in find_grids(rules([o for o, k in zip(objs, kinds)
                                                            if k == raw.FPDF_PAGEOBJ_PATH], height))]
    assert len(tables) > 10
    assert cell_texts_many(tables) == [cell_texts(grid, pc) for grid, pc in tables]
