"""`drafter render` and `drafter skeleton`: answers or a mined skeleton -> a .docx, .md or .txt file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from drafter.bank.store import load_yaml_model
from drafter.bank.templates import (
    find_genre,
    load_bank,
    load_registry,
    load_skeleton,
    resolve_templates,
    skeleton_for_year,
)
from drafter.errors import UsageError
from drafter.files import write_output
from drafter.mining.slots import SLOT, fill_slots, year_values
from drafter.models import Draft, Phrase, Skeleton, SkeletonNode
from drafter.output.render.docx import render_docx
from drafter.output.render.fonts import FontChoice, load_fonts
from drafter.output.render.layout import Block, DocumentInfo, layout_draft, marker_for
from drafter.output.render.markdown import render_markdown
from drafter.output.render.pages import pages_for_length, round_length
from drafter.output.render.plain import render_plain
from drafter.output.render.text import (
    CHECKLIST_HINT,
    CHECKLIST_INTRO,
    CHILDREN_HINT,
    CLOSING_HINT,
    EXAMPLE,
    GUIDANCE,
    LENGTH_HINT,
    OPENING_HINT,
    OTHERS_EXAMPLE,
    PART_HINTS,
    SPEAKER_HINT,
    render,
    title_from_pattern,
)

Format = Literal["docx", "md", "txt"]
GENERAL_PATTERN = "{单位}{年份}年工作总结"
EXAMPLES_PER_PART = 2
# A 范例 shorter than this (加强学习，提高认识。) shows nothing of how a part is written.
EXAMPLE_MIN = 20
CHILD_EXAMPLES = 3


def output_format(out: Path, fmt: str | None) -> Format:
    """The output format: --format, else the file extension."""
    chosen = fmt or out.suffix.lower().lstrip(".")
    if chosen not in ("docx", "md", "txt"):
        raise UsageError(
            f"无法确定输出格式：{out} 的扩展名不是 .docx、.md 或 .txt。请用 --format docx、md 或 txt 指定。"
        )
    return chosen  # type: ignore[return-value]


def title_pattern_for(genre: str | None, templates_option: Path | None) -> str:
    """The title pattern mined for a genre (the general one when the genre is unknown or absent)."""
    if not genre:
        return GENERAL_PATTERN
    templates = resolve_templates(templates_option)
    entry = find_genre(genre, load_registry(templates))
    return load_skeleton(templates, entry).title_pattern


def _genre_name(genre: str | None, templates_option: Path | None) -> str | None:
    """The registry's name of a draft's genre (None when it has none, or names none the templates know)."""
    if not genre:
        return None
    try:
        return find_genre(genre, load_registry(resolve_templates(templates_option))).name
    except UsageError:
        return None


def draft_title(draft: Draft, templates_option: Path | None = None) -> str:
    """The draft's title, or one derived from the genre's title pattern, its org and year."""
    if draft.title:
        return draft.title
    year = draft.year or (draft.date.year if draft.date else None)
    return title_from_pattern(title_pattern_for(draft.genre, templates_option), draft.org, year)


def write_document(
    blocks: list[Block],
    out: Path,
    fmt: Format,
    *,
    force: bool,
    fonts: FontChoice | None = None,
    info: DocumentInfo | None = None,
) -> None:
    """Write blocks as .docx, Markdown (both with the genre and kind recorded) or plain text, atomically, never
    over an existing file without --force."""
    info = info or DocumentInfo()
    data: str | bytes
    if fmt == "docx":
        data = render_docx(blocks, fonts, info)
    else:
        data = render_markdown(blocks, info) if fmt == "md" else render_plain(blocks)
    write_output(out, data, force=force)


def render_answers(
    answers: Path,
    out: Path,
    *,
    fmt: str | None = None,
    force: bool = False,
    templates_option: Path | None = None,
    fonts_path: Path | None = None,
) -> Path:
    """Render an answers file (a Draft) to .docx or Markdown."""
    draft = load_yaml_model(answers, Draft)
    chosen = output_format(out, fmt)
    blocks = layout_draft(draft, draft_title(draft, templates_option))
    info = DocumentInfo(genre=_genre_name(draft.genre, templates_option), target=draft.target)
    write_document(blocks, out, chosen, force=force, fonts=load_fonts(fonts_path), info=info)
    return out


# --- blank skeleton ----------------------------------------------------------------


def skeleton_blocks(
    skeleton: Skeleton,
    phrases: list[Phrase],
    org: str | None,
    year: int | None,
    *,
    signer: str | None = "单位名称",
) -> list[Block]:
    """A blank document: title, every section heading, and highlighted guidance and examples under each
    (`signer`: what signs it when no org is given, 单位名称 or a person's 姓名; None for a report delivered at a
    meeting, which names its speaker under the title and is not signed)."""
    from drafter.bank.catalog import source_name
    from drafter.writing.unit import in_own_words

    skeleton = skeleton_for_year(skeleton, year)
    blocks = [Block("title", title_from_pattern(skeleton.title_pattern, org, year))]
    if signer is None:
        blocks.append(Block("hint", render(SPEAKER_HINT, org=org or "【单位】", year=year or "【年份】")))
    length = sum(part.guidance.length for part in skeleton.parts)
    if length:
        rounded = round_length(length)
        blocks.append(Block("hint", render(LENGTH_HINT, length=rounded, pages=pages_for_length(rounded))))
    values = {"单位": org or "", **year_values(year)}
    spans = _section_spans(skeleton)
    number = 0
    register_shown: set[str] = set()
    for part in skeleton.parts:
        if part.role == "opening":
            blocks.append(Block("hint", render(OPENING_HINT, length=round_length(part.guidance.length or 200))))
        elif part.role == "closing":
            blocks.append(Block("hint", render(CLOSING_HINT, length=round_length(part.guidance.length or 150))))
        else:
            number += 1
            blocks.append(Block("heading", "", 1, marker_for(1, number), as_placeholders(part.heading)))
            blocks.append(Block("hint", guidance_text(part)))
            if part.example_children:
                children = "；".join(as_placeholders(c) for c in part.example_children[:CHILD_EXAMPLES])
                blocks.append(Block("hint", render(CHILDREN_HINT, children=children)))
        known = {k: v for k, v in values.items() if v}
        shown = examples(part, phrases, spans, year, frozenset(register_shown))
        register_shown |= {p.text for p in shown if p.origin == "register"}
        if part.role in PART_HINTS and not any(p.origin != "register" for p in shown):
            blocks.append(Block("hint", PART_HINTS[part.role]))
        for phrase in shown:
            text = as_placeholders(in_own_words(fill_slots(phrase.text, known), org))
            blocks.append(Block("hint", render(EXAMPLE, text=text)))
        other = part_example(part, phrases, spans, year)
        if other is not None:
            source = source_name(other)
            blocks.append(Block("hint", render(OTHERS_EXAMPLE, text=as_placeholders(other.text), source=source)))
    if signer is not None:
        blocks.append(Block("signature", org or f"【{signer}】"))
        blocks.append(Block("date", "【××××年×月×日】"))
    return blocks


def as_placeholders(text: str) -> str:
    """Slots left unfilled shown the way a reader of the document expects a blank: 【数量】."""
    return SLOT.sub(lambda m: f"【{m.group(1)}{m.group(2)}】", text)


def _section_spans(skeleton: Skeleton) -> dict[str, list[int]]:
    """For each source document, the paragraph indexes where its parts start (sorted)."""
    starts: dict[str, set[int]] = {}
    for part in skeleton.parts:
        if not part.borrowed:
            for source in part.provenance:
                starts.setdefault(source.title, set()).add(source.paragraph)
    return {title: sorted(indexes) for title, indexes in starts.items()}


def _inside_part(phrase: Phrase, part: SkeletonNode, spans: dict[str, list[int]]) -> bool:
    """True when the phrase was seen within this part in one of the documents it was mined from."""
    return _where_in_part(phrase, part, spans) < _OUTSIDE


_OUTSIDE = 10**6


def _where_in_part(phrase: Phrase, part: SkeletonNode, spans: dict[str, list[int]]) -> int:
    """Which of the part's sources the phrase was seen in (0: the document the skeleton follows), _OUTSIDE if none."""
    if part.borrowed:
        return _OUTSIDE
    for rank, source in enumerate(part.provenance):
        later = [start for start in spans.get(source.title, []) if start > source.paragraph]
        end = later[0] if later else 10**9
        if any(s.title == source.title and source.paragraph <= s.paragraph < end for s in phrase.sources):
            return rank
    return _OUTSIDE


