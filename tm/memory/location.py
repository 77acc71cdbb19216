"""Where a memory lives: a file path, or a PostgreSQL address (postgresql://user@host/db) for a team's server.

Kept apart from the backends so that telling them apart, and naming a server in messages without its
password, needs no database driver.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_MEMORY = "build/memory.db"
SERVER_SCHEMES = ("postgresql://", "postgres://")

Location = Path | str  # a str only for a server address: Path() would fold its "//"


def resolve_memory(option: str | None) -> Location:
    """--memory, else $TM_MEMORY, else build/memory.db (what `tm build` writes)."""
    chosen = option or os.environ.get("TM_MEMORY") or DEFAULT_MEMORY
    return chosen if is_server(chosen) else Path(chosen)


def is_server(location: Location) -> bool:
    return isinstance(location, str) and location.lower().startswith(SERVER_SCHEMES)


def masked(address: str) -> str:
    """The address with any password replaced by ***, fit to print."""
    parts = urlsplit(address)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(f":{parts.password}@", ":***@", 1)
    query = re.sub(r"(?i)(^|&)(password=)[^&]*", r"\1\2***", parts.query)
    return urlunsplit(parts._replace(netloc=netloc, query=query))
