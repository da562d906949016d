"""Pydantic models that cross a boundary: outlines, cleaning rules, genres."""

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from drafter.lazy import lazy_compile
from drafter.output.render.fonts import DEFAULT_FONTS, PageNumberStyle


class StrictModel(BaseModel):
    """A model that rejects unknown keys."""

    # Built when first used, not at import: a command pays only for the models it touches.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Heading(StrictModel):
    """One heading of the flattened section tree (the `drafter outline --json` contract)."""

    depth: int
    number: str
    marker: str
    text: str


class OutlineSection(StrictModel):
    """A numbered section of a parsed document; same tree shape as a Draft's sections."""

    number: str
    marker: str
    heading: str
    body: list[str] = Field(default_factory=list)
    children: list["OutlineSection"] = Field(default_factory=list)
    line: int | None = None  # the heading's line (paragraph index in a .docx)
    body_lines: list[int] = Field(default_factory=list)
    # Indexes of the body paragraphs that carry a number but are body text: list items, numbered sentences.
    list_items: list[int] = Field(default_factory=list)


class Outline(StrictModel):
    """One parsed document: title, preamble, section tree, closing, signature and date."""

    title: str | None
    source: str
    genre: str | None = None
    org: str | None = None
    date: str | None = None
    preamble: str | None = None
    sections: list[OutlineSection] = Field(default_factory=list)
    closing: str | None = None
    signature: str | None = None
    doc_number: str | None = None  # 发文字号 (青政办〔2024〕8号)
    addressee: str | None = None  # 主送机关

    def headings(self) -> list[Heading]:
        """The section tree flattened in document order."""
        flat: list[Heading] = []

        def walk(sections: list[OutlineSection], depth: int) -> None:
            for section in sections:
                flat.append(Heading(depth=depth, number=section.number, marker=section.marker, text=section.heading))
                walk(section.children, depth + 1)

        walk(self.sections, 1)
        return flat

    def contract(self) -> dict[str, Any]:
        """The document as DESIGN.md's `drafter outline --json` contract shows it."""
        return {
            "title": self.title,
            "genre": self.genre,
            "org": self.org,
            "date": self.date,
            "source": self.source,
            "preamble": self.preamble,
            "doc_number": self.doc_number,
            "addressee": self.addressee,
            "headings": [h.model_dump() for h in self.headings()],
        }


class CleaningRule(StrictModel):
    """One named cleaning rule from corpus/cleaning.yaml."""

    name: str
    description: str
    kind: Literal["replace", "drop_line"]
    pattern: str
    replace: str = ""
    # Apply `replace` once per character of the match (DD -> 党党).
    each_char: bool = False
    # Only look at text containing one of these (a cheap test before the regular expression).
    contains: list[str] = Field(default_factory=list)
    # Where the right form comes from (a document, a 规范表述 list), shown by `drafter check`.
    source: str = ""


class UsageRule(StrictModel):
    """A commonly confused word or form in 公文 (corpus/usage.yaml): a warning with the sentence, never a fix."""

    name: str
    pattern: str
    right: str  # what to write instead (截至, 部署; \1地 reuses the pattern's group)
    note: str = ""  # why, in one line


class UsageRules(StrictModel):
    """The whole usage.yaml file."""

    rules: list[UsageRule]


class CleaningRules(StrictModel):
    """The whole cleaning.yaml file."""

    rules: list[CleaningRule]


GENRE_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


# Kinds of unit whose words differ: 全院职工, 教职工, 辖区群众, 员工, 机关干部.
Family = Literal["机关", "乡镇", "医院", "学校", "企业"]


class Genre(StrictModel):
    """One entry of the genre registry (templates/genres.yaml); the id names files, so it is a slug."""

    id: str = Field(pattern=GENRE_ID_PATTERN)
    name: str
    keywords: list[str] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)  # kinds of unit whose comprehensive summaries this genre is (乡, 镇)
    family: Family | None = None  # the kind of unit that writes it, where its words differ from others'
    description: str = ""
    discovered: bool = False  # found by mining in a corpus; a person may rename or merge it
    # The kind of report this genre holds whoever wrote it (个人总结, 政府工作报告), "" for a unit's year-end summary.
    # Such a genre neither lends its parts and phrases to other genres nor borrows theirs.
    report: str = ""


class Terms(StrictModel):
    """corpus/terms.yaml: fixed terms of the register that segmentation keeps whole."""

    terms: list[str]


# --- year-bound facts (corpus/dated.yaml) -----------------------------------------

DatedKind = Literal["campaign", "meeting", "phase", "anniversary", "period"]


class PlanPeriod(StrictModel):
    """A five-year plan (十四五) and its first year."""

    name: str
    first: int
    source: str = ""


