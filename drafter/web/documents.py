"""The documents the pages hand out, made by the same library calls as the CLI, in memory or a private folder."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from drafter.errors import UserError
from drafter.models import FontTable
from drafter.output.render.fonts import FontChoice
from drafter.web.security import UploadError, private_folder
from drafter.writing.draft import DraftCore

MAX_UNPACKED = 200 * 1024 * 1024
MAX_MEMBERS = 2000
# The fonts a clerk may change on the settings page, as the page names them.
FONT_FIELDS = (
    ("title", "标题"),
    ("level1", "一级标题 一、"),
    ("level2", "二级标题 （一）"),
    ("level3", "三级标题 1."),
    ("body", "正文"),
    ("signature", "落款"),
    ("page_number", "页码"),
    ("latin", "数字和字母"),
)
FIELD_LABELS = dict(FONT_FIELDS) | {"level4": "四级标题 （1）"}
DECISIONS = {"accepted": "已采用", "rejected": "已拒绝", "edited": "已修改"}


@dataclass(frozen=True)
class PlacedFinding:
    """A finding of `drafter check` and the part of the draft it is in (for a link to it)."""

    severity: str
    severity_name: str
    message: str
    suggestion: str
    where: str
    part: str | None


def draft_blocks(core: DraftCore) -> list[Any]:
    """The draft laid out as the .docx will be."""
    from drafter.output.render.layout import layout_draft

    core.sync()
    return layout_draft(core.draft, core.title())


def draft_document(core: DraftCore, kind: str, fonts: FontChoice) -> bytes:
    """The draft as .docx or Markdown bytes (nothing is written on disk)."""
    from drafter.output.render.docx import render_docx
    from drafter.output.render.layout import DocumentInfo
    from drafter.output.render.markdown import render_markdown

    info = DocumentInfo(genre=core.genre.name if core.genre else None)
    if kind == "docx":
        return render_docx(draft_blocks(core), fonts, info)
    if kind == "md":
        return render_markdown(draft_blocks(core), info).encode("utf-8")
    raise UserError(f"不能下载“{kind}”格式：只有 .docx 和 .md。")


def check_draft(core: DraftCore, templates_option: Path | None, fonts: FontChoice) -> list[PlacedFinding]:
    """What `drafter check` finds in the draft's .docx, each finding placed in a part of the draft."""
    from drafter.output.check.findings import SEVERITY_NAMES
    from drafter.output.check.run import check_paths

    with private_folder() as work:
        path = work / "草稿.docx"
        path.write_bytes(draft_document(core, "docx", fonts))
        result = check_paths([path], templates_option=templates_option)
    parts = core.parts()
    placed = []
    for report in result.reports:
        for finding in report.findings:
            if finding.code == "layout-page-number" and fonts.page_number_style == "none":
                continue  # the clerk chose no page numbers on the settings page
            top = finding.heading_path.split(" > ")[0] if finding.heading_path else ""
            part = next((p.name for p in parts if top and top.endswith(p.title)), None)
            placed.append(
                PlacedFinding(
                    finding.severity,
                    SEVERITY_NAMES.get(finding.severity, finding.severity),
                    finding.message,
                    finding.suggestion,
                    finding.heading_path,
                    part,
                )
            )
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(placed, key=lambda f: order.get(f.severity, 3))


def save_font_settings(values: dict[str, str]) -> None:
    """The render settings chosen on the settings page, kept in the unit profile, where `drafter render`, `skeleton`
    and `format` read them too (no values: back to the GB/T 9704 defaults)."""
    from pydantic import ValidationError

    from drafter.writing.profile import update_profile

    known = FontTable.model_fields
    unknown = [k for k in values if k not in known]
    if unknown:
        raise UserError(f"排版设置里没有“{unknown[0]}”这一项。")
    chosen: dict[str, Any] = {k: v.strip() for k, v in values.items() if v.strip() and k != "level3_bold"}
    chosen["level3_bold"] = values.get("level3_bold") in ("on", "1", "true")
    try:
        table = FontTable(**chosen)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        if field == "page_number_style":
            raise UserError("排版设置有误：页码样式只能从列出的几种中选择。") from None
        problem = str(first["msg"]).removeprefix("Value error, ")
        raise UserError(f"排版设置有误（{FIELD_LABELS.get(field, field)}）：{problem}。") from None
    if table == FontTable():
        update_profile({}, clear=("fonts",))
    else:
        update_profile({"fonts": table})


def format_upload(path: Path, fonts: FontChoice) -> tuple[Any, bytes]:
    """What `drafter format` does to an uploaded document (its report), and the formatted .docx (the upload is a
    copy)."""
    from drafter.output.formatting.run import format_files

    target = path.with_name(path.stem + ".公文格式.docx")
    result = format_files([path], out=target, fonts=fonts)
    if result.failures:
        raise UserError(result.failures[0].message.replace(str(path), "上传的文件"))
    return result.formatted[0].report, target.read_bytes()


