"""A progress bar (rich) for long runs on a terminal; nothing at all when output goes to a pipe or a
file, so logs and scripts stay clean."""
from __future__ import annotations

import sys
from contextlib import contextmanager


@contextmanager
def progress_bar(total: int, what: str, enabled: bool = True, stream=None):
    """Yields ``advance()``; draws a bar on ``stream`` (stderr) only when it is a terminal."""
    stream = stream or sys.stderr
    if not enabled or total <= 0 or not stream.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda: bar.advance(task)
