"""`drafter wizard`: set up the library and the files, run the flow, render the result."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from drafter.bank.store import load_yaml_model
from drafter.errors import Interrupted, UserError
from drafter.models import Draft, Outline
from drafter.resources import in_source_checkout, own_command, shell_command
from drafter.writing.draft import REVIEW, DraftCore, describe, library
from drafter.writing.profile import last_report as profile_last_report
from drafter.writing.profile import load_profile
from drafter.writing.wizard.flow import Outcome, Wizard
from drafter.writing.wizard.prompter import Prompter
from drafter.writing.wizard.questions import Choice, Question, report_year

DEFAULT_OUTPUT = Path("工作总结.docx")
ANSWERS_SUFFIX = ".answers.yaml"


@dataclass
class WizardResult:
    """How the wizard ended and where things are."""

    outcome: Outcome
    output: Path
    answers: Path


def default_output() -> Path:
    """工作总结.docx here; in the user's documents folder when here is drafter's own source checkout (a clerk's
    report does not belong among the code)."""
    if in_source_checkout(Path.cwd()):
        import platformdirs

        return Path(platformdirs.user_documents_dir()) / DEFAULT_OUTPUT
    return DEFAULT_OUTPUT


def answers_path_for(output: Path) -> Path:
    """OUT.docx -> OUT.answers.yaml, next to the output."""
    return output.with_name(output.stem + ANSWERS_SUFFIX)


def output_for_answers(answers: Path) -> Path:
    """X.answers.yaml -> X.docx."""
    name = answers.name[: -len(ANSWERS_SUFFIX)] if answers.name.endswith(ANSWERS_SUFFIX) else answers.stem
    return answers.with_name(name + ".docx")


def resume_command(answers: Path) -> str:
    """The command that continues from an answers file, runnable as printed (this program's own path when
    `drafter` is not on PATH; the answers file by its full path)."""
    return shell_command([*own_command(), "wizard", "--resume", str(answers.absolute())])


def interrupted_message(answers: Path) -> str:
    """What to say on Ctrl-C: where the answers are and how to continue, or that nothing was saved yet."""
    if answers.exists():
        return f"已中断，答案已保存在 {answers.absolute()}。继续填写：{resume_command(answers)}"
    again = shell_command([*own_command(), "wizard"])
    return f"已中断，还没有保存任何答案（选定文种之后才开始保存）。重新开始：{again}"


def from_last_year(draft: Draft, path: Path | None, answers_path: Path) -> Outline | None:
    """Last year's report (--from, or the one a resumed draft started from); sets genre, year and checklist."""
    source = path or (_trusted_last_year(draft.last_year, answers_path) if draft.last_year else None)
    if source is None:
        return None
    from drafter.writing.yoy import checklist, read_last_year

    outline = read_last_year(source)
    draft.last_year = _relative_to(source, answers_path.parent)
    if not draft.genre and outline.genre:
        draft.genre = outline.genre
    if draft.year is None and outline.date:
        draft.year = int(outline.date[:4]) + 1
    if not draft.checklist:
        draft.checklist = checklist(outline)
    if draft.org is None and outline.org:
        draft.org = outline.org
    return outline


def _relative_to(path: Path, directory: Path) -> str:
    """The path as written from `directory` (how the answers file refers to last year's report)."""
    try:
        return str(path.resolve().relative_to(directory.resolve()))
    except ValueError:
        return str(path.resolve())


def _trusted_last_year(recorded: str, answers_path: Path) -> Path:
    """last_year from an answers file: it must exist, inside the working directory or beside the answers file."""
    path = (answers_path.parent / recorded).resolve()
    inside = [Path.cwd().resolve(), answers_path.parent.resolve()]
    if not any(path == base or base in path.parents for base in inside):
        raise UserError(
            f"答案文件 {answers_path} 中的 last_year 指向工作目录之外的 {path}，为安全起见不读取。"
            f"如确需使用这份去年的总结，请加上 --from {path}。",
            path=answers_path,
        )
    if not path.exists():
        raise UserError(
            f"答案文件 {answers_path} 中的 last_year 指向的 {path} 不存在。请用 --from 指定去年的总结，或删去该字段。",
            path=answers_path,
        )
    return path


