"""The one phrase search: what the wizard's /p, the web page's picker and `drafter phrases --search` all use.

A bank file (JSON Lines, any size) is read through an SQLite index: a table of its phrases in the order
they are offered (常用语 before 范例, the genre's own before borrowed ones, those that fit their role, the
most general first) and, per role, an FTS5 index of their characters with positions. Every character is
a token, so a word of any length is a phrase query of consecutive characters: one character, two (预算)
or ten cost the same few milliseconds at 300,000 phrases, also for a word found nowhere or two words
never in one phrase. A hit is checked against the text itself, so the index only narrows, never decides.
Where Python's sqlite3 lacks FTS5, the same table is scanned instead (slower, the same answers).

Small banks (every bank mining writes) are indexed in memory when opened, in a few milliseconds. A big
one is indexed once into the user's cache directory, keyed by the file's path, size and modification
time, and read from there while the file is unchanged; the phrases themselves stay in the bank file and
only those shown are read and validated. What changes from one use to the next is applied on top: the
few phrases a person reviewed (accepted and edited ones first, an edited one found by its new text, one
moved to another tier in its new place, rejected ones never) and the few bound to one year (offered first
in a report of that year, never in another).
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import itertools
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

from drafter.models import Phrase, PhraseRole, Review

ROLES: tuple[str, ...] = get_args(PhraseRole)
COMMON = "常用语"
FORMAT = "drafter-bank-index-2"
# Banks at least this big are indexed once into the cache; smaller ones in memory whenever they are opened.
CACHED_FROM_BYTES = 2_000_000
_BATCH = 64  # rows fetched at a time while typing (a screenful)
_BIG_BATCH = 4096  # and for a listing of every match
_KEPT_INDEXES = 32  # index files kept in the cache directory, the most recently used


def fold(text: str) -> str:
    """Text as searched: lower case, on one line."""
    return text.lower().replace("\n", " ")


def query_words(query: str) -> list[str]:
    """The words of a query (whitespace separates them); a phrase matches when it contains every one."""
    return fold(query).split()


def standing(phrase: Phrase) -> tuple[bool, bool, int, int, int]:
    """How a phrase ranks within its tier, decisions and year aside: the genre's own before borrowed ones,
    those that fit the role (an opening from the year, a closing that looks ahead), the most general first."""
    from drafter.mining.sentences import fits_role

    documents, units, count = phrase.generality()
    return (phrase.borrowed, not fits_role(phrase.text, phrase.role), -documents, -units, -count)


def offer_key(phrase: Phrase, year: int | None) -> tuple[bool, bool, bool, bool, bool, int, int, int]:
    """The order phrases of a role are offered in: 常用语 before 范例, then accepted and edited ones, then (in a
    report of `year`) the year's own, then by standing."""
    return (*offer_head(phrase.tier, phrase.status, phrase.year, year), *standing(phrase))


def offer_head(tier: str, status: str, bound: int | None, year: int | None) -> tuple[bool, bool, bool]:
    """offer_key before the standing, from a phrase's tier, status and the year it is bound to."""
    return (tier != COMMON, status not in ("accepted", "edited"), not (year is not None and bound == year))


def for_year(phrase: Phrase, year: int | None) -> bool:
    """A phrase a report of `year` may say: one true of another year never is, nor one holding a fact another
    year is known for (any phrase, when the year is not known)."""
    return text_for_year(phrase.text, phrase.year, year)


def text_for_year(text: str, bound: int | None, year: int | None) -> bool:
    """for_year from a phrase's text and the year it is bound to."""
    if year is None:
        return True
    if bound is not None and bound != year:
        return False
    from drafter.mining.dated import fits_year

    return fits_year(text, year)


@lru_cache(maxsize=1)
def has_fts5() -> bool:
    """Whether this Python's SQLite has FTS5."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.Error:
        return False
    return True


def cache_dir() -> Path | None:
    """Where big banks' indexes are kept (None when there is no cache directory)."""
    from drafter.resources import user_cache_dir

    try:
        return user_cache_dir() / "banks"
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None


