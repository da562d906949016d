"""The drafts of one folder (the answers files the wizard writes there too), found by id, never by a client's path."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from drafter.bank.store import load_yaml_model
from drafter.errors import UserError
from drafter.lazy import lazy_compile
from drafter.models import Draft, Outline
from drafter.writing.draft import DraftCore, Library
from drafter.writing.wizard.questions import report_year
from drafter.writing.wizard.run import ANSWERS_SUFFIX, free_name, from_last_year

LAST_YEAR_DIR = "去年的总结"
_UNSAFE = lazy_compile(r'[\\/:*?"<>|\x00-\x1f]')


class NoSuchDraft(UserError):
    """A draft id that names no answers file of the folder."""


@dataclass(frozen=True)
class DraftInfo:
    """A saved draft as the start page lists it."""

    id: str
    title: str
    genre: str
    done: int
    total: int
    changed: dt.datetime
    readable: bool = True


def safe_name(text: str, limit: int = 60) -> str:
    """A file name made from a title: no path separators or characters Windows refuses."""
    name = _UNSAFE.sub("_", text).strip(" .")[:limit]
    return name or "工作总结"


def draft_ids(folder: Path) -> list[str]:
    """The ids of the folder's answers files (the file name without .answers.yaml)."""
    if not folder.is_dir():
        return []
    names = [p.name for p in folder.iterdir() if p.name.endswith(ANSWERS_SUFFIX) and p.is_file()]
    return sorted(name[: -len(ANSWERS_SUFFIX)] for name in names)


def answers_file(folder: Path, draft_id: str) -> Path:
    """The answers file of a draft id listed in the folder; anything else is refused."""
    if draft_id not in draft_ids(folder):
        raise NoSuchDraft(f"没有编号为“{draft_id}”的草稿。请回到首页，从草稿列表中选择。")
    return folder / (draft_id + ANSWERS_SUFFIX)


def open_draft(folder: Path, draft_id: str, library: Library, today: dt.date | None = None) -> DraftCore:
    """The core over a saved draft (with last year's report when it started from one)."""
    from drafter.writing.profile import load_profile

    path = answers_file(folder, draft_id)
    draft = load_yaml_model(path, Draft)
    kept = _last_year_file(folder, draft)
    last_year = read_last_year(kept) if kept else None
    today = today or dt.date.today()
    return DraftCore(draft, library, path, today=today, last_year=last_year, profile=load_profile())


def read_last_year(path: Path) -> Outline:
    """Last year's report, read as `wizard --from` reads it."""
    from drafter.writing.yoy import read_last_year as read

    return read(path)


def _last_year_file(folder: Path, draft: Draft) -> Path | None:
    """The copy of last year's report a draft started from, when it is still in the folder."""
    if not draft.last_year:
        return None
    path = (folder / draft.last_year).resolve()
    if folder.resolve() not in path.parents or not path.is_file():
        return None
    return path


def list_drafts(folder: Path, library: Library) -> list[DraftInfo]:
    """Every draft of the folder with its progress and last change, the latest first."""
    found = []
    for draft_id in draft_ids(folder):
        path = folder / (draft_id + ANSWERS_SUFFIX)
        changed = dt.datetime.fromtimestamp(path.stat().st_mtime)
        try:
            core = open_draft(folder, draft_id, library)
        except UserError:
            found.append(DraftInfo(draft_id, draft_id, "", 0, 0, changed, readable=False))
            continue
        done, total = core.progress()
        found.append(DraftInfo(draft_id, core.title(), core.draft.genre or "", done, total, changed))
    return sorted(found, key=lambda d: d.changed, reverse=True)


def new_draft(
    folder: Path,
    library: Library,
    genre: str,
    org: str,
    year: str,
    today: dt.date | None = None,
    last_year: Path | None = None,
    remembered: bool = False,
) -> DraftCore:
    """A new draft in the folder, named from its title (never over an existing one), with the unit profile's
    defaults as the wizard offers them; the profile then remembers the unit (as the wizard's run does).
    `last_year`: last year's report (an upload's private copy, or, `remembered`, the one the profile keeps)."""
    from drafter.writing.profile import load_profile

    today = today or dt.date.today()
    core = DraftCore(Draft(), library, folder / "new", today=today, profile=load_profile())
    core.apply("genre", genre)
    if last_year is not None:
        kept = _start_from(core, folder, last_year)
        core.last_year_path = last_year if remembered else kept
    if org.strip():
        core.apply("org", org)
    if year.strip() or core.draft.year is None:
        core.apply("year", year or str(report_year(today)))
    # What the wizard's Enter takes where the start page does not ask: the date (the end of the year, or today if
    # earlier) and the length target the unit profile keeps.
    suggested = {q.name: q.placeholder for q in core.questions("basics")}
    if core.draft.date is None:
        core.apply("date", suggested["date"])
    if core.draft.target is None and suggested.get("target"):
        core.apply("target", suggested["target"])
    folder.mkdir(parents=True, exist_ok=True)
    # The number goes before .answers.yaml, so a second draft of one title is still a draft of the folder.
    core.answers_path = free_name(folder / (safe_name(core.title()) + ANSWERS_SUFFIX), ANSWERS_SUFFIX)
    core.save(resume_at="org")
    if core.draft.org:
        core.remember()
    return core


def _start_from(core: DraftCore, folder: Path, upload: Path) -> Path:
    """Start from last year's report as `wizard --from` does: its outline, its plan as a checklist, its figures.
    A copy is kept in the folder, so the draft finds it again; the copy."""
    title = read_last_year(upload).title or "去年的总结"
    kept_dir = folder / LAST_YEAR_DIR
    kept_dir.mkdir(parents=True, exist_ok=True)
    kept = free_name(kept_dir / (safe_name(title) + upload.suffix.lower()))
    shutil.copyfile(upload, kept)
    core.last_year = from_last_year(core.draft, kept, folder / ANSWERS_SUFFIX)
    core.load_genre()
    core.entries = core.entries_from_draft()
    return kept