@dataclass(frozen=True)
class StepChanges:
    """One kind of text change formatting makes, as `format --dry-run` lists it: its name, how many, examples."""

    name: str
    count: int
    examples: list[Any]


def format_listing(report: Any) -> tuple[list[str], list[StepChanges]]:
    """The lines `drafter format --dry-run` prints for a document, and its text changes by kind with examples."""
    from drafter.output.formatting.normalise import STEPS
    from drafter.output.formatting.report import EXAMPLES_KEPT
    from drafter.show import format_summary

    lines = [line for line in format_summary(report, places=True) if not line.startswith(" ")]
    counts = report.counts()
    steps = [
        StepChanges(name, counts[step], [c for c in report.changes if c.step == step][:EXAMPLES_KEPT])
        for step, name in STEPS.items()
        if counts.get(step)
    ]
    return lines, steps


class Handouts:
    """Formatted documents kept in memory under an opaque id (so a clerk who looked at what formatting changes
    downloads the result without choosing the file again); the oldest go first, all go when the server stops."""

    def __init__(self, kept: int = 8) -> None:
        self.kept = kept
        self.files: dict[str, tuple[str, bytes]] = {}

    def keep(self, name: str, data: bytes) -> str:
        """Keep a document; its id."""
        import secrets

        handout = secrets.token_urlsafe(16)
        self.files[handout] = (name, data)
        while len(self.files) > self.kept:
            del self.files[next(iter(self.files))]
        return handout

    def get(self, handout: str) -> tuple[str, bytes]:
        """A kept document: its name and bytes."""
        if handout not in self.files:
            raise UserError("这份排好的文稿已经过期（只保留最近排的几份）。请重新选择文件排版。")
        return self.files[handout]


def skeleton_document(
    genre: str, org: str | None, year: int | None, templates_option: Path | None, fonts: FontChoice
) -> bytes:
    """The blank skeleton of a genre, as `drafter skeleton` writes it, with the render settings."""
    from drafter.output.render.document import blank_skeleton

    with private_folder() as work:
        target = work / "提纲.docx"
        blank_skeleton(genre, target, org=org, year=year, templates_option=templates_option, fonts=fonts)
        return target.read_bytes()


def decide(templates_option: Path | None, phrase_id: str, status: str, text: str) -> str:
    """A review decision on one phrase, kept where `drafter phrases accept/reject/review` keep theirs."""
    from drafter.bank.phrasebook import record_decisions
    from drafter.bank.templates import resolve_templates, reviews_target, save_reviews, unknown_ids
    from drafter.models import Review

    if status in ("accepted", "rejected"):
        chosen: Literal["accepted", "rejected"] = "accepted" if status == "accepted" else "rejected"
        record_decisions(templates_option, [phrase_id], chosen)
        return DECISIONS[status]
    if status == "edited" and text.strip():
        templates = resolve_templates(templates_option)
        if unknown_ids(templates, [phrase_id]):
            raise UserError(f"找不到编号为“{phrase_id}”的常用语。")
        save_reviews(reviews_target(templates), {phrase_id: Review(status="edited", text=text.strip())})
        return DECISIONS["edited"]
    raise UserError("请选择：采用、拒绝，或写出修改后的文字。")


def unpack_zip(archive: Path) -> Path:
    """The documents of an uploaded zip, unpacked beside it with names of our own (no path from inside the zip
    is used), bounded in count and unpacked size."""
    from drafter.reading.read import SUPPORTED_SUFFIXES

    folder = archive.with_suffix("")
    folder.mkdir()
    total = 0
    try:
        with zipfile.ZipFile(archive) as packed:
            members = [m for m in packed.infolist() if not m.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise UploadError(f"压缩包里的文件太多（超过 {MAX_MEMBERS} 个）。")
            for number, member in enumerate(members):
                name = (
                    member.filename.encode("cp437").decode("gbk", "replace")
                    if not member.flag_bits & 0x800
                    else member.filename
                )
                suffix = Path(name).suffix.lower()
                if suffix not in SUPPORTED_SUFFIXES:
                    continue
                target = folder / f"{number:04d}-{Path(name).stem[:40].replace('/', '_')}{suffix}"
                with packed.open(member) as source, target.open("wb") as out:
                    while chunk := source.read(1 << 16):
                        total += len(chunk)
                        if total > MAX_UNPACKED:
                            raise UploadError("压缩包解压后太大（超过 200 MB），没有处理。")
                        out.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as error:
        raise UploadError(f"无法打开上传的压缩包（{type(error).__name__}）。请确认是 .zip 文件。") from None
    return folder
