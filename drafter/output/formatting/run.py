"""`drafter format`: documents anyone typed -> new .docx files laid out to GB/T 9704, the originals untouched."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import ReadError, UsageError, UserError
from drafter.files import write_output
from drafter.output.formatting.normalise import STEP_ALIASES, STEPS, apply_edits, normalise, step_id
from drafter.output.formatting.places import Place, key, place_paragraphs
from drafter.output.formatting.report import FormatReport
from drafter.output.render.docx import FontTable, render_docx
from drafter.output.render.layout import Block, DocumentInfo
from drafter.reading.convert import LEGACY_SUFFIXES, Converted, convert_all
from drafter.reading.outline import clean_text
from drafter.reading.read import iter_source_files, open_docx, read_source

OUTPUT_SUFFIX = ".公文格式.docx"


@dataclass
class Formatted:
    """One input and what became of it."""

    source: Path
    output: Path | None
    report: FormatReport


@dataclass
class FormatResult:
    """Every file formatted (or diagnosed, with --dry-run), and those that could not be read."""

    formatted: list[Formatted] = field(default_factory=list)
    failures: list[UserError] = field(default_factory=list)


def chosen_steps(skipped: Collection[str]) -> list[str]:
    """The normalisation steps to run: all but those named (by id or Chinese name, commas allowed)."""
    names = [step_id(part) for item in skipped for part in item.replace("，", ",").split(",") if part.strip()]
    unknown = [name for name in names if name not in STEPS]
    if unknown:
        known = "、".join(
            f"{alias}（{name}）"
            for alias, name in STEP_ALIASES.items()
            if alias in ("序号", "标题标点", "标点", "引号", "空格", "空行")
        )
        raise UsageError(f"--skip 不认识“{'、'.join(unknown)}”。可以跳过的步骤：{known}。")
    return [step for step in STEPS if step not in names]


def output_for(source: Path, out: Path | None, out_dir: Path | None) -> Path:
    """Where a document's formatted copy goes: -o, else the folder --out-dir names, else beside it."""
    if out is not None:
        return out
    name = source.stem + OUTPUT_SUFFIX
    return (out_dir / name) if out_dir is not None else source.with_name(name)


def inputs(paths: list[Path], failures: list[UserError]) -> list[Path]:
    """The files to format: those named, and the readable files in folders named (not earlier outputs)."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            failures.append(ReadError(f"找不到 {path}。请检查路径是否正确。", path=path))
        elif path.is_dir():
            files += [f for f in iter_source_files(path) if not f.name.endswith(OUTPUT_SUFFIX)]
        else:
            files.append(path)
    return files


def format_files(
    paths: list[Path],
    *,
    out: Path | None = None,
    out_dir: Path | None = None,
    force: bool = False,
    dry_run: bool = False,
    skip: Collection[str] = (),
    fonts: FontTable | None = None,
) -> FormatResult:
    """Format every document under `paths` into a new .docx (or, with `dry_run`, only say what would change)."""
    steps = chosen_steps(skip)
    result = FormatResult()
    files = inputs(paths, result.failures)
    if out is not None and len(files) > 1:
        raise UsageError("-o 只能用于一个文件；排版多个文件时请用 --out-dir 目录。")
    with tempfile.TemporaryDirectory(prefix="drafter-format-") as workdir:
        converted = convert_all([f for f in files if f.suffix.lower() in LEGACY_SUFFIXES], Path(workdir))
        for source in files:
            target = output_for(source, out, out_dir)
            try:
                _refuse_original(source, target)
                data, report = format_one(source, converted.get(source), steps, fonts or FontTable())
                if not dry_run:
                    write_output(target, data, force=force)
                result.formatted.append(Formatted(source, None if dry_run else target, report))
            except UserError as error:
                result.failures.append(error)
    return result


def _refuse_original(source: Path, target: Path) -> None:
    """The original is never written over, whatever -o says."""
    if target.exists() and target.resolve() == source.resolve():
        raise UsageError(
            f"输出文件 {target} 就是原文件。drafter format 从不改动原文件，请用 -o 另给一个文件名。", path=target
        )


def format_one(
    source: Path, converted: Converted | ReadError | None, steps: Collection[str], fonts: FontTable
) -> tuple[bytes, FormatReport]:
    """The formatted .docx bytes of one document, and what was done."""
    if isinstance(converted, ReadError):
        raise converted
    docx_path = converted.path if converted is not None else source
    if docx_path.suffix.lower() == ".docx":
        return _format_docx(docx_path, steps, fonts)
    return _format_text(docx_path, steps, fonts)


def _format_docx(path: Path, steps: Collection[str], fonts: FontTable) -> tuple[bytes, FormatReport]:
    """A .docx laid out in place (its tables, images and notes kept)."""
    from drafter.output.formatting.docx_inplace import format_document

    document = open_docx(path)
    report, title = format_document(document, steps, fonts)
    if title:
        document.core_properties.title = title
    document.core_properties.category = _genre_name(title) or document.core_properties.category
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), report


def _genre_name(title: str | None) -> str | None:
    """The name of the genre a title belongs to, when it belongs to one."""
    from drafter.mining.genres import GENERAL_GENRE, classify_title, load_genres

    name = classify_title(title or "", load_genres())
    return None if name == GENERAL_GENRE else name


def _format_text(path: Path, steps: Collection[str], fonts: FontTable) -> tuple[bytes, FormatReport]:
    """A text, Markdown or PDF document written out with drafter's styles, paragraph by paragraph."""
    source = read_source(path)
    paragraphs = [p for p in source.paragraphs if clean_text(p.text)]
    places = place_paragraphs(paragraphs)
    report = FormatReport()
    blocks = []
    for number, paragraph in enumerate(paragraphs, start=1):
        place = places.get(key(paragraph), Place("body"))
        edits = normalise(paragraph.text, steps, place.renumbering, heading_end=place.bare_heading)
        report.record(number, paragraph.text, edits)
        text = apply_edits(paragraph.text, edits).strip() or paragraph.text.strip()
        blocks.append(_block(place, text))
        report.parts[place.part] += 1
    title = source.title or next((b.text for b in blocks if b.kind == "title"), None)
    info = DocumentInfo(genre=_genre_name(title))
    return render_docx(blocks, fonts, info), report


def _block(place: Place, text: str) -> Block:
    """One paragraph as the block `drafter render` lays out."""
    if place.kind == "heading":
        return Block("heading", "", place.depth, "", text)
    if place.kind in ("title", "signature", "date"):
        return Block(place.kind, text)
    return Block("body", text)
