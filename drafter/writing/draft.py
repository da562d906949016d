"""The draft-editing core: one object over a Draft, its genre's skeleton and phrase bank.

Both front ends edit a draft through it: the terminal wizard walks its questions in order, the web
page jumps to any part. It lists the parts and their state, builds the questions of a part (the
specs of wizard/questions.py), applies an answer to a named question, says what is left and saves
the answers file (the YAML `drafter render` reads). It never prompts, prints or exits.

Question names are the answers file's places:

    genre  org  year  date  title  preamble  closing  signature
    checklist[i].status  checklist[i].note
    sections[i]              keep the skeleton's i-th part (True/False)
    added[k]                 the k-th part the person added (False removes it)
    P.heading  P.body  P.body[n]  P.children  P.children[j].heading  P.children[j].body  P.children[j].body[n]
                             (P is sections[i] or added[k])
    sections.more            add a part with this heading

A paragraph may hold 【数量】-style marks: the slots of a phrase not filled yet. They are the same in
both front ends (the wizard leaves them when a slot is skipped; the web shows a field for each).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from drafter.bank.search import Bank, BankView
from drafter.bank.store import dump_yaml, load_yaml_model
from drafter.errors import UserError
from drafter.files import write_atomic
from drafter.lazy import lazy_compile
from drafter.mining.genres import PERSONAL
from drafter.mining.slots import SLOT, fill_slots, slot_names
from drafter.models import (
    CHECKLIST_STATUSES,
    ROLE_NAMES,
    Draft,
    DraftSection,
    FigureValue,
    Genre,
    Outline,
    PendingPhrase,
    Phrase,
    Skeleton,
    SkeletonNode,
)
from drafter.output.render.layout import strip_marker
from drafter.output.render.text import title_from_pattern
from drafter.reading.numerals import int_to_cn
from drafter.writing.profile import UnitProfile
from drafter.writing.target import LengthTarget, PartShare
from drafter.writing.wizard.questions import (
    PLACEHOLDER,
    Choice,
    NodeQuestions,
    Question,
    Validation,
    basics_questions,
    check_value,
    checklist_question,
    children_question,
    node_questions,
    paragraph_question,
    parse_date_answer,
    prepared,
    report_year,
    slot_answer,
    slot_question,
)

if TYPE_CHECKING:
    from drafter.writing.yoy import Comparison

REVIEW = "review"
BASICS = ("org", "year", "date", "title", "target")
_BASIC_CHECKS: dict[str, Validation] = {"org": "unit", "year": "year", "date": "date", "target": "target"}
PartState = Literal["done", "empty", "todo", "partial", "dropped"]
STATE_NAMES = {"done": "已写", "empty": "未写", "todo": "有【】待填", "partial": "未写完", "dropped": "已删去"}
Answer = str | list[str] | bool | None

_STEPS = {"genre": 0, "checklist": 1, "org": 2, "year": 2, "date": 2, "title": 2, "target": 2, "profile": 3}
_STEPS |= {"figures": 4, "preamble": 5, "sections": 6, "added": 6, "closing": 7, "signature": 8, REVIEW: 9}
_STAGES = {"": 0, "heading": 1, "body": 2, "children": 3, "status": 0, "note": 1}
_MARK = lazy_compile(r"【([^【】]{1,12})】")
_PART = lazy_compile(r"^(sections|added)\[(\d+)\]")


def position(name: str) -> tuple[int, ...]:
    """Where a question comes in the wizard, comparable: sections[2].children[1].body -> (4, 2, 3, 1, 1)."""
    head = re.match(r"[a-z]+", name)
    step = _STEPS.get(head.group(0) if head else "", 8)
    numbers: list[int] = [step]
    if step == 2:
        numbers.append(BASICS.index(name) if name in BASICS else 0)
    if name.startswith("added["):
        numbers.append(10_001)  # the parts a person added come after the skeleton's
    for index, part in re.findall(r"\[(\d+)\]\.?([a-z]*)", name):
        numbers += [int(index), _STAGES.get(part, 0)]
    if re.match(r"^(?:sections|added)\[\d+\]\.children$", name):
        numbers.append(-1)  # the list of sub-headings comes before the first sub-heading's body
    if name in ("sections", "sections.more"):
        numbers.append(10_000)
    return tuple(numbers)


def describe(name: str) -> str:
    """A question's name as a person reads it (sections[1].body -> 第 2 部分的正文)."""
    if name in BASICS:
        return {"org": "单位名称", "year": "年份", "date": "成文日期", "title": "标题", "target": "篇幅目标"}[name]
    if name.startswith("figures"):
        return "主要数字"
    if name.startswith("profile"):
        return "单位信息"
    numbered = re.match(r"^(sections|added)\[(\d+)\](?:\.children\[(\d+)\])?", name)
    if numbered:
        number = int(numbered.group(2)) + 1
        where = f"第 {number} 部分" if numbered.group(1) == "sections" else f"新增的第 {number} 部分"
        if numbered.group(3) is not None:
            where += f"的第 {int(numbered.group(3)) + 1} 个小标题"
        rest = name[numbered.end() :]
        return where + ("的正文" if rest.startswith(".body") else "的标题" if rest == ".heading" else "")
    parts = re.findall(r"\[(\d+)\]", name)
    if name.startswith("checklist["):
        return f"去年计划第 {int(parts[0]) + 1} 项" if parts else "去年计划"
    names = {"genre": "文种", "preamble": "开头导语", "closing": "结尾", "signature": "落款", REVIEW: "预览"}
    names |= {"sections.more": "新增部分", "basics": "单位、年份、日期和标题"}
    return names.get(name, name)


