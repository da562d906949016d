"""`drafter mine`: read the corpus in chunks, combine each chunk into partial banks, merge, reduce, write.

Two passes over the chunks. The survey reads and outlines every document and says what it is (its genre
bucket, or why it is skipped). A genre is then learnt from at most SAMPLE of its documents, chosen by the
fingerprint of their text (so the same corpus always gives the same choice, whatever the order of its
files): past a few hundred reports a genre's skeleton and most general phrases no longer change, and the
cost of an archive stops growing with its size. The mining pass reads only the files holding chosen
documents. Map and combine run in workers, one chunk of files at a time; a chunk's documents are folded into
bounded partial banks there, so what crosses to the parent is bounded too. Chunks are cut from the
sorted file list by size alone, and merged in their order: `--jobs 1` and `--jobs 4` write the same bytes.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import multiprocessing.pool
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.bank.search import prepare_indexes
from drafter.bank.store import dump_yaml, load_yaml_model
from drafter.bank.templates import (
    BANK_SUFFIX,
    GENRES_FILE,
    MANIFEST_FILE,
    PHRASES_DIR,
    SKELETONS_DIR,
    bank_lines,
    check_writable_output,
    foreign_files,
    load_registry,
    load_reviews,
    write_mined,
)
from drafter.errors import ReadError, UsageError, UserError
from drafter.mining.classify import fingerprint, report_genre, skip_reason
from drafter.mining.combine import PartialBank
from drafter.mining.discover import bucket_of
from drafter.mining.extract import mine_document
from drafter.mining.genres import GENERAL_GENRE
from drafter.mining.lexicon import prepare_lexicon
from drafter.mining.pools import process_pool
from drafter.mining.reduce import Mined, reduce_buckets
from drafter.models import Genre, GenreCounts, GenreRegistry, Manifest, Outline, PhraseBank, RegisterPhrases, Skeleton
from drafter.reading.clean import CleanReport, load_rules
from drafter.reading.pipeline import outline_source
from drafter.reading.read import FORMATS_READ, iter_source_files, read_sources
from drafter.reading.titles import TitleFacts, title_facts
from drafter.resources import bundled

Progress = Callable[[int, int], None]
MAX_DEFAULT_JOBS = 8
CHUNK_BYTES = 2_000_000  # a chunk of files is about this size (and at most CHUNK_FILES files)
CHUNK_FILES = 64
SAMPLE = 200  # documents a genre is learnt from, at most (its skeleton's guidance reads as many)
REGISTER_FILE = "corpus/register.yaml"


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One input document and what became of it (the `drafter mine --json` contract)."""

    source: str
    title: str | None
    status: str  # mined | skipped
    reason: str | None = None
    bucket: str | None = None  # where its phrases went (a registered genre g:id, or a discovery bucket)
    print: str = ""  # the fingerprint of its text
    genre: str | None = None  # the name of the genre the bucket became


@dataclass
class MineSummary:
    """What a mining run read, wrote and noticed."""

    out_dir: Path
    files: int = 0
    megabytes: float = 0.0
    records: list[DocumentRecord] = field(default_factory=list)
    genres: list[dict[str, Any]] = field(default_factory=list)  # id, name, documents, sections, phrases, discovered
    phrases: int = 0
    reviewed: int = 0
    own_added: int | None = None  # phrases added to the unit's own bank (--own)
    learnt_from: dict[str, int] = field(default_factory=dict)  # genre -> documents mined, where fewer than it has
    report: CleanReport = field(default_factory=CleanReport)
    failures: list[UserError] = field(default_factory=list)

    @property
    def documents(self) -> int:
        """How many documents were mined."""
        return sum(r.status == "mined" for r in self.records)

    def contract(self) -> dict[str, Any]:
        """The JSON `drafter mine --json` prints."""
        return {
            "documents": [
                {"source": r.source, "title": r.title, "genre": r.genre, "status": r.status, "reason": r.reason}
                for r in self.records
            ],
            "genres": [{k: g[k] for k in ("id", "name", "documents", "discovered")} for g in self.genres],
            "phrases": self.phrases,
        }


