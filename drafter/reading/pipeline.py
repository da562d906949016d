"""The outline pipeline: paths -> read -> clean -> split -> parse -> Outline models."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import ReadError, UserError
from drafter.mining.classify import report_genre
from drafter.mining.genres import classify_title, load_genres
from drafter.models import Genre, Outline, OutlineSection
from drafter.reading.clean import CleanReport, CompiledRule, clean_paragraphs, load_rules
from drafter.reading.outline import Node, parse_document
from drafter.reading.read import FORMATS_READ, SourceText, iter_source_files, read_sources
from drafter.reading.split import RawDocument, split_documents, unflatten
from drafter.reading.titles import title_facts


@dataclass
class OutlineResult:
    """Outlines of everything that could be read, what cleaning did, and what failed."""

    outlines: list[Outline] = field(default_factory=list)
    report: CleanReport = field(default_factory=CleanReport)
    failures: list[UserError] = field(default_factory=list)


@dataclass
class CleanResult:
    """Cleaned text of each readable file, what cleaning did, and what failed."""

    texts: list[str] = field(default_factory=list)
    report: CleanReport = field(default_factory=CleanReport)
    failures: list[UserError] = field(default_factory=list)


def read_paths(paths: list[Path], failures: list[UserError]) -> list[SourceText]:
    """Read every supported file under `paths`; unreadable ones are added to `failures`."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            failures.append(ReadError(f"找不到 {path}。请检查路径是否正确。", path=path))
            continue
        found = iter_source_files(path)
        if path.is_dir() and not found:
            failures.append(ReadError(f"目录 {path} 中没有可读取的 {FORMATS_READ} 文件。", path=path))
        files += found
    sources = []
    for result in read_sources(files):
        if isinstance(result, UserError):
            failures.append(result)
        else:
            sources.append(result)
    return sources


def clean_paths(paths: list[Path], *, rules_path: Path | None = None) -> CleanResult:
    """Cleaned text of every supported file under `paths`, without compilation header and TOC."""
    rules = load_rules(rules_path)
    result = CleanResult()
    for source in read_paths(paths, result.failures):
        paragraphs, report = clean_paragraphs(unflatten(source.paragraphs), source.path, rules)
        documents = split_documents(paragraphs, source.path, report)
        result.texts.append("\n\n".join("\n".join(p.text for p in d.paragraphs).strip() for d in documents))
        result.report.merge(report)
    return result


def outline_paths(
    paths: list[Path],
    *,
    clean: bool = True,
    rules_path: Path | None = None,
    genres_path: Path | None = None,
) -> OutlineResult:
    """Outline every supported file under `paths`; unreadable files are collected, not raised."""
    rules = load_rules(rules_path) if clean else []
    genres = load_genres(genres_path)
    result = OutlineResult()
    for source in read_paths(paths, result.failures):
        outlines, report = outline_source(source, rules=rules, genres=genres)
        result.outlines.extend(outlines)
        result.report.merge(report)
    return result


def outline_source(
    source: SourceText, *, rules: list[CompiledRule] | None = None, genres: list[Genre] | None = None
) -> tuple[list[Outline], CleanReport]:
    """Outlines of the documents in one read file."""
    paragraphs, report = clean_paragraphs(unflatten(source.paragraphs), source.path, rules or [])
    documents = split_documents(paragraphs, source.path, report)
    genres = genres if genres is not None else load_genres()
    # A title recorded in a .docx's properties stands in for a missing title line, in a file of one document.
    meta = source.title if len(documents) == 1 else None
    return [outline_document(document, genres, meta) for document in documents], report


def outline_document(document: RawDocument, genres: list[Genre], meta_title: str | None = None) -> Outline:
    """The Outline model of one split document (`meta_title`: the title a .docx records in its properties)."""
    parsed = parse_document(document)
    title = parsed.title or meta_title
    org = parsed.signature if parsed.signature and " " not in parsed.signature else parsed.letterhead
    outline = Outline(
        title=title,
        source=document.source,
        genre=classify_title(title or "", genres, org, [n.candidate.heading for n in parsed.sections]),
        org=org or parsed.letterhead,
        date=parsed.date,
        preamble="\n".join(parsed.preamble) or None,
        sections=[to_section(node) for node in parsed.sections],
        closing=parsed.closing,
        signature=parsed.signature,
        doc_number=parsed.doc_number,
        addressee=parsed.addressee,
    )
    # A 个人总结 or 政府工作报告 belongs to the genre of its kind, whatever its unit or topic words say.
    _, own = report_genre(outline, title_facts(title, org), genres)
    return outline.model_copy(update={"genre": own.name}) if own else outline


def outline_text(text: str, source: str = "<text>", *, clean: bool = True) -> list[Outline]:
    """Outlines of a string (for tests and callers that already hold the text)."""
    from drafter.reading.read import Paragraph

    paragraphs = [Paragraph(line, i + 1) for i, line in enumerate(text.splitlines())]
    outlines, _ = outline_source(SourceText(source, paragraphs), rules=load_rules() if clean else [])
    return outlines


def to_section(node: Node) -> OutlineSection:
    """A parser node as an OutlineSection model."""
    return OutlineSection(
        number=node.candidate.number,
        marker=node.candidate.marker,
        heading=node.candidate.heading,
        body=node.body,
        children=[to_section(child) for child in node.children],
        line=node.candidate.line,
        body_lines=node.lines,
        list_items=node.list_items,
    )