class AnswerError(UserError):
    """An answer that does not fit its question; the message names the field."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{describe(name)}：{message}")
        self.name = name


@dataclass
class Library:
    """What a draft draws on: genres, and per genre its skeleton and phrases."""

    genres: list[Genre]
    count_documents: Callable[[], dict[str, int]]  # per genre, the documents it was mined from
    load_skeleton: Callable[[Genre], Skeleton]
    load_phrases: Callable[[Genre], Bank]

    @cached_property
    def documents(self) -> dict[str, int]:
        """How many documents each genre was mined from (read when first asked: the genre chooser, the web's
        start page)."""
        return self.count_documents()

    def genre(self, query: str | None) -> Genre:
        """A genre by id or name (通用 when none is given)."""
        from drafter.bank.templates import find_genre
        from drafter.mining.genres import GENERAL_GENRE

        return find_genre(query or GENERAL_GENRE, self.genres)


def library(templates_option: Path | None) -> Library:
    """Genres, skeletons and phrase banks from the templates directory."""
    from drafter.bank.templates import load_registry, load_reviews, load_skeleton, open_bank, resolve_templates

    templates = resolve_templates(templates_option)
    genres = load_registry(templates)
    reviews = load_reviews(templates)

    def count_documents() -> dict[str, int]:
        documents = {}
        for genre in genres:
            try:
                documents[genre.id] = load_skeleton(templates, genre).documents
            except UserError:
                documents[genre.id] = 0
        return documents

    return Library(
        genres=genres,
        count_documents=count_documents,
        load_skeleton=lambda genre: load_skeleton(templates, genre),
        load_phrases=lambda genre: open_bank(templates, genre, reviews, background=True),
    )


@dataclass
class Entry:
    """A section of the draft and the skeleton node it came from (None for a section the person added)."""

    node: int | None
    section: DraftSection | None  # None: the person dropped this part


@dataclass(frozen=True)
class Part:
    """One part of the draft as an outline lists it: its name, what it is called and how far it is."""

    name: str  # basics, checklist, preamble, sections[i], added[k], closing, signature
    title: str
    state: PartState
    role: str = ""


@dataclass(frozen=True)
class Mark:
    """An unfilled slot left in a paragraph (【数量】), with the question that fills it."""

    occurrence: int  # the n-th 【】 of the paragraph
    kind: str
    question: Question


def marks(text: str) -> list[str]:
    """The 【】 marks of a text still to fill, in order."""
    return [m.group(1) for m in _MARK.finditer(text)]


def has_marks(text: str) -> bool:
    """True when a text still holds a 【】 mark (an unfilled slot or 【待填写】)."""
    return _MARK.search(text) is not None


def paragraph_list(value: Answer) -> list[str]:
    """A body answer as paragraphs: a list as it is, a text split at its line breaks; blanks dropped."""
    if value is None or isinstance(value, bool):
        return []
    items = value if isinstance(value, list) else re.split(r"\n", value)
    return [p.strip() for p in items if p.strip()]


def _text(value: Answer) -> str:
    """An answer that must be one text."""
    if isinstance(value, list):
        return "\n".join(value).strip()
    return "" if value is None or isinstance(value, bool) else value.strip()


def _flag(name: str, value: Answer) -> bool:
    """A yes/no answer (a form sends it as text)."""
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("1", "true", "yes", "on", "是", "保留"):
        return True
    if text in ("0", "false", "no", "off", "否", "删去"):
        return False
    raise AnswerError(name, f"应为“是”或“否”，收到的是“{text}”。")


@dataclass
class DraftCore:
    """A draft being written: its parts, their questions, answers applied, the answers file saved."""

    draft: Draft
    library: Library
    answers_path: Path
    today: dt.date = field(default_factory=dt.date.today)
    last_year: Outline | None = None  # --from: last year's report
    entries: list[Entry] = field(default_factory=list)
    profile: UnitProfile = field(default_factory=UnitProfile)  # the unit as remembered from earlier runs
    last_year_path: Path | None = None  # where last year's report is (remembered for next time)
    learned: dict[str, Any] = field(default_factory=dict)  # profile answers of this run, kept by remember()

    def __post_init__(self) -> None:
        self.genre: Genre | None = None
        self.skeleton = Skeleton(genre="none", name="", documents=0, title_pattern="", parts=[])
        self.phrases: Bank = Bank.of([])
        self.general_phrases: Bank = self.phrases
        self.last_figures: list[Any] = []
        if self.draft.genre:
            self.load_genre()
        self.entries = self.entries_from_draft()

    @classmethod
    def open(cls, answers_path: Path, library: Library, **options: Any) -> DraftCore:
        """The draft saved at `answers_path` (validated as `drafter render` validates it)."""
        return cls(load_yaml_model(answers_path, Draft), library, answers_path, **options)

    # --- genre -----------------------------------------------------------------------

    def load_genre(self) -> None:
        """The skeleton and phrases of the draft's genre (and the general ones as a fallback)."""
        genre = self.library.genre(self.draft.genre)
        self.genre = genre
        self.skeleton = self.library.load_skeleton(genre)
        if self.last_year is not None:
            from drafter.writing.yoy import last_year_figures, skeleton_from_last_year

            self.skeleton = skeleton_from_last_year(self.last_year, self.skeleton)
            self.last_figures = last_year_figures(self.last_year)
        self.phrases = self.library.load_phrases(genre)
        general = self.library.genre(None)  # 通用
        # A person's summary has no fallback in the units' general bank: its sentences are in a unit's voice.
        own_only = general.id == genre.id or genre.report == PERSONAL
        self.general_phrases = self.phrases if own_only else self.library.load_phrases(general)

    def set_genre(self, query: str) -> None:
        """Choose the genre (by id or name) and match the sections written so far to its skeleton."""
        self.draft.genre = self.library.genre(query).name
        self.load_genre()
        self.entries = self.entries_from_draft()

    # --- sections and skeleton nodes ----------------------------------------------------

    def entries_from_draft(self) -> list[Entry]:
        """Sections matched to skeleton nodes by heading; a renamed part between two matched ones keeps its
        place (the next node, when no section claims it); the rest are the person's own. Dropped parts are not
        in the answers file: opened again, they are offered again, empty."""
        nodes = self.skeleton.sections() if self.draft.genre else []
        by_heading: list[int | None] = []
        for section in self.draft.sections:
            heading = strip_marker(section.heading)
            match = next((i for i, n in enumerate(nodes) if heading in (n.heading, *n.alternatives)), None)
            by_heading.append(match if match not in by_heading else None)
        claimed = {m for m in by_heading if m is not None}
        entries: list[Entry] = []
        last = -1
        for at, (section, match) in enumerate(zip(self.draft.sections, by_heading, strict=True)):
            if match is None:
                following = next((m for m in by_heading[at + 1 :] if m is not None), None)
                candidate = last + 1
                if following is not None and candidate < following and candidate not in claimed:
                    match = candidate
                    claimed.add(candidate)
            if match is not None:
                last = match
            entries.append(Entry(match, section))
        return entries

    def entry_for(self, node: int) -> Entry | None:
        """The entry of a skeleton node, if it was answered before."""
        return next((e for e in self.entries if e.node == node), None)

    def insert_entry(self, node: int) -> Entry:
        """A new entry for a node, placed after the entries of the nodes before it."""
        entry = Entry(node, DraftSection(heading=self.node(node).heading))
        at = 0
        for index, existing in enumerate(self.entries):
            if existing.node is not None and existing.node < node:
                at = index + 1
        self.entries.insert(at, entry)
        return entry

    def nodes(self) -> list[SkeletonNode]:
        """The skeleton's sections with their years filled for the report's year."""
        from drafter.bank.templates import skeleton_for_year

        return skeleton_for_year(self.skeleton, self.draft.year).sections()

    def node(self, index: int) -> SkeletonNode:
        """One skeleton section with its years filled for the report's year."""
        return self.nodes()[index]

    def added(self) -> list[Entry]:
        """The parts the person added (no skeleton node), in order."""
        return [e for e in self.entries if e.node is None and e.section is not None]

    def add_part(self, heading: str) -> str:
        """A part the skeleton does not have, after the others; its name (added[k])."""
        heading = strip_marker(heading.strip())
        if not heading:
            raise AnswerError("sections.more", "请写出新增部分的标题。")
        self.entries.append(Entry(None, DraftSection(heading=heading)))
        return f"added[{len(self.added()) - 1}]"

    def part_entry(self, part: str, create: bool = False) -> Entry | None:
        """The entry of sections[i] or added[k] (a skeleton part not answered yet is made when `create`)."""
        match = _PART.match(part)
        if not match:
            raise AnswerError(part, "没有这一部分。")
        kind, index = match.group(1), int(match.group(2))
        if kind == "added":
            own = self.added()
            if index >= len(own):
                raise AnswerError(part, "没有这一部分。")
            return own[index]
        if index >= len(self.skeleton.sections()):
            raise AnswerError(part, "没有这一部分。")
        entry = self.entry_for(index)
        if entry is None and create:
            entry = self.insert_entry(index)
        return entry

    def section(self, part: str, create: bool = True) -> DraftSection:
        """The section of a part, made (or taken back after it was dropped) when `create`."""
        entry = self.part_entry(part, create=create)
        if entry is None or entry.section is None:
            if not create or entry is None:
                raise AnswerError(part, "这一部分已删去，请先保留它。")
            match = _PART.match(part)
            assert match is not None
            entry.section = DraftSection(heading=self.node(int(match.group(2))).heading)
        return entry.section

    def keep(self, part: str, kept: bool) -> DraftSection | None:
        """Keep a part (its section, made when new) or drop it (what it held goes with it)."""
        entry = self.part_entry(part, create=True)
        assert entry is not None
        if not kept:
            if entry.node is None:
                self.entries.remove(entry)
            else:
                entry.section = None
            return None
        return self.section(part)

    # --- titles ------------------------------------------------------------------------

    def derived_title(self) -> str:
        """The title the genre's pattern gives for the basics so far."""
        return title_from_pattern(self.skeleton.title_pattern, self.draft.org, self.draft.year)

    def title(self) -> str:
        """The title the draft will have."""
        return self.draft.title or self.derived_title()

    # --- answers -----------------------------------------------------------------------

    def apply(self, name: str, value: Answer) -> None:
        """Apply one answer to the draft (validated; an AnswerError names the field). Nothing is saved here."""
        if name == "genre":
            self.set_genre(_text(value))
            return
        if not self.draft.genre:
            raise AnswerError(name, "请先选择文种。")
        if name in BASICS:
            self.set_basic(name, _text(value))
        elif name in ("preamble", "closing"):
            setattr(self.draft, name, _text(value) or None)
        elif name == "signature":
            text = _text(value)
            self.draft.signature = text if text and text != self.draft.org else None
        elif name.startswith("checklist["):
            self._apply_checklist(name, value)
        elif name.startswith("figures["):
            self._apply_figure(name, value)
        elif name.startswith("profile."):
            self._apply_profile(name, value)
        elif name == "sections.more":
            self.add_part(_text(value))
        elif _PART.match(name):
            self._apply_part(name, value)
        else:
            raise AnswerError(name, "没有这个问题。")

    def set_basic(self, name: str, answer: str) -> None:
        """Store one of the basics (validated); a title equal to the derived one is not stored (it follows the org)."""
        problem = check_value(answer, _BASIC_CHECKS.get(name, "none"))
        if problem:
            raise AnswerError(name, problem)
        if name == "target":
            self.draft.target = answer or None
            return
        if name == "org":
            self.draft.org = answer or None
        elif name == "year":
            self.draft.year = int(answer) if answer else report_year(self.today)
        elif name == "date":
            self.draft.date = parse_date_answer(answer) or self.today
        else:
            self.draft.title = answer if answer and answer != self.derived_title() else None

    def _apply_checklist(self, name: str, value: Answer) -> None:
        """What became of one of last year's promises (status or note)."""
        match = re.fullmatch(r"checklist\[(\d+)\]\.(status|note)", name)
        if not match or int(match.group(1)) >= len(self.draft.checklist):
            raise AnswerError(name, "没有这一项。")
        item = self.draft.checklist[int(match.group(1))]
        text = _text(value)
        if match.group(2) == "note":
            item.note = text
        elif text not in CHECKLIST_STATUSES:
            raise AnswerError(name, f"应为{'、'.join(CHECKLIST_STATUSES)}之一。")
        else:
            item.status = text  # type: ignore[assignment]

    def _apply_part(self, name: str, value: Answer) -> None:
        """An answer about a numbered part: keep it, its heading, body, sub-headings or a sub-heading's body."""
        match = _PART.match(name)
        assert match is not None
        part, rest = match.group(0), name[match.end() :]
        if rest == "":
            self.keep(part, _flag(name, value))
            return
        section = self.section(part)
        child = re.match(r"^\.children\[(\d+)\]", rest)
        if child:
            number = int(child.group(1))
            if number >= len(section.children):
                raise AnswerError(name, "没有这个小标题。")
            section, rest = section.children[number], rest[child.end() :]
        if rest == ".heading":
            default = self.node(int(match.group(2))).heading if match.group(1) == "sections" and not child else ""
            heading = strip_marker(_text(value)) or default
            if not heading:
                raise AnswerError(name, "标题不能为空。")
            section.heading = heading
        elif rest == ".body":
            section.body = paragraph_list(value)
        elif paragraph := re.fullmatch(r"\.body\[(\d+)\]", rest):
            self.store(section, int(paragraph.group(1)), _text(value), name)
        elif rest == ".children" and not child:
            self.set_children(section, paragraph_list(value))
        else:
            raise AnswerError(name, "没有这个问题。")

    @staticmethod
    def store(section: DraftSection, index: int, text: str, name: str = "") -> None:
        """Put a paragraph at `index` (replacing the one there, or after the last); an empty one is removed."""
        if section.body == [PLACEHOLDER]:
            section.body = []
        if index > len(section.body):
            raise AnswerError(name, f"没有第 {index + 1} 段。")
        if index == len(section.body):
            if text:
                section.body.append(text)
        elif text:
            section.body[index] = text
        else:
            del section.body[index]

    @staticmethod
    def set_children(section: DraftSection, headings: list[str]) -> None:
        """Exactly these sub-headings in this order; what was written under one that stays goes with it."""
        existing = {c.heading: c for c in section.children}
        wanted = list(dict.fromkeys(strip_marker(h) for h in headings if strip_marker(h)))
        section.children = [existing.get(h) or DraftSection(heading=h) for h in wanted]

    @staticmethod
    def ticked_children(section: DraftSection, ticked: list[str]) -> list[str]:
        """The sub-headings after ticking from the mined list: the ticked ones, then one's own that hold text."""
        offered = set(ticked)
        own = [c.heading for c in section.children if c.heading not in offered and c.body and c.body != [PLACEHOLDER]]
        return [*ticked, *own]

    def leave(self, part: str) -> None:
        """A numbered part as the wizard leaves it when moving on: an empty body, and each sub-heading's, gets the
        placeholder (a part never answered, dropped, or not numbered is left alone)."""
        entry = self.part_entry(part) if _PART.match(part) else None
        if entry is None or entry.section is None:
            return
        for child in entry.section.children:
            self.fill_placeholders(child)
        self.fill_placeholders(entry.section)

    @staticmethod
    def fill_placeholders(section: DraftSection) -> None:
        """An empty part gets a placeholder, so the draft shows what is still to write."""
        if not section.body and not section.children:
            section.body = [PLACEHOLDER]

    # --- phrases and their slots ----------------------------------------------------------

    def paragraph_bank(self, role: str) -> Bank:
        """The bank offered for an opening or closing (the general one when the genre has none of the role)."""
        return self.phrases if self.phrases.count([role]) else self.general_phrases

    def insert_bank(self, role: str) -> BankView:
        """What `/p` offers in a body of this role, best first: its 常用语 true of the report's year (work roles
        together), 常用语 openers and set phrases, then the 范例 (catalog.picker_view); the unit's own phrases first."""
        from drafter.bank.catalog import CLAUSE_ROLES, WORK_ROLES, picker_view
        from drafter.bank.search import Bank, Shelf

        lent = self.lent_phrase if self.general_phrases is not self.phrases else None
        view = picker_view(self.phrases, self.general_phrases, role, self.draft.year, lent)
        roles = (WORK_ROLES if role in WORK_ROLES else frozenset({role})) | CLAUSE_ROLES
        own = self.own_phrases(roles)
        if own:  # the unit's own phrases (saved with /s, mined with --own) come first
            view.shelves.insert(0, Shelf(Bank.of(own), frozenset(roles)))
        return view

    def heading_bank(self) -> BankView:
        """The bank's heading patterns true of the report's year, 常用语 first."""
        return self.phrases.view({"heading"}, year=self.draft.year)

    def prefill(self, text: str) -> str:
        """A phrase with the basics put in (unit, years); other slots stay {slot}."""
        return prepared(text, self.draft)

    def slots_to_ask(self, text: str) -> list[str]:
        """The slots of a phrase the basics do not fill, each once, in order."""
        return list(dict.fromkeys(slot_names(self.prefill(text))))

    @staticmethod
    def finish_phrase(text: str, values: dict[str, str]) -> str:
        """A phrase with the given slot values; every slot left is shown as a 【mark】 to fill later."""
        text = fill_slots(text, {k: v for k, v in values.items() if v})
        return SLOT.sub(lambda m: f"【{m.group(1)}】", text)

    def paragraph_marks(self, text: str) -> list[Mark]:
        """The 【】 slots left in a paragraph, each with its question (unit, the sentence around it)."""
        found = []
        for occurrence, match in enumerate(_MARK.finditer(text)):
            kind = match.group(1)
            if kind == PLACEHOLDER.strip("【】"):
                continue
            sentence = text[: match.start()] + "{" + kind + "}" + text[match.end() :]
            found.append(Mark(occurrence, kind, slot_question(kind, sentence)))
        return found

    def fill_mark(self, name: str, occurrence: int, value: str) -> str:
        """Fill the n-th 【】 of a paragraph (sections[0].body[2], preamble …) with a value (validated)."""
        text = self.paragraph(name)
        found = list(_MARK.finditer(text))
        if occurrence >= len(found):
            raise AnswerError(name, "这一段里没有这个空。")
        match = found[occurrence]
        problem = check_value(value, slot_question(match.group(1)).validate)
        if problem:
            raise AnswerError(name, f"“{match.group(1)}”{problem}")
        if not value.strip():
            return text
        filled = text[: match.start()] + value.strip() + text[match.end() :]
        self.apply(name, filled)
        return filled

    def find_phrase(self, phrase_id: str) -> Phrase:
        """A phrase of this genre's bank (or the general one) by id."""
        found = self.phrases.get(phrase_id)
        if found is not None:
            return found
        general = self.general_phrases.get(phrase_id)
        lent = general if general is None or self.general_phrases is self.phrases else self.lent_phrase(general)
        if lent is not None:
            return lent
        raise AnswerError("phrase", f"常用语库中没有编号为“{phrase_id}”的常用语。")

    def lent_phrase(self, phrase: Phrase) -> Phrase | None:
        """A phrase of the general bank as this genre reads it. Year-end summaries review the year they are
        written in ({年份}) and plan the next ({下一年份}); a 政府工作报告 is delivered early in the year it plans,
        so there the year reviewed is {上一年份} and the plan's is {年份}. A sentence true of one year only is
        not lent to it (None), nor one a unit wrote (a government speaks for its whole area: a 卫生院's 医共体建设 is
        one unit's line of work): drafter's register sentences only."""
        from drafter.mining.genres import GOVERNMENT_REPORT
        from drafter.mining.slots import shift_years

        if self.genre is None or self.genre.report != GOVERNMENT_REPORT:
            return phrase
        if phrase.year is not None or phrase.origin != "register":
            return None
        text = shift_years(phrase.text, -1)
        return phrase if text == phrase.text else phrase.model_copy(update={"text": text, "slots": slot_names(text)})

    def offered_text(self, phrase: Phrase) -> str:
        """A phrase as it is offered and inserted: a 常用语 with the basics put in, a 范例 as its unit wrote it
        (its names and figures left as 【】 marks, never filled with the user's own); other slots as marks."""
        return self.finish_phrase(self.prefill(phrase.text) if phrase.tier == "常用语" else phrase.text, {})

    def insert_phrase(self, target: str, phrase_id: str) -> str:
        """Put a phrase into a body (a new last paragraph), a sub-heading's body, the preamble or the closing,
        with the basics filled in and its other slots left as 【】 marks; the name of the paragraph it became."""
        text = self.offered_text(self.find_phrase(phrase_id))
        if target in ("preamble", "closing"):
            current = getattr(self.draft, target) or ""
            self.apply(target, current + text)
            return target
        if not re.fullmatch(r"(?:sections|added)\[\d+\](?:\.children\[\d+\])?\.body", target):
            raise AnswerError(target, "这里不能插入常用语。")
        body = [p for p in self._body(target) if p != PLACEHOLDER]
        self.apply(target, [*body, text])
        return f"{target}[{len(body)}]"

    def paragraphs_of(self, name: str) -> list[str]:
        """The paragraphs written in a body (P.body, P.children[j].body), the preamble or the closing, the
        【待填写】 placeholder left out."""
        if name in ("preamble", "closing"):
            return paragraph_list(getattr(self.draft, name) or "")
        return [p for p in self._body(name) if p != PLACEHOLDER]

    def _body(self, name: str) -> list[str]:
        """The paragraphs of a body by its name (P.body or P.children[j].body)."""
        match = re.fullmatch(r"((?:sections|added)\[\d+\])(?:\.children\[(\d+)\])?\.body", name)
        if not match:
            raise AnswerError(name, "没有这一部分的正文。")
        section = self.section(match.group(1))
        if match.group(2) is not None:
            if int(match.group(2)) >= len(section.children):
                raise AnswerError(name, "没有这个小标题。")
            section = section.children[int(match.group(2))]
        return section.body

    def paragraph(self, name: str) -> str:
        """The text of one paragraph by its name (preamble, closing, P.body[n], P.children[j].body[n])."""
        if name in ("preamble", "closing"):
            return getattr(self.draft, name) or ""
        match = re.fullmatch(r"((?:sections|added)\[\d+\])(?:\.children\[(\d+)\])?\.body\[(\d+)\]", name)
        if not match:
            raise AnswerError(name, "没有这一段。")
        section = self.section(match.group(1), create=False)
        if match.group(2) is not None:
            if int(match.group(2)) >= len(section.children):
                raise AnswerError(name, "没有这个小标题。")
            section = section.children[int(match.group(2))]
        index = int(match.group(3))
        return section.body[index] if index < len(section.body) else ""

    def material_for(self, index: int) -> list[str]:
        """Last year's promises that belong in the skeleton's part `index`, as paragraphs not written there yet
        (done ones under achievements, the rest under problems)."""
        from drafter.writing.yoy import material, place_items

        entry = self.entry_for(index)
        written = entry.section.body if entry and entry.section else []
        placed = place_items(self.draft.checklist, self.skeleton.sections()).get(index, [])
        return [p for p in dict.fromkeys(material(item) for item in placed) if p not in written]

    def comparisons(self, name: str) -> list[Comparison]:
        """The 同比 the wizard offers for a paragraph (by name): for each figure that last year's report also has
        and the paragraph does not compare yet, the comparison with each of last year's candidates, best first."""
        from drafter.writing.yoy import candidates, comparison, figures

        text = self.paragraph(name)
        offered = []
        for figure in figures(text):
            if text[figure.end :].startswith("（上年") or text[: figure.start].endswith("（上年"):
                continue  # compared already, or last year's figure in a comparison
            found = (comparison(figure, last) for last in candidates(figure, self.last_figures))
            offered += [compared for compared in found if compared is not None]
        return offered

    def compare(self, name: str, start: int, option: int) -> str:
        """Put the `option`-th 同比 offered for the figure at `start` of a paragraph right after it; the paragraph."""
        from drafter.writing.yoy import with_comparison

        offered = [c for c in self.comparisons(name) if c.figure.start == start]
        if not 0 <= option < len(offered):
            raise AnswerError(name, "这个数字没有可比较的上年数字。")
        text = with_comparison(self.paragraph(name), offered[option])
        self.apply(name, text)
        return text

    def take_material(self, part: str, paragraph: str | None = None) -> None:
        """Put last year's promises that belong in a skeleton part into its body, one (`paragraph`) or all of them
        (what the wizard's Enter does when it offers them)."""
        match = _PART.match(part)
        if not match or match.group(1) != "sections":
            raise AnswerError(part, "这一部分没有去年计划的内容。")
        offered = self.material_for(int(match.group(2)))
        chosen = offered if paragraph is None else [p for p in offered if p == paragraph]
        if paragraph is not None and not chosen:
            raise AnswerError(part, "去年计划里没有这一条，或已经写进来了。")
        section = self.section(part)
        if section.body == [PLACEHOLDER]:
            section.body = []
        section.body += chosen

    # --- what the draft holds ----------------------------------------------------------

    def parts(self) -> list[Part]:
        """Every part of the draft in order, with its state (done, empty, 【】 left, dropped)."""
        if not self.draft.genre:
            return []
        required = [self.draft.org or "", str(self.draft.year or "")]
        found = [Part("basics", describe("basics"), _state(required, [*required, self.title()]))]
        if self.draft.checklist:
            notes = [i.status or "" for i in self.draft.checklist]
            done = all(notes)
            found.append(Part("checklist", "去年计划完成情况", "done" if done else "todo" if any(notes) else "empty"))
        if self.skeleton.figures:
            typed = any(f.value is not None for f in self.figure_values())
            found.append(Part("figures", "主要数字", "done" if typed else "empty"))
        found.append(Part("preamble", "开头导语", _state([self.draft.preamble or ""]), "opening"))
        for index, node in enumerate(self.skeleton.sections()):
            entry = self.entry_for(index)
            if entry is not None and entry.section is None:
                found.append(Part(f"sections[{index}]", node.heading, "dropped", node.role))
            else:
                section = entry.section if entry else None
                title = section.heading if section else node.heading
                found.append(Part(f"sections[{index}]", title, _section_state(section), node.role))
        for number, entry in enumerate(self.added()):
            assert entry.section is not None
            found.append(Part(f"added[{number}]", entry.section.heading, _section_state(entry.section), "measure"))
        found.append(Part("closing", "结尾", _state([self.draft.closing or ""]), "closing"))
        signature = self.draft.signature or self.draft.org or ""
        found.append(Part("signature", "落款", "done" if signature else "empty"))
        return found

    def left(self) -> list[Part]:
        """The parts still to write (empty, unfinished, or with 【】 to fill); dropped ones are not."""
        return [p for p in self.parts() if p.state in ("empty", "todo", "partial")]

    def progress(self) -> tuple[int, int]:
        """Parts done and parts to be done (dropped ones do not count)."""
        counted = [p for p in self.parts() if p.state != "dropped"]
        return sum(p.state == "done" for p in counted), len(counted)

    def questions(self, part: str) -> list[Question]:
        """The questions of one part, their defaults the answers given so far (what each front end asks)."""
        if part == "basics":
            return basics_questions(
                self.draft,
                self.derived_title(),
                self.today,
                self.skeleton.unit_kind,
                known_org=self.profile.name,
                known_target=self.profile.target,
            )
        if part == "profile":
            return self.profile_questions()
        if part == "figures":
            return self.figure_questions()
        if part == "checklist":
            total = len(self.draft.checklist)
            asked: list[Question] = []
            for index, item in enumerate(self.draft.checklist):
                asked.append(checklist_question(item, index, total))
                asked.append(
                    Question("text", f"checklist[{index}].note", "具体情况（一句话，可空）：", default=item.note)
                )
            return asked
        if part in ("preamble", "closing"):
            own = self.last_year.closing if part == "closing" and self.last_year is not None else None
            role = "opening" if part == "preamble" else "closing"
            label = describe(part)
            current = getattr(self.draft, part)
            return [paragraph_question(part, label, self.paragraph_bank(role), role, self.draft, current, own)]
        if part == "signature":
            default = self.draft.signature or self.profile.signature or self.draft.org or ""
            return [Question("text", "signature", "落款（发文机关署名）：", default=default)]
        return list(_flatten(self.part_questions(part)))

    def part_questions(self, part: str) -> NodeQuestions:
        """The questions of a numbered part (keep, heading, body, sub-headings), current answers as defaults."""
        entry = self.part_entry(part)
        section = entry.section if entry else None
        match = _PART.match(part)
        assert match is not None
        if match.group(1) == "sections":
            node = self.node(int(match.group(2)))
        else:
            assert section is not None
            node = SkeletonNode(role="measure", heading=section.heading)
        questions = node_questions(node, 0, self.phrases, section.heading if section else None)
        chosen = [c.heading for c in section.children] if section and section.children else None
        return NodeQuestions(
            keep=_renamed(questions.keep, part),
            heading=_renamed(questions.heading, part),
            body=_renamed(questions.body, part),
            children=_renamed(children_question(node, part, chosen), part),
            child_heading=_renamed(questions.child_heading, part),
            role=node.role,
            guidance=questions.guidance,
            borrowed_note=questions.borrowed_note,
            child_examples=questions.child_examples,
        )

    def examples(self, part: str, limit: int = 3) -> list[tuple[str, str]]:
        """How a part is written, for the report's year, each with where it is from: 常用语 with the basics put in,
        then a 范例 as its unit wrote it (its names left as 【】 blanks, never filled with the user's own)."""
        from drafter.bank.catalog import source_name

        role = {"preamble": "opening", "closing": "closing"}.get(part)
        if role is None:
            match = _PART.match(part)
            role = self.node(int(match.group(2))).role if match and match.group(1) == "sections" else "measure"
        found = []
        for phrase in self.paragraph_bank(role).top([role], limit, year=self.draft.year):
            source = source_name(phrase) if phrase.sources else ROLE_NAMES.get(phrase.role, phrase.role)
            found.append((self.offered_text(phrase), source if phrase.tier == "常用语" else f"范例，参考：{source}"))
        return found

    # --- the unit profile ----------------------------------------------------------------

    def first_run(self) -> bool:
        """Nothing is known of the unit yet: the wizard asks what the profile keeps."""
        return self.profile.is_empty()

    def profile_questions(self) -> list[Question]:
        """What the profile keeps that the wizard does not otherwise ask: the unit's kind (when its name does
        not say) and last year's report."""
        from drafter.writing.unit import KINDS, unit_kind

        asked = []
        if unit_kind(self.draft.org) is None:
            asked.append(
                Question(
                    "select",
                    "profile.kind",
                    "单位类别：",
                    default="局",
                    choices=tuple(Choice(kind, kind) for kind in KINDS),
                    instruction="用来挑选合适的说法（如 全镇、我局）",
                )
            )
        if self.last_year_path is None:
            asked.append(
                Question(
                    "text",
                    "profile.last_report",
                    "去年的总结（文件路径，可空）：",
                    instruction="记下来，明年向导默认从它开始（沿用提纲、核对计划、计算同比）；回车跳过",
                )
            )
        return asked

    def _apply_profile(self, name: str, value: Answer) -> None:
        """A profile answer of this run (kept by remember())."""
        text = _text(value)
        if name == "profile.kind":
            from drafter.writing.unit import KINDS

            if text and text not in KINDS:
                raise AnswerError(name, f"应为{'、'.join(KINDS)}之一。")
            self.learned["kind"] = text or None
        elif name == "profile.last_report":
            path = Path(text.strip("\"'")).expanduser() if text else None
            if path is not None and not path.is_file():
                raise AnswerError(name, f"找不到文件 {path}。请写出完整路径，或回车跳过。")
            self.learned["last_report"] = str(path.resolve()) if path else None
        else:
            raise AnswerError(name, "没有这个问题。")

    def remember(self) -> UnitProfile:
        """Keep what this run learnt about the unit in the profile (name, genre, 落款, target, figures, last
        year's report), for the defaults of the next run."""
        from drafter.writing.figures import figure_key
        from drafter.writing.profile import update_profile

        changes: dict[str, object] = {"name": self.draft.org, "genre": self.draft.genre, "target": self.draft.target}
        if self.draft.signature:
            changes["signature"] = self.draft.signature
        typed = {figure_key(f.label, f.unit): f.value for f in self.draft.figures if f.value is not None}
        if typed and self.draft.year:
            changes |= {"figures": typed, "figures_year": self.draft.year}
        if self.last_year_path is not None:
            changes["last_report"] = str(self.last_year_path.resolve())
        changes |= {key: value for key, value in self.learned.items() if value}
        self.profile = update_profile(changes)
        return self.profile

    # --- figures first --------------------------------------------------------------------

    def figure_values(self) -> list[FigureValue]:
        """The genre's key figures for this report (made once from the skeleton, with last year's values)."""
        from drafter.writing.figures import key_figure_values

        if not self.draft.figures and self.skeleton.figures:
            year = self.draft.year
            remembered = self.profile.figures if year and self.profile.figures_year == year - 1 else None
            self.draft.figures = key_figure_values(self.skeleton.figures, self.last_year, remembered)
        return self.draft.figures

    def figure_questions(self) -> list[Question]:
        """One question per key figure: its value this year, last year's shown when known."""
        from drafter.writing.figures import number

        asked = []
        for index, figure in enumerate(self.figure_values()):
            last = f"上年 {number(figure.last)}{figure.unit}；" if figure.last is not None else ""
            asked.append(
                Question(
                    "text",
                    f"figures[{index}]",
                    f"{figure.label}（{figure.unit}）：",
                    default=number(figure.value) if figure.value is not None else "",
                    validate="number",
                    instruction=f"{last}回车跳过",
                )
            )
        return asked

    def _apply_figure(self, name: str, value: Answer) -> None:
        """This year's value of a key figure (empty: not given)."""
        match = re.fullmatch(r"figures\[(\d+)\]", name)
        figures = self.figure_values()
        if not match or int(match.group(1)) >= len(figures):
            raise AnswerError(name, "没有这个数字。")
        text = _text(value).replace(",", "").replace("，", "").rstrip("%％")
        problem = check_value(text, "number")
        if problem:
            raise AnswerError(name, problem)
        figures[int(match.group(1))].value = float(text) if text else None

    def figure_note(self, index: int) -> str:
        """How a typed figure compares with last year's (同比增长 11.1%), or empty."""
        from drafter.writing.figures import comparison_text

        figure = self.figure_values()[index]
        if figure.value is None:
            return ""
        return comparison_text(figure.value, figure.last, figure.unit).strip("（）")

    def suggested_paragraph(self, name: str) -> str | None:
        """The paragraph offered where a body starts: in the first part about the year's work, the typed key
        figures in the genre's own result sentences (each with its 同比), unless the draft already holds it."""
        from drafter.bank.catalog import WORK_ROLES
        from drafter.writing.figures import figures_paragraph

        first = next((i for i, n in enumerate(self.skeleton.sections()) if n.role in WORK_ROLES), None)
        if first is None or name != f"sections[{first}].body":
            return None
        results = self.phrases.view({"result"}, year=self.draft.year, tier="常用语").matches("", None)
        paragraph = figures_paragraph(results, self.draft.figures, self.prefill)
        written = [p for e in self.entries if e.section for p in _paragraphs(e.section)]
        return paragraph if paragraph and paragraph not in written else None

    # --- a phrase being filled in ----------------------------------------------------------

    def begin_phrase(self, target: str, text: str) -> PendingPhrase:
        """Start filling a phrase for `target` (a paragraph, a heading): the basics and the typed figures put
        in; the rest of its slots asked one by one, each answer kept (a resumed run goes on from there)."""
        from drafter.writing.figures import fill_figures

        prepared_text, _ = fill_figures(self.prefill(text), self.draft.figures)
        self.draft.pending = PendingPhrase(target=target, text=prepared_text)
        return self.draft.pending

    def pending_for(self, container: str) -> PendingPhrase | None:
        """The phrase being filled in for a question (preamble, sections[1].body …), if any."""
        pending = self.draft.pending
        if pending is None:
            return None
        return pending if re.sub(r"\[\d+\]$", "", pending.target) == container else None

    def pending_slots(self) -> list[str]:
        """The slots of the phrase being filled in that have no answer yet, in order."""
        pending = self.draft.pending
        if pending is None:
            return []
        return [slot for slot in self.slots_to_ask(pending.text) if slot not in pending.values]

    def answer_slot(self, slot: str, value: str) -> None:
        """One slot's value (empty: left as 【slot】 to fill later), validated, kept at once."""
        pending = self.draft.pending
        if pending is None:
            raise AnswerError("slot", "现在没有正在填写的常用语。")
        problem = check_value(value, slot_question(slot).validate)
        if problem:
            raise AnswerError(pending.target, f"“{slot}”{problem}")
        pending.values[slot] = slot_answer(slot, value)

    def finish_pending(self) -> tuple[str, str] | None:
        """The phrase being filled in, finished (slots left empty shown as 【slot】), with its target; the
        pending phrase is cleared."""
        pending = self.draft.pending
        if pending is None:
            return None
        self.draft.pending = None
        return pending.target, self.finish_phrase(pending.text, pending.values)

    def drop_pending(self) -> None:
        """Give up the phrase being filled in (/b at a slot)."""
        self.draft.pending = None

    def place_pending(self) -> str | None:
        """The phrase being filled in, finished (slots left empty shown as 【slot】) and put where it was going, as
        the wizard puts it when its last slot is answered; the name of the paragraph it became (None: none)."""
        finished = self.finish_pending()
        if finished is None:
            return None
        target, text = finished
        paragraph = re.fullmatch(r"(.+\.body)\[(\d+)\]", target)
        if paragraph:  # a paragraph the phrase was to become: at most one after the last
            written = [p for p in self._body(paragraph.group(1)) if p != PLACEHOLDER]
            target = f"{paragraph.group(1)}[{min(int(paragraph.group(2)), len(written))}]"
        self.apply(target, text)
        return target

    # --- what is still to fill ------------------------------------------------------------

    def _placed_paragraphs(self) -> list[tuple[str, str]]:
        """Every paragraph with where it stands (开头导语, 一、标题, 一、标题 / 小标题, 结尾), in document order."""
        texts: list[tuple[str, str]] = [("开头导语", self.draft.preamble or "")]
        for index, entry in enumerate(e for e in self.entries if e.section is not None):
            assert entry.section is not None
            where = f"{int_to_cn(index + 1)}、{entry.section.heading}"
            texts += [(where, p) for p in entry.section.body]
            for child in entry.section.children:
                texts += [(f"{where} / {child.heading}", p) for p in child.body]
        texts.append(("结尾", self.draft.closing or ""))
        return texts

    def unfilled(self) -> list[tuple[str, list[str]]]:
        """Every paragraph with slots still to fill (【名称】…), as (where, the slots), in document order (the
        parts still 【待填写】 are unwritten())."""
        found: list[tuple[str, list[str]]] = []
        for where, text in self._placed_paragraphs():
            kinds = [kind for kind in marks(text) if kind != PLACEHOLDER.strip("【】")]
            if kinds:
                found.append((where, kinds))
        return found

    def unwritten(self) -> list[str]:
        """Where a body is still 【待填写】 (a part or sub-heading left empty), in document order."""
        return [where for where, text in self._placed_paragraphs() if PLACEHOLDER in text]

    # --- the unit's own phrases ---------------------------------------------------------------

    def own_phrases(self, roles: set[str] | frozenset[str]) -> list[Phrase]:
        """The unit's own phrases of these roles for this genre (saved with /s or mined with --own), newest first."""
        from drafter.bank.own import load_own

        if self.genre is None:
            return []
        return [p for p in load_own(self.genre.id) if p.role in roles]

    def slotted_for_saving(self, text: str) -> Any:
        """A paragraph made reusable for another year (its numbers and names as slots), to show for confirmation."""
        from drafter.bank.own import slot_paragraph

        return slot_paragraph(text, self.draft.org, self.draft.year)

    def save_own(self, text: str, role: str) -> Path:
        """Keep a (slotted) paragraph in the unit's own bank, under this genre; where the bank is."""
        from drafter.bank.own import own_bank_path, own_phrase, save_own

        if self.genre is None:
            raise AnswerError("/s", "请先选择文种。")
        kind = role if role in ROLE_NAMES else "measure"
        save_own([own_phrase(text, self.genre.id, kind)])  # type: ignore[arg-type]
        return own_bank_path()

    # --- length and the target ---------------------------------------------------------------

    def target(self) -> LengthTarget | None:
        """The length target set for this draft (None when there is none)."""
        from drafter.writing.target import parse_target

        return parse_target(self.draft.target) if self.draft.target else None

    def written_size(self) -> tuple[int, int]:
        """Characters and pages of the draft so far (the page estimate drafter uses everywhere)."""
        from drafter.output.render.layout import layout_draft
        from drafter.output.render.pages import characters, pages

        self.sync()
        blocks = layout_draft(self.draft, self.title())
        return characters(blocks), pages(blocks)

    def shares(self) -> list[PartShare]:
        """Each skeleton part's figure: the skeleton's own, or its share of the target."""
        from drafter.writing.target import part_shares

        parts = [(p.role, p.heading, p.guidance.length) for p in self.skeleton.parts]
        return part_shares(parts, self.target())

    def part_share(self, part: str) -> int | None:
        """The characters a part is given (its share of the target; None without a target)."""
        match = _PART.match(part)
        if self.target() is None or not match or match.group(1) != "sections":
            return None
        numbered = [s for s in self.shares() if s.role not in ("opening", "closing")]
        index = int(match.group(2))
        return numbered[index].characters if index < len(numbered) else None

    def part_size(self, part: str) -> int:
        """The characters written in a numbered part (headings of its sub-headings included, 【待填写】 not)."""
        entry = self.part_entry(part) if _PART.match(part) else None
        if entry is None or entry.section is None:
            return 0
        return sum(len(p) for p in _paragraphs(entry.section) if p != PLACEHOLDER)

    def length_lines(self) -> list[str]:
        """The running estimate against the target, and each part's share against what it holds."""
        from drafter.writing.target import against_target

        target = self.target()
        if target is None:
            return []
        characters, pages = self.written_size()
        lines = [against_target(target, characters, pages)[0] + "。"]
        for entry in self.entries:
            if entry.section is None or entry.node is None:
                continue
            share = self.part_share(f"sections[{entry.node}]")
            if share:
                size = self.part_size(f"sections[{entry.node}]")
                lines.append(f"  {entry.section.heading}：约 {size} 字 / 建议约 {share} 字")
        return lines

    # --- saving -------------------------------------------------------------------------

    def sync(self) -> None:
        """Put the entries back into the draft's sections (dropped parts left out)."""
        self.draft.sections = [e.section for e in self.entries if e.section is not None]

    def save(self, resume_at: str | None = None) -> None:
        """Write the answers file atomically (the same YAML `drafter render` reads); nothing before a genre.
        `resume_at` records where the person is (the question a later run returns to)."""
        if resume_at is not None:
            self.draft.resume_at = resume_at
        if not self.draft.genre:
            return
        self.sync()
        data = self.draft.model_dump(mode="json", exclude_none=True)
        write_atomic(self.answers_path, dump_yaml(data))


