"""One exception type for bad input, so every front end (the CLI, a server) can turn each such case into a
one-line message: the CLI prints it with exit code 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input from the user: names the file and the place, never a traceback.

    `option` names the argument at fault by its parameter name (`document`, `langs`), never by a command-line
    flag: stages do not know how a front end spells it; the CLI shows it as `--document`.
    """

    def __init__(self, message: str, path: str | Path | None = None, place: str | None = None, *,
                 option: str | None = None):
        self.path = str(path) if path is not None else None
        self.place = place
        self.message = message
        self.option = option
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ":".join(p for p in (self.path, self.place) if p)
        return f"{where}: {self.message}" if where else self.message
