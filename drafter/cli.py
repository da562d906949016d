"""Command line: parse arguments, call one core function, print. The only place that exits."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from drafter.errors import ExitStatus, UserError

if TYPE_CHECKING:
    from drafter.pipeline import CleanResult, OutlineResult

CONTEXT_SETTINGS = {"help_option_names": [], "max_content_width": 100}
HELP = click.help_option("-h", "--help", help="显示帮助并退出。")
PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
RULES = click.option(
    "--rules",
    type=click.Path(path_type=Path, dir_okay=False),
    help="使用指定的清洗规则文件（默认 corpus/cleaning.yaml）。",
)


@click.group(context_settings=CONTEXT_SETTINGS)
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

    PATHS 可以是 .txt、.md、.docx 文件或包含它们的目录。
    """
    from drafter.pipeline import outline_paths

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
    from drafter.pipeline import clean_paths

    result = clean_paths(list(paths), rules_path=rules)
    if report:
        from drafter.show import print_clean_report

        print_clean_report(result.report, stderr=False)
    else:
        for text in result.texts:
            click.echo(text)
    finish(result)


def finish(result: OutlineResult | CleanResult) -> None:
    """Report unreadable files on stderr; exit 1 when any file failed."""
    for failure in result.failures:
        click.echo(f"错误：{failure.message}", err=True)
    if result.failures:
        raise SystemExit(ExitStatus.ERROR)


def usage_message(error: click.UsageError) -> str:
    """Click's usage errors, said in Chinese."""
    if isinstance(error, click.MissingParameter) and error.param is not None:
        names = "/".join(error.param.opts) if isinstance(error.param, click.Option) else error.param.human_readable_name
        return f"缺少参数 {names}。"
    if isinstance(error, click.NoSuchOption):
        return f"没有选项 {error.option_name}。"
    if isinstance(error, click.BadParameter):
        name = error.param.human_readable_name if error.param is not None else "参数"
        return f"{name} 的值无效（{error.message}）。"
    command = re.match(r"No such command '(.+)'", error.message)
    if command:
        return f"没有命令“{command.group(1)}”。"
    return f"{error.format_message()}。"


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI; turn every error into a Chinese message and an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="drafter", standalone_mode=False)
    except UserError as error:
        if debug:
            raise
        click.echo(f"错误：{error.message}", err=True)
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
        sys.exit(ExitStatus.OK)
    except Exception:
        if debug:
            raise
        click.echo(
            "错误：drafter 内部出错了。这不是您的问题；请加上 --debug 重新运行，并把输出报告给维护者。", err=True
        )
        sys.exit(ExitStatus.ERROR)
    sys.exit(ExitStatus.OK)