@dataclass
class _ChunkResult:
    """A worker's answer for one chunk of files."""

    records: list[DocumentRecord]
    buckets: dict[str, PartialBank]
    report: CleanReport
    size: int
    failures: list[UserError]


def survey_chunk(paths: list[Path], genres: list[Genre], include_all: bool, speculate: bool) -> _ChunkResult:
    """The survey: read and outline every document of a chunk of files, and record what it is (`speculate`: mine
    them all too, for a corpus small enough that most of its documents will be chosen)."""
    return mine_chunk(paths, genres, include_all, None if speculate else frozenset())


def mine_chunk(
    paths: list[Path], genres: list[Genre], include_all: bool, chosen: frozenset[str] | None = None
) -> _ChunkResult:
    """Map and combine: read, outline and record every document of a chunk of files, and mine those `chosen` (by
    `_choice_key`; None: every document) into partial banks."""
    result = _ChunkResult([], {}, CleanReport(), 0, [])
    seen: dict[str, str] = {}
    rules = load_rules()
    by_name = {g.name: g for g in genres if g.name != GENERAL_GENRE}
    for path, source in zip(paths, read_sources(paths), strict=True):
        if isinstance(source, UserError):
            result.failures.append(source)
            result.records.append(DocumentRecord(str(path), None, "skipped", source.message))
            continue
        result.size += len(source.text.encode("utf-8"))
        outlines, report = outline_source(source, rules=rules, genres=genres)
        result.report.merge(report)
        for outline in outlines:
            facts = title_facts(outline.title, outline.org)
            reason = None if include_all else skip_reason(outline, facts)
            mark = fingerprint(outline)
            if reason is None and mark in seen:
                reason = f"与《{seen[mark]}》内容相同"
            if reason is not None:
                result.records.append(DocumentRecord(outline.source, outline.title, "skipped", reason, None, mark))
                continue
            seen[mark] = outline.title or outline.source
            bucket = _bucket(outline, facts, genres, by_name)
            if chosen is None or _choice_key(outline.source, mark) in chosen:
                result.buckets.setdefault(bucket, PartialBank()).add(mine_document(outline, facts))
            result.records.append(DocumentRecord(outline.source, outline.title, "mined", None, bucket, mark))
    result.buckets = {key: bank.bounded() for key, bank in result.buckets.items()}
    return result


def _choice_key(source: str, mark: str) -> str:
    """A document among the chosen: its source and the fingerprint of its text."""
    return f"{mark}\x1f{source}"


def chosen_documents(records: list[DocumentRecord], sample: int = SAMPLE) -> frozenset[str]:
    """The documents each bucket is learnt from: all of them up to `sample`, else the `sample` whose text's
    fingerprint sorts first (a fingerprint is a hash: a fair draw, and the same for the same corpus)."""
    by_bucket: dict[str, list[str]] = {}
    for record in records:
        if record.status == "mined" and record.bucket is not None:
            by_bucket.setdefault(record.bucket, []).append(_choice_key(record.source, record.print))
    return frozenset(key for keys in by_bucket.values() for key in (sorted(keys)[:sample]))


def _bucket(outline: Outline, facts: TitleFacts, genres: list[Genre], by_name: dict[str, Genre]) -> str:
    """Where a summary's phrases go: the genre of its kind of report (个人总结, 政府工作报告) whatever unit wrote
    it, else the registered or discovered genre the outline step matched, else a discovery bucket."""
    kind, own = report_genre(outline, facts, genres)
    if kind is not None:
        return f"g:{own.id}" if own else f"k:{kind}"
    genre = by_name.get(outline.genre or GENERAL_GENRE)  # the outline step matched it already
    return f"g:{genre.id}" if genre and not genre.report else bucket_of(facts)


# The registry the workers classify by: sent once to each worker when the pool starts, not with every chunk.
_GENRES: list[Genre] = []