class PhaseWords(StrictModel):
    """Words that name a year by its place in a five-year plan (开局之年: the first); no position: that year only."""

    words: list[str]
    position: int | None = Field(default=None, ge=1, le=5)
    name: str = ""


class DatedFactRule(StrictModel):
    """A campaign, a meeting, a phase of something: the years a report may cite it as current (none: the year written)."""

    name: str
    pattern: str
    years: tuple[int, int] | None = None
    kind: DatedKind
    source: str = ""


class AnniversaryRule(StrictModel):
    """What is commemorated (a pattern) and the year it happened: N 周年 falls in base + N (no base: a local one)."""

    name: str
    subject: str
    base: int | None = None
    source: str = ""


class DatedFacts(StrictModel):
    """The whole dated.yaml file."""

    plans: list[PlanPeriod]
    phases: list[PhaseWords]
    facts: list[DatedFactRule]
    anniversaries: list[AnniversaryRule] = Field(default_factory=list)


class National(StrictModel):
    """corpus/national.yaml: formulations and documents every unit cites as they stand (the rest are local)."""

    formulations: list[str]
    documents: list[str]


class GenreRegistry(StrictModel):
    """The whole genres.yaml file."""

    genres: list[Genre]


# --- mined templates -------------------------------------------------------------

Role = Literal["opening", "measure", "result", "case", "problem", "cause", "plan", "closing"]
PhraseRole = Literal[
    "opening", "measure", "result", "case", "problem", "cause", "plan", "closing", "heading", "set_phrase", "opener"
]
ReviewStatus = Literal["new", "accepted", "rejected", "edited"]
# 常用语: another unit signs it as it stands once its slots are filled; 范例: how one unit wrote it, with its source.
Tier = Literal["常用语", "范例"]
ROLE_NAMES: dict[str, str] = {
    "opening": "开头导语",
    "measure": "主要做法",
    "result": "成效与基本情况",
    "case": "典型案例",
    "problem": "存在问题",
    "cause": "原因分析",
    "plan": "下一步计划",
    "closing": "结尾表态",
    "heading": "标题句式",
    "set_phrase": "四字格套语",
    "opener": "“一是”起句",
}


class Provenance(StrictModel):
    """Where something was seen: the document's title and the paragraph's index in it."""

    title: str
    paragraph: int


class Guidance(StrictModel):
    """What the corpus says about writing a section."""

    subheadings: int = 0  # typical number of sub-headings (median)
    subheadings_range: tuple[int, int] = (0, 0)
    length: int = 0  # typical length in characters (median)
    enumerates: bool = False  # bodies usually enumerate with 一是/二是


class SkeletonNode(StrictModel):
    """One part of a genre's skeleton: a top-level section, or the opening / closing paragraph."""

    role: Role
    heading: str
    alternatives: list[str] = Field(default_factory=list)
    example_children: list[str] = Field(default_factory=list)
    guidance: Guidance = Field(default_factory=Guidance)
    provenance: list[Provenance] = Field(default_factory=list)
    borrowed: bool = False  # taken from the general skeleton: this genre's documents lack it

    def subheading_range(self) -> tuple[int, int]:
        """How many sub-headings the corpus writes here; (0, 0) when the skeleton offers none to choose from
        (a hint never says "一般写 4 个小标题" without four to show)."""
        return self.guidance.subheadings_range if self.example_children else (0, 0)


class KeyFigure(StrictModel):
    """A figure the genre's reports give: what it counts and its unit (完成审计项目, 个), and how many
    documents give it."""

    label: str
    unit: str
    documents: int = 1


class Skeleton(StrictModel):
    """The mined outline of one genre."""

    genre: str = Field(pattern=GENRE_ID_PATTERN)
    name: str
    documents: int
    title_pattern: str
    parts: list[SkeletonNode]
    unit_kind: str | None = None  # the kind of unit that writes this genre's reports most often (局, 镇, 医院)
    figures: list[KeyFigure] = Field(default_factory=list)  # its key figures, most common first

    def sections(self) -> list[SkeletonNode]:
        """The numbered sections (everything but opening and closing)."""
        return [p for p in self.parts if p.role not in ("opening", "closing")]


class Phrase(StrictModel):
    """A reusable sentence, clause, heading pattern or set phrase, with typed slots."""

    id: str
    text: str
    genre: str
    role: PhraseRole
    tier: Tier = "范例"
    slots: list[str] = Field(default_factory=list)
    sources: list[Provenance] = Field(default_factory=list)
    count: int = 1
    documents: int = 1  # distinct documents it occurs in (after slotting): how general it is
    units: int = 1  # distinct units that wrote those documents
    context: str = ""
    borrowed: bool = False  # taken from another genre (or drafter's own register) because this genre lacks it
    origin: str | None = None  # the genre id it was borrowed from ("register": drafter's own)
    status: ReviewStatus = "new"
    year: int | None = None  # the one year it is true of (it holds a year-bound fact); None: any year

    def generality(self) -> tuple[int, int, int]:
        """Distinct documents, distinct units, occurrences: banks and the wizard rank by this."""
        return (self.documents, self.units, self.count)

    def seen_only_in(self) -> str | None:
        """The one document a phrase was seen in (仅见于《…》), or None when it is more general."""
        return self.sources[0].title if self.documents <= 1 and self.sources and not self.borrowed else None


