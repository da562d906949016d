"""Asking questions: the Prompter protocol and its questionary implementation."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Protocol

from drafter.models import Draft, Phrase
from drafter.writing.wizard.questions import BACK_KEY, Choice, Question, check_value

if TYPE_CHECKING:
    from drafter.bank.search import BankView
    from drafter.show import CursorProbe


class Back:
    """The answer 'go back to the previous question'."""

    def __repr__(self) -> str:
        return "BACK"


BACK = Back()
BACK_CHOICE = Choice("← 返回上一步", "__back__")
MULTILINE_HINT = "多行输入：每段之间空一行；写完按 Esc，然后按 Enter 结束"


class Prompter(Protocol):
    """What the wizard needs from a user interface."""

    def ask(self, question: Question) -> Any:
        """The answer to a question, or BACK."""

    def say(self, text: str) -> None:
        """Show a line of information."""

    def edit(self, text: str) -> str | None:
        """Let the person write or edit a long text; None when they leave it unchanged."""

    def pick_phrase(self, phrases: BankView | list[Phrase]) -> Phrase | Back | None:
        """A phrase chosen from the bank (typing filters it), BACK, or None for none."""

    def show_draft(self, draft: Draft, title: str) -> None:
        """The outline of the draft as a tree, with its length."""


def draft_statistics(draft: Draft, title: str) -> tuple[int, int]:
    """Characters of the draft and the pages it fills (the one page estimate drafter uses everywhere)."""
    from drafter.output.render.layout import layout_draft
    from drafter.output.render.pages import characters, pages

    blocks = layout_draft(draft, title)
    return characters(blocks), pages(blocks)


def checkbox_summary(question: Question, values: list[str]) -> str:
    """What was ticked, in words (已选 3 项：甲、乙、丙), instead of questionary's English."""
    titles = [c.title for c in question.choices if c.value in values]
    if not titles:
        return "未选"
    return f"已选 {len(titles)} 项：{'、'.join(titles)}"