def _use_genres(genres: list[Genre]) -> None:
    """Classify by these genres in this process."""
    _GENRES[:] = genres


def _survey_chunk_star(args: tuple[list[Path], bool, bool]) -> _ChunkResult:
    """survey_chunk for Pool.imap: (paths, include_all, speculate)."""
    paths, include_all, speculate = args
    return survey_chunk(paths, _GENRES, include_all, speculate)


def _mine_chunk_star(args: tuple[list[Path], bool, frozenset[str]]) -> _ChunkResult:
    """mine_chunk for Pool.imap: (paths, include_all, the chunk's chosen documents)."""
    paths, include_all, chosen = args
    return mine_chunk(paths, _GENRES, include_all, chosen)


def mine(
    paths: list[Path],
    out_dir: Path,
    *,
    jobs: int | None = None,
    registry: Path | None = None,
    progress: Progress | None = None,
    force: bool = False,
    include_all: bool = False,
    own: bool = False,
) -> MineSummary:
    """Mine every supported file under `paths` into skeletons and phrase banks in `out_dir` (`jobs`: worker
    processes, by default one per core); `own`: these are the unit's own reports, and their phrases join the
    unit's own bank too."""
    check_writable_output(out_dir)
    _refuse_foreign(out_dir, force)
    registry_path = registry or _registry_for(out_dir)
    genres = (
        load_registry(registry_path.parent) if registry is None else load_yaml_model(registry, GenreRegistry).genres
    )
    summary = MineSummary(out_dir)
    files = _collect(paths, summary)
    if not files:
        reasons = "".join(f.message for f in summary.failures)
        raise UsageError(f"{reasons}没有找到可供提炼的 {FORMATS_READ} 文件。请指定语料文件或目录。")
    jobs = default_jobs() if jobs is None else jobs
    prepare_lexicon(jobs).for_segmenting()  # before the workers fork, so that they share it instead of each its own
    buckets: dict[str, PartialBank] = {}
    speculate = _speculates(files, genres)
    copies = _Copies(summary)
    _use_genres(genres)
    with _fewer_collections(), _workers(jobs if _more_than_a_chunk(files) else 1, genres) as pool:
        run: Callable[..., Iterator[_ChunkResult]] = pool.imap if pool else map
        # The files are hashed for copies as the chunks are handed out (by the pool's feeding thread): the
        # workers survey the first chunks meanwhile.
        chunks = _chunks(copies.dropped_from(files))
        surveyed = _merge_survey(
            run(_survey_chunk_star, ((chunk, include_all, speculate) for chunk in chunks)),
            len(files),
            summary,
            lambda done, total: progress(min(done + len(copies.records), total), total) if progress else None,
        )
        summary.records[:0] = copies.records  # copies first, in file order, as they were found
        chosen = chosen_documents(summary.records)
        again = [_to_mine_again(survey.records, chosen, speculate) for survey in surveyed]
        tasks = [(reread, include_all, keys) for reread, keys in filter(None, again) if reread]
        total, done = len(files) + sum(len(task[0]) for task in tasks), len(files)
        mining = run(_mine_chunk_star, tasks)
        for survey, rereading in zip(surveyed, again, strict=True):
            if rereading is not None and not rereading[0]:  # none of the chunk's documents chosen
                continue
            result = survey if rereading is None else next(mining)
            for key, bank in result.buckets.items():
                buckets.setdefault(key, PartialBank()).merge(bank)
            if rereading is not None and progress is not None:
                done += len(rereading[0])
                progress(min(done, total), total)
    _mark_copies_across_chunks(summary)
    _count_surveyed(buckets, summary.records)
    if summary.documents == 0:
        reasons = "".join(f"（{r.source}：{r.reason}）" for r in summary.records[:3] if r.reason)
        raise UserError(
            f"没有从输入中读到可以提炼的总结，模板目录 {out_dir} 保持原样。{reasons}请检查这些文件后重试"
            "（不是总结的文稿也要提炼，请加 --include-all）。",
            path=out_dir,
        )
    reviewed = frozenset(load_reviews(out_dir).reviews)
    # Every bucket cut to the same bound, whatever point of its fill-and-cut cycle the corpus ended on.
    buckets = {key: bank.bounded() for key, bank in buckets.items()}
    with _settled():
        mined = reduce_buckets(buckets, genres, _register(), reviewed)
    summary.records = [_with_genre(r, mined) for r in summary.records]
    summary.learnt_from = _learnt_from(summary.records, chosen)
    files_out = mined_files(mined.skeletons, mined.banks)
    write_mined(out_dir, files_out, _registry_text(registry_path, mined.registry))
    prepare_indexes(out_dir, [f for f in files_out if f.endswith(BANK_SUFFIX)])
    _fill_summary(summary, mined, reviewed)
    if own:
        from drafter.bank.own import own_phrase, save_own

        mine_own = [own_phrase(p.text, b.genre, p.role) for b in mined.banks for p in b.phrases if not p.borrowed]
        summary.own_added = save_own(mine_own)
    return summary


