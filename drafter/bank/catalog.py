"""Read-side views of the templates: genre listing, phrase filtering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.bank.templates import (
    find_genre,
    load_bank,
    load_manifest,
    load_registry,
    load_reviews,
    resolve_templates,
)
from drafter.models import Phrase


def genre_rows(templates_option: Path | None) -> list[dict[str, Any]]:
    """id, name, documents, sections and phrases of every genre in the registry (from the manifest alone)."""
    templates = resolve_templates(templates_option)
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
        phrases = offered(phrases, role)
    if search:
        phrases = [p for p in phrases if search in p.text]
    return phrases


def genre_names(templates_option: Path | None) -> dict[str, str]:
    """Genre id -> the Chinese name a person knows it by (shenji -> 审计)."""
    return {genre.id: genre.name for genre in load_registry(resolve_templates(templates_option))}


def offered(phrases: list[Phrase], role: str) -> list[Phrase]:
    """The phrases of a role as the wizard offers them (and `drafter phrases GENRE --role R` lists them):
    accepted ones first, then the genre's own before borrowed ones, those that fit the role, most general first."""
    from drafter.mining.sentences import fits_role

    usable = [p for p in phrases if p.role == role and p.status != "rejected"]
    return sorted(
        usable,
        key=lambda p: (
            p.status not in ("accepted", "edited"),
            p.borrowed,
            not fits_role(p.text, role),
            tuple(-g for g in p.generality()),
        ),
    )
