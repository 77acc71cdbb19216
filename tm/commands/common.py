"""What several commands share: the progress callback, where the glossary and the memory are found."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tm.memory import open_for_reading as open_memory_for_reading
from tm.memory import resolve_memory

Progress = Callable[[str], None]
"""Told what a long job is doing now, in a few words; the CLI shows it on a terminal, a server may log it."""


def NO_PROGRESS(message: str) -> None:  # noqa: N802 - a constant that happens to be callable
    """The progress of a job nobody watches."""


DEFAULT_GLOSSARY = "corpora/glossary.tbx"


def glossary_path(option: str | Path | None) -> Path:
    """--glossary, else $TM_GLOSSARY, else the bundled corpora/glossary.tbx."""
    return Path(option or os.environ.get("TM_GLOSSARY") or DEFAULT_GLOSSARY)


def open_for_reading(memory: str | None):
    """The memory (an option's value, else $TM_MEMORY, else build/memory.db) for a command that only reads it."""
    return open_memory_for_reading(resolve_memory(memory))

