"""Phrase search while typing: a prompt_toolkit completer over the phrase bank."""

from __future__ import annotations

from collections.abc import Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from drafter.models import ROLE_NAMES, Phrase

MAX_SHOWN = 30


class PhraseCompleter(Completer):
    """Phrases containing every typed word, most used first (texts are prepared once)."""

    def __init__(self, phrases: list[Phrase]) -> None:
        ranked = sorted(phrases, key=lambda p: (p.status not in ("accepted", "edited"), -p.count))
        self.phrases = ranked
        self.texts = [p.text for p in ranked]
        self.folded = [t.lower() for t in self.texts]
        self.by_text = {p.text: p for p in ranked}

    def matches(self, query: str, limit: int = MAX_SHOWN) -> list[Phrase]:
        """The first `limit` phrases that contain every word of the query."""
        words = query.lower().split()
        found = []
        for index, text in enumerate(self.folded):
            if all(word in text for word in words):
                found.append(self.phrases[index])
                if len(found) >= limit:
                    break
        return found

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        """Completions replacing everything typed so far."""
        query = document.text_before_cursor
        for phrase in self.matches(query):
            yield Completion(
                phrase.text,
                start_position=-len(query),
                display_meta=f"{ROLE_NAMES.get(phrase.role, phrase.role)} ×{phrase.count}",
            )
