"""The wizard's flow: steps that can go back, an answers file saved after every answer.

Every question has a name (`sections[1].children[0].body`); the answers file records the name of the
question being asked, so that after Ctrl-C `--resume` returns to exactly that question: what comes
before it is passed over, nothing typed is asked again or lost.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from drafter.bank.store import dump_yaml
from drafter.files import write_atomic
from drafter.mining.genres import GENERAL_GENRE
from drafter.mining.slots import SLOT, fill_slots, slot_names
from drafter.models import Draft, DraftSection, Genre, Outline, Phrase, Skeleton, SkeletonNode
from drafter.output.render.layout import strip_marker
from drafter.output.render.text import title_from_pattern
from drafter.writing.wizard.prompter import BACK, Back, Prompter
from drafter.writing.wizard.questions import (
    EDITOR_KEY,
    OWN_TEXT,
    PHRASE_KEY,
    PLACEHOLDER,
    WELCOME,
    WRITE_OWN,
    Choice,
    NodeQuestions,
    Question,
    basics_questions,
    checklist_question,
    children_question,
    genre_question,
    node_questions,
    paragraph_question,
    parse_date_answer,
    slot_question,
    slot_values,
)
from drafter.writing.yoy import (
    Figure,
    candidates,
    comparison,
    figures,
    last_year_figures,
    material,
    place_items,
    skeleton_from_last_year,
    with_comparison,
)

Outcome = Literal["render", "quit"]
# A section about the year's work holds measures and results alike: its phrase picker offers both.
WORK_ROLES = frozenset({"measure", "result", "case"})
Step = Callable[[], "Back | None"]
REVIEW = "review"
_STEPS = {"genre": 0, "checklist": 1, "org": 2, "year": 2, "date": 2, "title": 2, "preamble": 3}
_STEPS |= {"sections": 4, "closing": 5, "signature": 6, REVIEW: 7}
_BASICS = ("org", "year", "date", "title")
_STAGES = {"": 0, "heading": 1, "body": 2, "children": 3, "status": 0, "note": 1}


def position(name: str) -> tuple[int, ...]:
    """Where a question comes in the wizard, comparable: sections[2].children[1].body -> (4, 2, 3, 1, 1)."""
    head = re.match(r"[a-z]+", name)
    step = _STEPS.get(head.group(0) if head else "", 8)
    numbers: list[int] = [step]
    if step == 2:
        numbers.append(_BASICS.index(name) if name in _BASICS else 0)
    for index, part in re.findall(r"\[(\d+)\]\.?([a-z]*)", name):
        numbers += [int(index), _STAGES.get(part, 0)]
    if name.startswith("sections[") and name.endswith(".children"):
        numbers.append(_STAGES["children"])
    if name in ("sections", "sections.more"):
        numbers.append(10_000)
    return tuple(numbers)


def describe(name: str) -> str:
    """A question's name as a person reads it (sections[1].body -> 第 2 部分的正文)."""
    if name in ("org", "year", "date", "title"):
        return {"org": "单位名称", "year": "年份", "date": "成文日期", "title": "标题"}[name]
    parts = re.findall(r"\[(\d+)\]", name)
    if name.startswith("sections[") and parts:
        where = f"第 {int(parts[0]) + 1} 部分"
        if len(parts) > 1:
            where += f"的第 {int(parts[1]) + 1} 个小标题"
        return where + ("的正文" if name.endswith(".body") else "的标题" if name.endswith(".heading") else "")
    names = {"genre": "文种", "preamble": "开头导语", "closing": "结尾", "signature": "落款", REVIEW: "预览"}
    return names.get(name, name)


@dataclass
class Library:
    """What the wizard draws on: genres, and per genre its skeleton and phrases."""

    genres: list[Genre]
    documents: dict[str, int]
    load_skeleton: Callable[[Genre], Skeleton]
    load_phrases: Callable[[Genre], list[Phrase]]

    def genre(self, query: str | None) -> Genre:
        """A genre by id or name (通用 when none is given)."""
        from drafter.bank.templates import find_genre

        return find_genre(query or GENERAL_GENRE, self.genres)