class RegisterPhrase(StrictModel):
    """One of drafter's own sentences, with why any unit (of its family) can sign it."""

    role: Literal["opening", "measure", "problem", "cause", "plan", "closing"]
    text: str
    note: str
    family: Family | None = None  # only for units of this kind (their words differ)
    report: Literal["个人总结"] | None = None  # only for this kind of report (a person's voice), never a unit's
    year: int | None = None  # only true of this year (with its source)
    source: str = ""


class RegisterHeading(StrictModel):
    """A sub-heading drafter offers for a part the corpus gives none for."""

    text: str
    note: str
    report: Literal["个人总结", "政府工作报告"] | None = None  # only for this kind of report, never a unit's


class RegisterPhrases(StrictModel):
    """corpus/register.yaml: drafter's own phrases any unit can use, by role, and sub-headings by part."""

    phrases: list[RegisterPhrase]
    subheadings: dict[Literal["plan"], list[RegisterHeading]] = Field(default_factory=dict)


class PhraseBank(StrictModel):
    """The phrases of one genre."""

    genre: str = Field(pattern=GENRE_ID_PATTERN)
    phrases: list[Phrase]


class GenreCounts(StrictModel):
    """What mining found for one genre (kept in the manifest so listing genres reads no banks)."""

    id: str = Field(pattern=GENRE_ID_PATTERN)
    name: str
    documents: int
    sections: int
    phrases: int
    roles: dict[str, int] = Field(default_factory=dict)


# The files mining writes in a templates directory, as relative paths: nothing else may be listed, moved or deleted.
MINED_FILE = lazy_compile(
    r"^(?:manifest\.yaml|skeletons/[a-z0-9][a-z0-9_-]{0,63}\.yaml|phrases/[a-z0-9][a-z0-9_-]{0,63}\.jsonl)$"
)
JOURNAL_FILE = lazy_compile(rf"^(?:genres\.yaml|{MINED_FILE.pattern[4:-2]})$")
# The staging folders mining makes: .mine-staging-<pid>-<random>.
STAGING_NAME = r"^\.mine-staging-[0-9]{1,10}-[a-z0-9_]{4,32}$"


def _only_files(files: list[str], field: str, pattern: re.Pattern[str], allowed: str) -> list[str]:
    """The paths, each one that `pattern` allows (a path that leaves the directory, or names a file mining does
    not write, is an error that says which)."""
    for number, name in enumerate(files):
        if not pattern.match(name):
            shown = name if len(name) <= 40 else name[:40] + "…"
            raise ValueError(f"{field}[{number}] 的“{shown}”不是 drafter 写的模板文件（只能是{allowed}）")
    return files


class Manifest(StrictModel):
    """templates/manifest.yaml: counts per genre and every file mining wrote."""

    version: int = 2
    genres: list[GenreCounts] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)

    @field_validator("files")
    @classmethod
    def _mined_files(cls, files: list[str]) -> list[str]:
        """Only skeletons/<id>.yaml and phrases/<id>.jsonl: mining deletes what the manifest lists."""
        return _only_files(files, "files", MINED_FILE, " manifest.yaml、skeletons/<id>.yaml 或 phrases/<id>.jsonl")


class MineJournal(StrictModel):
    """templates/.mine-journal.json: where mining staged its files, which to move into place and which to delete."""

    staging: str
    moves: list[str]
    deletes: list[str]

    @field_validator("staging")
    @classmethod
    def _staging_name(cls, name: str) -> str:
        """A name only mining makes, directly inside the templates directory (never the directory itself)."""
        if not re.match(STAGING_NAME, name):
            shown = name if len(name) <= 40 else name[:40] + "…"
            raise ValueError(
                f"staging 的“{shown}”不是 drafter 建的暂存目录名（应为 .mine-staging-<进程号>-<随机字符>）"
            )
        return name

    @field_validator("moves", "deletes")
    @classmethod
    def _own_files(cls, files: list[str], info: ValidationInfo) -> list[str]:
        """Only files mining writes: a journal can never move or delete anything else."""
        allowed = " genres.yaml、manifest.yaml、skeletons/<id>.yaml 或 phrases/<id>.jsonl"
        return _only_files(files, info.field_name or "", JOURNAL_FILE, allowed)