def _speculates(files: list[Path], genres: list[Genre]) -> bool:
    """Whether the survey mines every document already: a corpus of fewer files than its genres could each be
    learnt from has most of its documents chosen, and reading them twice (converting .doc files twice) would
    cost more than mining the few that are not."""
    return len(files) <= SAMPLE * max(1, len(genres))


def _merge_survey(
    results: Iterable[_ChunkResult], total: int, summary: MineSummary, progress: Progress | None
) -> list[_ChunkResult]:
    """Collect the survey's records, reports and failures, in chunk order; the chunks' results."""
    kept = []
    for result in results:
        summary.files += len({r.source for r in result.records})
        summary.report.merge(result.report)
        summary.failures.extend(result.failures)
        summary.records.extend(result.records)
        result.report, result.failures = CleanReport(), []  # merged: not held twice while mining
        kept.append(result)
        if progress is not None:
            progress(min(summary.files, total), total)
    return kept


def _to_mine_again(
    records: list[DocumentRecord], chosen: frozenset[str], speculated: bool
) -> tuple[list[Path], frozenset[str]] | None:
    """The files of a surveyed chunk to read again, in order, and its documents to mine in them; None when the
    survey mined exactly those already (no files when none of them was chosen)."""
    mined = [r for r in records if r.status == "mined"]
    keys = [_choice_key(r.source, r.print) for r in mined]
    if speculated and all(key in chosen for key in keys):
        return None
    files = dict.fromkeys(r.source for r, key in zip(mined, keys, strict=True) if key in chosen)
    return [Path(source) for source in files], frozenset(key for key in keys if key in chosen)


def _count_surveyed(buckets: dict[str, PartialBank], records: list[DocumentRecord]) -> None:
    """Every bucket counts all its documents, also those it was not learnt from."""
    counts: dict[str, int] = {}
    for record in records:
        if record.status == "mined" and record.bucket is not None:
            counts[record.bucket] = counts.get(record.bucket, 0) + 1
    for key, bank in buckets.items():
        bank.count = counts.get(key, bank.count)


def _mark_copies_across_chunks(summary: MineSummary) -> None:
    """A document whose text another chunk already had: say so (its phrases were counted there too)."""
    first: dict[str, str] = {}
    for index, record in enumerate(summary.records):
        if record.status != "mined":
            continue
        if record.print in first:
            summary.records[index] = replace(record, reason=f"与《{first[record.print]}》内容相同")
        else:
            first[record.print] = record.title or record.source


def _learnt_from(records: list[DocumentRecord], chosen: frozenset[str]) -> dict[str, int]:
    """For each genre learnt from only some of its documents, how many."""
    mined = [r for r in records if r.status == "mined"]
    every = Counter(r.genre or GENERAL_GENRE for r in mined)
    used = Counter(r.genre or GENERAL_GENRE for r in mined if _choice_key(r.source, r.print) in chosen)
    return {genre: used[genre] for genre in every if used[genre] < every[genre]}