class QuestionaryPrompter:
    """The Prompter of a real terminal; `prompt_options` reach prompt_toolkit (tests pass pipe input)."""

    def __init__(self, *, probe: CursorProbe | None = None, **prompt_options: Any) -> None:
        from drafter.show import Console

        self.options = prompt_options
        self.console = Console(highlight=False)
        self._probe: CursorProbe | None = probe
        if probe is None and not prompt_options:  # the person's own terminal
            from drafter.show import CursorProbe

            self._probe = CursorProbe()

    def _before_prompt(self) -> None:
        """Know whether the terminal answers cursor position requests before the first prompt asks one."""
        if self._probe is not None:
            self._probe.settle()
            self._probe = None

    def ask(self, question: Question) -> Any:
        """Ask with the questionary prompt that fits the question's kind."""
        self._before_prompt()
        if question.kind in ("select", "confirm"):
            return self._select(question)
        if question.kind == "checkbox":
            return self._checkbox(question)
        return self._text(question)

    def _select(self, question: Question) -> Any:
        import questionary

        choices = question.choices or (Choice("是", "yes"), Choice("否", "no"))
        default = question.default if question.kind == "select" else ("yes" if question.default else "no")
        shown = choices if question.first else (*choices, BACK_CHOICE)
        options = [questionary.Choice(c.title, c.value) for c in shown]
        default_choice = next((o for o in options if o.value == default), None)
        answer = questionary.select(
            question.message,
            choices=options,
            default=default_choice,
            instruction="（方向键选择，回车确定）",
            **self.options,
        ).unsafe_ask()
        if answer == BACK_CHOICE.value:
            return BACK
        return answer == "yes" if question.kind == "confirm" else answer

    def _checkbox(self, question: Question) -> Any:
        import questionary

        options = [questionary.Choice(c.title, c.value, checked=c.checked) for c in question.choices]
        options.append(questionary.Choice(BACK_CHOICE.title, BACK_CHOICE.value))
        if question.instruction:
            self.say(question.instruction)
        # questionary would leave "done (3 selections)" on the screen: the prompt is erased and the answer said here.
        answer = questionary.checkbox(
            question.message,
            choices=options,
            instruction="（空格勾选，回车确定）",
            erase_when_done=True,
            **self.options,
        ).unsafe_ask()
        if BACK_CHOICE.value in answer:
            return BACK
        self.show(f"? {question.message}{checkbox_summary(question, answer)}")
        return answer

    def _text(self, question: Question) -> Any:
        import questionary
        from prompt_toolkit.formatted_text import FormattedText

        validate = lambda value: check_value(value, question.validate) or True  # noqa: E731
        extra: dict[str, Any] = {}
        if question.placeholder:
            # A suggestion shown in grey: Enter takes it, and typing replaces it instead of appending to it.
            extra["placeholder"] = FormattedText([("fg:ansibrightblack", question.placeholder)])
        if question.kind == "autocomplete" and question.words:
            if question.instruction:
                self.say(question.instruction)
            from drafter.writing.wizard.complete import HeadingCompleter

            default = str(question.default or "")
            answer = questionary.autocomplete(
                question.message,
                choices=list(question.words),
                default=default,
                validate=validate,
                completer=HeadingCompleter(question.words, default or question.placeholder),
                **extra,
                **self.options,
            ).unsafe_ask()
        else:
            answer = questionary.text(
                question.message,
                default=str(question.default or ""),
                validate=validate,
                instruction=question.instruction or None,
                **extra,
                **self.options,
            ).unsafe_ask()
        answer = answer.strip()
        if not answer and question.placeholder:
            return question.placeholder
        # /b typed after a suggested answer still means back.
        return BACK if answer.endswith(BACK_KEY) else answer

    def say(self, text: str) -> None:
        """Print a dim line."""
        from rich.markup import escape

        self.console.print(f"[dim]{escape(text)}[/dim]")

    def show(self, text: str) -> None:
        """Print a text the person should read (a finished sentence, the welcome screen)."""
        from rich.markup import escape

        self.console.print(escape(text))

    def edit(self, text: str) -> str | None:
        """$VISUAL or $EDITOR when set; otherwise a multi-line prompt right here (never an editor picked for them)."""
        self._before_prompt()
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if editor:
            import click

            return click.edit(text, editor=editor, extension=".txt", require_save=False)
        import questionary

        self.say(MULTILINE_HINT)
        answer = questionary.text(
            "编辑：", default=text, multiline=True, instruction="（Esc 然后 Enter 结束）", **self.options
        ).unsafe_ask()
        return answer if answer != text else None

    def pick_phrase(self, phrases: BankView | list[Phrase]) -> Phrase | Back | None:
        """Type to filter the bank, Enter takes the highlighted phrase; text that matches nothing is not taken
        as a phrase: the picker says so and asks again."""
        import questionary

        from drafter.writing.wizard.complete import PhraseCompleter

        if not phrases:
            self.say("这一类还没有常用语。")
            return None
        if not isinstance(phrases, list) and not phrases.matches("", 1):
            self.say("这一部分没有可以直接套用的整句常用语：输入词语可查找短语和其他单位的范例。")
        self._before_prompt()
        completer = PhraseCompleter(phrases)
        while True:
            answer = (
                questionary.autocomplete(
                    "输入词语筛选常用语（回车选定；空着回车不插入；/b 返回）：",
                    choices=[],
                    completer=completer,
                    **self.options,
                )
                .unsafe_ask()
                .strip()
            )
            if answer.endswith(BACK_KEY):
                return BACK
            if not answer:
                return None
            best = completer.exact(answer) or next(iter(completer.matches(answer, limit=1)), None)
            if best is not None:
                return best
            self.say(f"没有包含“{answer}”的常用语。换个词再试；空着回车不插入，/b 返回。")

    def show_draft(self, draft: Draft, title: str) -> None:
        """A rich tree of the outline and its length."""
        from rich.markup import escape
        from rich.tree import Tree

        from drafter.output.render.layout import marker_for
        from drafter.show import short_text

        tree = Tree(f"[bold]{escape(title)}[/bold]")
        if draft.preamble:
            tree.add(f"[dim]导语：{short_text(draft.preamble, 30)}[/dim]")

        def add(node: Tree, sections: list, depth: int) -> None:
            for ordinal, section in enumerate(sections, start=1):
                body = f"  [dim]{short_text(' '.join(section.body), 24)}[/dim]" if section.body else ""
                add(
                    node.add(f"{marker_for(depth, ordinal)}{escape(section.heading)}{body}"),
                    section.children,
                    depth + 1,
                )

        add(tree, draft.sections, 1)
        if draft.closing:
            tree.add(f"[dim]结尾：{short_text(draft.closing, 30)}[/dim]")
        tree.add(f"[dim]落款：{escape(draft.signature or draft.org or '（未填）')}  {draft.date or ''}[/dim]")
        self.console.print(tree)
        characters, pages = draft_statistics(draft, title)
        self.console.print(f"共 {characters} 字，约 {pages} 页（A4，每页 22 行 × 28 字）。")
