"""Progress lines for long runs, only when a person is watching (stderr is a terminal)."""

from __future__ import annotations

import sys
from typing import Callable


def terminal_progress(stream=sys.stderr) -> Callable[[str], None]:
    if not stream.isatty():
        return lambda message: None

    def show(message: str) -> None:
        stream.write(f"\r\033[K{message}" if message else "\r\033[K")
        stream.flush()

    return show
