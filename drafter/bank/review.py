"""`drafter phrases review`: one phrase at a time, in a terminal, through questionary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from drafter.bank.phrasebook import Decision, review_pass
from drafter.models import ROLE_NAMES, Phrase
from drafter.show import require_terminal

CHOICES = [
    ("接受", "accept"),
    ("拒绝", "reject"),
    ("修改文字", "edit"),
    ("跳过", "skip"),
    ("退出（已做的决定都已保存）", "quit"),
]


def phrase_source(phrase: Phrase) -> str:
    """Where a phrase comes from, as the review shows it (drafter's own register phrases have no document)."""
    if phrase.origin == "register":
        return "drafter 通用规范用语"
    if phrase.origin == "own":
        return "本单位常用语"
    return phrase.sources[0].title if phrase.sources else "（来源不明）"


def tier_note(phrase: Phrase) -> str:
    """Why a phrase is in its tier, as a reviewer reads it."""
    if phrase.origin == "register":
        return "drafter 自己的规范用语，任何同类单位都能签发"
    if phrase.tier == "常用语":
        return "别的单位填好空位后能照用"
    from drafter.mining.tiers import example_reason

    reason = example_reason(phrase.text, phrase.role, phrase.year)
    if reason is None and phrase.status == "new" and phrase.documents < 2:
        return "只见于一篇文稿，用的是该单位自己业务的词语"
    return reason or "审阅时改为范例"


def questionary_asker(**prompt_options: Any) -> Callable[[Phrase, int, int], Decision]:
    """An `ask` for review_pass built on questionary; prompt_options reach prompt_toolkit (tests pass pipes)."""
    import questionary
    from rich.markup import escape

    from drafter.show import Console, CursorProbe, highlight_slots

    console = Console(highlight=False)
    probe = CursorProbe() if not prompt_options else None  # the person's own terminal

    def ask(phrase: Phrase, index: int, total: int) -> Decision:
        if probe is not None:
            probe.settle()
        source = escape(phrase_source(phrase))
        console.print(
            f"\n[dim]{index}/{total}  {ROLE_NAMES.get(phrase.role, phrase.role)}  出现 {phrase.count} 次  "
            f"来源：{source}  id：{phrase.id}[/dim]"
        )
        console.print(highlight_slots(phrase.text))
        if phrase.context:
            console.print(f"[dim]原文：{escape(phrase.context)}[/dim]")
        other = "范例" if phrase.tier == "常用语" else "常用语"
        console.print(f"[dim]层级：{phrase.tier}（{tier_note(phrase)}）[/dim]")
        choices = [questionary.Choice(title, value) for title, value in CHOICES]
        choices.insert(3, questionary.Choice(f"改为{other}", "tier"))
        action = questionary.select(
            "如何处理这条常用语？", choices=choices, instruction="（方向键选择，回车确定）", **prompt_options
        ).unsafe_ask()
        if action == "tier":
            return Decision("tier", other)
        if action == "edit":
            text = questionary.text(
                "修改为（可保留 {数量} 这样的空位）：", default=phrase.text, **prompt_options
            ).unsafe_ask()
            return Decision("edit", text.strip() or None)
        return Decision(action)

    return ask


def run_review(
    templates_option: Path | None, genre_query: str | None, role: str | None, *, shared: bool = False
) -> dict[str, int]:
    """The interactive review pass over phrases still marked new."""
    from drafter.bank.catalog import select_phrases

    require_terminal("逐条审阅")
    phrases = select_phrases(templates_option, genre_query, role, None)
    return review_pass(templates_option, phrases, questionary_asker(), shared=shared)
