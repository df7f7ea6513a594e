"""Load the reference vocabularies from the repository's YAML into the database (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from zhongshi.core.yaml_files import load_yaml
from zhongshi.reference.models import ReferenceItem, Vocabulary

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "vocabularies.yaml"


def read_vocabularies(path: Path = DATA_FILE) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        document = load_yaml(handle)
    return list(document["vocabularies"])


@transaction.atomic
def load_reference(*, path: Path = DATA_FILE) -> dict[str, int]:
    """Create or update every vocabulary and item; items no longer listed become inactive."""
    counts: dict[str, int] = {}
    for spec in read_vocabularies(path):
        vocabulary, _ = Vocabulary.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "source": spec.get("source", ""),
                "partial": bool(spec.get("partial", False)),
                "note": spec.get("note", ""),
                "groups": spec.get("groups", []),
            },
        )
        existing = {item.code: item for item in vocabulary.items.all()}
        seen: set[str] = set()
        for position, raw in enumerate(spec["items"], start=1):
            code = str(raw.get("code", raw["name"]))
            seen.add(code)
            values = {
                "name": raw["name"],
                "group": raw.get("group", ""),
                "description": raw.get("description", ""),
                "position": position,
                "active": True,
            }
            item = existing.get(code)
            if item is None:
                ReferenceItem.objects.create(vocabulary=vocabulary, code=code, **values)
            elif any(getattr(item, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(item, key, value)
                item.save()
        vocabulary.items.exclude(code__in=seen).update(active=False)
        counts[vocabulary.code] = len(seen)
    return counts
