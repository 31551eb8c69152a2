"""`chamdiem export`: the quarter as the analyst's "bảng tổng hợp", as a workbook (``workbook``) or a
folder of CSV files, from the tables ``export_tables`` shapes."""
from __future__ import annotations

import os

from chamdiem.interfaces.export_tables import OTHER_SHEETS, Tables, column_title, flat_score_table, load_tables
from chamdiem.interfaces.workbook import write_workbook


def write_csv(tables: Tables, folder: str, progress=None) -> list[str]:
    """The same tables as UTF-8 CSV with a byte-order mark, which Excel needs to read Vietnamese."""
    written = []
    jobs = [(f"{s.framework}-{s.year if s.year is not None else 'khong-ro-nam'}.csv", flat_score_table(s))
            for s in tables.score_sheets]
    jobs += [(f"{csv}.csv", getattr(tables, attr).rename(columns=column_title)) for _, csv, attr in OTHER_SHEETS]
    for name, df in jobs:
        path = os.path.join(folder, name)
        df.to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
        if progress:
            progress()
    return written


def export(db: str, out: str, fmt: str = "xlsx", framework: str | None = None, year: int | None = None,
           unit: str | None = None, show_progress: bool = False) -> tuple[Tables, list[str]]:
    """Reads the views and writes the workbook (or the CSV folder). Returns what it wrote."""
    from chamdiem.pipeline.progress import progress_bar
    tables = load_tables(db, framework, year, unit)
    steps = len(tables.score_sheets) + len(OTHER_SHEETS) + (1 if fmt == "xlsx" else 0)
    with progress_bar(steps, "export", enabled=show_progress) as advance:
        if fmt == "csv":
            return tables, write_csv(tables, out, advance)
        write_workbook(tables, out, advance)
    return tables, [out]
