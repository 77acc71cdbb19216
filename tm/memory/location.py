"""Where a memory lives: a file path, or a PostgreSQL address (postgresql://user@host/db) for a team's server.

Kept apart from the backends so that telling them apart, and naming a server in messages without its
password, needs no database driver.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

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
    """The address with any password replaced by ***, fit to print, whatever the address holds.

    Read by hand, not by urlsplit (which fails on some addresses and splits others where libpq does not): the
    user's part runs to the last "@", and a password in it, or in a `password=` parameter, becomes ***. A user's
    part holding characters that libpq would split elsewhere (/ ? # @) is masked whole.
    """
    scheme, sep, rest = address.partition("://")
    if not sep:
        return "***"
    scheme = scheme.lower()
    at = rest.rfind("@")
    if at >= 0:
        userinfo, rest = rest[:at], rest[at:]
        user, colon, _ = userinfo.partition(":")
        rest = ("***" if _unsafe_userinfo(userinfo) else user + (":***" if colon else "")) + rest
    path, question, query = rest.partition("?")
    if question:
        params = []
        for param in query.split("&"):
            key, equals, _ = param.partition("=")
            params.append(f"{key}=***" if equals and unquote(key).strip().lower() == "password" else param)
        query = "&".join(params)
    return f"{scheme}://{path}{question}{query}"


def unsafe_userinfo(address: str) -> bool:
    """Whether the user's part of a server address holds a character (/ ? # @) that libpq reads as the end of
    it, so that libpq and `masked` would disagree on where the password ends: such an address is refused."""
    rest = address.partition("://")[2]
    at = rest.rfind("@")
    return at >= 0 and _unsafe_userinfo(rest[:at])


def _unsafe_userinfo(userinfo: str) -> bool:
    return any(c in userinfo for c in "/?#@")


def server_secrets(address: str) -> list[str]:
    """Every form of the password an address holds (as written, and decoded), longest first: what no message
    may contain."""
    rest = address.partition("://")[2]
    found = []
    at = rest.rfind("@")
    if at >= 0 and ":" in rest[:at]:
        found.append(rest[:at].partition(":")[2])
    for param in rest.partition("?")[2].split("&"):
        key, equals, value = param.partition("=")
        if equals and unquote(key).strip().lower() == "password":
            found.append(value)
    found += [unquote(secret) for secret in found]
    return sorted({secret for secret in found if secret}, key=len, reverse=True)


def scrubbed(text: str, address: str) -> str:
    """`text` with every form of the address's password replaced by ***."""
    for secret in server_secrets(address):
        text = text.replace(secret, "***")
    return text
