"""A real CAT tool reads our memory: OmegaT, in console mode, translates an English resolution from
build/memory.tmx with our clause rules as the project's segmentation, for each target language."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tm.commands.omegat import DEFAULT_TOKENIZER, PROJECT, TOKENIZERS
from tm.segment.markdown import plain_document
from tm.segment.omegat import write_segmentation_conf

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
DOCUMENT = "ba-trafficking-in-human-beings"

pytestmark = pytest.mark.skipif(not (OMEGAT_JAR.is_file() and shutil.which("java")),
                                reason="OmegaT not installed (Debian package omegat; .ci/run installs it as root)")



@pytest.fixture(scope="module")
def memory(built) -> tuple[Path, dict[str, list]]:
    return built.out / "memory.tmx", built.units


def omegat_translate(tmp_path: Path, source: Path, memory: Path, target: str) -> str:
    project = tmp_path / f"omegat-{target}"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    settings = PROJECT.format(source="EN-GB", target=target.upper(), source_tok=TOKENIZERS["en"],
                              target_tok=DEFAULT_TOKENIZER)
    (project / "omegat.project").write_text(settings, encoding="utf-8")
    (project / "source" / f"{DOCUMENT}.txt").write_text(plain_document(source.read_text(encoding="utf-8")),
                                                          encoding="utf-8")
    shutil.copy(memory, project / "tm" / "auto" / "memory.tmx")
    write_segmentation_conf(project / "omegat" / "segmentation.conf")
    subprocess.run(["java", "-Djava.awt.headless=true", "-jar", str(OMEGAT_JAR), str(project),
                    "--mode=console-translate", f"--config-dir={tmp_path / 'omegat-config'}",
                    "--disable-project-locking", "--no-team"], check=True, capture_output=True, timeout=300)
    return (project / "target" / f"{DOCUMENT}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("target", ["et", "lv", "lt"])
def test_omegat_fills_every_clause_from_the_memory(tmp_path, corpora, memory, target):
    tmx, units = memory
    translated = omegat_translate(tmp_path, corpora / "en" / f"{DOCUMENT}.md", tmx, target)
    whole_clause_units = [u for u in units[DOCUMENT] if target in u.variants and "en" in u.variants
                          and len(u.clauses["en"]) == 1]
    assert whole_clause_units, "the memory holds no clause of this document in " + target
    missing = [u.variants["en"] for u in whole_clause_units if u.variants[target] not in translated]
    assert missing == []
    untranslated = [u.variants["en"] for u in whole_clause_units if u.variants["en"] in translated]
    assert untranslated == []
