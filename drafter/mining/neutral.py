"""Words specific to a genre, worked out from the corpus: what may be borrowed by another genre.

A word is specific when it recurs in a genre's material (its headings and most general phrases) and
appears in few other genres: 我院, 行风 for a hospital's 行风建设, 审计 for an audit bureau. A phrase
is neutral for a genre when it carries no word specific to another genre; such phrases may be
offered to a genre that lacks them. Nothing here is a hand list: the distribution decides.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
MIN_REPEATS = 2  # a word seen once in a genre does not characterise it
SHORTEST, LONGEST = 2, 6


@dataclass(frozen=True)
class Specificity:
    """word -> the genres it is specific to."""

    words: dict[str, frozenset[str]]

    @classmethod
    def of(
        cls,
        materials: dict[str, list[str]],
        common: frozenset[str] = frozenset(),
        repeats: int = MIN_REPEATS,
        headings: dict[str, list[str]] | None = None,
        words_of: Callable[[str], list[str]] | None = None,
    ) -> Specificity:
        """Specific words from each genre's texts (no genre to contrast with: nothing is specific); `common`: words
        never specific (used widely elsewhere); `repeats`: how often a genre must use a word for it to be its own;
        `headings`: texts of a genre whose words are its own at once (headings name lines of work)."""
        (found,) = cls.of_each(materials, common, (repeats,), headings, words_of)
        return found

    @classmethod
    def of_each(
        cls,
        materials: dict[str, list[str]],
        common: frozenset[str],
        repeats: tuple[int, ...],
        headings: dict[str, list[str]] | None = None,
        words_of: Callable[[str], list[str]] | None = None,
    ) -> tuple[Specificity, ...]:
        """`of` for each of several `repeats`, from one count of the words (the count is the cost)."""
        if len(materials) < 2:
            return tuple(cls({}) for _ in repeats)
        from drafter.mining.lexicon import lexicon

        # Forward matching alone: the counts need the words, not the best reading of every boundary.
        words_of, plain = words_of or lexicon().forward, lexicon().names_no_topic
        limit = max(1, len(materials) // 4)
        genres_of: dict[str, set[str]] = {}
        most: dict[str, float] = {}  # the most a genre uses the word (a heading's word: without limit)
        for genre, texts in materials.items():
            words = (w for text in texts for w in words_of(text))
            # Counted first, then each distinct word judged once (not at every occurrence).
            tally = Counter(w for w in words if len(w) > 1)
            counts = {w: n for w, n in tally.items() if _WORD.match(w) and not plain(w)}
            named = {w for text in (headings or {}).get(genre, []) for w in words_of(text)}
            for word, count in counts.items():
                genres_of.setdefault(word, set()).add(genre)
                most[word] = max(most.get(word, 0), math.inf if word in named else count)
        candidates = {
            word: frozenset(genres)
            for word, genres in genres_of.items()
            if len(genres) <= limit and len(word) <= LONGEST and word not in common
        }
        return tuple(cls({w: g for w, g in candidates.items() if most[w] >= least}) for least in repeats)

    @staticmethod
    def widely_used(
        materials: list[list[str]],
        register: list[str] | None = None,
        words_of: Callable[[str], list[str]] | None = None,
    ) -> frozenset[str]:
        """Words that more than an eighth of these documents (and more than two) use, and every word of `register`
        (sentences anyone may sign): the register anyone writes in (加强, 完善, 不够), never one writer's own line of
        work."""
        from drafter.mining.lexicon import lexicon

        words_of = words_of or lexicon().forward
        used = Counter(word for texts in materials for word in {w for text in texts for w in words_of(text)})
        limit = max(2, len(materials) // 8)
        anyones = {w for text in register or [] for w in words_of(text)}
        return frozenset(word for word, documents in used.items() if documents > limit) | anyones

    def genres_in(self, text: str) -> set[str]:
        """The genres whose specific words occur in `text` (words are found by their first two characters)."""
        found: set[str] = set()
        by_prefix = self._by_prefix()
        for start in range(len(text) - 1):
            candidates = by_prefix.get(text[start : start + 2])
            if candidates:
                for word, genres in candidates:
                    if text.startswith(word, start):
                        found |= genres
        return found

    def _by_prefix(self) -> dict[str, list[tuple[str, frozenset[str]]]]:
        """Specific words grouped by their first two characters (built once)."""
        cached: dict[str, list[tuple[str, frozenset[str]]]] | None = self.__dict__.get("_prefixes")
        if cached is None:
            cached = {}
            for word, genres in self.words.items():
                cached.setdefault(word[:2], []).append((word, genres))
            object.__setattr__(self, "_prefixes", cached)
        return cached

    def neutral(self, text: str, genre: str | None) -> bool:
        """Carries no word specific to a genre other than `genre` (None: to any genre)."""
        return not (self.genres_in(text) - ({genre} if genre else set()))

    def specific_to(self, text: str, genre: str) -> bool:
        """Carries a word specific to `genre`."""
        return genre in self.genres_in(text)


class SegmentedOnce:
    """Forward-matched words of texts, each text segmented once: reducing reads the same documents' texts for the
    register, for each genre's writers and for the corpus's writers. The words are kept as one string a text (a
    list of short strings costs ten times the memory), and at most `limit` texts are kept."""

    _SEPARATOR = "\x1f"  # never in a text drafter reads: control characters are cleaned away

    def __init__(self, limit: int = 200_000) -> None:
        from drafter.mining.lexicon import lexicon

        self._forward = lexicon().forward
        self._seen: dict[str, str] = {}
        self._limit = limit

    def __call__(self, text: str) -> list[str]:
        """The words of `text`."""
        joined = self._seen.get(text)
        if joined is not None:
            return joined.split(self._SEPARATOR) if joined else []
        words = self._forward(text)
        if len(self._seen) >= self._limit:
            self._seen.clear()  # a bound on memory: an archive's texts are segmented again rather than all kept
        self._seen[text] = self._SEPARATOR.join(words)
        return words
