"""Reading a memory back as comparable rows, for tests that check what an operation did or did not change."""

from __future__ import annotations

from tm.memory import open_memory


def units_of(path, langs=None) -> list[tuple]:
    """What a memory says, as comparable rows: document, id, texts, and the unit's other attributes."""
    with open_memory(path, readonly=True) as store:
        return sorted((u.document or "", u.tuid or "", sorted(u.variants.items()), u.kind, u.score,
                       sorted(u.props.items()), u.usage_count) for u in store.units(langs))
