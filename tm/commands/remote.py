"""A team server as the memory of the command line: `tm query --memory http://host:port/` asks `tm serve`.

Plain urllib (no extra needed on the translator's machine). The token, where the server wants one for reading,
comes from $TM_TOKEN. Batches go in pieces of 100 texts, the server's limit for one request.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from itertools import islice

from tm.errors import InputError
from tm.memory.query import Match
from tm.records import TranslationUnit

SCHEMES = ("http://", "https://")
BATCH = 100
TIMEOUT = 60


def remote_address(memory: str | None) -> str | None:
    """The server's base address when the memory (--memory, else $TM_MEMORY) is an http(s) URL, else None."""
    chosen = memory or os.environ.get("TM_MEMORY") or ""
    return chosen.rstrip("/") if chosen.lower().startswith(SCHEMES) else None


def call(base: str, path: str, body: dict | None = None) -> dict:
    """One request to the server; its one-line JSON errors become InputErrors naming the server."""
    headers = {"Accept": "application/json", "User-Agent": "tm"}
    token = os.environ.get("TM_TOKEN")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        try:
            message = json.load(exc).get("error") or exc.reason
        except (ValueError, AttributeError):
            message = f"HTTP {exc.code} {exc.reason}"
        raise InputError(str(message), base) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"cannot reach the team server ({reason})", base) from None
    except ValueError:
        raise InputError("the answer is not JSON: is this a tm server?", base) from None


def query(texts: Iterable[str], src: str, tgt: str, base: str, *, minimum: int = 70,
          limit: int = 5) -> Iterator[tuple[str, list[Match]]]:
    """What tm.commands.memory.query gives, asked of the server."""
    texts = iter(texts)
    for batch in iter(lambda: list(islice(texts, BATCH)), []):
        answer = call(base, "/api/query", {"texts": batch, "src": src, "tgts": [tgt], "min": minimum,
                                           "limit": limit})
        for text, result in zip(batch, answer["results"], strict=True):
            yield text, [Match(m["score"], m["source"], m["target"], m["unit"],
                               TranslationUnit({src: m["source"], tgt: m["target"]}, m.get("tuid"), m.get("document")),
                               m.get("repeats", 1))
                         for m in result["matches"][tgt]]
