"""`drafter format`: documents anyone typed -> new .docx files laid out to GB/T 9704, the originals untouched."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import ReadError, UsageError, UserError, WriteError
from drafter.files import os_error, write_output
from drafter.output.formatting.normalise import STEP_ALIASES, STEPS, apply_edits, step_id
from drafter.output.formatting.places import Place, key, place_paragraphs
from drafter.output.formatting.report import FormatReport
from drafter.output.render.docx import render_docx
from drafter.output.render.fonts import DEFAULT_FONTS, FontChoice
from drafter.output.render.layout import Block, DocumentInfo
from drafter.reading.convert import Converted, convert_all
from drafter.reading.office import file_kind
from drafter.reading.outline import clean_text
from drafter.reading.read import WORD_SUFFIXES, iter_source_files, needs_office, open_docx, read_source

OUTPUT_SUFFIX = ".公文格式.docx"


@dataclass
class Formatted:
    """One input and what became of it (`renamed`: the input whose output had the name first, when two inputs share
    a name and this one's output was named apart)."""

    source: Path
    output: Path | None
    report: FormatReport
    renamed: Path | None = None


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
    fonts: FontChoice | None = None,
) -> FormatResult:
    """Format every document under `paths` into a new .docx (or, with `dry_run`, only say what would change)."""
    steps = chosen_steps(skip)
    result = FormatResult()
    files = inputs(paths, result.failures)
    if out is not None and len(files) > 1:
        raise UsageError("-o 只能用于一个文件；排版多个文件时请用 --out-dir 目录。")
    plan = plan_outputs(files, out, out_dir, result.failures)
    with tempfile.TemporaryDirectory(prefix="drafter-format-") as workdir:
        converted = convert_all([f for f in plan if needs_office(f)], Path(workdir))
        for source, (target, renamed) in plan.items():
            try:
                data, report = format_one(source, converted.get(source), steps, fonts or DEFAULT_FONTS)
            except UserError as error:
                result.failures.append(error)
                continue
            if not dry_run:
                try:
                    write_output(target, data, force=force)
                except UserError as error:
                    result.failures.append(WriteError(error.message, path=target))
                    continue
            result.formatted.append(Formatted(source, None if dry_run else target, report, renamed))
    return result


def plan_outputs(
    files: list[Path], out: Path | None, out_dir: Path | None, failures: list[UserError]
) -> dict[Path, tuple[Path, Path | None]]:
    """Every input's output, all decided before anything is written: two inputs never get one output (the later
    one is named apart: a(txt).公文格式.docx, r(d2).公文格式.docx), and no output is any input of the run. Each
    input -> its output and, when it was named apart, the input that kept the name."""
    inputs_seen = {_identity(source): source for source in files}
    taken: dict[str, Path] = {}
    plan: dict[Path, tuple[Path, Path | None]] = {}
    planned: set[str] = set()
    for source in files:
        if _identity(source) in planned:
            continue  # the same file named twice is formatted once
        planned.add(_identity(source))
        try:
            target = output_for(source, out, out_dir)
            first = taken.get(_identity(target))
            renamed = None
            if first is not None and out is None:
                target, renamed = _named_apart(source, first, out_dir, taken), first
            _refuse_input(source, target, inputs_seen)
        except UserError as error:
            failures.append(error)
            continue
        except OSError as error:
            failures.append(WriteError(os_error(error, output_for(source, out, out_dir), "写入").message, path=source))
            continue
        taken[_identity(target)] = source
        plan[source] = (target, renamed)
    return plan


def _identity(path: Path) -> str:
    """The file a path names, however it is spelt (relative, through symbolic links, via ..)."""
    return os.path.normcase(str(path.resolve()))


def _named_apart(source: Path, first: Path, out_dir: Path | None, taken: dict[str, Path]) -> Path:
    """An output name for an input whose usual one the input `first` of the run has: marked with its type when
    the two differ in type (a(txt)), else with its folder (r(d2)), else with a number."""
    kind = source.suffix.lstrip(".").lower()
    folder = source.parent.resolve().name
    marks = [kind] if kind != first.suffix.lstrip(".").lower() else []
    marks += [folder] if folder and folder != first.parent.resolve().name else []
    marks += [f"{n}" for n in range(2, 1000)]
    for mark in marks:
        candidate = output_for(source.with_name(f"{source.stem}({mark}){source.suffix}"), None, out_dir)
        if _identity(candidate) not in taken:
            return candidate
    raise WriteError(f"无法为 {source} 找到一个不与其他输出重名的文件名。请用 --out-dir 分开排版。", path=source)


def _refuse_input(source: Path, target: Path, inputs_seen: dict[str, Path]) -> None:
    """No output is written over an input of the run: the file itself, or another file being formatted."""
    other = inputs_seen.get(_identity(target))
    if other is None and target.exists():
        same = [s for s in inputs_seen.values() if s.exists() and os.path.samefile(s, target)]
        other = same[0] if same else None
    if other is None:
        return
    if _identity(other) == _identity(source):
        raise WriteError(
            f"输出文件 {target} 就是原文件。drafter format 从不改动原文件，请用 -o 另给一个文件名。", path=target
        )
    raise WriteError(
        f"{source} 的输出文件 {target} 是本次要排版的另一个文件，没有覆盖它，{source} 也没有排版。"
        "请用 --out-dir 把输出写到别的目录，或不要把 .公文格式.docx 文件和原文件一起排版。",
        path=target,
    )


def format_one(
    source: Path, converted: Converted | ReadError | None, steps: Collection[str], fonts: FontChoice
) -> tuple[bytes, FormatReport]:
    """The formatted .docx bytes of one document, and what was done."""
    if isinstance(converted, ReadError):
        raise converted
    path = converted.path if converted is not None else source
    if path.suffix.lower() in WORD_SUFFIXES and file_kind(path) == "docx":
        return _format_docx(path, steps, fonts)  # a .docx, whatever Word name it has
    return _format_text(path, steps, fonts)  # text, Markdown, PDF, a web page under a Word name


def _format_docx(path: Path, steps: Collection[str], fonts: FontChoice) -> tuple[bytes, FormatReport]:
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
    from drafter.bank.listing import genre_keys
    from drafter.mining.genres import BUNDLED_GENRES, GENERAL_GENRE, classify_title
    from drafter.resources import bundled

    name = classify_title(title or "", genre_keys(bundled(BUNDLED_GENRES)))
    return None if name == GENERAL_GENRE else name


def _format_text(path: Path, steps: Collection[str], fonts: FontChoice) -> tuple[bytes, FormatReport]:
    """A text, Markdown or PDF document written out with drafter's styles, paragraph by paragraph."""
    source = read_source(path)
    paragraphs = [p for p in source.paragraphs if clean_text(p.text)]
    places = place_paragraphs(paragraphs)
    report = FormatReport()
    blocks = []
    for number, paragraph in enumerate(paragraphs, start=1):
        place = places.get(key(paragraph), Place("body"))
        edits = report.normalise(number, paragraph.text, steps, place.renumbering, heading_end=place.bare_heading)
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
