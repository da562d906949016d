"""`drafter mine`: read the corpus, map every file to mined documents, reduce, write templates."""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.corpus.clean import CleanReport, load_rules
from drafter.corpus.read import iter_source_files, read_source
from drafter.errors import ReadError, UsageError, UserError
from drafter.genres import GENERAL_GENRE
from drafter.mining.extract import MinedDocument, mine_document
from drafter.mining.reduce import Reducer
from drafter.models import Genre, GenreCounts, Manifest, PhraseBank, Skeleton
from drafter.pipeline import outline_source
from drafter.store import dump_yaml
from drafter.templates import (
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

Progress = Callable[[int, int], None]


@dataclass
class MineSummary:
    """What a mining run read, wrote and noticed."""

    out_dir: Path
    documents: int = 0
    files: int = 0
    megabytes: float = 0.0
    genres: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # name -> documents, sections, phrases
    reviewed: int = 0
    report: CleanReport = field(default_factory=CleanReport)
    warnings: list[str] = field(default_factory=list)
    failures: list[UserError] = field(default_factory=list)


@dataclass
class _FileResult:
    """The map step's answer for one file."""

    documents: list[MinedDocument]
    report: CleanReport
    size: int
    failure: UserError | None = None


def mine_file(path: Path, genres: list[Genre]) -> _FileResult:
    """Map: one file -> its mined documents (runs in a worker process with --jobs)."""
    try:
        source = read_source(path)
    except UserError as error:
        return _FileResult([], CleanReport(), 0, error)
    outlines, report = outline_source(source, rules=load_rules(), genres=genres)
    documents = [mine_document(o, o.genre or GENERAL_GENRE) for o in outlines]
    return _FileResult(documents, report, len(source.text.encode("utf-8")))


def _mine_file_star(args: tuple[Path, list[Genre]]) -> _FileResult:
    """mine_file for Pool.imap."""
    return mine_file(*args)


def mine(
    paths: list[Path],
    out_dir: Path,
    *,
    jobs: int = 1,
    registry: Path | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> MineSummary:
    """Mine every supported file under `paths` into skeletons and phrase banks in `out_dir`."""
    check_writable_output(out_dir)
    _refuse_foreign(out_dir, force)
    registry_path = registry or _registry_for(out_dir)
    genres = load_registry(registry_path.parent)
    summary = MineSummary(out_dir)
    files = _collect(paths, summary)
    if not files:
        reasons = "".join(f.message for f in summary.failures)
        raise UsageError(f"{reasons}没有找到可供提炼的 .txt、.md 或 .docx 文件。请指定语料文件或目录。")
    reducer = Reducer(genres)
    with _fewer_collections(), _workers(jobs if len(files) > 1 else 1) as pool:
        results = (
            pool.imap(_mine_file_star, [(f, genres) for f in files]) if pool else (mine_file(f, genres) for f in files)
        )
        _reduce_all(results, len(files), reducer, summary, registry_path, progress)
        if summary.documents == 0:
            reasons = "".join(f"（{f.message}）" for f in summary.failures[:3])
            raise UserError(
                f"没有从输入中读到任何文稿，模板目录 {out_dir} 保持原样。{reasons}请检查这些文件后重试。",
                path=out_dir,
            )
        skeletons, banks = reducer.skeletons(), reducer.banks()
        # The YAML emitter is the slowest serial step: with a pool, the skeletons are written in parallel.
        dump = (lambda data: pool.map(dump_yaml, list(data), chunksize=1)) if pool else None
        files_out = mined_files(skeletons, banks, dump)
    write_mined(out_dir, files_out, registry_path.read_text(encoding="utf-8"))
    phrases = {b.genre: len(b.phrases) for b in banks}
    for skeleton in skeletons:
        summary.genres[skeleton.name] = (skeleton.documents, len(skeleton.sections()), phrases.get(skeleton.genre, 0))
    reviews = load_reviews(out_dir).reviews
    summary.reviewed = sum(1 for b in banks for p in b.phrases if p.id in reviews)
    return summary


def mined_files(
    skeletons: list[Skeleton], banks: list[PhraseBank], dump: Callable[[Iterable[Any]], Iterable[str]] | None = None
) -> dict[str, str]:
    """Relative path -> text of every file mining writes: skeletons, banks and the manifest listing them."""
    names = [f"{SKELETONS_DIR}/{s.genre}.yaml" for s in skeletons]
    texts = (
        dump(s.model_dump(mode="json") for s in skeletons)
        if dump
        else map(dump_yaml, (s.model_dump(mode="json") for s in skeletons))
    )
    files = dict(zip(names, texts, strict=True))
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


def _refuse_foreign(out_dir: Path, force: bool) -> None:
    """Refuse a directory holding files drafter did not write, unless --force (they are never touched either way)."""
    found = foreign_files(out_dir)
    if found and not force:
        shown = "、".join(found[:5]) + (f" 等 {len(found)} 个文件" if len(found) > 5 else "")
        raise UsageError(
            f"目录 {out_dir} 中有不是 drafter 写的文件（{shown}），为免误改，没有写入模板。"
            f"请用 -o 另选一个目录；如确认要写在这里，加 --force（这些文件不会被改动或删除）。",
            path=out_dir,
        )


def _reduce_all(
    results: Iterable[_FileResult],
    total: int,
    reducer: Reducer,
    summary: MineSummary,
    registry_path: Path,
    progress: Progress | None,
) -> None:
    """Fold the mapped files' documents into the reducer, in file order."""
    for done, result in enumerate(results, start=1):
        summary.files += 1
        summary.megabytes += result.size / 1e6
        summary.report.merge(result.report)
        if result.failure is not None:
            summary.failures.append(result.failure)
        for document in result.documents:
            summary.documents += 1
            if document.genre == GENERAL_GENRE:
                summary.warnings.append(
                    f"《{document.title}》的标题不属于任何文种，已归入“通用”。如需新增文种，"
                    f"请在 {registry_path} 中照样添加一项（id、name、keywords、description）后重新运行 drafter mine。"
                )
            reducer.add(document)
        if progress is not None:
            progress(done, total)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the garbage collector less often while the banks grow (they hold many small objects and no cycles)."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _registry_for(out_dir: Path) -> Path:
    """The genre registry to use: the output directory's own, else the bundled one."""
    from drafter.resources import bundled

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


@contextmanager
def _workers(jobs: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """A process pool for jobs > 1 (None otherwise), closed on the way out."""
    if jobs <= 1:
        yield None
        return
    context = multiprocessing.get_context("spawn" if _fork_unsafe() else "fork")
    # Workers ignore Ctrl-C: the parent alone is interrupted, terminates them and says so once.
    with context.Pool(jobs, initializer=_ignore_interrupts) as pool:
        yield pool


def _ignore_interrupts() -> None:
    """In a worker: leave SIGINT to the parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _fork_unsafe() -> bool:
    """Fork is not available (Windows) or not advisable (macOS)."""
    import sys

    return sys.platform in ("win32", "darwin")
