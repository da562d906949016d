"""Command line: parse arguments, call one core function, print. The only place that exits."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NoReturn

import click

from drafter.errors import ExitStatus, UserError, stop_cleanly
from drafter.lazy import lazy_compile

if TYPE_CHECKING:
    from drafter.mining.run import MineSummary
    from drafter.output.check.run import CheckResult
    from drafter.output.formatting.run import FormatResult
    from drafter.reading.pipeline import CleanResult, OutlineResult

CONTEXT_SETTINGS = {"help_option_names": [], "max_content_width": 100}
HELP = click.help_option("-h", "--help", help="显示帮助并退出。")
PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
RULES = click.option(
    "--rules",
    type=click.Path(path_type=Path, dir_okay=False),
    help="使用指定的清洗规则文件（默认 corpus/cleaning.yaml）。",
)


# Click writes these words itself; the help a clerk reads is all Chinese.
_CLICK_WORDS = [
    (lazy_compile(r"\[OPTIONS\]"), "[选项]"),
    (lazy_compile(r"COMMAND \[ARGS\]\.\.\."), "命令 [参数]..."),
    (lazy_compile(r"\bDOCX_FILE\b"), "文稿"),
    (lazy_compile(r"\bPATHS\b"), "文件或目录"),
    (lazy_compile(r"\bGENRE\b"), "文种"),
    (lazy_compile(r"\bANSWERS\b"), "答案文件"),
    (lazy_compile(r"\bID\b"), "编号"),
    (lazy_compile(r"\bINTEGER RANGE\b|\bINTEGER\b"), "整数"),
    (lazy_compile(r"\bDIRECTORY\b"), "目录"),
    (lazy_compile(r"\bFILE\b"), "文件"),
    (lazy_compile(r"\bTEXT\b"), "文字"),
    (lazy_compile(r"\[default: ([^\]]*)\]"), r"[默认：\1]"),
    (lazy_compile(r"\[required\]"), "[必填]"),
    (lazy_compile(r"(\d+)<=x<=(\d+)"), r"\1–\2"),
]


def chinese(text: str) -> str:
    """Click's own words in a help text said in Chinese."""
    for pattern, replacement in _CLICK_WORDS:
        text = pattern.sub(replacement, text)
    return text


class ChineseHelpFormatter(click.HelpFormatter):
    """Click's help with its headings, metavars and notes in Chinese (用法：, 选项, 命令, 文件, [默认：…])."""

    HEADINGS: ClassVar[dict[str, str]] = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, chinese(args), prefix="用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{self.HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        """Paragraphs wrapped in terminal cells; a paragraph after a \\b line keeps its lines as written."""
        indent = " " * self.current_indent
        for number, paragraph in enumerate(re.split(r"\n\s*\n", text.strip("\n"))):
            if number:
                self.write("\n")
            lines = paragraph.splitlines()
            if lines and lines[0].strip() == "\b":
                self.write("".join(f"{indent}{line.strip()}\n" for line in lines[1:]))
                continue
            joined = ""
            for line in (line.strip() for line in lines):
                latin_meet = joined[-1:].isascii() and joined[-1:].isalnum() and line[:1].isascii()
                joined += (" " if latin_meet else "") + line
            width = max(self.width - self.current_indent, 20)
            self.write("".join(f"{indent}{line}\n" for line in wrap_cells(joined, width)))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Two columns measured in terminal cells (a Chinese character takes two), the text wrapped to fit."""
        from rich.cells import cell_len

        rows = [(chinese(term), chinese(text)) for term, text in rows]
        first = min(max((cell_len(term) for term, _ in rows), default=0), col_max) + col_spacing
        width = max(self.width - self.current_indent - first, 20)
        for term, text in rows:
            self.write(" " * self.current_indent + term)
            lines = wrap_cells(text, width) or [""]
            if cell_len(term) + col_spacing > first:
                self.write("\n")
                lines = ["", *lines]
                lines[1] = " " * (self.current_indent + first) + lines[1]
            else:
                lines[0] = " " * (first - cell_len(term)) + lines[0]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                if line:
                    self.write((" " * (self.current_indent + first) + line.lstrip()) + "\n")


_NO_LINE_START = set("，。、；：？！）】》」』”’…—")
_NO_LINE_END = set("（【《「『“‘")
_TOKEN = lazy_compile(r"[A-Za-z0-9_\-./:=<>\[\]@#$%*+`'\"|]+|\s+|.")