# --- building an index ---------------------------------------------------------------------


# Punctuation the index keeps as characters of their own (the tokenizer would drop it), so that a search for
# “，坚持” or “〔2024〕” narrows by it too; other symbols are dropped on both sides and checked in the text.
_KEPT_PUNCTUATION = (
    "，。、；：？！…—～·“”‘’《》〈〉「」『』【】〔〕（）［］｛｝％＋－＝／,.;:?!()[]{}%+-=/<>@#&*_~|^$\\"
)
_TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '" + _KEPT_PUNCTUATION + "'"


def _tokens(text: str) -> str:
    """Text as the character index reads it: each character a token."""
    return " ".join(text)


def _schema(connection: sqlite3.Connection) -> None:
    """The tables of an index: meta, the phrases in offered order (rank: 常用语 then 范例, each by standing;
    place: by standing alone), one character index per role."""
    connection.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
    connection.execute(
        "CREATE TABLE phrases(rank INTEGER PRIMARY KEY, place INTEGER, id TEXT, role TEXT, tier TEXT, year INTEGER,"
        " text TEXT, line INTEGER, start INTEGER, size INTEGER)"
    )
    if has_fts5():
        for role in ROLES:
            connection.execute(
                f"CREATE VIRTUAL TABLE chars_{role} USING fts5(text, content='', columnsize=0, tokenize=\"{_TOKENIZER}\")"
            )


class Entry:
    """A phrase as the index keeps it (the rest is read from the bank file when the phrase is shown)."""

    __slots__ = ("id", "line", "place", "role", "size", "standing", "start", "text", "tier", "year")

    def __init__(self, phrase: Phrase, line: int, start: int = 0, size: int = 0) -> None:
        self.standing = (*standing(phrase), line)
        self.line, self.start, self.size = line, start, size
        self.id, self.role, self.tier, self.year, self.text = (
            phrase.id,
            phrase.role,
            phrase.tier,
            phrase.year,
            phrase.text,
        )
        self.place = 0


def _fill(connection: sqlite3.Connection, entries: list[Entry]) -> None:
    """Insert phrases in offered order and index their characters."""
    for place, entry in enumerate(sorted(entries, key=lambda e: e.standing)):
        entry.place = place
    entries.sort(key=lambda e: (e.tier != COMMON, e.place))
    connection.executemany(
        "INSERT INTO phrases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (rank, e.place, e.id, e.role, e.tier, e.year, e.text, e.line, e.start, e.size)
            for rank, e in enumerate(entries)
        ),
    )
    connection.execute("CREATE INDEX phrases_id ON phrases(id)")
    connection.execute("CREATE INDEX phrases_role ON phrases(role, rank)")
    connection.execute("CREATE INDEX phrases_year ON phrases(year) WHERE year IS NOT NULL")
    if has_fts5():
        by_role: dict[str, list[tuple[int, str]]] = {}
        for rank, entry in enumerate(entries):
            by_role.setdefault(entry.role, []).append((rank, entry.text))
        for role, texts in by_role.items():
            connection.executemany(
                f"INSERT INTO chars_{role}(rowid, text) VALUES (?, ?)", ((rank, _tokens(fold(t))) for rank, t in texts)
            )


def _bank_entries(path: Path) -> list[Entry]:
    """Every phrase of a bank file with its rank key, line number and place in the file; each line is validated
    (an error names the file, the line and the field)."""
    from pydantic import ValidationError

    from drafter.bank.store import describe_validation_error
    from drafter.errors import ConfigError
    from drafter.files import require_regular_file

    require_regular_file(path)
    entries = []
    start = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    phrase = Phrase.model_validate_json(line)
                except ValidationError as error:
                    message = describe_validation_error(path, error).replace("（整个文件）", "")
                    raise ConfigError(
                        message.replace("格式有误：", f"第 {number} 行格式有误：", 1), path=path
                    ) from None
                entries.append(Entry(phrase, number, start, len(line)))
            start += len(line)
    return entries


