"""What `tm segment` prints and writes, kept out of the CLI so it can be tested and reused."""

from __future__ import annotations

import json
import shutil

from tm.fsutil import atomic_write
from tm.segment.segmenter import RULES_PATH, segment_file


def render(path: str, lang: str, as_json: bool) -> str:
    segments = segment_file(path, lang)
    if as_json:
        rows = [{"index": s.index, "kind": s.kind, "start": s.start, "end": s.end, "text": s.text} for s in segments]
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    return "".join(s.text + "\n" for s in segments)


def export_srx(out: str) -> None:
    with atomic_write(out, "wb") as handle, RULES_PATH.open("rb") as rules:
        shutil.copyfileobj(rules, handle)
