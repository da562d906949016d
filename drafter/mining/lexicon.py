"""A compact Chinese lexicon: the words of jieba's dictionary (with its place names, its verbs, its function
words, and the words whose part of speech never names a topic), plus the 公文 terms of corpus/terms.yaml,
in a few megabytes.

jieba itself holds its dictionary in Python dicts of about 170 MB per process; every mining worker
would pay that. Here the word sets are Bloom filters of about 5 MB in all, hashed with CRC-32 (stable
across processes). Building them from the dictionary takes about half a second; they are then kept in
the user's cache directory, keyed by the dictionary and the terms, and later runs read them in a few
milliseconds. Segmentation is maximum matching, which is what boundary checks on short texts need; it
looks up the first (or last) two characters of a candidate in a table of the words that begin (end) with
them, and asks the filter only about lengths some word of the dictionary has there.
"""

from __future__ import annotations

import contextlib
import hashlib
import zlib
from collections.abc import Iterator
from functools import cached_property, lru_cache
from pathlib import Path

LONGEST_WORD = 6
TERMS_FILE = "corpus/terms.yaml"
FORMAT = b"drafter-lexicon-6"
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
# Parts of speech of words that stand between names and never inside one: prepositions, conjunctions, adverbs,
# particles (针对, 并, 均, 在). A 化 word is never made from one of them.
FUNCTION_WORDS = frozenset(["p", "c", "d", "u", "uj", "ul", "uz", "uv", "ud", "ug"])
_SECOND_SEED = 0x9E3779B9


