"""Human-readable output with rich: outline trees and cleaning reports."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rich.console
from rich.markup import escape

from drafter.errors import UsageError, WriteError

if TYPE_CHECKING:
    from rich.progress import TaskID
    from rich.tree import Tree

    from drafter.bank.templates import ReviewStore
    from drafter.mining.run import DocumentRecord, MineSummary
    from drafter.models import Outline, OutlineSection, Phrase
    from drafter.output.check.run import FileReport
    from drafter.output.formatting.report import FormatReport
    from drafter.output.formatting.run import FormatResult
    from drafter.reading.clean import CleanReport
    from drafter.writing.profile import UnitProfile

_PLACES_SHOWN = 5


class Console(rich.console.Console):
    """rich's console, except on a closed pipe (`drafter outline … | head -1`): the reader has all it wanted, so
    the command ends quietly with status 0 (the CLI catches the error), as it does with --json; rich's own
    handling exits with 1, the status of a file that could not be read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Text from documents and answers is data: a ":warning:" in it stays as written, not an emoji (and rich's
        # table of emoji names, 9 ms, is never loaded).
        kwargs.setdefault("emoji", False)
        super().__init__(*args, **kwargs)

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def print_outlines(outlines: list[Outline]) -> None:
    """Print each outline as an indented tree."""
    console = Console(highlight=False)
    for outline in outlines:
        console.print(outline_tree(outline))
        console.print()


def outline_tree(outline: Outline) -> Tree:
    """A rich Tree of one outline with its metadata."""
    from rich.tree import Tree

    # Everything shown comes from the document: escaped, so that "[2023]" is text, not markup.
    title, genre, source = (
        escape(outline.title or "（无标题）"),
        escape(outline.genre or "未知"),
        escape(outline.source),
    )
    tree = Tree(f"[bold]{title}[/bold]  [dim]文种：{genre}  来源：{source}[/dim]")
    if outline.preamble:
        tree.add(f"[dim]导语：{short_text(outline.preamble)}[/dim]")

    def add(node: Tree, sections: list[OutlineSection]) -> None:
        for section in sections:
            add(node.add(escape(f"{section.marker}{section.heading}")), section.children)

    add(tree, outline.sections)
    if outline.closing:
        tree.add(f"[dim]结尾：{short_text(outline.closing)}[/dim]")
    if outline.signature or outline.date:
        tree.add(f"[dim]落款：{escape(outline.signature or '（无）')}  日期：{outline.date or '（无）'}[/dim]")
    return tree


def print_clean_report(report: CleanReport, *, stderr: bool) -> None:
    """A table of how often each cleaning rule fired and where."""
    from rich.table import Table

    table = Table(title="清洗报告")
    table.add_column("规则")
    table.add_column("说明")
    table.add_column("次数", justify="right")
    table.add_column("位置（文件:行）")
    for name in sorted(set(report.descriptions) | set(report.hits)):
        places = report.hits.get(name, [])
        table.add_row(escape(name), escape(report.descriptions.get(name, "")), str(len(places)), escape(_where(places)))
    Console(stderr=stderr, highlight=False).print(table)


def _where(places: list[tuple[str, int]]) -> str:
    """`file：第 3、7、9 行 等 12 处` for each file, lines without repeats."""
    by_file: dict[str, list[int]] = {}
    for source, line in dict.fromkeys(places):
        by_file.setdefault(Path(source).name, []).append(line)
    parts = []
    for name, lines in by_file.items():
        shown = "、".join(str(line) for line in lines[:_PLACES_SHOWN])
        more = f" 等 {len(lines)} 处" if len(lines) > _PLACES_SHOWN else ""
        parts.append(f"{name}：第 {shown} 行{more}")
    return "\n".join(parts)


def short_text(text: str, width: int = 40) -> str:
    """The first characters of a long text, escaped for rich markup."""
    text = text.replace("\n", " ")
    return escape(text if len(text) <= width else text[:width] + "……")


@contextmanager
def mining_progress(min_files: int = 4) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr, shown only for corpora of `min_files` files or more."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("提炼中"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task: list[TaskID] = []

    def update(done: int, total: int) -> None:
        if total < min_files:
            return
        if not task:
            progress.start()
            task.append(progress.add_task("mine", total=total))
        progress.update(task[0], completed=done, total=total)  # the mining pass adds its files to the survey's

    try:
        yield update
    finally:
        progress.stop()


def print_mine_summary(summary: MineSummary) -> None:
    """The tables printed at the end of `drafter mine`: genres, then the documents that were skipped."""
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(title=f"提炼结果（写入 {escape(str(summary.out_dir))}）")
    for column in ("文种", "篇数", "提纲节数", "常用语"):
        table.add_column(column, justify="left" if column == "文种" else "right")
    for genre in summary.genres:
        name = escape(genre["name"]) + ("（自动归纳）" if genre["discovered"] else "")
        table.add_row(name, str(genre["documents"]), str(genre["sections"]), str(genre["phrases"]))
    console.print(table)
    skipped = [r for r in summary.records if r.status == "skipped"]
    if skipped:
        listing = Table(title=f"未提炼的文稿（{len(skipped)} 篇；加 --include-all 可一并提炼非总结和过短的文稿）")
        listing.add_column("文稿", overflow="fold")
        listing.add_column("原因", overflow="fold")
        for record in skipped[:SKIPPED_LISTED]:
            listing.add_row(escape(record.title or Path(record.source).name), escape(record.reason or ""))
        console.print(listing)
        if len(skipped) > SKIPPED_LISTED:
            console.print(escape(unlisted_skipped(skipped[SKIPPED_LISTED:])))
    descriptions = summary.report.descriptions
    cleaning = [
        f"  {len(places):>5} 处  {descriptions.get(name, name)}"
        for name, places in sorted(summary.report.hits.items(), key=lambda item: -len(item[1]))
        if places
    ]
    console.print(
        f"共读取 {summary.files} 个文件（{summary.megabytes:.1f} MB），提炼 {summary.documents} 篇总结，"
        f"未提炼 {len(skipped)} 篇；常用语 {summary.phrases} 条，其中已有审阅记录的 {summary.reviewed} 条。"
    )
    if summary.learnt_from:
        from drafter.mining.run import SAMPLE

        documents = {genre["name"]: genre["documents"] for genre in summary.genres}
        sampled = "；".join(
            f"{escape(name)} {documents.get(name, 0)} 篇中的 {used} 篇" for name, used in summary.learnt_from.items()
        )
        console.print(
            f"文稿很多的文种，提纲和常用语从其中按文本指纹选出的一部分提炼（每个文种至多 {SAMPLE} 篇；同一批语料每次选的相同）：{sampled}。"
        )
    if summary.own_added is not None:
        from drafter.bank.own import own_bank_path

        console.print(
            f"本单位常用语库新增 {summary.own_added} 条（{escape(str(own_bank_path()))}），向导里按 /p 时排在最前。"
        )
    if cleaning:
        console.print("清洗（drafter clean --report 列出每一处）：")
        for line in cleaning:
            console.print(escape(line))


SKIPPED_LISTED = 20  # an archive skips thousands of copies: the table lists the first, the rest are counted


def unlisted_skipped(records: list[DocumentRecord]) -> str:
    """One line for the skipped documents the table leaves out: how many, by kind of reason."""
    kinds = Counter(_reason_kind(record) for record in records)
    counted = "，".join(f"{kind} {count} 篇" for kind, count in kinds.most_common())
    return f"另有 {len(records)} 篇未列出（{counted}）；完整清单请加 --json。"


def _reason_kind(record: DocumentRecord) -> str:
    """Why a document was skipped, without what names one document (与 X 完全相同, 太短（80 字）, 无法读取 X：…)."""
    reason = record.reason or ""
    if reason.startswith("与") and reason.endswith("完全相同"):
        return "与另一个文件完全相同"
    if reason.startswith("与《") and reason.endswith("》内容相同"):
        return "与另一篇内容相同"
    for named in (f" {record.source} ", f" {record.source}"):
        reason = reason.replace(named, "")
    return re.split(r"[（。，：:(]", reason, maxsplit=1)[0].strip() or "其他"


def print_genres(rows: list[dict[str, Any]]) -> None:
    """A table of genres."""
    from rich.table import Table

    table = Table(title="文种")
    for column, justify in (
        ("id", "left"),
        ("名称", "left"),
        ("篇数", "right"),
        ("节数", "right"),
        ("常用语", "right"),
        ("说明", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            escape(row["id"]),
            escape(row["name"]),
            str(row["documents"]),
            str(row["sections"]),
            str(row["phrases"]),
            escape(row.get("description", "")),
        )
    Console(highlight=False).print(table)


def highlight_slots(text: str) -> str:
    """Rich markup with the {slots} of a phrase in colour."""
    from rich.markup import escape

    from drafter.mining.slots import SLOT

    return SLOT.sub(lambda m: f"[bold cyan]{escape(m.group(0))}[/bold cyan]", escape(text))


def print_phrases(phrases: list[Phrase], genre_names: dict[str, str] | None = None) -> None:
    """A table of phrases a person can scan: how general each is, and where a single-source one comes from."""
    from rich.table import Table

    from drafter.bank.phrasebook import STATUS_NAMES
    from drafter.models import ROLE_NAMES

    table = Table(title=f"常用语（{len(phrases)} 条）", show_lines=False)
    for column in ("id", "文种", "类别", "层级", "篇数", "状态", "文本"):
        table.add_column(column, justify="right" if column == "篇数" else "left", overflow="fold")
    for phrase in phrases:
        note = ""
        if phrase.borrowed:
            note = (
                "  [dim]（借用：通用规范用语）[/dim]"
                if phrase.origin == "register"
                else "  [dim]（借用自其他文种）[/dim]"
            )
        elif phrase.seen_only_in():
            note = f"  [dim]仅见于《{escape(phrase.seen_only_in() or '')}》[/dim]"
        if phrase.year is not None:
            note += f"  [dim]只适用于{phrase.year}年[/dim]"
        table.add_row(
            phrase.id,
            escape((genre_names or {}).get(phrase.genre, phrase.genre)),
            ROLE_NAMES.get(phrase.role, phrase.role),
            phrase.tier,
            str(phrase.documents),
            STATUS_NAMES[phrase.status],
            highlight_slots(phrase.text) + note,
        )
    Console(highlight=False).print(table)


def print_review_stores(stores: list[ReviewStore]) -> None:
    """Which review decisions are in force (the person's own, a team's shared file) and how many each holds."""
    parts = [f"{store.name} {store.path}（{store.decisions} 条）" for store in stores]
    Console(highlight=False).print(f"[dim]审阅记录：{escape('；'.join(parts))}[/dim]")


def print_profile(profile: UnitProfile, path: Path, *, edited: bool) -> None:
    """The unit profile, field by field, and where it is kept."""
    from rich.table import Table

    from drafter.writing.profile import FIELD_NAMES

    console = Console(highlight=False)
    if profile.is_empty():
        console.print(
            f"还没有单位信息（{escape(str(path))}）。第一次运行向导时会询问；也可以用 drafter profile --name 单位名称 设置。"
        )
        return
    console.print(f"{'已保存' if edited else '单位信息'}（{escape(str(path))}）：")
    table = Table(show_header=False, box=None, pad_edge=False)
    values = {
        "name": profile.name,
        "kind": profile.kind_or_derived()
        if profile.kind
        else f"{profile.kind_or_derived() or '（未知）'}（由名称推出）",
        "signature": profile.signature or (f"{profile.name}（同单位名称）" if profile.name else None),
        "genre": profile.genre,
        "fonts": "、".join(f"{k}: {v}" for k, v in profile.fonts.model_dump().items()) if profile.fonts else None,
        "last_report": profile.last_report,
        "target": profile.target,
        # one figure a line, its value right after its label (a wrapped table cell parted them)
        "figures": "\n".join(f"{k}：{v:g}" for k, v in profile.figures.items()) if profile.figures else None,
    }
    for key, value in values.items():
        if key == "figures" and value and profile.figures_year:
            value = f"{profile.figures_year}年填的：\n{value}"
        table.add_row(f"  {FIELD_NAMES[key]}", escape(str(value)) if value else "[dim]（未填）[/dim]")
    console.print(table)


def print_findings(reports: list[FileReport]) -> None:
    """A table of findings per file, and a count by severity."""
    from rich.markup import escape
    from rich.table import Table

    from drafter.output.check.findings import SEVERITY_NAMES

    console = Console(highlight=False)
    colours = {"error": "red", "warning": "yellow", "info": "cyan"}
    for report in reports:
        table = Table(title=f"检查 {escape(report.path)}", show_lines=False)
        for column in ("位置", "级别", "问题", "建议"):
            table.add_column(column, overflow="fold")
        for finding in report.findings:
            where = f"第 {finding.paragraph} 段" if finding.paragraph else ""
            if finding.heading_path:
                where += f"\n{finding.heading_path[:40]}"
            table.add_row(
                escape(where),
                f"[{colours[finding.severity]}]{SEVERITY_NAMES[finding.severity]}[/]",
                escape(finding.message),
                escape(finding.suggestion),
            )
        console.print(table)
        counts = {s: sum(f.severity == s for f in report.findings) for s in ("error", "warning", "info")}
        console.print(f"错误 {counts['error']} 处，警告 {counts['warning']} 处，提示 {counts['info']} 处。")


def print_formatted(result: FormatResult, *, dry_run: bool) -> None:
    """Per file: where the formatted copy went (or that nothing was written), its parts, each normalisation
    counted (with places under --dry-run), what was kept, and the blanks still to fill."""
    console = Console(highlight=False)
    for item in result.formatted:
        if item.output is None:
            console.print(f"格式诊断 {escape(str(item.source))}（--dry-run：没有写任何文件）")
        else:
            console.print(f"已排版 {escape(str(item.source))} → {escape(str(item.output))}（原文件未改动）")
        if item.renamed is not None:
            console.print(f"  {escape(str(item.renamed))} 的输出已占用原来的名字，这一份改名写出。", soft_wrap=True)
        for line in format_summary(item.report, places=dry_run):
            console.print("  " + escape(line), soft_wrap=True)
    if len(result.formatted) > 1 or result.failures:
        done = "诊断" if dry_run else "排版"
        unwritten = sum(isinstance(failure, WriteError) for failure in result.failures)
        unread = len(result.failures) - unwritten
        problems = "，".join(
            part for part, count in ((f"{unread} 个读不了", unread), (f"{unwritten} 个没有写出", unwritten)) if count
        )
        more = f"，{problems}（原因见下）" if problems else ""
        console.print(f"共{done} {len(result.formatted)} 个文件{more}。")


def format_summary(report: FormatReport, *, places: bool = False) -> list[str]:
    """The lines that say what formatting one document did."""
    from drafter.output.formatting.normalise import STEPS
    from drafter.output.formatting.report import EXAMPLES_KEPT, KEPT_NAMES, PART_NAMES
    from drafter.reading.limits import PARAGRAPH_RULE_CHARACTERS, wan

    lines = []
    parts = [f"{PART_NAMES[name]} {count}" for name, count in sorted(report.parts.items(), key=_part_order) if count]
    if parts:
        lines.append("版式：" + "，".join(parts))
    counts = report.counts()
    done = [f"{STEPS[step]} {counts[step]} 处" for step in STEPS if counts.get(step)]
    if report.numbers_written:
        done.append(f"Word 自动编号改为文字 {report.numbers_written} 处")
    if report.runs_cleared:
        done.append(f"清除手工设置的字体、字号、颜色 {report.runs_cleared} 段")
    lines.append("改动：" + ("；".join(done) if done else "文字无需改动"))
    replaced = "将换成" if places else "已换成"  # places: a --dry-run, which writes nothing
    lines += [f"页脚“{text}”{replaced}页码" for text in report.footers_replaced]
    if places:
        for step in STEPS:
            changes = [c for c in report.changes if c.step == step][:EXAMPLES_KEPT]
            for change in changes:
                lines.append(f"    {STEPS[step]}  第 {change.paragraph} 段  “{change.before}” → “{change.after}”")
            if report.edited[step] > len(changes):
                lines.append(f"    {STEPS[step]}  ……另有 {report.edited[step] - len(changes)} 处")
    for paragraph, characters in report.too_long:
        lines.append(
            f"原样保留：第 {paragraph} 段有 {characters:,} 字，超过每段 {wan(PARAGRAPH_RULE_CHARACTERS)}字的上限，"
            "没有做标点、引号、空格的规范化（这么长的段落多半是换行丢了）"
        )
    kept = [f"{KEPT_NAMES[name]} {count} 个" for name, count in report.kept.items() if count]
    if report.letterhead:
        kept.append(f"页眉“{report.letterhead}”（单页、双页都有）")
    if kept:
        lines.append("保留：" + "，".join(kept))
    if report.leftovers:
        shown = "、".join(f"第 {paragraph} 段“{text}”" for paragraph, text in report.leftovers[:EXAMPLES_KEPT])
        more = f"等 {report.leftover_count} 处" if report.leftover_count > EXAMPLES_KEPT else ""
        lines.append(f"待填写（未改动，请补上）：{shown}{more}")
    return lines


def _part_order(item: tuple[str, int]) -> int:
    """Parts in the order they appear in a document."""
    from drafter.output.formatting.report import PART_NAMES

    return list(PART_NAMES).index(item[0]) if item[0] in PART_NAMES else len(PART_NAMES)


def require_terminal(what: str) -> None:
    """Refuse to prompt when stdin is not a terminal (it would hang or read garbage)."""
    if not sys.stdin.isatty():
        hint = (
            "没有终端时，请准备好答案文件，用 `drafter render 答案.yaml -o 文稿.docx` 生成文稿，或用 --answers 在终端中补全。"
            if what == "向导"
            else "请直接在终端中运行该命令。"
        )
        raise UsageError(f"{what}需要在终端中交互运行，但当前的标准输入不是终端。{hint}")


class CursorProbe:
    """Whether the terminal answers prompt_toolkit's cursor position requests (CPR). Some terminal emulators,
    consoles over serial lines and test harnesses never do, and prompt_toolkit then waits a second after every
    prompt. The request is sent when the program starts and its answer awaited just before the first prompt, so
    the wait overlaps start-up; a terminal that does not answer in time is not asked again. (One that answers
    keeps being asked: prompt_toolkit sizes drop-down menus by it.)"""

    def __init__(self, timeout: float = 0.2) -> None:
        import time

        self._saved: list[Any] | None = None
        self._deadline = time.monotonic() + timeout
        self._stdin = -1
        try:
            import termios
            import tty

            stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
            if not (os.isatty(stdin) and os.isatty(stdout)) or os.environ.get("PROMPT_TOOLKIT_NO_CPR") == "1":
                return
            self._saved = termios.tcgetattr(stdin)
            tty.setcbreak(stdin, termios.TCSANOW)  # the answer is read here, neither echoed nor line-buffered
            self._stdin = stdin
            os.write(stdout, b"\x1b[6n")
        except (ImportError, AttributeError, OSError, ValueError):  # Windows asks its console another way
            self._restore()
            return
        import atexit

        atexit.register(self.settle)  # never leave the terminal in cbreak mode

    def settle(self) -> None:
        """Wait out the rest of the timeout for the answer, put the terminal back, and turn CPR off if none came."""
        if self._saved is None:
            return
        import re
        import select
        import time

        answered, answer = False, b""
        try:
            while (left := self._deadline - time.monotonic()) > 0 or not answer:
                if not select.select([self._stdin], [], [], max(left, 0))[0]:
                    break
                answer += os.read(self._stdin, 64)
                if re.search(rb"\x1b\[\d+;\d+R", answer):
                    answered = True
                    break
        except OSError:
            answered = True  # nothing is known: leave prompt_toolkit as it is
        self._restore()
        if not answered:
            from prompt_toolkit.application.current import get_app_session

            output = get_app_session().output
            if hasattr(output, "enable_cpr"):
                output.enable_cpr = False

    def _restore(self) -> None:
        """Put the terminal's modes back as they were."""
        if self._saved is not None:
            import termios

            with contextlib.suppress(OSError):
                termios.tcsetattr(self._stdin, termios.TCSADRAIN, self._saved)
            self._saved = None
