"""Asking questions: the Prompter protocol and its questionary implementation."""

from __future__ import annotations

import math
from typing import Any, Protocol

from drafter.models import Draft, Phrase
from drafter.wizard.questions import BACK_KEY, Choice, Question, check_value


class Back:
    """The answer 'go back to the previous question'."""

    def __repr__(self) -> str:
        return "BACK"


BACK = Back()
BACK_CHOICE = Choice("← 返回上一步", "__back__")
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28


class Prompter(Protocol):
    """What the wizard needs from a user interface."""

    def ask(self, question: Question) -> Any:
        """The answer to a question, or BACK."""

    def say(self, text: str) -> None:
        """Show a line of information."""

    def edit(self, text: str) -> str | None:
        """Let the person edit a long text in $EDITOR; None when they leave it unchanged."""

    def pick_phrase(self, phrases: list[Phrase]) -> Phrase | str | Back | None:
        """A phrase chosen from the bank (typing filters it), typed text, BACK, or None for none."""

    def show_draft(self, draft: Draft, title: str) -> None:
        """The outline of the draft as a tree, with its length."""


def draft_statistics(draft: Draft, title: str) -> tuple[int, int]:
    """Characters of the draft and the pages they fill at 22 lines of 28 characters."""
    from drafter.render.layout import layout_draft

    blocks = layout_draft(draft, title)
    characters = sum(len(b.marker) + len(b.heading) + len(b.text) for b in blocks)
    lines = 3 + sum(max(1, math.ceil((len(b.marker) + len(b.heading) + len(b.text)) / CHARS_PER_LINE)) for b in blocks)
    return characters, max(1, math.ceil(lines / LINES_PER_PAGE))


class QuestionaryPrompter:
    """The Prompter of a real terminal; `prompt_options` reach prompt_toolkit (tests pass pipe input)."""

    def __init__(self, **prompt_options: Any) -> None:
        from rich.console import Console

        self.options = prompt_options
        self.console = Console(highlight=False)

    def ask(self, question: Question) -> Any:
        """Ask with the questionary prompt that fits the question's kind."""
        import questionary

        if question.kind in ("select", "confirm"):
            choices = question.choices or (Choice("是", "yes"), Choice("否", "no"))
            default = question.default if question.kind == "select" else ("yes" if question.default else "no")
            options = [questionary.Choice(c.title, c.value) for c in (*choices, BACK_CHOICE)]
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
        validate = lambda value: check_value(value, question.validate) or True  # noqa: E731
        if question.kind == "autocomplete" and question.words:
            answer = questionary.autocomplete(
                question.message,
                choices=list(question.words),
                default=str(question.default or ""),
                validate=validate,
                **self.options,
            ).unsafe_ask()
        else:
            answer = questionary.text(
                question.message,
                default=str(question.default or ""),
                validate=validate,
                instruction=question.instruction or None,
                **self.options,
            ).unsafe_ask()
        answer = answer.strip()
        # /b typed after a suggested answer still means back.
        return BACK if answer.endswith(BACK_KEY) else answer

    def say(self, text: str) -> None:
        """Print a dim line."""
        from rich.markup import escape

        self.console.print(f"[dim]{escape(text)}[/dim]")

    def edit(self, text: str) -> str | None:
        """Open $EDITOR (click finds vi or nano when it is unset)."""
        import click

        return click.edit(text, extension=".txt", require_save=False)

    def pick_phrase(self, phrases: list[Phrase]) -> Phrase | str | Back | None:
        """Type to filter the bank; Enter takes the highlighted phrase."""
        import questionary

        from drafter.wizard.complete import PhraseCompleter

        if not phrases:
            self.say("这一类还没有常用语。")
            return None
        completer = PhraseCompleter(phrases)
        answer = (
            questionary.autocomplete(
                "输入词语筛选常用语（回车选定，/b 返回）：", choices=[], completer=completer, **self.options
            )
            .unsafe_ask()
            .strip()
        )
        if answer.endswith(BACK_KEY):
            return BACK
        if not answer:
            return None
        if answer in completer.by_text:
            return completer.by_text[answer]
        # Enter on typed words takes the best match; text that matches nothing is used as typed.
        best = completer.matches(answer, limit=1)
        return best[0] if best else answer

    def show_draft(self, draft: Draft, title: str) -> None:
        """A rich tree of the outline and its length."""
        from rich.markup import escape
        from rich.tree import Tree

        from drafter.render.layout import marker_for
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
        self.console.print(f"共 {characters} 字，约 {pages} 页（每页 22 行 × 28 字）。")