def guidance_text(part: SkeletonNode) -> str:
    """本部分一般写3–5个小标题，各段多以“一是……二是……”展开，约800字。"""
    low, high = part.subheading_range()
    return render(
        GUIDANCE,
        low=max(low, 1) if high else 0,
        high=high,
        enumerates=part.guidance.enumerates,
        length=round_length(part.guidance.length),
        borrowed=part.borrowed,
    )


def _of_part(part: SkeletonNode, phrases: list[Phrase], spans: dict[str, list[int]], year: int | None) -> list[Phrase]:
    """The phrases of a part for a report of `year`, 常用语 first. A section mined from documents shows what was
    written in it, never padded with what another part of them says (drafter's own register for its role when
    no 常用语 written there is offered); the opening, the closing and a part borrowed from the general skeleton,
    phrases of their role (drafter's register among them)."""
    from drafter.bank.catalog import offered
    from drafter.mining.sentences import fits_role

    roles = ("measure", "result") if part.role in ("measure", "result") else (part.role,)
    ranked = [p for role in roles for p in offered(phrases, role, year)]
    ranked.sort(key=lambda p: p.tier != "常用语")  # stable: each tier keeps the order offered() gave it
    if not part.provenance or part.borrowed or part.role in ("opening", "closing"):
        return ranked
    mined = [p for p in ranked if _inside_part(p, part, spans) or p.status in ("accepted", "edited")]
    if not any(p.tier == "常用语" for p in mined):
        mined += [p for p in ranked if p.origin == "register"]
    return sorted(
        mined,
        key=lambda p: (
            p.tier != "常用语",
            not _inside_part(p, part, spans),
            p.status not in ("accepted", "edited"),
            not fits_role(p.text, part.role),  # an opening from the year, a closing that looks ahead
            tuple(-g for g in p.generality()),
            _where_in_part(p, part, spans),  # on a tie, what the document the skeleton follows wrote there
        ),
    )