@dataclass
class Entry:
    """A section of the draft and the skeleton node it came from (None for a section the person added)."""

    node: int | None
    section: DraftSection | None  # None: the person dropped this part


@dataclass
class Wizard:
    """Skeleton + phrase bank -> Draft, one question at a time; every answer is saved at once."""

    draft: Draft
    library: Library
    prompter: Prompter
    answers_path: Path
    today: dt.date = field(default_factory=dt.date.today)
    skip_answered: bool = False  # --answers: only ask what is missing
    last_year: Outline | None = None  # --from: last year's report
    resume_at: str | None = None  # --resume: the question to return to
    entries: list[Entry] = field(default_factory=list)
    forward: bool = True
    arrived: bool = False  # a resumed run has just reached its question: ask it even if it was answered

    # --- running -------------------------------------------------------------------

    def run(self) -> Outcome:
        """Ask everything (or what is missing) and end at the preview: render or quit."""
        if self.resume_at:
            self.prompter.say(f"已从“{describe(self.resume_at)}”继续。")
        else:
            self._show(WELCOME)
        if self.draft.genre:
            self._load_genre()
        self.entries = self._entries_from_draft()
        steps: list[Step] = [
            self.ask_genre,
            self.ask_checklist,
            self.ask_basics,
            self.ask_preamble,
            self.ask_sections,
            self.ask_closing,
            self.ask_signature,
        ]
        if self.resume_at == REVIEW:
            self.resume_at = None
        else:
            self._run_steps(steps)
        return self.review()

    def _show(self, text: str) -> None:
        """Show a text through the prompter (a dim line when it has no way to show more)."""
        show = getattr(self.prompter, "show", None)
        (show or self.prompter.say)(text)

    def _run_steps(self, steps: list[Step]) -> None:
        """Run steps in order; a step answering BACK reruns the one before it."""
        index = 0
        while index < len(steps):
            result = steps[index]()
            if isinstance(result, Back):
                self.forward = False
                index = max(index - 1, 0)
            else:
                self.forward = True
                index += 1

    def save(self) -> None:
        """Write the answers file atomically (the same YAML `drafter render` reads); nothing before a genre."""
        if not self.draft.genre:
            return
        self.draft.sections = [e.section for e in self.entries if e.section is not None]
        data = self.draft.model_dump(mode="json", exclude_none=True)
        write_atomic(self.answers_path, dump_yaml(data))

    def ask(self, question: Question) -> Any:
        """Ask, recording the question first: Ctrl-C while it is asked resumes here."""
        self.draft.resume_at = question.name
        self.arrived = False
        self.save()
        return self.prompter.ask(question)

    def passed(self, name: str) -> bool:
        """True for a question before the one a resumed run returns to (it is passed over as answered)."""
        if self.resume_at is None:
            return False
        if position(name) < position(self.resume_at):
            return True
        self.resume_at, self.arrived = None, True
        return False

    def _skip(self, answered: bool) -> bool:
        """Skip a question already answered in an --answers file (only when moving forward; never the one a
        resumed run returns to)."""
        return self.skip_answered and self.forward and answered and not self.arrived

    # --- genre and basics ------------------------------------------------------------

    def _load_genre(self) -> None:
        """The skeleton and phrases of the draft's genre (and the general ones as a fallback)."""
        genre = self.library.genre(self.draft.genre)
        self.genre = genre
        self.skeleton = self.library.load_skeleton(genre)
        self.last_figures: list[Figure] = []
        if self.last_year is not None:
            self.skeleton = skeleton_from_last_year(self.last_year, self.skeleton)
            self.last_figures = last_year_figures(self.last_year)
        self.phrases = self.library.load_phrases(genre)
        general = self.library.genre(GENERAL_GENRE)
        self.general_phrases = self.phrases if general.id == genre.id else self.library.load_phrases(general)

    def ask_genre(self) -> Back | None:
        """Which genre (skipped when given on the command line or in the answers)."""
        if self.draft.genre and self.forward:
            return None
        answer = self.prompter.ask(genre_question(self.library.genres, self.library.documents))
        if isinstance(answer, Back):
            return BACK
        self.draft.genre = self.library.genre(answer).name
        self._load_genre()
        self.entries = self._entries_from_draft()
        self.save()
        return None

    def ask_checklist(self) -> Back | None:
        """Last year's promises: 已完成 / 部分完成 / 未开展 / 不再适用, each with a line of what happened."""
        items = self.draft.checklist
        if not items:
            return None
        if self.forward and not self.resume_at:
            self.prompter.say(f"去年的计划共 {len(items)} 项，先逐项说说完成情况（可作为今年成效和问题的素材）。")
        index = 0 if self.forward else len(items) - 1
        stage = 0
        while 0 <= index < len(items):
            item = items[index]
            name = f"checklist[{index}].{'status' if stage == 0 else 'note'}"
            if self.passed(name) or (stage == 0 and self._skip(item.status is not None)):
                index, stage = (index, 1) if stage == 0 else (index + 1, 0)
                continue
            if stage == 0:
                answer = self.ask(checklist_question(item, index, len(items)))
                if isinstance(answer, Back):
                    if index == 0:
                        return BACK
                    index, stage = index - 1, 1
                    continue
                item.status = answer
                stage = 1
            else:
                note = self.ask(
                    Question("text", name, "具体情况（一句话，可空）：", default=item.note, instruction="/b 返回")
                )
                if isinstance(note, Back):
                    stage = 0
                    continue
                item.note = note
                index, stage = index + 1, 0
            self.save()
        return None

    def derived_title(self) -> str:
        """The title the genre's pattern gives for the basics so far."""
        return title_from_pattern(self.skeleton.title_pattern, self.draft.org, self.draft.year)

    def ask_basics(self) -> Back | None:
        """单位名称, 年份, 成文日期, 标题 — each can go back to the one before."""
        index = 0
        while index < len(_BASICS):
            name = _BASICS[index]
            if self.passed(name) or self._skip(
                getattr(self.draft, name) is not None or (name == "title" and self.draft.org is not None)
            ):
                index += 1
                continue
            question = basics_questions(self.draft, self.derived_title(), self.today)[index]
            answer = self.ask(question)
            if isinstance(answer, Back):
                if index == 0:
                    return BACK
                index -= 1
                self.forward = False
                continue
            self.forward = True
            self._set_basic(name, str(answer))
            self.save()
            index += 1
        return None

    def _set_basic(self, name: str, answer: str) -> None:
        """Store one of the basics; a title equal to the derived one is not stored (it follows the org)."""
        if name == "org":
            self.draft.org = answer or None
        elif name == "year":
            self.draft.year = int(answer) if answer else self.today.year
        elif name == "date":
            self.draft.date = parse_date_answer(answer) or self.today
        else:
            self.draft.title = answer if answer and answer != self.derived_title() else None

    # --- opening and closing ----------------------------------------------------------

    def ask_preamble(self) -> Back | None:
        """The opening paragraph: a phrase with its slots filled, edited, or one's own."""
        return self._paragraph_step("preamble", "开头导语", "opening", None)

    def ask_closing(self) -> Back | None:
        """The closing paragraph (结尾表态); with --from, last year's own closing is offered first."""
        own = self.last_year.closing if self.last_year is not None else None
        return self._paragraph_step("closing", "结尾", "closing", own)

    def _paragraph_step(self, name: str, label: str, role: str, own: str | None) -> Back | None:
        """Ask the preamble or the closing (unless already answered) and save it."""
        current = getattr(self.draft, name)
        if self.passed(name) or self._skip(current is not None):
            return None
        result = self._ask_paragraph(name, label, role, current, own)
        if isinstance(result, Back):
            return BACK
        setattr(self.draft, name, result)
        self.save()
        return None

    def _ask_paragraph(
        self, name: str, label: str, role: str, current: str | None, own: str | None
    ) -> str | Back | None:
        """Pick a phrase (or one's own), fill its slots, then edit it; empty means none."""
        bank = self.phrases if any(p.role == role for p in self.phrases) else self.general_phrases
        while True:
            choice = self.ask(paragraph_question(name, label, bank, role, self.draft, current, own))
            if isinstance(choice, Back):
                return BACK
            chosen = next((p for p in bank if p.id == choice), None)
            if choice == OWN_TEXT and own:
                default = own
            elif chosen is not None:
                text = self.fill_phrase(chosen.text)
                if text is None:
                    continue
                default = text
            else:
                default = current or ""
            text = self.ask(
                Question("text", name, f"{label}（回车采用，可直接修改；{EDITOR_KEY} 写长段落）：", default=default)
            )
            if isinstance(text, Back):
                continue
            if text.endswith(EDITOR_KEY):
                start = text[: -len(EDITOR_KEY)].strip() or default
                text = self.prompter.edit(start) or start
                self._show(f"{label}：{text.strip()}")
            return text.strip() or None

    def fill_phrase(self, text: str) -> str | None:
        """A phrase with the basics put in and every other slot asked, each shown in its sentence; None on /b."""
        values = slot_values(self.draft)
        text = fill_slots(text, values)
        for slot in dict.fromkeys(slot_names(text)):
            answer = self.prompter.ask(slot_question(slot, text))
            if isinstance(answer, Back):
                return None
            if answer:
                text = fill_slots(text, {slot: str(answer)})
        finished = SLOT.sub(lambda m: f"【{m.group(1)}】", text)
        self._show(f"填好的句子：{finished}")
        return finished

    def ask_signature(self) -> Back | None:
        """落款 (defaults to the org)."""
        if self.passed("signature") or self._skip(self.draft.signature is not None or self.draft.org is not None):
            return None
        answer = self.ask(
            Question(
                "text", "signature", "落款（发文机关署名）：", default=self.draft.signature or self.draft.org or ""
            )
        )
        if isinstance(answer, Back):
            return BACK
        self.draft.signature = answer if answer and answer != self.draft.org else None
        self.save()
        return None

    # --- sections ------------------------------------------------------------------

    def _entries_from_draft(self) -> list[Entry]:
        """Existing sections matched to skeleton nodes by heading; the rest kept as the person's own."""
        nodes = self.skeleton.sections() if self.draft.genre else []
        entries: list[Entry] = []
        for section in self.draft.sections:
            heading = strip_marker(section.heading)
            match = next((i for i, n in enumerate(nodes) if heading in (n.heading, *n.alternatives)), None)
            used = {e.node for e in entries}
            entries.append(Entry(match if match not in used else None, section))
        return entries

    def _entry_for(self, node: int) -> Entry | None:
        """The entry of a skeleton node, if it was asked before."""
        return next((e for e in self.entries if e.node == node), None)

    def _insert_entry(self, node: int) -> Entry:
        """A new entry for a node, placed after the entries of the nodes before it."""
        entry = Entry(node, DraftSection(heading=self.skeleton.sections()[node].heading))
        at = 0
        for index, existing in enumerate(self.entries):
            if existing.node is not None and existing.node < node:
                at = index + 1
        self.entries.insert(at, entry)
        return entry

    def _node(self, index: int) -> SkeletonNode:
        """A skeleton section with its years filled for the report's year."""
        from drafter.bank.templates import skeleton_for_year

        return skeleton_for_year(self.skeleton, self.draft.year).sections()[index]

    def ask_sections(self) -> Back | None:
        """Every section of the skeleton in turn, then any the person wants to add."""
        nodes = self.skeleton.sections()
        index = 0 if self.forward else len(nodes)
        while True:
            if index >= len(nodes):
                if self.passed("sections.more"):
                    return None
                answer = self.ask(
                    Question(
                        "select",
                        "sections.more",
                        "还要增加其他部分吗？",
                        default="done",
                        choices=(Choice("不用了，继续", "done"), Choice("增加一部分", "add")),
                    )
                )
                if isinstance(answer, Back):
                    if not nodes:
                        return BACK
                    index = len(nodes) - 1
                    self.forward = False
                    continue
                if answer == "done":
                    return None
                self.ask_free_section()
                continue
            result = self.ask_node(self._node(index), index)
            if isinstance(result, Back):
                if index == 0:
                    return BACK
                index -= 1
                self.forward = False
            else:
                self.forward = True
                index += 1

    def ask_node(self, node: SkeletonNode, index: int) -> Back | None:
        """Keep the part?  Its heading, its body, its sub-headings."""
        entry = self._entry_for(index)
        name = f"sections[{index}]"
        if self.resume_at:
            if position(name)[:2] < position(self.resume_at)[:2]:
                return None  # a whole part before the one being resumed
        elif self._skip(entry is not None):
            return None
        current = entry.section.heading if entry and entry.section else None
        questions = node_questions(node, index, self.phrases, current)
        if not self.resume_at:
            self.prompter.say("；".join(filter(None, [questions.guidance, questions.borrowed_note])) or node.heading)
        stage = 3 if self.forward is False and entry is not None and entry.section is not None else 0
        while True:
            if stage == 0:
                if not self.passed(name):
                    keep = self.ask(questions.keep)
                    if isinstance(keep, Back):
                        return BACK
                    if not keep:
                        entry = entry or self._insert_entry(index)
                        entry.section = None
                        self.save()
                        return None
                entry = entry or self._insert_entry(index)
                if entry.section is None:
                    entry.section = DraftSection(heading=node.heading)
                stage = 1
            elif stage == 1:
                assert entry is not None and entry.section is not None
                if not self.passed(f"{name}.heading"):
                    heading = self.ask_heading(questions.heading)
                    if isinstance(heading, Back):
                        stage = 0
                        continue
                    entry.section.heading = strip_marker(heading) or node.heading
                    self.save()
                stage = 2
            elif stage == 2:
                assert entry is not None and entry.section is not None
                if not self.passed(f"{name}.body"):
                    self.offer_material(entry.section, index)
                    if isinstance(self.ask_body(entry.section, node.role, questions.body), Back):
                        stage = 1
                        continue
                stage = 3
            else:
                assert entry is not None and entry.section is not None
                if isinstance(self.ask_children(entry.section, node, questions), Back):
                    stage = 2
                    continue
                self._fill_placeholders(entry.section)
                self.save()
                return None

    def ask_heading(self, question: Question) -> str | Back:
        """A heading: typed, chosen with Tab, or picked from the bank's heading patterns with /p."""
        while True:
            answer = self.ask(question)
            if isinstance(answer, Back) or not answer.endswith(PHRASE_KEY):
                return answer
            headings = [p for p in self.phrases if p.role == "heading" and p.status != "rejected"]
            picked = self.prompter.pick_phrase(headings)
            if isinstance(picked, Phrase):
                text = self.fill_phrase(picked.text)
                if text:
                    return text

    def ask_children(self, section: DraftSection, node: SkeletonNode, questions: NodeQuestions) -> Back | None:
        """Sub-headings: the mined ones ticked up to the usual number (Enter takes them), or one's own; then
        each one's body. /b in the first body returns to the list; in a later one, to the one before."""
        name = questions.children.name
        if not self.passed(name) and not (self.resume_at and position(self.resume_at)[:3] == position(name)):
            while True:
                chosen = self.ask(children_question(node, name, [c.heading for c in section.children] or None))
                if isinstance(chosen, Back):
                    return BACK
                self._apply_children(section, [c for c in chosen if c != WRITE_OWN])
                if WRITE_OWN not in chosen or not isinstance(self._write_own_children(section, questions), Back):
                    break
        number = 0
        while number < len(section.children):
            child = section.children[number]
            body_name = f"{name}[{number}].body"
            if self.passed(body_name):
                number += 1
                continue
            body_question = Question(
                "body", body_name, f"“{child.heading}”的正文：", instruction=questions.body.instruction
            )
            if isinstance(self.ask_body(child, node.role, body_question), Back):
                if number == 0:
                    return self.ask_children(section, node, questions)
                number -= 1
                continue
            self._fill_placeholders(child)
            self.save()
            number += 1
        return None

    def _apply_children(self, section: DraftSection, headings: list[str]) -> None:
        """Keep the sub-headings ticked (and what was written under them), in the order of the list; own ones stay."""
        existing = {c.heading: c for c in section.children}
        offered = set(headings)
        kept = [existing.get(h) or DraftSection(heading=h) for h in headings]
        own = [c for c in section.children if c.heading not in offered and c.body and c.body != [PLACEHOLDER]]
        section.children = kept + own
        self.save()

    def _write_own_children(self, section: DraftSection, questions: NodeQuestions) -> Back | None:
        """Sub-headings the person writes, until an empty one."""
        while True:
            heading = self.ask_heading(questions.child_heading)
            if isinstance(heading, Back):
                return BACK
            if not heading:
                return None
            section.children.append(DraftSection(heading=strip_marker(heading)))
            self.save()

    def ask_body(self, section: DraftSection, role: str, question: Question) -> Back | None:
        """Paragraphs one per answer until an empty one; /e long text, /p phrase, /b back to the paragraph before
        (shown for editing; nothing is deleted)."""
        if section.body == [PLACEHOLDER]:
            section.body = []
        elif section.body:
            self.prompter.say(
                f"已有正文 {len(section.body)} 段；继续输入将追加，{EDITOR_KEY} 可整体修改，{'/b'} 逐段往回改。"
            )
        index = len(section.body)
        while True:
            current = section.body[index] if index < len(section.body) else ""
            answer = self.ask(
                Question(
                    "text",
                    question.name,
                    f"{question.message}第 {index + 1} 段",
                    default=current,
                    instruction=question.instruction,
                )
            )
            if isinstance(answer, Back):
                if index == 0:
                    return BACK
                index -= 1
                continue
            if not answer:
                if index < len(section.body):
                    del section.body[index]  # the person cleared this paragraph
                    self.save()
                    continue
                return None
            if answer.endswith(EDITOR_KEY):
                edited = self.prompter.edit("\n\n".join(section.body))
                if edited is not None:
                    section.body = [p.strip() for p in re.split(r"\n\s*\n|\n", edited) if p.strip()]
                    self._show("正文：\n" + "\n".join(section.body))
                index = len(section.body)
            elif answer.endswith(PHRASE_KEY):
                text = self.insert_phrase(role)
                if text:
                    self._store(section, index, text)
                    index += 1
            else:
                self._store(section, index, self.offer_comparisons(answer) if self.last_figures else answer)
                index += 1
            self.save()

    @staticmethod
    def _store(section: DraftSection, index: int, text: str) -> None:
        """Put a paragraph at `index` (replacing the one there, or after the last)."""
        if index < len(section.body):
            section.body[index] = text
        else:
            section.body.append(text)

    def insert_phrase(self, role: str) -> str | None:
        """A phrase from the bank for this genre and role, its slots asked one by one in their sentence."""
        roles = {role, "opener", "set_phrase"} | (WORK_ROLES if role in WORK_ROLES else set())
        bank = [p for p in self.phrases if p.role in roles and p.status != "rejected"]
        bank = bank or [p for p in self.general_phrases if p.role in roles]
        picked = self.prompter.pick_phrase(bank)
        if not isinstance(picked, Phrase):
            return None
        return self.fill_phrase(picked.text)

    def offer_material(self, section: DraftSection, index: int) -> None:
        """Last year's promises that belong here, offered as paragraphs (done ones under achievements, the rest under problems)."""
        placed = place_items(self.draft.checklist, self.skeleton.sections()).get(index, [])
        for item in placed:
            paragraph = material(item)
            if paragraph in section.body:
                continue
            answer = self.prompter.ask(
                Question(
                    "confirm",
                    f"sections[{index}].material",
                    f"把去年计划的完成情况写进这一部分吗？“{paragraph}”",
                    default=True,
                )
            )
            if answer is True:
                section.body.append(paragraph)
                self.save()

    def offer_comparisons(self, paragraph: str) -> str:
        """For each figure also in last year's report, offer the computed 同比 (the person picks last year's figure)."""
        for figure in sorted(figures(paragraph), key=lambda f: f.start, reverse=True):
            options = candidates(figure, self.last_figures)
            if not options:
                continue
            choices = tuple(Choice(f"上年{c.value:g}{c.unit}（{c.label}）", str(i)) for i, c in enumerate(options))
            answer = self.prompter.ask(
                Question(
                    "select",
                    "comparison",
                    f"“{figure.label}{figure.value:g}{figure.unit}”：要和上年比较吗？",
                    default="0",
                    choices=(*choices, Choice("不比较", "none")),
                )
            )
            if isinstance(answer, Back) or answer == "none":
                continue
            compared = comparison(figure, options[int(answer)])
            if compared is not None:
                paragraph = with_comparison(paragraph, compared)
        return paragraph

    def ask_free_section(self) -> None:
        """A part the skeleton does not have."""
        heading = self.ask(Question("text", "sections.more", "新增部分的标题：", instruction="/b 返回"))
        if isinstance(heading, Back) or not heading:
            return
        section = DraftSection(heading=strip_marker(heading))
        self.entries.append(Entry(None, section))
        self.save()
        body_question = Question("body", "sections.more", "这一部分的正文（可空）：")
        if not isinstance(self.ask_body(section, "measure", body_question), Back):
            self._fill_placeholders(section)
            self.save()

    @staticmethod
    def _fill_placeholders(section: DraftSection) -> None:
        """An empty part gets a placeholder, so the draft shows what is still to write."""
        if not section.body and not section.children:
            section.body = [PLACEHOLDER]

    # --- the end -------------------------------------------------------------------

    def title(self) -> str:
        """The title the draft will have."""
        return self.draft.title or self.derived_title()

    def review(self) -> Outcome:
        """The outline as a tree, its length; then render, change a part, or save and quit."""
        while True:
            self.prompter.show_draft(self.draft, self.title())
            answer = self.ask(
                Question(
                    "select",
                    REVIEW,
                    "下一步：",
                    default="render",
                    choices=(
                        Choice("生成 Word 文稿", "render"),
                        Choice("修改某一部分", "edit"),
                        Choice("保存答案，稍后继续", "quit"),
                    ),
                )
            )
            if isinstance(answer, Back) or answer == "edit":
                self.jump()
                continue
            return "render" if answer == "render" else "quit"

    def jump(self) -> None:
        """Go straight to any part of the draft and answer it again (parts listed as they are now named)."""
        nodes = self.skeleton.sections()
        choices = [Choice("单位、年份、日期和标题", "basics"), Choice("开头导语", "preamble")]
        for index, node in enumerate(nodes):
            entry = self._entry_for(index)
            heading = entry.section.heading if entry and entry.section else f"{node.heading}（已删去）"
            choices.append(Choice(heading, f"node:{index}"))
        choices += [Choice("增加一部分", "add"), Choice("结尾", "closing"), Choice("落款", "signature")]
        answer = self.prompter.ask(
            Question("select", "jump", "修改哪一部分？", default="basics", choices=tuple(choices))
        )
        if isinstance(answer, Back):
            return
        self.forward, skip, self.skip_answered = True, self.skip_answered, False
        try:
            if answer.startswith("node:"):
                index = int(answer.split(":")[1])
                self.ask_node(self._node(index), index)
            elif answer == "add":
                self.ask_free_section()
            else:
                getattr(self, f"ask_{answer}")()
        finally:
            self.skip_answered = skip