class BitSet:
    """A set of words in 2**bits bits (a Bloom filter: three bit positions a word, from two CRC-32 values).
    About one word in 40,000 that is not in the set is taken to be in it; that is good enough here."""

    def __init__(self, bits: int, data: bytes | None = None) -> None:
        self.mask = (1 << bits) - 1
        self.data = bytearray(data) if data is not None else bytearray((1 << bits) // 8)

    def add(self, word: str) -> None:
        self.add_hashed(*word_hashes(word))

    def add_hashed(self, first: int, second: int) -> None:
        """Add a word by its two hashes (`word_hashes`: one word goes into several sets, hashed once)."""
        mask, data = self.mask, self.data
        for position in (first & mask, second & mask, (first + 2 * second) & mask):
            data[position >> 3] |= 1 << (position & 7)

    def __contains__(self, word: str) -> bool:
        # Written out: this runs hundreds of thousands of times for a megabyte of text.
        encoded = word.encode("utf-8")
        mask, data = self.mask, self.data
        first = zlib.crc32(encoded)
        position = first & mask
        if not data[position >> 3] >> (position & 7) & 1:
            return False
        second = zlib.crc32(encoded, _SECOND_SEED)
        position = second & mask
        if not data[position >> 3] >> (position & 7) & 1:
            return False
        position = (first + 2 * second) & mask
        return bool(data[position >> 3] >> (position & 7) & 1)


def word_hashes(word: str) -> tuple[int, int]:
    """The two CRC-32 values a word's bit positions come from."""
    encoded = word.encode("utf-8")
    return zlib.crc32(encoded), zlib.crc32(encoded, _SECOND_SEED)


_SIZES = (("words", 25), ("places", 22), ("plain", 22), ("verbs", 22), ("functions", 20))


class Lexicon:
    """The dictionary's words, its place names, its words that never name a topic, its verbs and its function words."""

    def __init__(
        self,
        words: BitSet,
        places: BitSet,
        plain: BitSet,
        verbs: BitSet,
        functions: BitSet,
        edges: tuple[str, str] = ("", ""),
        doubled: frozenset[str] = frozenset(),
    ) -> None:
        self.words, self.places, self.plain = words, places, plain
        self.verbs, self.functions = verbs, functions
        self._edges = edges  # the tables of word starts and word ends, packed (see WordEdges)
        self.doubled = doubled  # common words of one character written twice (看看, 常常): see doubled_words

    @cached_property
    def _starts(self) -> Edges:
        """The first two characters of the dictionary's words (see Edges)."""
        return unpack_edges(self._edges[0])

    @cached_property
    def _ends(self) -> Edges:
        """The last two characters of the dictionary's words, the last one first (see Edges)."""
        return unpack_edges(self._edges[1])

    def for_segmenting(self) -> Lexicon:
        """This lexicon with the tables segmentation reads unpacked (in a parent before its workers fork: they
        then share the tables instead of each unpacking its own)."""
        self._starts, self._ends  # noqa: B018 (cached on first read)
        return self

    def known(self, word: str) -> bool:
        """The dictionary lists this word."""
        return word in self.words

    def place(self, word: str) -> bool:
        """The dictionary tags this word as a place (ns): 濉溪县, 华阳."""
        return word in self.places

    def verb(self, word: str) -> bool:
        """The dictionary tags this word as a verb (v): 破除, 改造, 推进 (not 建设, a verbal noun)."""
        return word in self.verbs

    def function_word(self, word: str) -> bool:
        """A preposition, conjunction, adverb or particle (针对, 并且, 均): never part of a name."""
        return word in self.functions

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
        words, known, starts, position, size = [], self.words.__contains__, self._starts, 0, len(text)
        while position < size:
            length, edges = 1, starts.get(text[position])
            if edges is not None and position + 1 < size:
                index = edges[0].find(text[position + 1])
                if index >= 0:
                    edge = ord(edges[1][index]) - _EDGE_BASE
                    length = min(edge & _LENGTH, size - position)
                    while length > 2 and not known(text[position : position + length]):
                        length -= 1
                    if length == 2 and not edge & _IS_WORD:
                        length = 1
            words.append(text[position : position + length])
            position += length
        return words

    def _backward(self, text: str) -> list[str]:
        """Longest known word ending at each position, right to left."""
        words, known, ends, end = [], self.words.__contains__, self._ends, len(text)
        while end > 0:
            length, edges = 1, ends.get(text[end - 1])
            if edges is not None and end >= 2:
                index = edges[0].find(text[end - 2])
                if index >= 0:
                    edge = ord(edges[1][index]) - _EDGE_BASE
                    length = min(edge & _LENGTH, end)
                    while length > 2 and not known(text[end - length : end]):
                        length -= 1
                    if length == 2 and not edge & _IS_WORD:
                        length = 1
            words.append(text[end - length : end])
            end -= length
        return words[::-1]

    def to_bytes(self) -> bytes:
        """The filters, the tables of word edges and the doubled words, for the cache file."""
        filters = b"".join(bytes(s.data) for s in (self.words, self.places, self.plain, self.verbs, self.functions))
        return FORMAT + filters + "\0".join([*self._edges, "".join(sorted(self.doubled))]).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Lexicon | None:
        """Filters and tables read back from a cache file (None when the file is not one of ours)."""
        if not data.startswith(FORMAT):
            return None
        position, sets = len(FORMAT), []
        for _, bits in _SIZES:
            size = (1 << bits) // 8
            sets.append(BitSet(bits, data[position : position + size]))
            position += size
        if position > len(data):
            return None  # cut short
        tables = data[position:].decode("utf-8", errors="replace").split("\0")
        if len(tables) != 3:
            return None
        starts, ends, doubled = tables
        words, places, plain, verbs, functions = sets
        pairs = frozenset(doubled[i : i + 2] for i in range(0, len(doubled), 2))
        return cls(words, places, plain, verbs, functions, edges=(starts, ends), doubled=pairs)


# A table of word edges maps two characters to a small number: the length of the longest word of the dictionary
# that begins (or ends) with them, at most LONGEST_WORD, plus _IS_WORD when the two characters are a word. It is
# kept by the first character (the last, for ends): the second characters in one string, their numbers in another
# (a dict of 180,000 two-character strings took 22 MB in every process; this takes 1 MB).
Edges = dict[str, tuple[str, str]]
_LENGTH, _IS_WORD = 7, 8
_EDGE_BASE = 0x40  # a number packed as a printable character, never a line break


def pack_edges(edges: dict[str, int]) -> str:
    """A table of word edges as one string: a line a first character, then its second characters and their
    numbers (each a character), separated by tabs."""
    seconds: dict[str, list[str]] = {}
    for pair, value in sorted(edges.items()):
        seconds.setdefault(pair[0], []).append(pair[1] + chr(_EDGE_BASE + value))
    return "\n".join(
        f"{first}\t{''.join(e[0] for e in ends)}\t{''.join(e[1] for e in ends)}" for first, ends in seconds.items()
    )


def unpack_edges(packed: str) -> Edges:
    """A table of word edges from its packed string."""
    table: Edges = {}
    for line in packed.split("\n"):
        first, seconds, values = line.split("\t")
        table[first] = (seconds, values)
    return table if packed else {}


def _add_edges(starts: dict[str, int], ends: dict[str, int], word: str) -> None:
    """Note a word of two characters or more in the tables of word starts and ends (one that white space or a
    control character would break is never matched in running text anyway)."""
    # isprintable() is False for every white space but the ASCII space, tested apart.
    if len(word) < 2 or not word.isprintable() or " " in word:
        return
    length = min(len(word), LONGEST_WORD)
    whole = _IS_WORD if len(word) == 2 else 0
    pair = word[:2]
    value = starts.get(pair, 0)
    starts[pair] = max(value & _LENGTH, length) | (value & _IS_WORD) | whole
    pair = word[-1] + word[-2]
    value = ends.get(pair, 0)
    ends[pair] = max(value & _LENGTH, length) | (value & _IS_WORD) | whole


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon: read from the user's cache, or built from jieba's dictionary (and then cached)."""
    return _PREPARED.pop() if _PREPARED else _cached_or_built(processes=1)


# A lexicon prepare_lexicon built, handed to lexicon() once (also where no cache directory can keep it).
_PREPARED: list[Lexicon] = []


def prepare_lexicon(processes: int) -> Lexicon:
    """The lexicon, built in two processes where it is not in the cache yet and `processes` allows (mining on a new
    machine: nothing else can start before it)."""
    if not lexicon.cache_info().currsize:
        _PREPARED[:] = [_cached_or_built(processes)]
    return lexicon()


def _cached_or_built(processes: int) -> Lexicon:
    """The lexicon from the user's cache, else built (in up to two processes) and cached."""
    dictionary = _dictionary_file()
    cache = _cache_file(dictionary)
    if cache is not None and cache.exists():
        try:
            cached = Lexicon.from_bytes(cache.read_bytes())
        except OSError:
            cached = None
        if cached is not None:
            return cached
    built = build(dictionary, processes)
    if cache is not None:
        from drafter.errors import UserError
        from drafter.files import write_atomic

        # A cache that cannot be written makes later runs slower, never wrong.
        with contextlib.suppress(UserError, OSError):
            write_atomic(cache, built.to_bytes())
    return built


def build(dictionary: Path, processes: int = 1) -> Lexicon:
    """The filters and the tables of word edges from jieba's dictionary file and the 公文 terms (each in a process
    of its own when `processes` allows: each is about half the work)."""
    # Built elsewhere, the edge tables' 360,000 small entries never enter this process's heap (a mining parent's:
    # each worker forked from it would count the pages they leave behind again), and each half reads the file line
    # by line.
    (words, places, plain, verbs, functions), (edges, doubled) = _each_in_a_process(dictionary, processes > 1)
    return Lexicon(words, places, plain, verbs, functions, edges=edges, doubled=frozenset(doubled))


def _packed_edges(dictionary: Path) -> _Edges:
    """The packed tables of word starts and ends, and the common doubled words."""
    starts, ends, doubled = _edge_tables(dictionary)
    return (pack_edges(starts), pack_edges(ends)), doubled


def _entries(dictionary: Path) -> Iterator[tuple[str, str, str]]:
    """Each line of the dictionary as its word, frequency and part of speech ("" where a line gives none)."""
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 2:
                yield parts[0], parts[1], parts[2] if len(parts) > 2 else ""


def _filters(dictionary: Path) -> tuple[BitSet, BitSet, BitSet, BitSet, BitSet]:
    """The words, places, words that name no topic, verbs and function words of the dictionary (and the terms)."""
    words, places, plain, verbs, functions = (BitSet(bits) for _, bits in _SIZES)
    for word, _, tag in _entries(dictionary):
        if not tag or len(word) > LONGEST_WORD:
            continue
        hashes = word_hashes(word)
        if tag in FUNCTION_WORDS:
            functions.add_hashed(*hashes)  # single characters too: 并, 均, 在
        if len(word) < 2:
            continue
        words.add_hashed(*hashes)
        if tag == "ns":
            places.add_hashed(*hashes)
        elif tag in NEVER_TOPIC:
            plain.add_hashed(*hashes)
        if tag == "v":
            verbs.add_hashed(*hashes)
    for term in terms():
        words.add(term)
    return words, places, plain, verbs, functions


def _edge_tables(dictionary: Path) -> tuple[dict[str, int], dict[str, int], set[str]]:
    """The tables of word starts and ends of the dictionary (and the terms), and its common doubled words."""
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    doubled: set[str] = set()
    for word, frequency, tag in _entries(dictionary):
        if _common_doubled(word, frequency):
            doubled.add(word)
        if tag and len(word) <= LONGEST_WORD:
            _add_edges(starts, ends, word)
    for term in terms():
        _add_edges(starts, ends, term)
    return starts, ends, doubled


def _each_in_a_process(dictionary: Path, wanted: bool) -> tuple[_Filters, _Edges]:
    """The filters and the packed edges of the dictionary, each in a process of its own when `wanted` and processes
    can start (else here)."""
    from drafter.mining.pools import process_pool

    with process_pool(2 if wanted else 1, _leave_interrupts_to_the_parent) as pool:
        if pool is None:
            return _filters(dictionary), _packed_edges(dictionary)
        filters, edges = pool.apply_async(_filters, (dictionary,)), pool.apply_async(_packed_edges, (dictionary,))
        return filters.get(), edges.get()


_Filters = tuple[BitSet, BitSet, BitSet, BitSet, BitSet]
_Edges = tuple[tuple[str, str], set[str]]  # the packed tables of word starts and ends, the doubled words


def _leave_interrupts_to_the_parent() -> None:
    """In a helper process: Ctrl-C stops the parent, which stops it; stopped, it ends at once (it holds nothing to
    clean up: the parent's handler, inherited, would raise SystemExit wherever it stands)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _dictionary_file() -> Path:
    """jieba's dictionary (the package is used for this file alone: found, never imported, as importing it costs a
    tenth of a second)."""
    from importlib.util import find_spec

    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba")
    return Path(spec.origin).parent / "dict.txt"


def _cache_file(dictionary: Path) -> Path | None:
    """Where the filters built from this dictionary and these terms are kept (None without a cache directory)."""
    from drafter.resources import user_cache_dir

    try:
        info = dictionary.stat()
        key = hashlib.sha1(
            FORMAT + f"{info.st_size}:{info.st_mtime_ns}".encode() + "\n".join(terms()).encode()
        ).hexdigest()[:16]
        return user_cache_dir() / f"lexicon-{key}.bin"
    except (ImportError, OSError):  # no cache directory: build in memory every time
        return None


@lru_cache(maxsize=1)
def terms() -> tuple[str, ...]:
    """The fixed 公文 terms of corpus/terms.yaml (党史学习教育, 乡村振兴 …), as the Terms model read them (kept in the
    cache while the file and the models are unchanged: deciding a title's genre needs them, and loading pydantic for
    them was half of a cold `drafter format`)."""
    from drafter.bank.listing import fixed_terms
    from drafter.resources import bundled

    return fixed_terms(bundled(TERMS_FILE))


COMMON_WORD_FREQUENCY = 100  # jieba counts 看看 6297, 想想 1494, 走走 366; 上上 6 and 会会 3 are noise


def doubled_words() -> frozenset[str]:
    """Common words of one character written twice (看看, 常常, 谈谈), by the dictionary's frequency (noted when the
    lexicon is built, and kept with it)."""
    return lexicon().doubled


def _common_doubled(word: str, frequency: str) -> bool:
    """A word of one character written twice that the dictionary counts often enough to be a word."""
    return len(word) == 2 and word[0] == word[1] and frequency.isdigit() and int(frequency) >= COMMON_WORD_FREQUENCY
