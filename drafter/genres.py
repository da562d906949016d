"""The genre registry (templates/genres.yaml) and a title's provisional genre."""

from __future__ import annotations

from pathlib import Path

from drafter.models import Genre, GenreRegistry
from drafter.resources import bundled
from drafter.store import load_yaml_model

GENERAL_GENRE = "通用"


def load_genres(path: Path | None = None) -> list[Genre]:
    """The genres of the registry (the bundled templates/genres.yaml by default)."""
    return load_yaml_model(path or bundled("templates/genres.yaml"), GenreRegistry).genres


def classify_title(title: str, genres: list[Genre]) -> str:
    """The name of the genre whose longest keyword occurs in the title; 通用 when none does."""
    best: tuple[int, int] | None = None
    best_name = GENERAL_GENRE
    for order, genre in enumerate(genres):
        for keyword in genre.keywords:
            if keyword and keyword in title:
                rank = (len(keyword), -order)
                if best is None or rank > best:
                    best, best_name = rank, genre.name
    return best_name
