"""Read-side views of the templates: genre listing, phrase filtering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.models import Phrase
from drafter.templates import (
    PHRASES_DIR,
    SKELETONS_DIR,
    find_genre,
    load_bank,
    load_registry,
    load_reviews,
    load_skeleton,
    resolve_templates,
)


def genre_rows(templates_option: Path | None) -> list[dict[str, Any]]:
    """id, name, documents, sections and phrases of every genre in the registry."""
    templates = resolve_templates(templates_option)
    reviews = load_reviews(templates)
    rows = []
    for genre in load_registry(templates):
        mined = (templates / SKELETONS_DIR / f"{genre.id}.yaml").exists()
        skeleton = load_skeleton(templates, genre) if mined else None
        phrases = (
            load_bank(templates, genre, reviews) if (templates / PHRASES_DIR / f"{genre.id}.yaml").exists() else []
        )
        rows.append(
            {
                "id": genre.id,
                "name": genre.name,
                "documents": skeleton.documents if skeleton else 0,
                "sections": len(skeleton.sections()) if skeleton else 0,
                "phrases": len(phrases),
                "description": genre.description,
            }
        )
    return rows


def select_phrases(
    templates_option: Path | None, genre_query: str | None, role: str | None, search: str | None
) -> list[Phrase]:
    """Phrases of one genre (or every genre), optionally of one role and containing a word."""
    templates = resolve_templates(templates_option)
    registry = load_registry(templates)
    genres = [find_genre(genre_query, registry)] if genre_query else registry
    reviews = load_reviews(templates)
    phrases = [p for g in genres for p in load_bank(templates, g, reviews)]
    if role:
        phrases = [p for p in phrases if p.role == role]
    if search:
        phrases = [p for p in phrases if search in p.text]
    return phrases