def _build_file(path: Path, target: str) -> sqlite3.Connection:
    """An index of a bank file at `target` (a path, or :memory:)."""
    entries = _bank_entries(path)
    connection = sqlite3.connect(target, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    with connection:
        _schema(connection)
        _fill(connection, entries)
        info = path.stat()
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("format", FORMAT), ("source", _stamp(path, info)), *_counts(entries)],
        )
    return connection


def _counts(entries: list[Entry]) -> list[tuple[str, str]]:
    """Meta rows: whether the characters are indexed, how many phrases of each role and how many 常用语 (the
    ranks below that number)."""
    from collections import Counter

    roles = Counter(entry.role for entry in entries)
    common = sum(1 for entry in entries if entry.tier == COMMON)
    return [("fts5", str(has_fts5())), ("common", str(common)), *((f"role:{r}", str(n)) for r, n in roles.items())]


def _stamp(path: Path, info: os.stat_result) -> str:
    """What says a bank file is unchanged: its path, size and modification time."""
    return f"{path.resolve()}\n{info.st_size}\n{info.st_mtime_ns}"


def _cached_index(path: Path) -> sqlite3.Connection | None:
    """The index of a big bank file from the cache, built there first when missing or stale (None when the cache
    cannot be written: the caller indexes in memory)."""
    directory = cache_dir()
    if directory is None:
        return None
    info = path.stat()
    stamp = _stamp(path, info)
    place = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
    version = hashlib.sha1(f"{FORMAT}\n{stamp}\n{has_fts5()}".encode()).hexdigest()[:12]
    target = directory / f"bank-{place}-{version}.sqlite"
    if target.exists():
        connection = _open_cached(target, stamp)
        if connection is not None:
            with contextlib.suppress(OSError):
                os.utime(target)  # recently used: kept when the cache is trimmed
            return connection
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".bank-", suffix=".sqlite", dir=directory)
        os.close(handle)
    except OSError:
        return None
    try:
        _build_file(path, temporary).close()
        os.replace(temporary, target)  # two processes building the same index: either one wins, both are whole
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _trim(directory, keep=target, place=place)
    return _open_cached(target, stamp)


def prepare_indexes(templates: Path, banks: list[str]) -> None:
    """Index the big banks among those just written (relative paths), so that their first use is quick."""
    for relative in banks:
        path = templates / relative
        with contextlib.suppress(OSError):
            if path.stat().st_size >= CACHED_FROM_BYTES:
                connection = _cached_index(path)
                if connection is not None:
                    connection.close()


def _open_cached(target: Path, stamp: str) -> sqlite3.Connection | None:
    """A cached index, read-only, when it is whole and of this file as it is now."""
    try:
        connection = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return None
    if meta.get("format") != FORMAT or meta.get("source") != stamp or meta.get("fts5") != str(has_fts5()):
        connection.close()
        return None
    return connection