def examples(
    part: SkeletonNode,
    phrases: list[Phrase],
    spans: dict[str, list[int]] | None = None,
    year: int | None = None,
    shown: frozenset[str] = frozenset(),
) -> list[Phrase]:
    """One or two example sentences for a part: 常用语 only, of this part, true of the report's year; drafter's
    register sentences other parts `shown` already are not shown again."""
    found = _of_part(part, phrases, spans or {}, year)
    fresh = [p for p in found if p.tier == "常用语" and not (p.origin == "register" and p.text in shown)]
    if part.role in ("measure", "result"):
        # drafter's work sentences: those that share most words with the part's heading first (思想政治方面 takes
        # the sentence on study, 业务工作方面 the one on the work)
        own = [p for p in fresh if p.origin != "register"]
        fresh = own + sorted((p for p in fresh if p.origin == "register"), key=lambda p: -_shared_pairs(part, p))
    return fresh[:EXAMPLES_PER_PART]


def _shared_pairs(part: SkeletonNode, phrase: Phrase) -> int:
    """How many two-character runs a part's heading shares with a phrase."""
    heading = part.heading
    pairs = {heading[i : i + 2] for i in range(len(heading) - 1)}
    return sum(pair in phrase.text for pair in pairs if all("\u4e00" <= c <= "\u9fff" for c in pair))


def part_example(
    part: SkeletonNode, phrases: list[Phrase], spans: dict[str, list[int]] | None = None, year: int | None = None
) -> Phrase | None:
    """At most one 范例 of a part (how one unit wrote it, shown with its source), true of the report's year: for a
    mined section, what the document the skeleton follows wrote in it."""
    spans = spans or {}
    found = _of_part(part, phrases, spans, year)
    if part.provenance and not part.borrowed and part.role not in ("opening", "closing"):
        found = [p for p in found if _where_in_part(p, part, spans) == 0]
    return next((p for p in found if p.tier != "常用语" and len(p.text) >= EXAMPLE_MIN), None)


def blank_skeleton(
    genre_query: str | None,
    out: Path | None,
    *,
    org: str | None = None,
    year: int | None = None,
    force: bool = False,
    templates_option: Path | None = None,
    last_year: Path | None = None,
    fonts: FontChoice | None = None,
) -> Path:
    """Write the blank skeleton document of a genre (or of last year's report, moved on a year) with the render
    settings `fonts` (the defaults when None)."""
    from drafter.mining.genres import GENERAL_GENRE, GOVERNMENT_REPORT, PERSONAL
    from drafter.writing.yoy import promises, read_last_year, skeleton_from_last_year

    templates = resolve_templates(templates_option)
    outline = read_last_year(last_year) if last_year else None
    genre = find_genre(genre_query or (outline.genre if outline else None) or GENERAL_GENRE, load_registry(templates))
    target = out or Path(f"{genre.name}提纲.docx")
    chosen = output_format(target, None)
    skeleton = load_skeleton(templates, genre)
    if outline is not None:
        skeleton = skeleton_from_last_year(outline, skeleton)
        org = org or outline.org
        year = year or (int(outline.date[:4]) + 1 if outline.date else None)
    signer = {PERSONAL: "姓名", GOVERNMENT_REPORT: None}.get(genre.report, "单位名称")
    blocks = skeleton_blocks(skeleton, load_bank(templates, genre), org, year, signer=signer)
    if outline is not None:
        checklist = [Block("hint", render(CHECKLIST_HINT, promise=p)) for p in promises(outline)]
        blocks[1:1] = [
            Block("hint", CHECKLIST_INTRO),
            *checklist,
        ]
    info = DocumentInfo(genre=genre.name, kind="skeleton")
    write_document(blocks, target, chosen, force=force, fonts=fonts, info=info)
    return target
