"""Vabamorf, the reference Estonian morphological analyser, as an optional backend (from estnltk, if installed).

Only the analyser is used: lemmas, and a compound's parts (`tsiviil|kaitse|mehhanism`). estnltk's package
`__init__` imports pandas, NLTK and more that the analyser does not need (seconds, and it fails when they are
absent), so the analyser's own sub-package (a SWIG extension and its dictionaries, in the estnltk wheel) is
loaded directly; the regular import is the fallback. Nothing is downloaded: the dictionaries ship in the wheel.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def load_vabamorf():
    """A Vabamorf instance, or None when estnltk is not installed or its analyser cannot be loaded."""
    Vabamorf = _analyser_class()  # the analyser alone: estnltk's own __init__ takes seconds to import
    if Vabamorf is None:
        try:
            from estnltk.vabamorf.morf import Vabamorf  # type: ignore[import-not-found]
        except Exception:  # estnltk absent or broken
            return None
    try:
        return Vabamorf.instance()
    except Exception:
        return None


def _analyser_class():
    spec = importlib.util.find_spec("estnltk")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "vabamorf"
    if not (folder / "morf.py").is_file():
        return None
    name = "_tm_estnltk_vabamorf"
    if name not in sys.modules:
        package = importlib.util.spec_from_file_location(name, folder / "__init__.py",
                                                         submodule_search_locations=[str(folder)])
        module = importlib.util.module_from_spec(package)
        sys.modules[name] = module
        try:
            package.loader.exec_module(module)
        except Exception:
            del sys.modules[name]
            return None
    try:
        return importlib.import_module(f"{name}.morf").Vabamorf
    except Exception:
        return None


def analyse(analyser, word: str) -> tuple[set[str], list[list[str]]]:
    """The lemmas of an Estonian word (case-folded) and, per reading, its compound parts."""
    [result] = analyser.analyze([word], guess=True, propername=True, disambiguate=False)
    lemmas = {a["lemma"].replace("=", "").replace("_", "").casefold() for a in result["analysis"] if a["lemma"]}
    parts = [[p.replace("=", "").casefold() for p in a["root_tokens"]] for a in result["analysis"]
             if len(a["root_tokens"]) > 1]
    return lemmas, parts
