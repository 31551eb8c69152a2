"""`chamdiem export`: the quarter as the analyst's "bảng tổng hợp", as a workbook (``workbook``) or a
folder of CSV files, from the tables ``export_tables`` shapes."""
from __future__ import annotations

import os

import pandas as pd

from chamdiem.interfaces.export_tables import (OTHER_SHEETS, Tables, column_title, flat_score_table, load_tables,
                                               neutralised)
from chamdiem.interfaces.workbook import write_workbook

# --decimal: the decimal mark and the field separator that go with it. A spreadsheet set to a
# Vietnamese locale (Excel on Windows in vi-VN) reads 9,5 as a number and splits fields on ';'.
DECIMALS = {"point": (".", ","), "comma": (",", ";")}


def csv_ready(data_frame: pd.DataFrame) -> pd.DataFrame:
    """Every text field neutralised against formula injection (export_tables.neutralised), the
    column titles in Vietnamese with English beside."""
    out = data_frame.rename(columns=column_title)
    for name in out.columns:
        if not pd.api.types.is_numeric_dtype(out[name]):
            out[name] = out[name].map(neutralised)
    return out


def write_csv(tables: Tables, folder: str, progress=None, decimal: str = "point") -> list[str]:
    """The same tables as UTF-8 CSV with a byte-order mark, which Excel needs to read Vietnamese.
    Each file is written under a temporary name and renamed: a failed export leaves the previous
    file whole."""
    mark, separator = DECIMALS[decimal]
    written = []
    jobs = [(f"{s.framework}-{s.year if s.year is not None else 'khong-ro-nam'}.csv", flat_score_table(s))
            for s in tables.score_sheets]
    jobs += [(f"compare-{c.framework}-{c.year}-{c.last_year}.csv", c.rows) for c in tables.comparisons]
    jobs += [(f"{csv}.csv", getattr(tables, attr)) for _, csv, attr in OTHER_SHEETS]
    for name, data_frame in jobs:
        path = os.path.join(folder, name)
        temp = f"{path}.tmp-{os.getpid()}"
        try:
            csv_ready(data_frame).to_csv(temp, index=False, encoding="utf-8-sig", sep=separator, decimal=mark)
            os.replace(temp, path)
        finally:
            if os.path.exists(temp):
                os.remove(temp)
        written.append(path)
        if progress:
            progress()
    return written


def export(db: str, out: str, fmt: str = "xlsx", framework: str | None = None, year: int | None = None,
           unit: str | None = None, show_progress: bool = False, decimal: str = "point") -> tuple[Tables, list[str]]:
    """Reads the views and writes the workbook (or the CSV folder). Returns what it wrote."""
    from chamdiem.pipeline.progress import progress_bar
    tables = load_tables(db, framework, year, unit)
    steps = len(tables.score_sheets) + len(OTHER_SHEETS) + (1 if fmt == "xlsx" else len(tables.comparisons))
    with progress_bar(steps, "export", enabled=show_progress) as advance:
        if fmt == "csv":
            return tables, write_csv(tables, out, advance, decimal)
        write_workbook(tables, out, advance)
    return tables, [out]
