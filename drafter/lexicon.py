"""A compact Chinese lexicon: the words and parts of speech of jieba's dictionary, plus the 公文 terms of
corpus/terms.yaml, in a few megabytes.

jieba itself holds its dictionary in Python dicts of about 170 MB per process; every mining worker
would pay that. Here the words, the place names and the words that never name a topic are three Bloom
filters of 5 MB in all, built once per process by streaming the dictionary file (about 0.5 s).
Segmentation is forward maximum matching, which is what boundary checks on short texts need.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LONGEST_WORD = 6
TERMS_FILE = "corpus/terms.yaml"


# Parts of speech that never name a topic: time words (当前), adverbs, pronouns, numerals, directions,
# idioms and set expressions (任重道远), adjectives. Nouns and verbs (我院, 审计) can.
NEVER_TOPIC = frozenset(
    [
        "t",
        "tg",
        "d",
        "p",
        "c",
        "u",
        "uj",
        "ul",
        "uz",
        "uv",
        "ud",
        "ug",
        "r",
        "rr",
        "rz",
        "m",
        "mq",
        "q",
        "f",
        "y",
        "e",
        "o",
        "x",
        "i",
        "l",
        "a",
        "ad",
        "an",
        "ag",
        "z",
        "zg",
        "s",
    ]
)


class BitSet:
    """A set of words in a fixed number of bits (a Bloom filter: three bit positions a word, taken from its
    hash). One word in about 40,000 not in the set is taken to be in it; that is good enough here."""

    def __init__(self, bits: int) -> None:
        self.mask = (1 << bits) - 1
        self.bits = bits
        self.data = bytearray((1 << bits) // 8)

    def _positions(self, key: int) -> tuple[int, int, int]:
        key &= 0x7FFFFFFFFFFFFFFF
        return key & self.mask, (key >> self.bits) & self.mask, ((key >> 40) ^ (key * 2654435761)) & self.mask

    def add(self, word: str) -> None:
        for position in self._positions(hash(word)):
            self.data[position >> 3] |= 1 << (position & 7)

    def __contains__(self, word: str) -> bool:
        # Written out (not through _positions): this runs hundreds of thousands of times a megabyte.
        key = hash(word) & 0x7FFFFFFFFFFFFFFF
        mask, data = self.mask, self.data
        first = key & mask
        if not data[first >> 3] >> (first & 7) & 1:
            return False
        second = (key >> self.bits) & mask
        if not data[second >> 3] >> (second & 7) & 1:
            return False
        third = ((key >> 40) ^ (key * 2654435761)) & mask
        return bool(data[third >> 3] >> (third & 7) & 1)


class Lexicon:
    """The dictionary's words, its place names, and its words that never name a topic."""

    def __init__(self, words: BitSet, places: BitSet, plain: BitSet) -> None:
        self.words, self.places, self.plain = words, places, plain

    def known(self, word: str) -> bool:
        """The dictionary lists this word."""
        return word in self.words

    def place(self, word: str) -> bool:
        """The dictionary tags this word as a place (ns): 濉溪县, 华阳."""
        return word in self.places

    def names_no_topic(self, word: str) -> bool:
        """An adverb, a time word, an idiom …: a word that never makes a text specific to a genre."""
        return word in self.plain

    def segment(self, text: str) -> list[str]:
        """Words of a text by maximum matching from both ends; the reading with fewer words (then fewer
        single characters) wins, as 区政协提案办理 reads 区/政协/提案/办理 from the end, not 区政/协 from the start."""
        forward, backward = self.forward(text), self._backward(text)

        def cost(words: list[str]) -> tuple[int, int]:
            return (len(words), sum(len(w) == 1 for w in words))

        return forward if cost(forward) < cost(backward) else backward

    def forward(self, text: str) -> list[str]:
        """Longest known word at each position, left to right (an unknown character stands alone)."""
        words, known, position, size = [], self.words.__contains__, 0, len(text)
        while position < size:
            length = min(LONGEST_WORD, size - position)
            while length > 1 and not known(text[position : position + length]):
                length -= 1
            words.append(text[position : position + length])
            position += length
        return words

    def _backward(self, text: str) -> list[str]:
        """Longest known word ending at each position, right to left."""
        words, known, end = [], self.words.__contains__, len(text)
        while end > 0:
            length = min(LONGEST_WORD, end)
            while length > 1 and not known(text[end - length : end]):
                length -= 1
            words.append(text[end - length : end])
            end -= length
        return words[::-1]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of this process (built on first use)."""
    import jieba

    words, places, plain = BitSet(25), BitSet(22), BitSet(22)
    path = Path(jieba.__file__).parent / "dict.txt"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 3 and 2 <= len(parts[0]) <= LONGEST_WORD:
                words.add(parts[0])
                if parts[2] == "ns":
                    places.add(parts[0])
                elif parts[2] in NEVER_TOPIC:
                    plain.add(parts[0])
    for term in terms():
        words.add(term)
    return Lexicon(words, places, plain)


@lru_cache(maxsize=1)
def terms() -> tuple[str, ...]:
    """The fixed 公文 terms of corpus/terms.yaml (党史学习教育, 乡村振兴 …)."""
    from drafter.models import Terms
    from drafter.resources import bundled
    from drafter.store import load_yaml_model

    return tuple(load_yaml_model(bundled(TERMS_FILE), Terms).terms)
