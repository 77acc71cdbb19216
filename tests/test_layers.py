"""The data flows one way (corpus -> segment -> align -> memory -> query / export / check), and so do imports:
each package imports only the layers below it, never a package beside it or above it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tm"

LAYERS = [
    {"errors", "records", "fsutil", "xmlsafe", "lang"},  # what every stage speaks
    {"formats"},  # exchange formats and their codecs (TMX, PO, XLIFF, CSV, vecalign links)
    {"segment", "align", "memory", "terms"},  # the stages, none of which knows another
    {"report"},  # reports on what the stages made
    {"commands"},  # the application layer: stages wired into the jobs users ask for
    {"views", "server"},  # how results are shown (text, JSON); the team server beside the command line
    {"cli"},  # the command line: parse, validate, call a command, render
    {"__main__"},
]
LAYER_OF = {name: depth for depth, names in enumerate(LAYERS) for name in names}


def imports() -> set[tuple[str, str, str]]:
    """(importing package, imported package, file) for every `tm.*` import between two packages."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        owner = parts[0] if len(parts) > 1 else path.stem
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if name.startswith("tm.") and name.split(".")[1] != owner:
                    found.add((owner, name.split(".")[1], str(path.relative_to(PACKAGE.parent))))
    return found


def test_every_package_has_a_layer():
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert packages | modules == set(LAYER_OF)


def test_no_package_imports_beside_or_above_itself():
    wrong = sorted((f, a, b) for a, b, f in imports()
                   if LAYER_OF[b] > LAYER_OF[a] or (LAYER_OF[b] == LAYER_OF[a] and LAYER_OF[a] > 0 and a != b))
    assert wrong == []
