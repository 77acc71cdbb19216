"""One exception type for bad input, so the CLI can turn every such case into a one-line message and exit 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input from the user: names the file and the place, never a traceback."""

    def __init__(self, message: str, path: str | Path | None = None, place: str | None = None):
        self.path = str(path) if path is not None else None
        self.place = place
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ":".join(p for p in (self.path, self.place) if p)
        return f"{where}: {self.message}" if where else self.message