def _trim(directory: Path, keep: Path, place: str) -> None:
    """Drop earlier indexes of the same bank, and all but the most recently used others."""
    try:
        found = [p for p in directory.glob("bank-*.sqlite") if p != keep]
        stale = [p for p in found if p.name.startswith(f"bank-{place}-")]
        others = sorted((p for p in found if p not in stale), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stale + others[_KEPT_INDEXES - 1 :]:
            old.unlink(missing_ok=True)
    except OSError:  # another process trimmed it first: nothing to do
        pass


def _memory_index(phrases: list[Phrase]) -> sqlite3.Connection:
    """An in-memory index of phrases already loaded."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    entries = [Entry(p, number) for number, p in enumerate(phrases)]
    with connection:
        _schema(connection)
        _fill(connection, entries)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", _counts(entries))
    return connection


# --- searching ---------------------------------------------------------------------------


def _fts_phrase(word: str) -> str | None:
    """A word as an FTS5 phrase of consecutive characters (None when it has no character the index keeps)."""
    tokens = _tokens(word)
    if not any(character.isalnum() or character in _KEPT_PUNCTUATION for character in tokens):
        return None
    return '"' + tokens.replace('"', '""') + '"'


# An open index and what reads a phrase from its line number, byte start and size.
Source = tuple[sqlite3.Connection, Callable[[int, int, int], Phrase]]
# Where a phrase stands in an answer: its offer key without the standing, then its place by standing.
Key = tuple[bool, bool, bool, int]


class _Kept:
    """A phrase kept apart from the index's order, as ranking and filtering read it: its place by standing, role,
    tier, status, the year it is bound to and its text folded once (every keystroke reads it). `phrase` is the
    phrase as a person's decision left it; None for one nobody decided on, read from the bank when it is shown."""

    __slots__ = ("folded", "line", "phrase", "place", "role", "size", "start", "status", "text", "tier", "year")

    def __init__(self, place: int, phrase: Phrase | None, where: tuple[int, int, int], fields: tuple[Any, ...]) -> None:
        self.place, self.phrase = place, phrase
        self.line, self.start, self.size = where
        self.role, self.tier, self.status, self.year, self.text = fields
        self.folded = fold(self.text)


class Bank:
    """One bank's phrases as they are offered, review decisions applied, read through its index."""

    def __init__(
        self, opener: Callable[[], Source], reviews: dict[str, Review] | None = None, *, background: bool = False
    ) -> None:
        self._reviews = reviews or {}
        self._lock = threading.Lock()
        self._apart: dict[int, _Kept] = {}  # rank -> a phrase ranked apart from the index's order
        self._years: dict[int, dict[int, _Kept]] = {}  # year -> the phrases bound to it (see _of_year)
        self._rejected: dict[str, int] = {}  # role -> how many of those kept apart were rejected (count asks often)
        self._failure: BaseException | None = None
        self._opening: threading.Thread | None = None
        if background:  # a big bank's index is built while the person answers the first questions
            self._opening = threading.Thread(target=self._open, args=(opener,), daemon=True)
            self._opening.start()
        else:
            self._open(opener)
            self._ready()

    def _open(self, opener: Callable[[], Source]) -> None:
        """Open the index and read the phrases kept apart (in a thread of its own when opened in the background)."""
        try:
            self._connection, self._load = opener()
            meta = dict(self._rows("SELECT key, value FROM meta"))
            self._fts = has_fts5() and meta.get("fts5") == "True"
            self._common = int(meta.get("common", 0))
            self._counts = {k.removeprefix("role:"): int(v) for k, v in meta.items() if k.startswith("role:")}
            self._keep_apart()
        except BaseException as error:  # raised again where the bank is first used
            self._failure = error

    def _ready(self) -> None:
        """Wait for the index to be open; raise what went wrong opening it."""
        if self._opening is not None:
            self._opening.join()
            self._opening = None
        if self._failure is not None:
            raise self._failure

    @classmethod
    def open(cls, path: Path, reviews: dict[str, Review] | None = None, *, background: bool = False) -> Bank:
        """A bank file (a missing one is empty), indexed in memory or through the cache by its size; `background`
        returns at once and opens it in a thread (the first use waits for it)."""

        def opener() -> Source:
            from drafter.bank.templates import read_bank
            from drafter.files import require_regular_file

            if not path.exists():
                return _listed([])
            if require_regular_file(path).st_size >= CACHED_FROM_BYTES:
                connection = _cached_index(path)
                if connection is not None:
                    return connection, _FileReader(path)
            return _listed(read_bank(path))

        return cls(opener, reviews, background=background)

    @classmethod
    def of(cls, phrases: list[Phrase], reviews: dict[str, Review] | None = None) -> Bank:
        """A bank of phrases already in memory, as they are (their status and tier count as decided)."""
        decisions = {p.id: Review(status=p.status) for p in phrases if p.status != "new"}
        return cls(lambda: _listed(list(phrases), as_they_are=True), {**decisions, **(reviews or {})})

    def close(self) -> None:
        """Release the index (and the bank file)."""
        self._ready()
        self._connection.close()
        if isinstance(self._load, _FileReader):
            self._load.close()

    def _keep_apart(self) -> None:
        """Read the phrases whose place depends on more than the index: those a person decided on (status, tier,
        text). Those bound to one year are the index's own, apart only in a report of their year (_of_year)."""
        ids = list(self._reviews)
        for at in range(0, len(ids), 500):
            chunk = ids[at : at + 500]
            marks = ",".join("?" * len(chunk))
            for rank, place, line, start, size in self._rows(
                f"SELECT rank, place, line, start, size FROM phrases WHERE id IN ({marks})", chunk
            ):
                decided = self._decided(self._load(line, start, size))
                fields = (decided.role, decided.tier, decided.status, decided.year, decided.text)
                self._apart[rank] = _Kept(place, decided, (line, start, size), fields)
                if decided.status == "rejected":
                    self._rejected[decided.role] = self._rejected.get(decided.role, 0) + 1

    def _decided(self, phrase: Phrase) -> Phrase:
        """A phrase as a person's decision left it."""
        from drafter.bank.templates import apply_review

        return apply_review(phrase, self._reviews.get(phrase.id))

    # --- reading -------------------------------------------------------------------------

    def _rows(self, sql: str, parameters: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of a query, one query at a time (the web server asks from several threads)."""
        with self._lock:
            return self._connection.execute(sql, tuple(parameters)).fetchall()

    def _at(self, rank: int) -> Phrase:
        """The phrase at a rank, as decided."""
        kept = self._apart.get(rank)
        if kept is not None:
            return kept.phrase or self._load(kept.line, kept.start, kept.size)
        line, start, size = self._rows("SELECT line, start, size FROM phrases WHERE rank = ?", (rank,))[0]
        return self._load(line, start, size)

    def __len__(self) -> int:
        """How many phrases the bank holds (rejected ones included)."""
        self._ready()
        return sum(self._counts.values())

    def count(self, roles: Iterable[str], *, rejected: bool = True) -> int:
        """How many phrases of these roles it holds (without the rejected ones when `rejected` is False)."""
        self._ready()
        roles = set(roles)
        total = sum(self._counts.get(role, 0) for role in roles)
        if not rejected:
            total -= sum(self._rejected.get(role, 0) for role in roles)
        return total

    def get(self, phrase_id: str) -> Phrase | None:
        """A phrase by id, as decided (None when the bank does not hold it)."""
        self._ready()
        rows = self._rows("SELECT rank FROM phrases WHERE id = ?", (phrase_id,))
        return self._at(rows[0][0]) if rows else None

    def all(self) -> list[Phrase]:
        """Every phrase in the order of the bank file, as decided (loads them all: a listing, an export)."""
        self._ready()
        rows = self._rows("SELECT rank, line, start, size FROM phrases ORDER BY line")
        return [
            self._at(rank) if rank in self._apart else self._load(line, start, size) for rank, line, start, size in rows
        ]

    # --- offering and searching -------------------------------------------------------------

    def top(
        self, roles: Iterable[str], limit: int | None, *, year: int | None = None, tier: str | None = None
    ) -> list[Phrase]:
        """The first `limit` phrases of these roles as offered (all of them with None), rejected ones left out."""
        return self.search("", roles, limit, year=year, tier=tier)

    def search(
        self,
        query: str,
        roles: Iterable[str] | None = None,
        limit: int | None = 30,
        *,
        year: int | None = None,
        tier: str | None = None,
        rejected: bool = False,
    ) -> list[Phrase]:
        """Phrases of these roles (every role with None) containing every word of the query, in the order they
        are offered (offer_key); of one tier when `tier` is given; for a report of `year`, only those true of it;
        rejected ones only when `rejected`. `limit` None: all of them."""
        batch = _BATCH if limit is not None and limit <= _BATCH else _BIG_BATCH
        ranks = self._ranks(query, roles, year, tier, rejected, batch)
        return [self._at(rank) for rank in itertools.islice(ranks, limit)]

    def count_matches(
        self, query: str, roles: Iterable[str] | None = None, *, year: int | None = None, rejected: bool = False
    ) -> int:
        """How many phrases `search` would find without a limit (none of them is read)."""
        return sum(1 for _ in self._ranks(query, roles, year, None, rejected, _BIG_BATCH))

    def _ranks(
        self, query: str, roles: Iterable[str] | None, year: int | None, tier: str | None, rejected: bool, batch: int
    ) -> Iterator[int]:
        """The ranks of what `search` finds, in its order: the phrases kept apart merged into the index's."""
        self._ready()
        wanted = [r for r in ROLES if roles is None or r in set(roles)]
        words = query_words(query)
        found = list(self._apart.items())
        if year is not None:
            found += self._of_year(year).items()
        for word in words:  # the narrowest test first, a word at a time (every keystroke reads them all)
            found = [(rank, kept) for rank, kept in found if word in kept.folded]
        apart = sorted(
            (self._key(kept, year), rank)
            for rank, kept in found
            if kept.role in wanted
            and (tier is None or kept.tier == tier)
            and (rejected or kept.status != "rejected")
            and text_for_year(kept.text, kept.year, year)
        )
        streams = [self._stream(role, words, year, tier, batch) for role in wanted]
        for _, rank in heapq.merge(apart, *streams):
            yield rank

    def _of_year(self, year: int) -> dict[int, _Kept]:
        """rank -> the phrases bound to `year` nobody decided on, read from the index the first time a report of that
        year asks: they come first in it (the index's order is for a report of any year)."""
        kept = self._years.get(year)
        if kept is None:
            rows = self._rows(
                "SELECT rank, place, line, start, size, role, tier, text FROM phrases WHERE year = ?", (year,)
            )
            kept = {
                rank: _Kept(place, None, (line, start, size), (role, tier, "new", year, text))
                for rank, place, line, start, size, role, tier, text in rows
                if rank not in self._apart
            }
            self._years[year] = kept
        return kept

    def _key(self, kept: _Kept, year: int | None) -> Key:
        """Where a phrase kept apart stands in an answer."""
        return (*offer_head(kept.tier, kept.status, kept.year, year), kept.place)

    def _stream(
        self, role: str, words: list[str], year: int | None, tier: str | None, batch: int
    ) -> Iterator[tuple[Key, int]]:
        """(key, rank) of the index's phrases of one role (those kept apart left out, and in a report of one year
        those bound to a year: _of_year) containing every word and true of `year`, in order, a batch at a time."""
        phrases = [p for p in (_fts_phrase(w) for w in words) if p]
        low, high = (0, self._common) if tier == COMMON else (self._common, 1 << 62) if tier else (0, 1 << 62)
        after = low - 1
        while True:
            if phrases and self._fts:
                rows = self._rows(
                    f"SELECT c.rowid, p.place, p.text, p.year FROM chars_{role} c JOIN phrases p ON p.rank = c.rowid"
                    f" WHERE chars_{role} MATCH ? AND c.rowid > ? AND c.rowid < ? ORDER BY c.rowid LIMIT ?",
                    (" AND ".join(phrases), after, high, batch),
                )
            else:  # no FTS5 here, or nothing in the query it could narrow by: every phrase of the role is read
                rows = self._rows(
                    "SELECT rank, place, text, year FROM phrases WHERE role = ? AND rank > ? AND rank < ? ORDER BY rank"
                    " LIMIT ?",
                    (role, after, high, batch),
                )
            for rank, place, text, bound in rows:
                if rank in self._apart or (year is not None and bound is not None):
                    continue
                if not all(word in fold(text) for word in words):
                    continue
                if year is not None and not _fits_year(text, year):
                    continue
                yield (rank >= self._common, True, True, place), rank
            if len(rows) < batch:
                return
            after = rows[-1][0]

    def view(self, roles: Iterable[str] | None = None, *, year: int | None = None, tier: str | None = None) -> BankView:
        """The phrases of some roles (of one tier), for a report of `year`, as a picker searches them."""
        return BankView([Shelf(self, frozenset(ROLES if roles is None else roles), tier)], year)


def _fits_year(text: str, year: int) -> bool:
    """No fact the text holds is known to be of another year."""
    from drafter.mining.dated import fits_year

    return fits_year(text, year)


class Shelf:
    """A part of what a picker offers: the phrases of some roles of a bank, of one tier or of both."""

    def __init__(
        self,
        bank: Bank,
        roles: frozenset[str],
        tier: str | None = None,
        lent: Callable[[Phrase], Phrase | None] | None = None,
        *,
        typed_only: bool = False,
    ) -> None:
        # `lent`: how a phrase of another bank reads in this genre (None: it does not fit it); `typed_only`: the
        # shelf is searched for what the person types, never listed before they type (parts of sentences).
        self.bank, self.roles, self.tier, self.lent, self.typed_only = bank, roles, tier, lent, typed_only

    def search(self, query: str, limit: int | None, year: int | None) -> list[Phrase]:
        """The shelf's phrases containing every word of the query, as this genre reads them."""
        if self.typed_only and not query.strip():
            return []
        found = self.bank.search(query, self.roles, limit, year=year, tier=self.tier)
        if self.lent is None:
            return found
        lent = [self.lent(p) for p in found]
        return [p for p in lent if p is not None]


class BankView:
    """What a picker offers, shelf after shelf (rejected phrases left out): searched as the person types."""

    def __init__(self, shelves: list[Shelf], year: int | None = None) -> None:
        self.shelves = shelves
        self.year = year

    def __bool__(self) -> bool:
        """True when it offers any phrase (listed at once or found when typed for)."""
        return any(shelf.bank.search("", shelf.roles, 1, year=self.year, tier=shelf.tier) for shelf in self.shelves)

    def matches(self, query: str, limit: int | None = 30) -> list[Phrase]:
        """The first `limit` phrases containing every word of the query, as offered."""
        found: list[Phrase] = []
        for shelf in self.shelves:
            left = None if limit is None else limit - len(found)
            if left is not None and left <= 0:
                break
            found += shelf.search(query, left, self.year)
        return found

    def exact(self, text: str) -> Phrase | None:
        """The phrase whose text is exactly this (what the picker's completion put in the box)."""
        return next((p for p in self.matches(text, None) if p.text == text), None)


def as_bank(phrases: Bank | list[Phrase]) -> Bank:
    """A bank as it is, or phrases in a list as a bank of their own."""
    return phrases if isinstance(phrases, Bank) else Bank.of(phrases)


def _listed(phrases: list[Phrase], *, as_they_are: bool = False) -> Source:
    """An in-memory index of phrases already loaded, and their reader (which gives each phrase as the file
    has it, status new, unless `as_they_are`)."""
    if as_they_are:
        return _memory_index(phrases), lambda line, start, size: phrases[line]
    return _memory_index(phrases), lambda line, start, size: phrases[line].model_copy(update={"status": "new"})


class _FileReader:
    """Reads one phrase from its place in a bank file (the index was built from the file as it is now)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = path.open("rb")
        self._lock = threading.Lock()

    def __call__(self, line: int, start: int, size: int) -> Phrase:
        """The phrase on a line of the file, validated."""
        from drafter.errors import ConfigError

        with self._lock:
            self._handle.seek(start)
            data = self._handle.read(size)
        try:
            return Phrase.model_validate_json(data)
        except ValueError:
            raise ConfigError(
                f"常用语库 {self.path} 在使用中被改动了（第 {line} 行读不出）。请重新运行命令。", path=self.path
            ) from None

    def close(self) -> None:
        """Close the file."""
        self._handle.close()
