"""Phrase search while typing: a prompt_toolkit completer over the one phrase search (drafter/bank/search.py).

The completer holds a view of indexed banks; a keystroke is one indexed query of a few milliseconds
whatever the bank's size, so nothing is prepared when the picker opens.
"""

from __future__ import annotations

from collections.abc import Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from drafter.bank.search import Bank, BankView
from drafter.models import ROLE_NAMES, Phrase

MAX_SHOWN = 30


class PhraseCompleter(Completer):
    """Phrases containing every typed word, as the view offers them (常用语 first)."""

    def __init__(self, phrases: BankView | list[Phrase]) -> None:
        self.view = phrases if isinstance(phrases, BankView) else Bank.of(phrases).view()

    def matches(self, query: str, limit: int = MAX_SHOWN) -> list[Phrase]:
        """The first `limit` phrases, as offered, that contain every word of the query."""
        return self.view.matches(query, limit)

    def exact(self, text: str) -> Phrase | None:
        """The phrase whose text is exactly what a completion put in the box."""
        return self.view.exact(text)

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


class HeadingCompleter(Completer):
    """Headings for Tab: all of them at once while the box still holds the suggestion (or nothing), those
    containing every typed word once the person types; a choice replaces the whole box."""

    def __init__(self, words: Iterable[str], suggestion: str = "") -> None:
        self.words = list(dict.fromkeys(words))
        self.suggestion = suggestion

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        """Every heading for an untouched box; else the headings with every typed word."""
        typed = document.text
        if typed.strip() in ("", self.suggestion):
            shown = self.words
        else:
            parts = typed.split()
            shown = [word for word in self.words if all(part in word for part in parts)]
        for word in shown:
            yield Completion(word, start_position=-len(document.text_before_cursor))