def _with_genre(record: DocumentRecord, mined: Mined) -> DocumentRecord:
    """A record with the name of the genre its bucket became."""
    return (
        record
        if record.bucket is None
        else replace(record, genre=mined.genre_of_bucket.get(record.bucket, GENERAL_GENRE))
    )


def _fill_summary(summary: MineSummary, mined: Mined, reviewed: frozenset[str]) -> None:
    """Counts per genre, phrases and reviewed phrases for the report."""
    banks = {b.genre: b for b in mined.banks}
    documents: dict[str, int] = {}
    for record in summary.records:
        if record.status == "mined":
            documents[record.genre or GENERAL_GENRE] = documents.get(record.genre or GENERAL_GENRE, 0) + 1
    for skeleton in mined.skeletons:
        genre = next(g for g in mined.registry if g.id == skeleton.genre)
        summary.genres.append(
            {
                "id": genre.id,
                "name": genre.name,
                "documents": documents.get(genre.name, 0) if genre.name != GENERAL_GENRE else skeleton.documents,
                "sections": len(skeleton.sections()),
                "phrases": len(banks[genre.id].phrases) if genre.id in banks else 0,
                "discovered": genre.discovered,
            }
        )
    summary.phrases = sum(len(b.phrases) for b in mined.banks)
    summary.reviewed = sum(1 for b in mined.banks for p in b.phrases if p.id in reviewed)


def mined_files(skeletons: list[Skeleton], banks: list[PhraseBank]) -> dict[str, str]:
    """Relative path -> text of every file mining writes: skeletons, banks and the manifest listing them."""
    files = {f"{SKELETONS_DIR}/{s.genre}.yaml": dump_yaml(s.model_dump(mode="json")) for s in skeletons}
    files |= {f"{PHRASES_DIR}/{b.genre}{BANK_SUFFIX}": bank_lines(b.phrases) for b in banks}
    files[MANIFEST_FILE] = dump_yaml(manifest(skeletons, banks, sorted(files)).model_dump(mode="json"))
    return files


def manifest(skeletons: list[Skeleton], banks: list[PhraseBank], files: list[str]) -> Manifest:
    """Counts per genre and the files written, so that listing genres reads no banks."""
    by_genre = {b.genre: b for b in banks}
    counts = []
    for skeleton in skeletons:
        phrases = by_genre[skeleton.genre].phrases if skeleton.genre in by_genre else []
        roles: dict[str, int] = {}
        for phrase in phrases:
            roles[phrase.role] = roles.get(phrase.role, 0) + 1
        counts.append(
            GenreCounts(
                id=skeleton.genre,
                name=skeleton.name,
                documents=skeleton.documents,
                sections=len(skeleton.sections()),
                phrases=len(phrases),
                roles=roles,
            )
        )
    return Manifest(genres=counts, files=[*files, MANIFEST_FILE])


def _registry_text(source: Path, genres: list[Genre]) -> str:
    """genres.yaml as mining leaves it: the original's opening comments, then every genre (discovered ones marked)."""
    header = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    entries = [g.model_dump(mode="json", exclude_defaults=True) for g in genres]
    return "\n".join(header) + ("\n" if header else "") + dump_yaml({"genres": entries})


def _register() -> RegisterPhrases:
    """drafter's own register phrases (the last fallback of every genre)."""
    return load_yaml_model(bundled(REGISTER_FILE), RegisterPhrases)


def _refuse_foreign(out_dir: Path, force: bool) -> None:
    """Refuse a directory holding files drafter did not write, unless --force (they are never deleted)."""
    found = foreign_files(out_dir)
    if found and not force:
        shown = "、".join(found[:5]) + (f" 等 {len(found)} 个文件" if len(found) > 5 else "")
        raise UsageError(
            f"目录 {out_dir} 中有不是 drafter 写的文件（{shown}），为免误改，没有写入模板。"
            f"请用 -o 另选一个目录；如确认要写在这里，加 --force（这些文件不会被删除，与模板同名的会被新模板替换）。",
            path=out_dir,
        )


