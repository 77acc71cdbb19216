"""Who may do what: the server's access tokens, stored hashed beside the memory.

A token is `tm_` and 32 random bytes (urlsafe base64, 256 bits): high-entropy, so one SHA-256 of it is as good
as a slow password hash and lets each request be checked with one indexed lookup. Only the hash is kept. A
token is `read` (queries, when reading needs a token) or `write` (imports too). Revoking keeps the row, so a
revoked token is told apart from a wrong one.

Where: for an SQLite memory, the file `MEMORY.tokens` beside it (never inside the memory file, whose tables
belong to tm.memory); for a PostgreSQL memory, the table `tm_server.tokens` in the same database (a schema
of its own: the memory's schema holds the memory's tables only).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tm.errors import InputError
from tm.memory import is_server, resolve_memory
from tm.memory.location import masked

COLUMNS = "(name TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, scope TEXT NOT NULL, created TEXT NOT NULL, revoked TEXT)"
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-")


@dataclass(frozen=True, slots=True)
class Token:
    name: str
    scope: str  # "read" or "write"
    created: str
    revoked: str | None = None


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class TokenStore:
    """The tokens of one memory; safe to use from several threads."""

    def __init__(self, memory: str | None):
        self.location = resolve_memory(memory)
        self._lock = threading.Lock()
        self._db = None
        if is_server(self.location):
            self.where = masked(self.location)
            self._mark, self.table = "%s", "tm_server.tokens"
        else:
            self.where = str(Path(self.location)) + ".tokens"
            self._mark, self.table = "?", "tm_server_tokens"

    def _connect(self):
        if self._db is not None and not getattr(self._db, "broken", False) and not getattr(self._db, "closed", False):
            return self._db
        if is_server(self.location):
            import psycopg

            try:
                self._db = psycopg.connect(self.location, autocommit=True, connect_timeout=10)
            except psycopg.Error as exc:
                raise InputError(f"cannot reach the PostgreSQL server ({str(exc).strip().splitlines()[-1]})",
                                 self.where) from None
            self._db.execute("CREATE SCHEMA IF NOT EXISTS tm_server")
        else:
            Path(self.where).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.where, isolation_level=None, check_same_thread=False, timeout=5)
        self._db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} {COLUMNS}")
        return self._db

    def _run(self, sql: str, args: tuple = ()) -> list[tuple]:
        sql = sql.replace("?", self._mark)
        with self._lock:
            try:
                cursor = self._connect().execute(sql, args)
                return cursor.fetchall() if cursor.description else []
            except InputError:
                raise
            except Exception as exc:
                self.close_quietly()
                raise InputError(f"token store error: {str(exc).strip().splitlines()[0]}", self.where) from None

    def create(self, name: str, *, read_only: bool = False) -> str:
        """A new token for `name`; the secret is returned once and never stored."""
        if not name or set(name) - NAME_CHARS or len(name) > 64:
            raise InputError(f"bad token name {name!r} (letters, digits, . _ @ -; at most 64)")
        secret = "tm_" + secrets.token_urlsafe(32)
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        existing = self._run(f"SELECT revoked FROM {self.table} WHERE name = ?", (name,))
        if existing and existing[0][0] is None:
            raise InputError(f"a token named {name!r} exists already (revoke it first)", self.where)
        if existing:
            self._run(f"DELETE FROM {self.table} WHERE name = ?", (name,))
        self._run(f"INSERT INTO {self.table} VALUES (?, ?, ?, ?, NULL)",
                  (name, digest(secret), "read" if read_only else "write", now))
        return secret

    def revoke(self, name: str) -> Token:
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        found = self._run(f"SELECT name, scope, created, revoked FROM {self.table} WHERE name = ?", (name,))
        if not found:
            raise InputError(f"no token named {name!r}", self.where)
        if found[0][3] is None:
            self._run(f"UPDATE {self.table} SET revoked = ? WHERE name = ?", (now, name))
        return Token(*found[0][:3], found[0][3] or now)

    def list(self) -> list[Token]:
        rows = self._run(f"SELECT name, scope, created, revoked FROM {self.table} ORDER BY name")
        return [Token(*row) for row in rows]

    def check(self, secret: str) -> tuple[Token | None, str | None]:
        """The token a secret belongs to, or None and why not ("unknown token", "token revoked")."""
        hashed = digest(secret)
        rows = self._run(f"SELECT name, scope, created, revoked, hash FROM {self.table} WHERE hash = ?", (hashed,))
        if not rows or not hmac.compare_digest(rows[0][4], hashed):
            return None, "unknown token"
        token = Token(*rows[0][:4])
        if token.revoked:
            return None, f"token {token.name!r} was revoked"
        return token, None

    def close_quietly(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except Exception:
                pass
        self._db = None
