"""`drafter genres` and the genre `format` records: the genre registry (and the manifest) as their models last read
them.

Listing the genres reads two small files, but validating them means loading pydantic, the models and YAML: more
than half of a cold `drafter genres`, and a quarter of a cold `drafter format` (which names the genre of the
document it lays out). What the models made of the files is kept in the cache directory under a digest of the
files' bytes and of the models' source, so while neither changes it is read from there. A file that changed (or a
drafter whose models changed) is read and validated again, and any error in it is the error the model gives;
nothing that was not validated as it stands is ever used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from drafter.bank.templates import GENRES_FILE, MANIFEST_FILE, resolve_templates
from drafter.errors import UserError
from drafter.resources import PACKAGE_DIR

FORMAT = "drafter-genre-listing-1"
MATCHERS_FORMAT = "drafter-genre-matchers-1"
TERMS_FORMAT = "drafter-fixed-terms-1"
# The source of the models the files are validated by: a drafter whose models changed reads the files again.
_MODELS = PACKAGE_DIR / "models.py"
_KEPT = 32  # listings kept in the cache, the most recently written


def genre_rows(templates_option: Path | None) -> list[dict[str, Any]]:
    """id, name, documents, sections, phrases and description of every genre in the registry (counts from the
    manifest; no bank is read)."""
    templates = resolve_templates(templates_option)
    return _kept(_digest(templates), "genres", lambda: _validated_rows(templates), _well_formed)


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


class GenreKeys(NamedTuple):
    """What deciding a document's genre reads of one genre of the registry (mining.genres.Matchable)."""

    name: str
    keywords: tuple[str, ...]
    units: tuple[str, ...]
    discovered: bool


def genre_keys(registry: Path) -> list[GenreKeys]:
    """The genres of a registry file as deciding a document's genre reads them, validated by GenreRegistry the
    first time these bytes (and these models) are seen, and read from the cache after."""

    def validated() -> list[Any]:
        from drafter.mining.genres import load_genres

        return [[g.name, list(g.keywords), list(g.units), g.discovered] for g in load_genres(registry)]

    kept = _kept(_file_digest(MATCHERS_FORMAT, registry), "matchers", validated, _well_formed_keys)
    return [GenreKeys(name, tuple(keywords), tuple(units), discovered) for name, keywords, units, discovered in kept]


def fixed_terms(path: Path) -> tuple[str, ...]:
    """The fixed terms of a terms file (corpus/terms.yaml) as the Terms model read them, validated the first time
    these bytes (and these models) are seen, and read from the cache after."""

    def validated() -> list[Any]:
        from drafter.bank.store import load_yaml_model
        from drafter.models import Terms

        return list(load_yaml_model(path, Terms).terms)

    return tuple(_kept(_file_digest(TERMS_FORMAT, path), "terms", validated, _well_formed_terms))


def _kept(
    key: str | None, name: str, validated: Callable[[], list[Any]], well_formed: Callable[[object], bool]
) -> list[Any]:
    """What `validated` makes of files: from the cache while `key` (a digest of their bytes and the models) is as
    when it was kept, else validated now (its errors are the model's) and kept; None: never kept."""
    place = _place(key, name) if key else None
    if place is not None:
        with contextlib.suppress(OSError, ValueError):
            kept = json.loads(place.read_bytes())
            if well_formed(kept):
                return list(kept)
    made = validated()
    if place is not None:
        _remember(place, made)
    return made


def _well_formed_keys(kept: object) -> bool:
    """Genre keys as genre_keys keeps them (anything else in the cache is read again)."""
    return isinstance(kept, list) and all(
        isinstance(row, list)
        and len(row) == len(GenreKeys._fields)
        and isinstance(row[0], str)
        and all(isinstance(words, list) and all(isinstance(w, str) for w in words) for words in row[1:3])
        and type(row[3]) is bool
        for row in kept
    )


def _well_formed_terms(kept: object) -> bool:
    """Terms as fixed_terms keeps them."""
    return isinstance(kept, list) and all(isinstance(term, str) for term in kept)


def _file_digest(kind: str, path: Path) -> str | None:
    """A digest of one file's bytes and the models' source (None when either cannot be read)."""
    from drafter.files import read_bytes

    digest = hashlib.sha256(kind.encode())
    try:
        digest.update(_MODELS.read_bytes())
        content = read_bytes(path)
    except (OSError, UserError):
        return None
    digest.update(f"\0{len(content)}\0".encode())
    digest.update(content)
    return digest.hexdigest()


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


def _place(key: str, kind: str = "genres") -> Path | None:
    """Where the listing of this digest is kept (None without a cache directory)."""
    from drafter.resources import user_cache_dir

    try:
        return user_cache_dir() / "listings" / f"{kind}-{key[:32]}.json"
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None


def _remember(place: Path, rows: list[Any]) -> None:
    """Keep a validated listing (a cache that cannot be written is no error), and only the latest few."""
    from drafter.files import write_atomic

    with contextlib.suppress(OSError, UserError):
        write_atomic(place, json.dumps(rows, ensure_ascii=False))
        kind = place.name.split("-", 1)[0]
        kept = sorted(place.parent.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[_KEPT:]:
            old.unlink(missing_ok=True)
