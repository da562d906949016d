"""Phrase bank operations: review decisions, the interactive review pass, printable exports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from drafter.bank.templates import (
    ReviewStore,
    load_registry,
    resolve_templates,
    review_stores,
    reviews_target,
    save_reviews,
    unknown_ids,
)
from drafter.errors import UsageError, UserError
from drafter.models import ROLE_NAMES, Phrase, Review
from drafter.reading.patterns import strip_controls

Action = Literal["accept", "reject", "edit", "tier", "skip", "quit"]
TIERS = ("常用语", "范例")


@dataclass(frozen=True)
class Decision:
    """What the person chose for one phrase (`text` for an edit)."""

    action: Action
    text: str | None = None


def record_decisions(
    templates_option: Path | None,
    ids: list[str],
    status: Literal["accepted", "rejected"],
    *,
    shared: bool = False,
) -> int:
    """Mark phrases accepted or rejected in the person's reviews (or the templates' shared ones); every id must exist."""
    templates = _templates_holding(templates_option, ids)
    save_reviews(reviews_target(templates, shared=shared), {phrase_id: Review(status=status) for phrase_id in ids})
    return len(ids)


def _templates_holding(templates_option: Path | None, ids: list[str]) -> Path:
    """The templates directory, once every id given is known to be one of its phrases."""
    if not ids:
        raise UsageError("请给出至少一个常用语 id（`drafter phrases` 列表的第一列）。")
    templates = resolve_templates(templates_option)
    unknown = unknown_ids(templates, ids)
    if unknown:
        raise UserError(f"找不到这些常用语 id：{'、'.join(unknown)}。请用 `drafter phrases` 查看现有的 id。")
    return templates


def record_tier(templates_option: Path | None, ids: list[str], tier: str, *, shared: bool = False) -> int:
    """Move phrases to a tier (常用语 or 范例) in the person's reviews (or the templates' shared ones)."""
    if tier not in TIERS:
        raise UsageError(f"层级只能是“常用语”或“范例”，而不是“{tier}”。例：drafter phrases tier 范例 p1234abcd")
    templates = _templates_holding(templates_option, ids)
    save_reviews(reviews_target(templates, shared=shared), {i: Review(tier=tier) for i in ids})
    return len(ids)


def review_pass(
    templates_option: Path | None,
    phrases: list[Phrase],
    ask: Callable[[Phrase, int, int], Decision],
    *,
    shared: bool = False,
) -> dict[str, int]:
    """Go through the `new` phrases one at a time, saving each decision as it is made."""
    target = reviews_target(resolve_templates(templates_option), shared=shared)
    pending = [p for p in phrases if p.status == "new"]
    counts = {"accept": 0, "reject": 0, "edit": 0, "tier": 0, "skip": 0}
    for index, phrase in enumerate(pending, start=1):
        decision = ask(phrase, index, len(pending))
        if decision.action == "quit":
            break
        counts[decision.action] += 1
        if decision.action == "accept":
            save_reviews(target, {phrase.id: Review(status="accepted")})
        elif decision.action == "reject":
            save_reviews(target, {phrase.id: Review(status="rejected")})
        elif decision.action == "edit" and decision.text:
            save_reviews(target, {phrase.id: Review(status="edited", text=decision.text)})
        elif decision.action == "tier" and decision.text in TIERS:
            save_reviews(target, {phrase.id: Review(tier=decision.text)})
    return counts


def grouped(phrases: list[Phrase]) -> dict[str, dict[str, list[Phrase]]]:
    """Phrases by genre, then by role, in bank order."""
    groups: dict[str, dict[str, list[Phrase]]] = {}
    for phrase in phrases:
        groups.setdefault(phrase.genre, {}).setdefault(phrase.role, []).append(phrase)
    return groups


def export_markdown(phrases: list[Phrase], genre_names: dict[str, str]) -> str:
    """The bank as Markdown grouped by genre and role, for review on paper."""
    lines = ["# 常用语库", ""]
    for genre, roles in grouped(phrases).items():
        lines += [f"## {genre_names.get(genre, genre)}", ""]
        for role, items in roles.items():
            lines += [f"### {ROLE_NAMES.get(role, role)}", ""]
            lines += [
                f"- {strip_controls(p.text)}（{p.tier}，{p.count} 次，{p.id}，{STATUS_NAMES[p.status]}）" for p in items
            ]
            lines.append("")
    return "\n".join(lines)


def export_docx(phrases: list[Phrase], genre_names: dict[str, str]) -> bytes:
    """The bank as a .docx grouped by genre and role."""
    import io

    import docx
    from docx.shared import Mm, Pt

    from drafter.output.render.docx import PAGE_HEIGHT_MM, PAGE_WIDTH_MM, hint_east_asia

    document = docx.Document()
    for section in document.sections:  # python-docx's default is US Letter; offices print on A4
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(25)
    document.add_heading("常用语库", level=0)
    for genre, roles in grouped(phrases).items():
        hint_east_asia(document.add_heading(genre_names.get(genre, genre), level=1))
        for role, items in roles.items():
            hint_east_asia(document.add_heading(ROLE_NAMES.get(role, role), level=2))
            for phrase in items:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(strip_controls(phrase.text))
                note = paragraph.add_run(
                    f"（{phrase.tier}，{phrase.count} 次，{phrase.id}，{STATUS_NAMES[phrase.status]}）"
                )
                note.font.size = Pt(9)
                hint_east_asia(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


STATUS_NAMES = {"new": "待审", "accepted": "已采用", "rejected": "已弃用", "edited": "已修改"}


def genre_names(templates_option: Path | None) -> dict[str, str]:
    """Genre id -> name."""
    return {g.id: g.name for g in load_registry(resolve_templates(templates_option))}


def stores_in_use(templates_option: Path | None) -> list[ReviewStore]:
    """The review stores whose decisions apply with these templates."""
    return review_stores(resolve_templates(templates_option))


def reviews_path(templates_option: Path | None, *, shared: bool = False) -> Path:
    """Where decisions are saved."""
    return reviews_target(resolve_templates(templates_option), shared=shared)


def export(
    phrases: list[Phrase], templates_option: Path | None, output: Path | None, fmt: str | None, *, force: bool
) -> Path:
    """Write the phrases for review on paper; the format is --format or the suffix, and the two must agree."""
    from drafter.files import write_output

    suffix = output.suffix.lower().lstrip(".") if output else ""
    if fmt and suffix and suffix != fmt:
        raise UsageError(
            f"--format {fmt} 与文件名 {output} 的扩展名 .{suffix} 不一致。请让两者一致（或省略 --format）。"
        )
    kind = fmt or suffix
    if kind not in ("md", "docx"):
        raise UsageError("导出格式只能是 md 或 docx（用 --format 指定，或用 .md/.docx 作文件扩展名）")
    target = output or Path(f"常用语库.{kind}")
    names = genre_names(templates_option)
    data: str | bytes = export_docx(phrases, names) if kind == "docx" else export_markdown(phrases, names)
    write_output(target, data, force=force)
    return target
