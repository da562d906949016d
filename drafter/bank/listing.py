"""`drafter genres`: the genre registry and the manifest as their models last read them.

Listing the genres reads two small files, but validating them means loading pydantic, the models and YAML: more
than half of a cold `drafter genres`. What the models made of the files is kept in the cache directory under a
digest of the files' bytes and of the models' source, so while neither changes the listing is read from there. A
file that changed (or a drafter whose models changed) is read and validated again, and any error in it is the
error the model gives; nothing that was not validated as it stands is ever listed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from drafter.bank.templates import GENRES_FILE, MANIFEST_FILE, resolve_templates
from drafter.errors import UserError
from drafter.resources import PACKAGE_DIR

FORMAT = "drafter-genre-listing-1"
# The source of the models the files are validated by: a drafter whose models changed reads the files again.
_MODELS = PACKAGE_DIR / "models.py"
_KEPT = 32  # listings kept in the cache, the most recently written


def genre_rows(templates_option: Path | None) -> list[dict[str, Any]]:
    """id, name, documents, sections, phrases and description of every genre in the registry (counts from the
    manifest; no bank is read)."""
    templates = resolve_templates(templates_option)
    key = _digest(templates)
    place = _place(key) if key else None
    if place is not None:
        with contextlib.suppress(OSError, ValueError):
            rows = json.loads(place.read_bytes())
            if _well_formed(rows):
                return rows
    rows = _validated_rows(templates)
    if place is not None:
        _remember(place, rows)
    return rows


_TEXTS = ("id", "name", "description")
_COUNTS = ("documents", "sections", "phrases")


def _well_formed(rows: object) -> bool:
    """A listing as _validated_rows writes it (anything else in the cache, damaged or not drafter's, is read again)."""
    return isinstance(rows, list) and all(
        isinstance(row, dict)
        and row.keys() == {*_TEXTS, *_COUNTS}
        and all(isinstance(row[key], str) for key in _TEXTS)
        and all(type(row[key]) is int for key in _COUNTS)
        for row in rows
    )


def _validated_rows(templates: Path) -> list[dict[str, Any]]:
    """The rows read through the models (GenreRegistry, Manifest): errors name the file and the field."""
    from drafter.bank.templates import load_manifest, load_registry

    manifest = load_manifest(templates)
    counts = {c.id: c for c in manifest.genres} if manifest else {}
    rows = []
    for genre in load_registry(templates):
        mined = counts.get(genre.id)
        rows.append(
            {
                "id": genre.id,
                "name": genre.name,
                "documents": mined.documents if mined else 0,
                "sections": mined.sections if mined else 0,
                "phrases": mined.phrases if mined else 0,
                "description": genre.description,
            }
        )
    return rows


def _digest(templates: Path) -> str | None:
    """A digest of the registry's and the manifest's bytes and the models' source (None when one cannot be read:
    reading through the models says why)."""
    from drafter.files import read_bytes

    digest = hashlib.sha256(FORMAT.encode())
    try:
        digest.update(_MODELS.read_bytes())
        for name in (GENRES_FILE, MANIFEST_FILE):
            path = templates / name
            if name == MANIFEST_FILE and not path.exists():
                digest.update(b"\0no manifest")
                continue
            content = read_bytes(path)
            digest.update(f"\0{name}\0{len(content)}\0".encode())
            digest.update(content)
    except (OSError, UserError):
        return None
    return digest.hexdigest()


def _place(key: str) -> Path | None:
    """Where the listing of this digest is kept (None without a cache directory)."""
    from drafter.resources import user_cache_dir

    try:
        return user_cache_dir() / "listings" / f"genres-{key[:32]}.json"
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None


def _remember(place: Path, rows: list[dict[str, Any]]) -> None:
    """Keep a validated listing (a cache that cannot be written is no error), and only the latest few."""
    from drafter.files import write_atomic

    with contextlib.suppress(OSError, UserError):
        write_atomic(place, json.dumps(rows, ensure_ascii=False))
        kept = sorted(place.parent.glob("genres-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[_KEPT:]:
            old.unlink(missing_ok=True)
