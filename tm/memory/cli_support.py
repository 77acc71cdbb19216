"""What the memory commands print; kept out of tm/cli.py so the command line stays a thin parser."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tm.memory import open_memory, resolve_memory_path


def _terminal_progress():
    """Progress on a terminal only: a script reading our stderr gets no carriage-return noise."""
    if not sys.stderr.isatty():
        return None

    def show(name: str, n: int) -> None:
        print(f"\r{name}: {n} units", end="", file=sys.stderr, flush=True)

    return show


def run_import(files: Sequence[str], memory: str | None) -> str:
    from tm.memory.importer import import_files

    path = resolve_memory_path(memory)
    progress = _terminal_progress()
    with open_memory(path) as store:
        summary = import_files(store, files, progress)
        total = store.count()
    if progress:
        print("\r\033[K", end="", file=sys.stderr)
    return "\n".join([*summary.lines(), f"{path}: {total} units"]) + "\n"