def _paragraphs(section: DraftSection) -> list[str]:
    """A section's paragraphs and its sub-headings' (headings included), in order."""
    found = list(section.body)
    for child in section.children:
        found += [child.heading, *_paragraphs(child)]
    return found


def _renamed(question: Question, part: str) -> Question:
    """A question of node_questions (named for sections[0]) renamed for `part`."""
    from dataclasses import replace

    return replace(question, name=re.sub(r"^sections\[0\]", part, question.name))


def _flatten(questions: NodeQuestions) -> tuple[Question, ...]:
    """The questions of a part in the order they are asked."""
    return (questions.keep, questions.heading, questions.body, questions.children)


def _state(required: list[str], texts: list[str] | None = None) -> PartState:
    """done when every required text is there and none holds a 【】 mark; empty when none is there; todo while a
    【】 is left, partial while a required text is missing."""
    texts = required if texts is None else texts
    if not any(required):
        return "empty"
    if any(has_marks(t) for t in texts):
        return "todo"
    return "done" if all(required) else "partial"


def _section_state(section: DraftSection | None) -> PartState:
    """A section's state: empty with nothing written, todo while any paragraph holds a 【】 mark, partial while a
    sub-heading has nothing under it."""
    if section is None:
        return "empty"
    texts = [*section.body]
    for child in section.children:
        texts += [child.heading, *child.body]
    written = [t for t in texts if t and t != PLACEHOLDER]
    if not written:
        return "empty"
    if any(has_marks(t) for t in texts):
        return "todo"
    return "partial" if any(not c.body for c in section.children) else "done"


__all__ = ["REVIEW", "AnswerError", "Choice", "DraftCore", "Entry", "Library", "Part"]