def wrap_cells(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal cells: Chinese may break between any two characters, a Latin word not."""
    from rich.cells import cell_len

    lines, current = [], ""
    for token in _TOKEN.findall(text):
        if current and cell_len(current + token) > width and token not in _NO_LINE_START:
            carried = current[-1] if current[-1] in _NO_LINE_END else ""  # an opening bracket goes with its text
            lines.append(current[: len(current) - len(carried)].rstrip())
            current = carried + ("" if token.isspace() else token)
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


class ChineseContext(click.Context):
    """A context whose help is written by the Chinese formatter."""

    formatter_class = ChineseHelpFormatter


class ChineseCommand(click.Command):
    """A command whose help and usage are in Chinese."""

    context_class = ChineseContext


class PipelineGroup(click.Group):
    """Lists commands in the order of the pipeline, not alphabetically; help in Chinese."""

    context_class = ChineseContext
    command_class = ChineseCommand
    subcommand_metavar = "命令 [参数]..."

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


class RoleType(click.ParamType):
    """A phrase category by id (opening) or by the Chinese name the tables show (开头导语, or 开头)."""

    name = "类别"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from drafter.models import ROLE_NAMES

        text = str(value).strip()
        for role, name in ROLE_NAMES.items():
            if text in (role, name) or text == name.strip("“”")[:2] or text in ROLE_ALIASES.get(role, ()):
                return role
        names = "、".join(ROLE_NAMES.values())
        self.fail(f"没有叫“{text}”的类别（可选：{names}；也可用英文 id，如 opening）", param, ctx)


class TargetType(click.ParamType):
    """A length target: 限 2 页, 3 页以内, 约 3000 字 (checked here, passed on as written)."""

    name = "篇幅"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from drafter.writing.target import parse_target

        try:
            parse_target(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)
        return str(value)


TARGET = TargetType()


ROLE_ALIASES = {
    "result": ("成效", "成绩", "基本情况"),
    "problem": ("问题", "不足"),
    "plan": ("计划", "打算", "下一步"),
    "closing": ("结尾", "表态"),
    "set_phrase": ("四字格", "套语"),
    "opener": ("一是", "一是起句"),
    "measure": ("做法",),
    "case": ("案例",),
    "cause": ("原因",),
    "heading": ("标题",),
    "opening": ("开头", "导语"),
}


@click.group(cls=PipelineGroup, context_settings=CONTEXT_SETTINGS)
@click.option("--debug", is_flag=True, help="出错时显示完整的技术信息（供开发者排查）。")
@click.version_option(package_name="drafter", message="drafter %(version)s", help="显示版本号并退出。")
@HELP
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """drafter：年度工作总结写作助手。

    从往年的工作总结中提炼提纲与常用语，帮助撰写符合 GB/T 9704 格式的新总结。
    """
    ctx.obj = {"debug": debug}


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@PATHS
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（供其他程序使用）。")
@click.option("--no-clean", is_flag=True, help="不做清洗，按原文解析。")
@click.option("--report", is_flag=True, help="在标准错误输出中列出每条清洗规则的命中次数和位置。")
@RULES
def outline(paths: tuple[Path, ...], as_json: bool, no_clean: bool, report: bool, rules: Path | None) -> None:
    """解析文稿的提纲：标题、导语、各级标题、落款和日期。

    文件或目录： .txt、.md、.docx 文件或包含它们的目录。
    """
    from drafter.reading.pipeline import outline_paths

    result = outline_paths(list(paths), clean=not no_clean, rules_path=rules)
    if as_json:
        import json

        documents = [o.contract() for o in result.outlines]
        click.echo(json.dumps({"documents": documents}, ensure_ascii=False, indent=2))
    else:
        from drafter.show import print_outlines

        print_outlines(result.outlines)
    if report:
        from drafter.show import print_clean_report

        print_clean_report(result.report, stderr=True)
    finish(result)


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@PATHS
@click.option("--report", is_flag=True, help="只列出每条清洗规则的命中次数和位置，不输出正文。")
@RULES
def clean(paths: tuple[Path, ...], report: bool, rules: Path | None) -> None:
    """清洗文稿：去掉广告、付费标记和目录，恢复“D”“AAA”等替代字，输出清洗后的正文。"""
    from drafter.reading.pipeline import clean_paths

    result = clean_paths(list(paths), rules_path=rules)
    if report:
        from drafter.show import print_clean_report

        print_clean_report(result.report, stderr=False)
    else:
        for text in result.texts:
            click.echo(text)
    finish(result)


TEMPLATES = click.option(
    "--templates",
    "templates_option",
    type=click.Path(path_type=Path, file_okay=False),
    help="模板目录（默认：当前目录下的 templates/，没有则用 drafter 自带的模板）。",
)


FONTS = click.option(
    "--fonts",
    "fonts_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="排版设置 YAML：字体（如 title: 华文中宋）和页码样式（page_number_style: gbt9704 单页右双页左 / "
    "center 居中 / plain 居中不加横线 / none 不加），覆盖默认设置。",
)


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("templates"),
    show_default=True,
    help="模板输出目录。",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=None, help="并行进程数（默认为本机的处理器核数，最多 8）。"
)
@click.option("--force", is_flag=True, help="目录中有不是 drafter 写的文件时也写入（那些文件不会被删除）。")
@click.option("--include-all", is_flag=True, help="不是总结（通知、讲话……）或过短的文稿也一并提炼。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON：每篇文稿的去向、文种和常用语条数。")
@click.option(
    "--own", is_flag=True, help="这些是本单位往年的总结：提炼出的句子也加入本单位常用语库（向导 /p 时排在最前）。"
)
def mine(
    paths: tuple[Path, ...], out_dir: Path, jobs: int | None, force: bool, include_all: bool, as_json: bool, own: bool
) -> None:
    """从语料中提炼各文种的提纲骨架和常用语库，写入模板目录。

    文件或目录默认为 drafter 自带的语料（corpus/）。
    """
    from drafter.mining.run import mine as mine_corpus
    from drafter.resources import bundled
    from drafter.show import mining_progress, print_mine_summary

    sources = list(paths) or [bundled("corpus")]
    with mining_progress() as progress:
        summary = mine_corpus(
            sources, out_dir, jobs=jobs, progress=progress, force=force, include_all=include_all, own=own
        )
    if as_json:
        import json

        click.echo(json.dumps(summary.contract(), ensure_ascii=False, indent=2))
    else:
        print_mine_summary(summary)
    finish(summary)


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@TEMPLATES
def genres(as_json: bool, templates_option: Path | None) -> None:
    """列出文种：每个文种的语料篇数、提纲节数和常用语条数。"""
    from drafter.bank.listing import genre_rows

    rows = genre_rows(templates_option)
    if as_json:
        import json

        keys = ("id", "name", "documents", "sections", "phrases")
        listing = [{key: row[key] for key in keys} for row in rows]
        click.echo(json.dumps({"genres": listing}, ensure_ascii=False, indent=2))
    else:
        from drafter.show import print_genres

        print_genres(rows)


LAST_YEAR = click.option(
    "--from",
    "last_year",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="去年的总结（.docx/.txt）：沿用其提纲（年份顺延一年），核对去年计划的完成情况，自动计算同比。",
)
ROLE_CHOICE = RoleType()


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@click.argument(
    "words", nargs=-1, metavar="[文种] | accept 编号... | reject 编号... | tier 常用语|范例 编号... | review [文种]"
)
@click.option(
    "--role",
    type=ROLE_CHOICE,
    help="只看某一类（用表中的中文名或英文 id）：开头导语、主要做法、成效与基本情况、典型案例、存在问题、"
    "原因分析、下一步计划、结尾表态、标题句式、四字格套语、“一是”起句；也可简写为开头、做法、成效、问题、计划、结尾等。",
)
@click.option("--search", metavar="词", help="只看包含这个词的常用语。")
@click.option(
    "--tier",
    type=click.Choice(["常用语", "范例"]),
    help="只看一个层级：常用语（填好空位就能照用）或范例（别的单位的写法，带出处，不能照搬）。",
)
@click.option(
    "--year",
    type=click.IntRange(1949, 2200),
    metavar="年份",
    help="只看写这一年的总结时能用的（不含别的年份才成立的提法），这一年专用的排在前面。",
)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]), help="导出为可打印的文档（需配合 -o）。")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="导出文件名。")
@click.option("--force", is_flag=True, help="覆盖已存在的导出文件。")
@click.option(
    "--shared",
    is_flag=True,
    help="accept/reject/review 的结果记入模板目录的共用审阅记录（团队共用，templates/reviews.yaml），而不是本人的。",
)
@TEMPLATES
def phrases(
    words: tuple[str, ...],
    role: str | None,
    search: str | None,
    tier: str | None,
    year: int | None,
    as_json: bool,
    fmt: str | None,
    output: Path | None,
    force: bool,
    shared: bool,
    templates_option: Path | None,
) -> None:
    """浏览、审阅和导出常用语库。

    \b
    drafter phrases 审计 --role 开头         查看审计类的开头导语
    drafter phrases accept p1234abcd       采用一条常用语
    drafter phrases reject p1234abcd       弃用一条常用语
    drafter phrases tier 范例 p1234abcd     把一条常用语改为范例（或 tier 常用语 改回）
    drafter phrases review 审计            逐条审阅尚未审阅的常用语
    drafter phrases 审计 --role 开头 --year 2025 --tier 常用语   写2025年总结时能照用的开头
    drafter phrases --format docx -o 常用语.docx

    审阅结果记在本人的用户数据目录里（按常用语 id），在哪个目录运行、用哪套模板都有效；
    模板目录里的 reviews.yaml 是团队共用的审阅记录，与本人的一起生效（同一条以本人的为准）。
    """
    from drafter.bank import phrasebook
    from drafter.bank.catalog import select_phrases

    verb = words[0] if words else None
    if verb in ("accept", "reject"):
        count = phrasebook.record_decisions(
            templates_option, list(words[1:]), "accepted" if verb == "accept" else "rejected", shared=shared
        )
        click.echo(f"已记录 {count} 条审阅结果（{phrasebook.reviews_path(templates_option, shared=shared)}）。")
        return
    if verb == "tier":
        if len(words) < 2:
            raise click.UsageError("请写明层级和 id，例如：drafter phrases tier 范例 p1234abcd")
        count = phrasebook.record_tier(templates_option, list(words[2:]), words[1], shared=shared)
        click.echo(f"已把 {count} 条改为{words[1]}（{phrasebook.reviews_path(templates_option, shared=shared)}）。")
        return
    if verb == "review":
        from drafter.bank.review import run_review
        from drafter.show import require_terminal

        require_terminal("逐条审阅")
        target = phrasebook.reviews_path(templates_option, shared=shared)
        click.echo(f"审阅结果保存在 {target}（每条决定立即保存，随时可以退出）。")
        counts = run_review(templates_option, words[1] if len(words) > 1 else None, role, shared=shared)
        click.echo(
            f"本次接受 {counts['accept']} 条、拒绝 {counts['reject']} 条、"
            f"修改 {counts['edit']} 条、跳过 {counts['skip']} 条；结果已保存在 {target}。"
        )
        return
    if len(words) > 1:
        raise click.UsageError(f"多余的参数：{' '.join(words[1:])}")
    selected = select_phrases(templates_option, verb, role, search, year, tier)
    if fmt or output:
        target = phrasebook.export(selected, templates_option, output, fmt, force=force)
        click.echo(f"已导出 {len(selected)} 条常用语到 {target}。")
    elif as_json:
        import json

        keys = (
            "id", "text", "genre", "role", "tier", "slots", "sources", "count", "documents", "units", "borrowed", "origin"
        )  # fmt: skip
        listing = [
            p.model_dump(mode="json", include=set(keys))
            | {"status": p.status, "year": p.year, "seen_only_in": p.seen_only_in()}
            for p in selected
        ]
        stores = [
            {"kind": s.kind, "path": str(s.path), "decisions": s.decisions}
            for s in phrasebook.stores_in_use(templates_option)
        ]
        click.echo(json.dumps({"phrases": listing, "reviews": stores}, ensure_ascii=False, indent=2))
    else:
        from drafter.bank.catalog import genre_names
        from drafter.show import print_phrases, print_review_stores

        print_phrases(selected, genre_names(templates_option))
        print_review_stores(phrasebook.stores_in_use(templates_option))


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@click.argument("genre", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="生成的文稿（默认 工作总结.docx；答案保存在旁边的 .answers.yaml）。",
)
@click.option(
    "--answers",
    "answers",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="从已有的（完整或部分）答案文件开始，只问缺少的内容。",
)
@click.option(
    "--resume",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="继续上次中断的填写（给出当时保存的 .answers.yaml）。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的文稿或答案文件。")
@LAST_YEAR
@TEMPLATES
def wizard(
    genre: str | None,
    output: Path | None,
    answers: Path | None,
    resume: Path | None,
    force: bool,
    last_year: Path | None,
    templates_option: Path | None,
) -> None:
    """交互式向导：按文种提纲一问一答，写出总结并生成 Word 文稿（每答一题都自动保存）。

    \b
    在任何文字提问处：/b 返回上一步，/e 打开编辑器写长段落，/p 插入常用语；
    直接回车采用建议；Ctrl-C 随时退出，之后用 --resume 继续。
    """
    from drafter.show import CursorProbe, require_terminal

    require_terminal("向导")
    probe = CursorProbe()  # asked before the wizard loads: the wait for its answer overlaps the loading
    from drafter.writing.wizard.prompter import QuestionaryPrompter
    from drafter.writing.wizard.run import run_wizard

    result = run_wizard(
        QuestionaryPrompter(probe=probe),
        genre=genre,
        output=output,
        answers=answers,
        resume=resume,
        force=force,
        templates_option=templates_option,
        last_year=last_year,
    )
    if result.outcome == "render":
        click.echo(
            f"已生成 {result.output.absolute()}；答案保存在 {result.answers.absolute()}（可用 drafter render 重新生成）。"
        )
    else:
        from drafter.writing.wizard.run import resume_command

        click.echo(f"答案已保存在 {result.answers.absolute()}。继续填写：{resume_command(result.answers)}")


PROFILE_FIELDS = ("name", "kind", "signature", "genre", "fonts", "last_report", "target", "figures")


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@click.option("--name", help="单位名称（如 青山县审计局）；单位类别随之由名称推出。")
@click.option("--kind", help="单位类别：局、镇、乡、街道、医院、学校、公司、委员会……（名称看不出时再写）。")
@click.option("--signature", help="落款（与单位名称不同时，如 中共XX镇委员会 XX镇人民政府）。")
@click.option("--genre", help="常写的文种（如 审计）。")
@click.option(
    "--fonts",
    "fonts_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="字体表 YAML（如 title: 华文中宋）：以后生成文稿都用它。",
)
@click.option(
    "--last-report",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="去年的总结：以后向导默认从它开始（相当于 --from）。",
)
@click.option("--target", type=TARGET, help="常用的篇幅，如“限 4 页”或“约 3000 字”。")
@click.option(
    "--clear",
    multiple=True,
    type=click.Choice(PROFILE_FIELDS),
    help="清空某一项，可写多次：" + "、".join(PROFILE_FIELDS) + "。",
)
def profile(
    name: str | None,
    kind: str | None,
    signature: str | None,
    genre: str | None,
    fonts_path: Path | None,
    last_report: Path | None,
    target: str | None,
    clear: tuple[str, ...],
) -> None:
    """查看或修改单位信息：单位名称、类别、落款、常写的文种、字体、去年的总结、篇幅。

    向导第一次运行时会问这些，之后作为默认值；不带选项时显示现在的单位信息和它存放的位置。
    """
    from drafter.show import print_profile
    from drafter.writing.profile import load_profile, profile_path, update_profile

    fonts = None
    if fonts_path is not None:
        from drafter.output.render.fonts import load_fonts

        fonts = load_fonts(fonts_path)
    changes: dict[str, object] = {
        "name": name,
        "kind": kind,
        "signature": signature,
        "genre": genre,
        "fonts": fonts,
        "last_report": str(last_report) if last_report else None,
        "target": target,
    }
    if genre:
        from drafter.bank.templates import find_genre, load_registry, resolve_templates

        changes["genre"] = find_genre(genre, load_registry(resolve_templates(None))).name
    edited = any(value is not None for value in changes.values()) or bool(clear)
    unit = update_profile(changes, clear=clear) if edited else load_profile()
    print_profile(unit, profile_path(), edited=edited)


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="输出文件（.docx、.md 或 .txt）。",
)
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "txt"]), help="输出格式（默认按扩展名）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@FONTS
@TEMPLATES
def render(
    answers: Path, out: Path, fmt: str | None, force: bool, fonts_path: Path | None, templates_option: Path | None
) -> None:
    """把答案文件（YAML）排成符合 GB/T 9704 的 Word 文稿，或 Markdown、纯文本。"""
    from drafter.output.render.document import render_answers

    written = render_answers(
        answers, out, fmt=fmt, force=force, templates_option=templates_option, fonts_path=fonts_path
    )
    click.echo(f"已生成 {written}。")


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@click.argument("genre", required=False)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="输出文件（.docx、.md 或 .txt，默认“文种提纲.docx”）。",
)
@click.option("--org", help="单位名称（不填则留【单位名称】）。")
@click.option("--year", type=click.IntRange(1949, 2200), help="年份（不填则留【年份】）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@LAST_YEAR
@FONTS
@TEMPLATES
def skeleton(
    genre: str | None,
    out: Path | None,
    org: str | None,
    year: int | None,
    force: bool,
    last_year: Path | None,
    fonts_path: Path | None,
    templates_option: Path | None,
) -> None:
    """生成某一文种的空白提纲文稿：各节标题，节下标出写作提示和参考例句（Word 中为黄色底纹，Markdown 中为 > 引用）。"""
    from drafter.output.render.document import blank_skeleton
    from drafter.output.render.fonts import load_fonts

    if genre is None and last_year is None:
        raise click.UsageError("请给出文种（如 审计），或用 --from 给出去年的总结")
    written = blank_skeleton(
        genre,
        out,
        org=org,
        year=year,
        force=force,
        templates_option=templates_option,
        last_year=last_year,
        fonts=load_fonts(fonts_path),
    )
    suffix = written.suffix.lower()
    marked = {".md": "以 > 开头的引用块", ".txt": "以【写作提示】【参考例句】开头的段落"}.get(suffix, "黄色底纹")
    click.echo(f"已生成 {written}。写作提示和参考例句用{marked}标出，写好后删去即可。")


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@click.argument("docx_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="PDF 和 PNG 的输出目录（默认在文稿旁边新建“文稿名-预览”目录）。",
)
@click.option("--force", is_flag=True, help="覆盖输出目录中不是 drafter 上次预览写出的同名文件。")
def preview(docx_file: Path, out_dir: Path | None, force: bool) -> None:
    """用 LibreOffice 把文稿转成 PDF（有 pdftoppm 时再转成每页一张 PNG 图片），便于检查版式。

    本机没有公文字体（仿宋_GB2312、黑体、楷体_GB2312、方正小标宋简体）时，预览用最接近的已安装字体代替，
    并列出代替关系；正式打印请在装有这些字体的电脑上用 Word/WPS 打开。
    """
    from drafter.output.preview import PNG_DPI, preview_docx

    result = preview_docx(docx_file, out_dir, force=force)
    for font, substitute in result.substitutes.items():
        click.echo(f"本机没有“{font}”，预览中用“{substitute}”代替。")
    click.echo(f"PDF：{result.pdf}")
    if result.pages:
        click.echo(f"每页图片（{PNG_DPI} dpi，共 {len(result.pages)} 页）：{result.pages[0].parent}{os.sep}")
        for page in result.pages:
            click.echo(f"  {page.name}")
    elif result.pages_problem:
        click.echo(f"错误：没能生成每页图片：{result.pages_problem}。PDF 已经写出，可以直接打开查看。", err=True)
        raise SystemExit(ExitStatus.ERROR)
    else:
        click.echo("没有找到 pdftoppm，未生成图片（Debian/Ubuntu：sudo apt-get install poppler-utils）。")


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@click.option("--port", type=click.IntRange(1, 65535), help="端口（默认：随机选一个空闲端口）。")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="监听地址。0.0.0.0 让办公室其他电脑也能打开（此时网址带访问令牌，没有令牌的访问一律拒绝）。",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    help="草稿所在的文件夹（默认当前目录；终端向导写的 .answers.yaml 也在这里）。",
)
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器。")
@TEMPLATES
def serve(port: int | None, host: str, folder: Path, no_browser: bool, templates_option: Path | None) -> None:
    """在浏览器里写年度工作总结：启动本机网页服务并打开浏览器，按 Ctrl-C 停止。

    网页上能做终端里的所有事：选文种开始写、接着写保存的草稿、从去年的总结开始、实时预览、
    检查并下载 Word 文稿、一键排版别人的文稿、下载空白提纲、审阅常用语、从往年总结中学习。
    """
    from drafter.web.serve import serve as run_server

    run_server(
        folder.resolve(),
        host=host,
        port=port,
        templates_option=templates_option,
        open_browser=not no_browser,
        announce=click.echo,
    )


@cli.command(context_settings=CONTEXT_SETTINGS)
@HELP
@PATHS
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.option("--fix", is_flag=True, help="在原文件旁边写一份改正后的副本（X.fixed.docx）：编号、括号、替代字。")
@click.option("--force", is_flag=True, help="覆盖已存在的 .fixed 副本。")
@click.option(
    "--target",
    type=TARGET,
    help="篇幅目标，如“限 2 页”或“约 3000 字”：报告与目标相差多少（默认用向导记在文稿里的目标）。",
)
@TEMPLATES
def check(
    paths: tuple[Path, ...],
    as_json: bool,
    fix: bool,
    force: bool,
    target: str | None,
    templates_option: Path | None,
) -> None:
    """检查文稿：编号、遗留的占位符和提示、数字与同比、替代字和重复、版式、篇幅。

    有“错误”级别的问题时退出码为 1。
    """
    from drafter.output.check.run import check_paths
    from drafter.writing.target import parse_target

    length_target = parse_target(target) if target else None
    result = check_paths(list(paths), templates_option=templates_option, fix=fix, force=force, target=length_target)
    if as_json:
        import json
        from dataclasses import asdict

        files = [{"path": r.path, "findings": [asdict(f) for f in r.findings]} for r in result.reports]
        click.echo(json.dumps({"files": files}, ensure_ascii=False, indent=2))
    else:
        from drafter.show import print_findings

        print_findings(result.reports)
    for path in result.fixed:
        click.echo(f"已写出改正后的副本 {path}（原文件未改动）。", err=True)
    finish(result, failed=any(r.errors for r in result.reports))


@cli.command("format", context_settings=CONTEXT_SETTINGS)
@HELP
@PATHS
@click.option(
    "-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), help="输出文件（只排一个文件时）。"
)
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="输出目录（默认写在原文件旁边，名为“原名.公文格式.docx”）。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件（原文件永远不会被改动）。")
@click.option("--dry-run", is_flag=True, help="只列出会改动什么（格式诊断），不写任何文件。")
@click.option(
    "--skip",
    multiple=True,
    metavar="步骤",
    help="不做某项文字规范化，可写多次或用逗号分隔：序号、标点、引号、空格、空行。",
)
@FONTS
def format_command(
    paths: tuple[Path, ...],
    out: Path | None,
    out_dir: Path | None,
    force: bool,
    dry_run: bool,
    skip: tuple[str, ...],
    fonts_path: Path | None,
) -> None:
    """把别人用 Word/WPS 打的文稿排成 GB/T 9704 公文格式（.docx .doc .wps .txt .md .pdf）。

    按提纲层次设置标题、各级标题、正文、落款和日期的字体字号，设置页面和页码；表格、图片、脚注保留。
    原文件不动，新文件默认写在旁边（原名.公文格式.docx）。
    """
    from drafter.output.formatting.run import format_files
    from drafter.output.render.fonts import load_fonts
    from drafter.show import print_formatted

    result = format_files(
        list(paths),
        out=out,
        out_dir=out_dir,
        force=force,
        dry_run=dry_run,
        skip=skip,
        fonts=load_fonts(fonts_path),
    )
    print_formatted(result, dry_run=dry_run)
    finish(result)


def finish(
    result: OutlineResult | CleanResult | MineSummary | CheckResult | FormatResult, *, failed: bool = False
) -> None:
    """Report unreadable files on stderr; exit 1 when any file failed (or the command found errors)."""
    for failure in result.failures:
        click.echo(f"错误：{failure.message}", err=True)
    if result.failures or failed:
        raise SystemExit(ExitStatus.ERROR)


def _param_name(param: click.Parameter | None) -> str:
    """--from for an option, PATHS for an argument."""
    if param is None:
        return "参数"
    return "/".join(param.opts) if isinstance(param, click.Option) else param.human_readable_name


_BAD_VALUE = (
    (lazy_compile(r"(?:File|Path|Directory) '(.+)' does not exist"), "{0} 不存在"),
    (lazy_compile(r"(?:File|Path) '(.+)' is a directory"), "{0} 是目录，需要一个文件"),
    (lazy_compile(r"'(.+)' is not one of (.+?)\.?$"), "“{0}”不是可选的值（可选：{1}）"),
    (lazy_compile(r"'(.+)' is not a valid integer"), "“{0}”不是整数"),
    (lazy_compile(r"(.+) is not in the range (.+?)\.?$"), "{0} 超出范围 {1}"),
)


def _bad_value(message: str) -> str:
    """Click's description of a bad value, in Chinese where it is one of the usual ones."""
    for pattern, template in _BAD_VALUE:
        match = pattern.search(message)
        if match:
            return template.format(*match.groups())
    return message


_USAGE_WORDS = (
    (lazy_compile(r"No such command '(.+)'"), "没有命令“{0}”"),
    (lazy_compile(r"Option '(.+)' requires an argument"), "选项 {0} 后面缺少值"),
    (lazy_compile(r"Option '(.+)' does not take a value"), "选项 {0} 不带值"),
    (lazy_compile(r"Got unexpected extra arguments? \((.+)\)"), "多余的参数：{0}"),
)


def usage_message(error: click.UsageError) -> str:
    """Click's usage errors, said in Chinese (an argument by its Chinese metavar: 缺少参数 文件或目录)."""
    if isinstance(error, click.MissingParameter) and error.param is not None:
        names = "/".join(error.param.opts) if isinstance(error.param, click.Option) else error.param.human_readable_name
        return f"缺少参数 {chinese(names)}。"
    if isinstance(error, click.NoSuchOption):
        return f"没有选项 {error.option_name}。"
    if isinstance(error, click.BadParameter):
        return f"{chinese(_param_name(error.param))} 的值无效：{chinese(_bad_value(error.message))}。"
    for pattern, template in _USAGE_WORDS:
        match = pattern.search(error.message)
        if match:
            return template.format(*match.groups()) + "。"
    return f"{error.format_message().rstrip('.')}。"


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI; turn every error into a Chinese message and an exit code."""
    # pydantic looks for plugins (an entry-point scan of every installed package) when it builds its first model;
    # drafter uses none, and the scan costs every command about 10 ms, more where many packages are installed.
    # A person who set the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        with stop_cleanly():
            cli.main(args=args, prog_name="drafter", standalone_mode=False)
    except UserError as error:
        if debug:
            raise
        # An interruption is not a mistake: say where the work is, without "错误".
        prefix = "\n" if error.exit_status == ExitStatus.INTERRUPTED else "错误："
        click.echo(f"{prefix}{error.message}", err=True)
        sys.exit(error.exit_status)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help() if error.ctx else str(error), err=True)
        sys.exit(ExitStatus.USAGE)
    except click.UsageError as error:
        hint = f"运行 `{error.ctx.command_path} --help` 查看用法。" if error.ctx else "运行 `drafter --help` 查看用法。"
        click.echo(f"用法错误：{usage_message(error)}{hint}", err=True)
        sys.exit(ExitStatus.USAGE)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("\n已中断。", err=True)
        sys.exit(ExitStatus.INTERRUPTED)
    except click.ClickException as error:
        click.echo(f"错误：{error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except SystemExit:
        raise
    except BrokenPipeError:
        # The reader of a pipe stopped reading (`| head -1`): not an error of the user's files. Output still
        # buffered goes nowhere, so that Python's final flush does not complain on stderr.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitStatus.OK)
    except MemoryError:
        if debug:
            raise
        click.echo(
            "错误：内存不足，drafter 停止了。输入的文件可能太大或结构异常复杂；请确认选对了文件，或拆成几个文件后再试。",
            err=True,
        )
        sys.exit(ExitStatus.ERROR)
    except OSError as error:
        if debug:
            raise
        from drafter.files import os_error

        click.echo(f"错误：{os_error(error, error.filename or '', '访问').message}", err=True)
        sys.exit(ExitStatus.ERROR)
    except Exception:
        if debug:
            raise
        click.echo(
            "错误：drafter 内部出错了。这不是您的问题；请加上 --debug 重新运行，并把输出报告给维护者。", err=True
        )
        sys.exit(ExitStatus.ERROR)
    sys.exit(ExitStatus.OK)