def _resume_or_restart(prompter: Prompter, answers_path: Path, today: dt.date) -> str:
    """An answers file from an earlier run: continue it, or start again with the old one kept aside. A finished
    report of an earlier year is last year's: starting again is what Enter does then."""
    default = "resume"
    try:
        earlier = load_yaml_model(answers_path, Draft)
        where = "已经填完" if earlier.resume_at == REVIEW else f"停在“{describe(earlier.resume_at or 'genre')}”"
        if earlier.year:
            where = f"{earlier.year}年的总结，{where}"
            if earlier.resume_at == REVIEW and earlier.year < report_year(today):
                default = "restart"
    except UserError:
        where = "但无法读取"
    answer = prompter.ask(
        Question(
            "select",
            "existing",
            f"上次的答案还在（{answers_path}，{where}）。",
            default=default,
            choices=(Choice("继续上次的填写", "resume"), Choice("重新开始（旧答案另存一份）", "restart")),
            first=True,
        )
    )
    if answer == "restart":
        kept = free_name(answers_path.with_name(answers_path.name.removesuffix(".yaml") + ".old.yaml"))
        os.replace(answers_path, kept)
        prompter.say(f"旧答案已另存为 {kept}。")
    return str(answer)


def _overwrite_or_save_as(prompter: Prompter, output: Path) -> Path:
    """The output exists: replace it (the person says so) or write beside it under a free name."""
    other = free_name(output)
    answer = prompter.ask(
        Question(
            "select",
            "output",
            f"{output} 已经存在。",
            default="save_as",
            choices=(Choice(f"另存为 {other}", "save_as"), Choice(f"覆盖 {output}", "overwrite")),
            first=True,
        )
    )
    return output if answer == "overwrite" else other


def free_name(path: Path, suffix: str | None = None) -> Path:
    """`path` itself when free, else the first of name(2).ext, name(3).ext … that is; `suffix` is the ending the
    number goes before when it is longer than the last one (.answers.yaml: 总结(2).answers.yaml)."""
    if not path.exists() and not path.is_symlink():
        return path
    ending = suffix if suffix and path.name.endswith(suffix) else path.suffix
    stem = path.name[: len(path.name) - len(ending)]
    number = 2
    while True:
        candidate = path.with_name(f"{stem}({number}){ending}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        number += 1


def run_wizard(
    prompter: Prompter,
    *,
    genre: str | None = None,
    output: Path | None = None,
    answers: Path | None = None,
    resume: Path | None = None,
    force: bool = False,
    templates_option: Path | None = None,
    today: dt.date | None = None,
    last_year: Path | None = None,
) -> WizardResult:
    """Run the wizard to the end; Ctrl-C becomes Interrupted naming the answers file to resume from."""
    books = library(templates_option)
    if genre:
        books.genre(genre)  # an unknown genre fails before any question
    if resume is not None:
        draft = load_yaml_model(resume, Draft)
        answers_path, output = resume, output or output_for_answers(resume)
    else:
        output = output or default_output()
        answers_path = answers_path_for(output)
        draft = load_yaml_model(answers, Draft) if answers is not None else Draft()
        existing = answers_path.exists() and not force and answers_path != answers
        if existing and _resume_or_restart(prompter, answers_path, today or dt.date.today()) == "resume":
            resume, draft = answers_path, load_yaml_model(answers_path, Draft)
    if genre:
        draft.genre = books.genre(genre).name
    unit = load_profile()
    if last_year is None and resume is None and answers is None and not draft.last_year:
        last_year = profile_last_report(unit)
        if last_year is not None:
            prompter.say(
                f"从去年的总结 {last_year} 开始（单位信息里记着；不要它时用 drafter profile --clear last_report）。"
            )
    core = DraftCore(
        draft,
        books,
        answers_path,
        today=today or dt.date.today(),
        last_year=from_last_year(draft, last_year, answers_path),
        profile=unit,
        last_year_path=last_year,
    )
    wizard = Wizard(
        core,
        prompter,
        skip_answered=resume is not None or answers is not None,
        resume_at=draft.resume_at if resume is not None else None,
    )
    try:
        outcome = wizard.run()
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D on an empty line
        raise Interrupted(interrupted_message(answers_path), path=answers_path) from None
    if core.draft.org:
        core.remember()
    if outcome == "render":
        from drafter.output.render.document import write_document
        from drafter.output.render.layout import DocumentInfo, layout_draft

        if output.exists() and not force:
            output = _overwrite_or_save_as(prompter, output)
        blocks = layout_draft(wizard.draft, wizard.title())
        info = DocumentInfo(genre=core.genre.name if core.genre else "", target=wizard.draft.target)
        fmt: Literal["docx", "md"] = "docx" if output.suffix != ".md" else "md"
        write_document(blocks, output, fmt, force=True, info=info, fonts=core.profile.fonts)
    return WizardResult(outcome, output, answers_path)
