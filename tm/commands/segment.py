"""`tm segment`: a document's clauses, and the rules that cut them in the forms CAT tools read."""

from __future__ import annotations

import shutil
from pathlib import Path

from tm.fsutil import atomic_write
from tm.records import Segment
from tm.segment import RULES_PATH, segment_file
from tm.segment.omegat import write_segmentation_conf


def segment(path: str | Path, lang: str) -> list[Segment]:
    return segment_file(path, lang)


def export_srx(out: str | Path) -> Path:
    """The rules as SRX 2.0, for OmegaT, Okapi and other tools that read SRX."""
    with atomic_write(out, "wb") as handle, RULES_PATH.open("rb") as rules:
        shutil.copyfileobj(rules, handle)
    return Path(out)


def export_omegat(out: str | Path) -> Path:
    """The rules as an OmegaT 3.x project's omegat/segmentation.conf (OmegaT 3.6 reads no SRX for a project)."""
    write_segmentation_conf(out)
    return Path(out)
