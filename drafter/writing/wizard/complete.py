"""Phrase search while typing: a prompt_toolkit completer over the phrase bank.

The bank's texts are joined into one string once; a keystroke looks for the rarest character of the
longest typed word with str.find (a C loop, and fastest for a single character), checks the word there,
and the other words only in the phrases it lands in. A word with a character the bank does not have
matches nothing at once; a word found nowhere is remembered, so typing on after it costs nothing.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from drafter.models import ROLE_NAMES, Phrase

MAX_SHOWN = 30
_SEPARATOR = "\n"  # never inside a phrase


class PhraseCompleter(Completer):
    """Phrases containing every typed word, in the order given (the caller ranks them: 常用语 first; texts are
    prepared once)."""

    def __init__(self, phrases: list[Phrase]) -> None:
        ranked = list(phrases)
        self.phrases = ranked
        self.texts = [p.text for p in ranked]
        self.folded = [t.lower().replace(_SEPARATOR, " ") for t in self.texts]
        self.by_text = {p.text: p for p in ranked}
        self.joined = _SEPARATOR.join(self.folded)
        self.absent: set[str] = set()  # words found nowhere: a query containing one matches nothing
        self.counts = Counter(self.joined)  # how often each character occurs: the rarest one is searched for
        self.offsets: list[int] = []
        position = 0
        for text in self.folded:
            self.offsets.append(position)
            position += len(text) + 1

    def matches(self, query: str, limit: int = MAX_SHOWN) -> list[Phrase]:
        """The first `limit` phrases (in bank order) that contain every word of the query."""
        words = query.lower().split()
        if not words:
            return self.phrases[:limit]
        if any(gone in word for word in words for gone in self.absent):
            return []  # typing on after a word that matches nothing: still nothing, at no cost
        anchor = max(words, key=len)
        if any(character not in self.counts for character in anchor):
            self.absent.add(anchor)
            return []
        others = [w for w in words if w is not anchor]
        # Looking for one character is much faster than for a word: look for the anchor's rarest character
        # and check the anchor around each place it occurs.
        pivot = min(anchor, key=lambda character: self.counts[character])
        shift = anchor.index(pivot)
        found: list[Phrase] = []
        cursor, seen_any = shift, False
        while len(found) < limit:
            position = self.joined.find(pivot, cursor)
            if position < 0:
                break
            cursor = position + 1
            start = position - shift
            if not self.joined.startswith(anchor, start):
                continue
            seen_any = True
            index = bisect.bisect_right(self.offsets, start) - 1
            if all(word in self.folded[index] for word in others):
                found.append(self.phrases[index])
            cursor = self.offsets[index] + len(self.folded[index]) + 1 + shift
        if not seen_any and len(found) < limit:
            self.absent.add(anchor)
        return found

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        """Completions replacing everything typed so far."""
        query = document.text_before_cursor
        for phrase in self.matches(query):
            yield Completion(
                phrase.text,
                start_position=-len(query),
                display_meta=f"{ROLE_NAMES.get(phrase.role, phrase.role)} · {phrase_note(phrase)}",
            )


def phrase_note(phrase: Phrase) -> str:
    """常用语 · 3 篇 / 常用语 · 借用 / 范例 · 参考：《县审计局2023年工作总结》: what a phrase is and where it is from."""
    if phrase.tier == "范例":
        from drafter.bank.catalog import source_name

        return f"范例 · 参考：《{source_name(phrase)}》"
    only = phrase.seen_only_in()
    return "常用语 · " + ("借用" if phrase.borrowed else f"仅见于《{only}》" if only else f"{phrase.documents} 篇")