class Review(StrictModel):
    """A person's decision on one phrase: its status, and the tier they moved it to."""

    status: ReviewStatus = "new"
    text: str | None = None  # the edited text, for status `edited`
    tier: Tier | None = None  # moved to 常用语 or 范例 by a person (None: as mined)


class Reviews(StrictModel):
    """templates/reviews.yaml: decisions keyed by phrase id; mining never writes it."""

    reviews: dict[str, Review] = Field(default_factory=dict)


# --- drafts (the answers file) ---------------------------------------------------

MAX_DEPTH = 4


class DraftSection(StrictModel):
    """A section of a draft: heading, body paragraphs, sub-sections. Numbering is never stored."""

    heading: str
    body: list[str] = Field(default_factory=list)
    children: list["DraftSection"] = Field(default_factory=list)


CHECKLIST_STATUSES = ("已完成", "部分完成", "未开展", "不再适用")
ChecklistStatus = Literal["已完成", "部分完成", "未开展", "不再适用"]


class ChecklistItem(StrictModel):
    """One promise from last year's plan and what became of it."""

    promise: str
    status: ChecklistStatus | None = None
    note: str = ""


class PendingPhrase(StrictModel):
    """A phrase being filled in when the wizard stopped: where it goes, its text, the slot values given so far."""

    target: str  # the paragraph it goes to: preamble, sections[1].body[2], sections[0].heading …
    text: str  # the phrase with the basics put in, its other slots still {slot}
    values: dict[str, str] = Field(default_factory=dict)


class FigureValue(StrictModel):
    """One of the genre's key figures for this report: what it counts, its unit, this year's and last year's value."""

    label: str
    unit: str
    value: float | None = None
    last: float | None = None


class Draft(StrictModel):
    """The answers file: what the wizard writes and `drafter render` reads."""

    genre: str | None = None
    org: str | None = None
    year: int | None = None
    date: dt.date | None = None
    title: str | None = None
    preamble: str | None = None
    sections: list[DraftSection] = Field(default_factory=list)
    closing: str | None = None
    signature: str | None = None
    last_year: str | None = None  # the report the wizard started from (--from)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    resume_at: str | None = None  # the wizard's question being asked when it stopped (wizard --resume returns to it)
    target: str | None = None  # the length target: 限 2 页, 约 3000 字
    figures: list[FigureValue] = Field(default_factory=list)  # the key figures asked before the parts
    pending: PendingPhrase | None = None  # a phrase half filled in when the wizard stopped

    @field_validator("target")
    @classmethod
    def _target_parses(cls, value: str | None) -> str | None:
        """A target drafter can measure against (限 2 页, 约 3000 字), kept as the person wrote it."""
        if value is not None:
            from drafter.writing.target import parse_target

            parse_target(value)  # raises a ValueError that says what is accepted
        return value

    @model_validator(mode="after")
    def _depth_at_most_four(self) -> "Draft":
        """Sections nest at most four levels (一、 （一） 1. （1））."""

        def check(sections: list[DraftSection], depth: int, path: str) -> None:
            for index, section in enumerate(sections):
                where = f"{path}[{index}]"
                if depth > MAX_DEPTH:
                    raise ValueError(f"{where} 嵌套超过 {MAX_DEPTH} 级（一、（一）1.（1））")
                check(section.children, depth + 1, f"{where}.children")

        check(self.sections, 1, "sections")
        return self


# --- render settings -------------------------------------------------------------


class FontTable(StrictModel):
    """The render settings a person chose (--fonts FILE, the unit profile, the web's settings page): the fonts of each
    part and the page-number style (a user without 方正小标宋 may want 华文中宋); the defaults are GB/T 9704's
    (drafter.output.render.fonts, which rendering reads when nobody chose)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = DEFAULT_FONTS.title
    level1: str = DEFAULT_FONTS.level1
    level2: str = DEFAULT_FONTS.level2
    level3: str = DEFAULT_FONTS.level3
    level4: str = DEFAULT_FONTS.level4
    body: str = DEFAULT_FONTS.body
    signature: str = DEFAULT_FONTS.signature
    page_number: str = DEFAULT_FONTS.page_number
    latin: str = DEFAULT_FONTS.latin
    level3_bold: bool = DEFAULT_FONTS.level3_bold
    page_number_style: PageNumberStyle = DEFAULT_FONTS.page_number_style

    @field_validator("title", "level1", "level2", "level3", "level4", "body", "signature", "page_number", "latin")
    @classmethod
    def _a_font_name(cls, value: str) -> str:
        """A font's name as Word writes it: one line, not empty, not longer than a name gets."""
        name = value.strip()
        if not name or len(name) > 64 or any(ord(c) < 32 for c in name):
            raise ValueError("字体名称应为一行、不超过 64 个字符，如 仿宋_GB2312")
        return name
