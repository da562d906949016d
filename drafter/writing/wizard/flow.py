"""The terminal wizard: a linear walk over the draft core, one question at a time, that can go back.

Every question has a name (`sections[1].children[0].body`); the answers file records the name of the
question being asked, so that after Ctrl-C `--resume` returns to exactly that question: what comes
before it is passed over, nothing typed is asked again or lost. What an answer does to the draft, the
questions themselves and the answers file are the core's (drafter/writing/draft.py); the web page
edits the same draft through the same core.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from drafter.errors import UserError
from drafter.mining.slots import fill_slots, slot_type
from drafter.models import Draft, DraftSection, Phrase, SkeletonNode
from drafter.writing.draft import BASICS, REVIEW, DraftCore, describe, position
from drafter.writing.wizard.prompter import BACK, Back, Prompter
from drafter.writing.wizard.questions import (
    COMMON,
    EDITOR_KEY,
    OWN_TEXT,
    PHRASE_KEY,
    PLACEHOLDER,
    SAVE_KEY,
    WELCOME,
    WRITE_OWN,
    Choice,
    NodeQuestions,
    Question,
    as_blanks,
    children_question,
    example_source,
    genre_question,
    quoted,
    slot_question,
)

Outcome = Literal["render", "quit"]
Step = Callable[[], "Back | None"]


@dataclass
class Wizard:
    """The core's questions asked in order through a Prompter; every answer is applied and saved at once."""

    core: DraftCore
    prompter: Prompter
    skip_answered: bool = False  # --answers: only ask what is missing
    resume_at: str | None = None  # --resume: the question to return to
    forward: bool = True
    arrived: bool = False  # a resumed run has just reached its question: ask it even if it was answered
    first_run: bool = False  # nothing is known of the unit yet: ask what the profile keeps

    def __post_init__(self) -> None:
        self.first_run = self.core.first_run()

    @property
    def draft(self) -> Draft:
        """The draft being written."""
        return self.core.draft

    # --- running -------------------------------------------------------------------

    def run(self) -> Outcome:
        """Ask everything (or what is missing) and end at the preview: render or quit."""
        if self.resume_at:
            self.prompter.say(f"已从“{describe(self.resume_at)}”继续。")
            pending = self.draft.pending
            if pending:
                sentence = self.core.finish_phrase(fill_slots(pending.text, pending.values), {})
                self.prompter.say(f"正在填写的句子：{sentence}")
        else:
            self._show(WELCOME)
        steps: list[Step] = [
            self.ask_genre,
            self.ask_checklist,
            self.ask_basics,
            self.ask_profile,
            self.ask_figures,
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

    def _passed_by(self) -> Back | None:
        """What a step with nothing to ask answers: going back, it passes the person on to the step before."""
        return None if self.forward else BACK

    def save(self) -> None:
        """Write the answers file (nothing before a genre)."""
        self.core.save()

    def answer(self, name: str, value: Any) -> None:
        """Apply an answer through the core and save."""
        self.core.apply(name, value)
        self.save()

    def ask(self, question: Question) -> Any:
        """Ask, recording the question first: Ctrl-C while it is asked resumes here."""
        self.arrived = False
        self.core.save(resume_at=question.name)
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

    def ask_genre(self) -> Back | None:
        """Which genre (skipped when given on the command line or in the answers)."""
        if self.draft.genre and self.forward:
            return None
        library = self.core.library
        answer = self.prompter.ask(genre_question(library.genres, library.documents, self.core.profile.genre))
        if isinstance(answer, Back):
            return BACK
        self.answer("genre", answer)
        return None

    def ask_checklist(self) -> Back | None:
        """Last year's promises: 已完成 / 部分完成 / 未开展 / 不再适用, each with a line of what happened."""
        items = self.draft.checklist
        if not items:
            return self._passed_by()
        if self.forward and not self.resume_at:
            self.prompter.say(f"去年的计划共 {len(items)} 项，先逐项说说完成情况（可作为今年成效和问题的素材）。")
        questions = self.core.questions("checklist")
        index = 0 if self.forward else len(items) - 1
        stage = 0
        while 0 <= index < len(items):
            question = questions[2 * index + stage]
            if self.passed(question.name) or (stage == 0 and self._skip(items[index].status is not None)):
                index, stage = (index, 1) if stage == 0 else (index + 1, 0)
                continue
            if stage == 1:
                question = replace(question, instruction="/b 返回")
            answer = self.ask(question)
            if isinstance(answer, Back):
                if stage == 1:
                    stage = 0
                elif index == 0:
                    return BACK
                else:
                    index, stage = index - 1, 1
                continue
            self.answer(question.name, answer)
            index, stage = (index, 1) if stage == 0 else (index + 1, 0)
        return None

    def ask_basics(self) -> Back | None:
        """单位名称, 年份, 成文日期, 标题, 篇幅目标 — each can go back to the one before."""
        names = BASICS
        index = 0
        while index < len(names):
            name = names[index]
            optional = name == "target" or (name == "title" and self.draft.org is not None)
            if self.passed(name) or self._skip(getattr(self.draft, name) is not None or optional):
                index += 1
                continue
            answer = self.ask(self.core.questions("basics")[index])
            if isinstance(answer, Back):
                if index == 0:
                    return BACK
                index -= 1
                self.forward = False
                continue
            self.forward = True
            self.answer(name, str(answer))
            index += 1
        return None

    def ask_profile(self) -> Back | None:
        """The first run: what the unit profile keeps beyond the basics (its kind when the name does not say,
        last year's report); then the profile is saved and offered next time."""
        if not self.first_run or self.passed("profile") or not self.draft.org:
            return self._passed_by()
        for question in self.core.questions("profile"):
            while True:
                answer = self.ask(question)
                if isinstance(answer, Back):
                    return BACK
                try:
                    self.core.apply(question.name, answer)
                    break
                except UserError as error:
                    self.prompter.say(error.message)
        self.core.remember()
        self.first_run = False
        self.prompter.say("单位信息已记下（drafter profile 可查看、修改），下次运行向导时作为默认值。")
        return None

    def ask_figures(self) -> Back | None:
        """Figures first: the genre's key figures, typed once (Enter skips one); the sentences offered later
        give them, each with its 同比."""
        questions = self.core.questions("figures")
        if not questions:
            return self._passed_by()
        if self.forward and not self.resume_at and not self.skip_answered:
            self.prompter.say(
                "先填今年的主要数字（同类总结常写的几项；回车跳过）。后面的成效句子会自动用上，并算出同比。"
            )
        index = 0 if self.forward else len(questions) - 1
        while 0 <= index < len(questions):
            question = questions[index]
            given = self.draft.figures[index].value is not None
            if self.passed(question.name) or self._skip(given):
                index += 1
                continue
            answer = self.ask(question)
            if isinstance(answer, Back):
                if index == 0:
                    return BACK
                index -= 1
                continue
            self.answer(question.name, answer)
            note = self.core.figure_note(index)
            if note:
                self.prompter.say(note)
            index += 1
        return None

    # --- opening and closing ----------------------------------------------------------

    def ask_preamble(self) -> Back | None:
        """The opening paragraph: a phrase with its slots filled, edited, or one's own."""
        return self._paragraph_step("preamble", "opening")

    def ask_closing(self) -> Back | None:
        """The closing paragraph (结尾表态); with --from, last year's own closing is offered first."""
        return self._paragraph_step("closing", "closing")

    def _paragraph_step(self, name: str, role: str) -> Back | None:
        """Ask the preamble or the closing (unless already answered) and save it."""
        if self.passed(name) or self._skip(getattr(self.draft, name) is not None):
            return None
        result = self._ask_paragraph(name, role)
        if isinstance(result, Back):
            return BACK
        self.answer(name, result or "")
        return None

    def _ask_paragraph(self, name: str, role: str) -> str | Back | None:
        """Pick a phrase (or one's own), fill its slots, then edit it; empty means none."""
        label = describe(name)
        bank = self.core.paragraph_bank(role)
        while True:
            current = getattr(self.draft, name)
            if self.core.pending_for(name):  # resumed in the middle of filling a phrase in
                text = self.fill_phrase(None, name)
                if text is None:
                    continue
                default = text
            else:
                choice = self.ask(self.core.questions(name)[0])
                if isinstance(choice, Back):
                    return BACK
                chosen = bank.get(choice) if isinstance(choice, str) else None
                own = self.core.last_year.closing if name == "closing" and self.core.last_year is not None else None
                if choice == OWN_TEXT and own:
                    default = own
                elif chosen is not None and chosen.tier != COMMON:
                    default = self._example_text(chosen)
                elif chosen is not None:
                    text = self.fill_phrase(chosen.text, name)
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

    def _example_text(self, phrase: Phrase) -> str:
        """A 范例 as it goes into the draft: its names and figures left as 【】 blanks, never filled with the
        user's own (another unit's names are not the user's), with a word on where it is from."""
        self._show(f"这是其他单位的写法（{example_source(phrase)}），其中的名称和数字留作【】，请改写成本单位的内容。")
        return as_blanks(phrase.text)

    def fill_phrase(self, text: str | None, target: str) -> str | None:
        """A phrase for `target` with the basics and the typed figures put in and every other slot asked, each
        shown in its sentence; every answer is kept, so a resumed run goes on at the slot it stopped at
        (`text` None: the phrase already being filled in). An empty answer leaves 【slot】 and says so. None on /b."""
        if text is not None:
            self.core.begin_phrase(target, text)
        pending = self.draft.pending
        assert pending is not None
        container = re.sub(r"\[\d+\]$", "", pending.target)
        for slot in self.core.pending_slots():
            sentence = fill_slots(pending.text, {k: v for k, v in pending.values.items() if v})
            answer = self.ask(replace(slot_question(slot, sentence), name=container))
            if isinstance(answer, Back):
                self.core.drop_pending()
                self.save()
                return None
            while True:
                try:
                    self.core.answer_slot(slot, str(answer))
                    break
                except UserError as error:  # a resumed prompt may come back with an answer that does not fit
                    self.prompter.say(error.message)
                    answer = self.prompter.ask(slot_question(slot, sentence))
            self.save()
            if not str(answer).strip():
                mark = f"【{slot_type(slot)}】"
                self.prompter.say(f"“{slot_type(slot)}”留空：句子里写作{mark}，稍后补上（生成文稿前的预览会列出）。")
        finished = self.core.finish_pending()
        assert finished is not None
        self.save()
        self._show(f"填好的句子：{finished[1]}")
        return finished[1]

    def ask_signature(self) -> Back | None:
        """落款 (defaults to the org)."""
        if self.passed("signature") or self._skip(self.draft.signature is not None or self.draft.org is not None):
            return None
        answer = self.ask(self.core.questions("signature")[0])
        if isinstance(answer, Back):
            return BACK
        self.answer("signature", answer)
        return None

    # --- sections ------------------------------------------------------------------

    def ask_sections(self) -> Back | None:
        """Every section of the skeleton in turn, then any the person wants to add."""
        nodes = self.core.skeleton.sections()
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
            result = self.ask_node(self.core.node(index), index)
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
        entry = self.core.entry_for(index)
        name = f"sections[{index}]"
        if self.resume_at:
            if position(name)[:2] < position(self.resume_at)[:2]:
                return None  # a whole part before the one being resumed
        elif self._skip(entry is not None):
            return None
        questions = self.core.part_questions(name)
        if not self.resume_at:
            share = self.core.part_share(name)
            budget = ""
            if share:
                budget = f"按篇幅目标（{self.draft.target}）这一部分约 {share} 字，全文已写约 {self.core.written_size()[0]} 字"
            lines = [questions.guidance, questions.borrowed_note.strip("（）"), budget]  # its own clause here
            self.prompter.say("；".join(filter(None, lines)) or node.heading)
        stage = 3 if self.forward is False and entry is not None and entry.section is not None else 0
        while True:
            if stage == 0:
                if not self.passed(name):
                    keep = self.ask(questions.keep)
                    if isinstance(keep, Back):
                        return BACK
                    if not keep:
                        self.answer(name, False)
                        return None
                self.core.keep(name, True)
                stage = 1
            elif stage == 1:
                if not self.passed(f"{name}.heading"):
                    heading = self.ask_heading(questions.heading)
                    if isinstance(heading, Back):
                        stage = 0
                        continue
                    self.answer(f"{name}.heading", heading)
                stage = 2
            elif stage == 2:
                section = self.core.section(name)
                if not self.passed(f"{name}.body"):
                    self.offer_material(section, index)
                    if isinstance(self.ask_body(section, node.role, questions.body), Back):
                        stage = 1
                        continue
                stage = 3
            else:
                section = self.core.section(name)
                if isinstance(self.ask_children(section, node, questions), Back):
                    stage = 2
                    continue
                self.core.fill_placeholders(section)
                self.save()
                return None

    def ask_heading(self, question: Question) -> str | Back:
        """A heading: typed, chosen with Tab, or picked from the bank's heading patterns with /p."""
        while True:
            if self.core.pending_for(question.name):
                text = self.fill_phrase(None, question.name)
                if text:
                    return text
            answer = self.ask(question)
            if isinstance(answer, Back) or not answer.endswith(PHRASE_KEY):
                return answer
            picked = self.prompter.pick_phrase(self.core.heading_bank())
            if isinstance(picked, Phrase):
                text = self.fill_phrase(picked.text, question.name)
                if text:
                    return text

    def ask_children(self, section: DraftSection, node: SkeletonNode, questions: NodeQuestions) -> Back | None:
        """Sub-headings: the mined ones ticked up to the usual number (Enter takes them), or one's own; then
        each one's body. /b in the first body returns to the list; in a later one, to the one before."""
        name = questions.children.name
        if not self.passed(name):
            while True:
                chosen = self.ask(children_question(node, name, [c.heading for c in section.children] or None))
                if isinstance(chosen, Back):
                    return BACK
                ticked = [c for c in chosen if c != WRITE_OWN]
                self.core.set_children(section, self.core.ticked_children(section, ticked))
                self.save()
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
                "body", body_name, f"{quoted(child.heading)}的正文：", instruction=questions.body.instruction
            )
            if isinstance(self.ask_body(child, node.role, body_question), Back):
                if number == 0:
                    return self.ask_children(section, node, questions)
                number -= 1
                continue
            self.core.fill_placeholders(child)
            self.save()
            number += 1
        return None

    def _write_own_children(self, section: DraftSection, questions: NodeQuestions) -> Back | None:
        """Sub-headings the person writes, until an empty one."""
        while True:
            heading = self.ask_heading(questions.child_heading)
            if isinstance(heading, Back):
                return BACK
            if not heading:
                return None
            self.core.set_children(section, [*(c.heading for c in section.children), heading])
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
        first_prompt = True
        while True:
            if self.core.pending_for(question.name):  # resumed in the middle of filling a phrase in
                target = self.draft.pending.target if self.draft.pending else ""
                at = re.search(r"\[(\d+)\]$", target)
                text = self.fill_phrase(None, target)
                if text:
                    index = min(int(at.group(1)), len(section.body)) if at else len(section.body)
                    self.core.store(section, index, text)
                    index += 1
                    self.save()
                continue
            current = section.body[index] if index < len(section.body) else ""
            # Offered once, at the body's first prompt: Enter after one's own paragraphs still ends the body.
            suggestion = self.core.suggested_paragraph(question.name) if not current and first_prompt else None
            first_prompt = False
            answer = self.ask(
                Question(
                    "text",
                    question.name,
                    f"{question.message}第 {index + 1} 段",
                    default=current,
                    placeholder=suggestion or "",
                    instruction=question.instruction
                    + ("；回车采用灰色的句子（用上了前面填的数字）" if suggestion else ""),
                )
            )
            if isinstance(answer, Back):
                if index == 0:
                    return BACK
                index -= 1
                continue
            if not answer:
                if index < len(section.body):
                    self.core.store(section, index, "")  # the person cleared this paragraph
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
                text = self.insert_phrase(role, f"{question.name}[{index}]")
                if text:
                    self.core.store(section, index, text)
                    index += 1
            elif answer.endswith(SAVE_KEY):
                typed = answer[: -len(SAVE_KEY)].strip()
                if typed:
                    self.core.store(section, index, typed)
                    index += 1
                paragraph = typed or (section.body[index - 1] if index > 0 else "")
                self.save_own_paragraph(paragraph, role)
            else:
                self.core.store(section, index, self.offer_comparisons(answer) if self.core.last_figures else answer)
                index += 1
            self.save()

    def insert_phrase(self, role: str, target: str) -> str | None:
        """A phrase for this part (the unit's own first, then 常用语, for the report's year), its slots asked one
        by one in their sentence; a 范例 only when the person confirms it is one, and with its blanks left to
        rewrite."""
        picked = self.prompter.pick_phrase(self.core.insert_bank(role))
        if not isinstance(picked, Phrase):
            return None
        if picked.tier != COMMON:
            sure = self.prompter.ask(
                Question(
                    "confirm",
                    "example",
                    f"这是范例，不是常用语（{example_source(picked)}）：插入后要改写成本单位的内容。仍要插入吗？",
                    default=False,
                )
            )
            return self._example_text(picked) if sure is True else None
        return self.fill_phrase(picked.text, target)

    def save_own_paragraph(self, paragraph: str, role: str) -> None:
        """/s: the paragraph with its numbers and names as slots, shown for confirmation, kept in the unit's bank."""
        if not paragraph or paragraph == PLACEHOLDER:
            self.prompter.say("还没有可以保存的段落：先写一段，再输入 /s。")
            return
        slotted = self.core.slotted_for_saving(paragraph)
        replaced = "、".join(f"{written}→{{{slot}}}" for written, slot in slotted.replaced)
        self._show(f"存入本单位常用语库：{slotted.text}" + (f"\n（{replaced}）" if replaced else ""))
        answer = self.prompter.ask(
            Question(
                "select",
                "own",
                "这样保存吗？",
                default="save",
                choices=(Choice("保存", "save"), Choice("修改后保存", "edit"), Choice("不保存", "skip")),
            )
        )
        text = slotted.text
        if answer == "edit":
            edited = self.prompter.ask(Question("text", "own", "修改为（可保留 {数量} 这样的空位）：", default=text))
            text = "" if isinstance(edited, Back) else str(edited).strip()
        if answer in ("save", "edit") and text:
            where = self.core.save_own(text, role)
            self.prompter.say(f"已存入本单位常用语库（{where}），下次按 /p 时排在最前。")

    def offer_material(self, section: DraftSection, index: int) -> None:
        """Last year's promises that belong here, offered as paragraphs."""
        for paragraph in self.core.material_for(index):
            answer = self.prompter.ask(
                Question(
                    "confirm",
                    f"sections[{index}].material",
                    f"把去年计划的完成情况写进这一部分吗？{quoted(paragraph)}",
                    default=True,
                )
            )
            if answer is True:
                section.body.append(paragraph)
                self.save()

    def offer_comparisons(self, paragraph: str) -> str:
        """For each figure also in last year's report, offer the computed 同比 (the person picks last year's figure)."""
        from drafter.writing.yoy import candidates, comparison, figures, with_comparison

        for figure in sorted(figures(paragraph), key=lambda f: f.start, reverse=True):
            options = candidates(figure, self.core.last_figures)
            if not options:
                continue
            choices = tuple(Choice(f"上年{c.value:g}{c.unit}（{c.label}）", str(i)) for i, c in enumerate(options))
            answer = self.prompter.ask(
                Question(
                    "select",
                    "comparison",
                    f"{quoted(f'{figure.label}{figure.value:g}{figure.unit}')}：要和上年比较吗？",
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
        section = self.core.section(self.core.add_part(heading))
        self.save()
        body_question = Question("body", "sections.more", "这一部分的正文（可空）：")
        if not isinstance(self.ask_body(section, "measure", body_question), Back):
            self.core.fill_placeholders(section)
            self.save()

    # --- the end -------------------------------------------------------------------

    def title(self) -> str:
        """The title the draft will have."""
        return self.core.title()

    def review(self) -> Outcome:
        """The outline as a tree, its length; then render, change a part, or save and quit."""
        while True:
            self.core.sync()
            self.prompter.show_draft(self.draft, self.title())
            for line in self.core.length_lines():
                self.prompter.say(line)
            unfilled = self.core.unfilled()
            if unfilled:
                self.prompter.say(
                    f"还有 {sum(len(kinds) for _, kinds in unfilled)} 处空位待填（生成后也可在 Word 里补上）："
                )
                for where, kinds in unfilled:
                    self.prompter.say(f"  {where}：{'、'.join(f'【{kind}】' for kind in kinds)}")
            unwritten = self.core.unwritten()
            if unwritten:
                self.prompter.say(
                    f"还有 {len(unwritten)} 处正文没有写，文稿中写作{PLACEHOLDER}（可以“修改某一部分”补上，"
                    "或生成后在 Word 里写；drafter check 会逐一列出）："
                )
                for where in unwritten:
                    self.prompter.say(f"  {where}")
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
        choices = [Choice("单位、年份、日期、标题和篇幅", "basics")]
        if self.core.skeleton.figures:
            choices.append(Choice("主要数字", "figures"))
        choices.append(Choice("开头导语", "preamble"))
        for part in self.core.parts():
            if part.name.startswith("sections["):
                title = f"{part.title}（已删去）" if part.state == "dropped" else part.title
                choices.append(Choice(title, "node:" + part.name[len("sections[") : -1]))
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
                self.ask_node(self.core.node(index), index)
            elif answer == "add":
                self.ask_free_section()
            else:
                getattr(self, f"ask_{answer}")()
        finally:
            self.skip_answered = skip