def _chunks(files: Iterable[Path]) -> Iterator[list[Path]]:
    """The sorted files cut into chunks by size alone (so the result does not depend on --jobs)."""
    current: list[Path] = []
    size = 0
    for path in files:
        try:
            length = path.stat().st_size
        except OSError:
            length = 0
        if current and (size + length > CHUNK_BYTES or len(current) >= CHUNK_FILES):
            yield current
            current, size = [], 0
        current.append(path)
        size += length
    if current:
        yield current


def _more_than_a_chunk(files: list[Path]) -> bool:
    """Whether the files make more than one chunk (copies counted: a pool is worth starting)."""
    return any(True for _ in itertools.islice(_chunks(files), 1, None))


@dataclass
class _Copies:
    """Files that are byte-for-byte copies of an earlier one, and the record of each (skipped)."""

    summary: MineSummary
    records: list[DocumentRecord] = field(default_factory=list)
    first: dict[str, Path] = field(default_factory=dict)

    def dropped_from(self, files: Iterable[Path]) -> Iterator[Path]:
        """The files minus copies of an earlier one, hashed one by one as they are asked for."""
        for path in files:
            size, digest = _digest(path)
            self.summary.megabytes += size / 1e6  # every input byte counts, copies included
            if digest in self.first:
                self.records.append(DocumentRecord(str(path), None, "skipped", f"与 {self.first[digest]} 完全相同"))
                continue
            self.first[digest] = path
            yield path


def _digest(path: Path) -> tuple[int, str]:
    """A file's size and the hash of its bytes (its path where it has none, or cannot be read)."""
    try:
        if not path.is_file():
            return 0, str(path)
        digest, size = hashlib.sha1(), 0
        with path.open("rb") as stream:
            while block := stream.read(1 << 16):  # small blocks: reused, never mapped anew each time
                digest.update(block)
                size += len(block)
    except OSError:
        return 0, str(path)
    return size, digest.hexdigest() if size else str(path)


_DEFAULT_GC = gc.get_threshold()


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the garbage collector less often while the banks grow (they hold many small objects and no cycles)."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def _settled() -> Iterator[None]:
    """Keep the garbage collector off what is built already (every document's record, the merged banks) while
    reducing: each of its collections walked them all again (a sixth of reducing an archive)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _registry_for(out_dir: Path) -> Path:
    """The genre registry to use: the output directory's own, else the bundled one."""
    own = out_dir / GENRES_FILE
    return own if own.exists() else bundled(f"templates/{GENRES_FILE}")


def _collect(paths: list[Path], summary: MineSummary) -> list[Path]:
    """Every supported file under `paths`, in order; missing paths become failures."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            summary.failures.append(ReadError(f"找不到 {path}。请检查路径是否正确。", path=path))
            continue
        files.extend(iter_source_files(path))
    return files


def default_jobs() -> int:
    """Worker processes when --jobs is not given: one per core this process may run on, at most MAX_DEFAULT_JOBS
    (each worker holds its own banks and lexicon view; beyond that they mostly wait for the disk)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_JOBS))


def _workers(jobs: int, genres: list[Genre]) -> AbstractContextManager[multiprocessing.pool.Pool | None]:
    """The mining workers: a pool for jobs > 1 (None otherwise, and where no pool can start). Workers ignore
    Ctrl-C: the parent alone is interrupted, terminates them and says so once."""
    return process_pool(jobs, _start_worker, (genres,))


def _start_worker(genres: list[Genre]) -> None:
    """In a worker: classify by these genres, leave SIGINT to the parent, and collect garbage as usual (the
    parent's fewer collections suit its folding, not a worker's chunks, whose cyclic garbage would pile up
    between them)."""
    import signal

    _use_genres(genres)

    from drafter.errors import install_stop_handlers

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    install_stop_handlers()  # terminated by the parent: LibreOffice and temporary folders are cleaned up first
    gc.set_threshold(*_DEFAULT_GC)
