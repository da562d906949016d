"""The templates directory: genres, skeletons, phrase banks, the manifest and reviews; finding a genre by name.

Layout (what `drafter mine` writes and owns):
  genres.yaml            the genre registry (a person may edit it; mining adds discovered genres)
  manifest.yaml          counts per genre and the list of files mining wrote (`drafter genres` reads only this)
  skeletons/<id>.yaml    one skeleton per genre
  phrases/<id>.jsonl     one phrase bank per genre, a JSON object per line (diff-able, fast to load)
  reviews.yaml           a team's shared decisions on phrases, read beside the person's own (mining never writes it)

Mining replaces its own files through a journal (`.mine-journal.json`): the new files are staged, the
journal is committed by one rename, then the files are moved into place. A run killed before the
commit leaves the old templates; one killed after it is completed by the next run that opens the directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from drafter.errors import ConfigError, UsageError, UserError
from drafter.files import locked, write_atomic
from drafter.resources import PACKAGE_DIR, bundled, user_data_dir

# pydantic, YAML and the models load where a file is read or written, not at import: `drafter genres` lists the
# genres without them (drafter/bank/listing.py).
if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from drafter.bank.search import Bank
    from drafter.models import Genre, Manifest, MineJournal, Phrase, Review, Reviews, Skeleton

GENRES_FILE = "genres.yaml"
REVIEWS_FILE = "reviews.yaml"
MANIFEST_FILE = "manifest.yaml"
SKELETONS_DIR = "skeletons"
PHRASES_DIR = "phrases"
BANK_SUFFIX = ".jsonl"
JOURNAL_FILE = ".mine-journal.json"
LOCK_FILE = ".drafter.lock"
STAGING_PREFIX = ".mine-staging-"  # + <pid>-<random>: a name only mining makes (models.STAGING_NAME)
STAGING_MARK = ".drafter-staging"  # a file inside every staging folder: only folders carrying it are ever removed
# Files of a templates directory that are drafter's own but not listed in the manifest.
OWN_FILES = frozenset({GENRES_FILE, REVIEWS_FILE, MANIFEST_FILE, LOCK_FILE, JOURNAL_FILE, REVIEWS_FILE + ".lock"})


def resolve_templates(option: Path | None) -> Path:
    """`--templates DIR`, else ./templates when present, else the templates bundled with drafter."""
    if option is not None:
        if not (option / GENRES_FILE).exists():
            raise UsageError(
                f"模板目录 {option} 中没有 {GENRES_FILE}。请确认路径，或先运行 `drafter mine -o {option}` 生成模板。",
                path=option,
            )
        chosen = option
    else:
        local = Path("templates")
        chosen = local if (local / GENRES_FILE).exists() else bundled("templates")
    if (chosen / JOURNAL_FILE).exists():
        recover(chosen)
    return chosen


def inside(templates: Path, relative: str) -> Path:
    """templates/relative, refusing a path that would leave the templates directory (an id such as ../../x)."""
    path = templates / relative
    base = templates.resolve()
    resolved = path.resolve()
    if resolved != base and base not in resolved.parents:
        raise ConfigError(
            f"模板目录 {templates} 中的路径 {relative} 指向目录之外，已拒绝。请检查 {GENRES_FILE} 中的 id。"
        )
    return path


def skeleton_path(templates: Path, genre_id: str) -> Path:
    """Where a genre's skeleton is."""
    return inside(templates, f"{SKELETONS_DIR}/{genre_id}.yaml")


def bank_path(templates: Path, genre_id: str) -> Path:
    """Where a genre's phrase bank is."""
    return inside(templates, f"{PHRASES_DIR}/{genre_id}{BANK_SUFFIX}")


def load_registry(templates: Path) -> list[Genre]:
    """The genre registry of a templates directory."""
    from drafter.bank.store import load_yaml_model
    from drafter.models import GenreRegistry

    return load_yaml_model(templates / GENRES_FILE, GenreRegistry).genres


def load_manifest(templates: Path) -> Manifest | None:
    """The manifest mining wrote (None for a directory mining never wrote)."""
    from drafter.bank.store import load_yaml_model
    from drafter.models import Manifest

    path = templates / MANIFEST_FILE
    return load_yaml_model(path, Manifest) if path.exists() else None


def find_genre(query: str, genres: list[Genre]) -> Genre:
    """A genre by id, by name, or by a unique part of its name (审计 matches 审计局工作总结)."""
    exact = [g for g in genres if query in (g.id, g.name)]
    if exact:
        return exact[0]
    partial = [g for g in genres if query in g.name or g.name in query]
    if len(partial) == 1:
        return partial[0]
    listing = "、".join(f"{g.name}（{g.id}）" for g in genres)
    problem = (
        f"“{query}”可以指 {'、'.join(g.name for g in partial)} 中的任何一个" if partial else f"没有叫“{query}”的文种"
    )
    raise UsageError(f"{problem}。可用的文种有：{listing}。请用其中一个名称或 id 重试。")


def load_skeleton(templates: Path, genre: Genre) -> Skeleton:
    """The mined skeleton of a genre."""
    path = skeleton_path(templates, genre.id)
    if not path.exists():
        raise UserError(
            f"文种“{genre.name}”还没有提炼出的提纲（缺少 {path}）。请先运行 `drafter mine` 处理包含该文种的语料。",
            path=path,
        )
    from drafter.bank.store import load_yaml_model
    from drafter.models import Skeleton

    return load_yaml_model(path, Skeleton)


def skeleton_for_year(skeleton: Skeleton, year: int | None) -> Skeleton:
    """A skeleton with its year slots filled for a report of `year` ({下一年份}年工作计划 -> 2026年工作计划), and
    without the headings that hold a fact of another year (深入开展主题教育 in 2025): a part whose own heading
    does takes its first alternative that does not, or the plain name of its role."""
    if not year:
        return skeleton
    from drafter.mining.dated import true_of
    from drafter.mining.roles import DEFAULT_HEADINGS
    from drafter.mining.slots import fill_slots, year_values

    values = year_values(year)

    def dated(texts: list[str]) -> list[str]:
        return [fill_slots(text, values) for text in texts if true_of(text, year)]

    parts = []
    for part in skeleton.parts:
        alternatives = dated(part.alternatives)
        heading = fill_slots(part.heading, values)
        if not true_of(part.heading, year):
            heading = alternatives.pop(0) if alternatives else DEFAULT_HEADINGS[part.role]
        update = {"heading": heading, "alternatives": alternatives, "example_children": dated(part.example_children)}
        parts.append(part.model_copy(update=update))
    return skeleton.model_copy(update={"parts": parts})


# --- reviews ---------------------------------------------------------------------
#
# A person's decisions live in one store of their own (the user data directory), keyed by phrase id, so
# they hold wherever drafter runs and whichever templates are in use. A templates directory may carry a
# shared store beside it (templates/reviews.yaml: a team's decisions); the person's own win over it.


@dataclass(frozen=True)
class ReviewStore:
    """One file of review decisions in use: the person's own, or the team's shared one of a templates directory."""

    kind: Literal["user", "shared"]
    path: Path
    decisions: int

    @property
    def name(self) -> str:
        """本人 or 共用, as `drafter phrases` says it."""
        return "本人" if self.kind == "user" else "共用（模板目录）"


def user_reviews_path() -> Path:
    """The person's own decisions, in the user data directory."""
    return user_data_dir() / REVIEWS_FILE


def shared_reviews_path(templates: Path) -> Path | None:
    """A templates directory's shared decisions (None for the templates bundled with drafter)."""
    if templates == bundled("templates") or PACKAGE_DIR in templates.resolve().parents:
        return None
    return templates / REVIEWS_FILE


def _read_reviews(path: Path | None) -> Reviews:
    """The decisions of one store (empty when it does not exist)."""
    from drafter.bank.store import load_yaml_model
    from drafter.models import Reviews

    return load_yaml_model(path, Reviews) if path is not None and path.exists() else Reviews()


def review_stores(templates: Path) -> list[ReviewStore]:
    """The stores whose decisions apply with these templates: the person's own always, the shared one if present."""
    user = user_reviews_path()
    stores = [ReviewStore("user", user, len(_read_reviews(user).reviews))]
    shared = shared_reviews_path(templates)
    if shared is not None and shared.exists():
        stores.append(ReviewStore("shared", shared, len(_read_reviews(shared).reviews)))
    return stores


def load_reviews(templates: Path) -> Reviews:
    """The decisions that apply: the shared store's, overridden by the person's own."""
    merged = dict(_read_reviews(shared_reviews_path(templates)).reviews)
    merged.update(_read_reviews(user_reviews_path()).reviews)
    from drafter.models import Reviews

    return Reviews(reviews=merged)


def reviews_target(templates: Path, *, shared: bool = False) -> Path:
    """Where a decision is written: the person's own store, or (shared) the templates directory's."""
    if not shared:
        return user_reviews_path()
    path = shared_reviews_path(templates)
    if path is None:
        raise UsageError(
            "drafter 自带的模板没有共用的审阅记录。请用 --templates 指定团队的模板目录，或去掉 --shared（记入本人的审阅记录）。"
        )
    return path


def save_reviews(path: Path, decisions: dict[str, Review]) -> Path:
    """Add decisions to a reviews file: read, change and write inside a lock, so parallel runs lose nothing."""
    from drafter.bank.store import save_yaml_model

    with locked(path.with_name(path.name + ".lock"), f"审阅记录 {path}"):
        reviews = _read_reviews(path)
        for phrase_id, decision in decisions.items():
            # A decision changes what it sets (a status, a tier) and keeps the rest of the earlier one.
            earlier = reviews.reviews.get(phrase_id)
            changed = decision.model_dump(exclude_unset=True)
            reviews.reviews[phrase_id] = earlier.model_copy(update=changed) if earlier else decision
        # A tier is written only where a person moved the phrase (the file stays as it was for the others).
        moved = {"reviews": {i: {"tier"} for i, review in reviews.reviews.items() if review.tier is None}}
        save_yaml_model(path, reviews, exclude=moved)
    return path


# --- phrase banks ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _phrases_adapter() -> TypeAdapter[list[Phrase]]:
    """The validator of a whole bank (built on first use)."""
    from pydantic import TypeAdapter

    from drafter.models import Phrase

    return TypeAdapter(list[Phrase])


def read_bank(path: Path) -> list[Phrase]:
    """The phrases of one bank file (JSON Lines), validated; errors name the file, the line and the field."""
    from pydantic import ValidationError

    from drafter.bank.store import describe_validation_error
    from drafter.files import read_bytes

    lines = [line for line in read_bytes(path).splitlines() if line.strip()]
    try:
        return _phrases_adapter().validate_json(b"[" + b",".join(lines) + b"]")
    except ValidationError as error:
        message = describe_validation_error(path, error)
        raise ConfigError(
            message.replace("（整个文件）", "").replace("[", "第 ").replace("]", " 条 "), path=path
        ) from None


def load_bank(templates: Path, genre: Genre, reviews: Reviews | None = None) -> list[Phrase]:
    """A genre's phrases with review decisions applied (edited text, status)."""
    path = bank_path(templates, genre.id)
    if not path.exists():
        return []
    reviews = reviews if reviews is not None else load_reviews(templates)
    return [apply_review(p, reviews.reviews.get(p.id)) for p in read_bank(path)]


def open_bank(templates: Path, genre: Genre, reviews: Reviews | None = None, *, background: bool = False) -> Bank:
    """A genre's phrase bank for offering and searching (drafter/bank/search.py), review decisions applied;
    `background`: opened in a thread, the first use waits for it."""
    from drafter.bank.search import Bank

    reviews = reviews if reviews is not None else load_reviews(templates)
    return Bank.open(bank_path(templates, genre.id), reviews.reviews, background=background)


def unknown_ids(templates: Path, ids: list[str]) -> list[str]:
    """The ids no bank of the templates holds."""
    from drafter.models import Reviews

    missing = list(ids)
    for genre in load_registry(templates):
        if not missing:
            break
        bank = open_bank(templates, genre, Reviews())
        missing = [i for i in missing if bank.get(i) is None]
        bank.close()
    return missing


def bank_lines(phrases: list[Phrase]) -> str:
    """A bank as JSON Lines: one phrase per line, keys in model order, Chinese unescaped."""
    return "".join(
        json.dumps(p.model_dump(mode="json", exclude={"status"}), ensure_ascii=False, separators=(",", ":")) + "\n"
        for p in phrases
    )


def apply_review(phrase: Phrase, review: Review | None) -> Phrase:
    """A phrase as a person's decision left it."""
    if review is None:
        return phrase
    update: dict[str, object] = {"status": review.status}
    if review.tier is not None:
        update["tier"] = review.tier
    if review.status == "edited" and review.text:
        from drafter.mining.slots import slot_names

        update |= {"text": review.text, "slots": slot_names(review.text)}
    return phrase.model_copy(update=update)


# --- writing mined templates ------------------------------------------------------


def check_writable_output(out_dir: Path) -> None:
    """Refuse to write mined templates into the installed package, or over something that is not a directory."""
    resolved = out_dir.resolve()
    if resolved == PACKAGE_DIR or PACKAGE_DIR in resolved.parents:
        raise UsageError(
            f"不能把模板写进 drafter 的安装目录（{out_dir}）。请用 -o 指定一个工作目录，例如 `-o templates`。",
            path=out_dir,
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} 不是目录。请用 -o 指定一个模板目录。", path=out_dir)


def foreign_files(out_dir: Path) -> list[str]:
    """Files in a templates directory that drafter did not write (mining would never touch them)."""
    if not out_dir.is_dir():
        return []
    manifest = load_manifest(out_dir)
    own = set(manifest.files) if manifest else set()
    staging = {path.name for path in out_dir.iterdir() if is_staging(path)}
    found = []
    for path in sorted(out_dir.rglob("*")):
        relative = path.relative_to(out_dir).as_posix()
        if relative.split("/", 1)[0] in staging or path.is_dir():
            continue
        if relative not in own and relative not in OWN_FILES:
            found.append(relative)
    return found


def is_staging(path: Path) -> bool:
    """A staging folder mining made (its name, and the mark inside): the only folders mining ever removes."""
    from drafter.models import STAGING_NAME

    return (
        re.match(STAGING_NAME, path.name) is not None
        and path.is_dir()
        and not path.is_symlink()
        and (path / STAGING_MARK).is_file()
    )


def write_mined(out_dir: Path, files: dict[str, str], registry: str) -> None:
    """Replace the files mining owns with `files` (relative path -> text), through the journal, under a lock."""
    for relative in files:
        inside(out_dir, relative)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from drafter.files import os_error

        raise os_error(error, out_dir, "创建目录") from None
    from drafter.models import MineJournal

    with locked(out_dir / LOCK_FILE, f"模板目录 {out_dir}"):
        _recover_locked(out_dir)
        previous = load_manifest(out_dir)
        stale = sorted(set(previous.files) - set(files)) if previous else []
        staging = _make_staging(out_dir)
        try:
            for relative, text in {**files, GENRES_FILE: registry}.items():
                _stage(staging, relative, text, out_dir)
            journal = MineJournal(staging=staging.name, moves=[*files, GENRES_FILE], deletes=stale)
            # The commit point: once the journal is in place, the new templates will be completed.
            write_atomic(out_dir / JOURNAL_FILE, journal.model_dump_json())
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _apply_journal(out_dir)


def _make_staging(out_dir: Path) -> Path:
    """A new staging folder, .mine-staging-<pid>-<random>, with its mark inside."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
        (staging / STAGING_MARK).write_text("drafter mine 的暂存目录（中断后可删除）\n", encoding="utf-8")
    except OSError as error:
        from drafter.files import os_error

        raise os_error(error, out_dir, "写入模板目录") from None
    return staging


def _stage(staging: Path, relative: str, text: str, out_dir: Path) -> None:
    """One new file into the staging folder; a failure names the file it was to become (disk full, too large)."""
    target = staging / relative
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        from drafter.files import os_error

        raise os_error(OSError(error.errno, error.strerror), out_dir / relative, "写入") from None


class JournalError(ConfigError):
    """A .mine-journal.json that is damaged or names something mining would never write."""


def recover(templates: Path) -> None:
    """Complete mining that was interrupted after its commit (or say why the directory cannot be used)."""
    try:
        with locked(templates / LOCK_FILE, f"模板目录 {templates}"):
            _recover_locked(templates)
    except JournalError:
        raise
    except (UserError, OSError):
        raise UserError(
            f"模板目录 {templates} 上次写入时被中断，且现在无法补全（没有写入权限）。"
            f"请有权限的用户重新运行 `drafter mine -o {templates}`。",
            path=templates,
        ) from None


def _recover_locked(out_dir: Path) -> None:
    """With the lock held: finish a committed journal, and remove staging left by runs killed before committing."""
    if (out_dir / JOURNAL_FILE).exists():
        _apply_journal(out_dir)
    for stale in out_dir.iterdir():
        if is_staging(stale):  # its owner is gone: we hold the lock it would be holding
            shutil.rmtree(stale, ignore_errors=True)


def read_journal(out_dir: Path) -> MineJournal:
    """The journal of an interrupted mining run, every field checked before anything is acted on."""
    from pydantic import ValidationError

    from drafter.bank.store import describe_validation_error
    from drafter.files import read_bytes
    from drafter.models import MineJournal

    path = out_dir / JOURNAL_FILE
    try:
        return MineJournal.model_validate_json(read_bytes(path))
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            problem = f"文件 {path} 不是完整的 JSON（可能只写了一半，或已损坏）。"
        else:
            problem = describe_validation_error(path, error).removesuffix("请修改该文件后重试。")
    except UserError as error:
        problem = error.message
    raise JournalError(
        f"{problem}drafter 没有按它移动或删除任何文件。这个日志记录的是一次被中断的提炼；"
        f"如果目录是别人给的或日志已损坏，删掉 {path} 即可（模板保持上次完整写入时的样子），"
        f"再运行 `drafter mine -o {out_dir}` 重新提炼。",
        path=path,
    )


def _apply_journal(out_dir: Path) -> None:
    """Move the staged files into place and delete stale ones; every step can be repeated safely."""
    journal = read_journal(out_dir)
    staging = out_dir / journal.staging
    if staging.exists() and not is_staging(staging):
        raise JournalError(
            f"{out_dir / JOURNAL_FILE} 指向的暂存目录 {staging} 不是 drafter 建的（里面没有 {STAGING_MARK}），"
            f"drafter 没有按它移动或删除任何文件。请删掉 {out_dir / JOURNAL_FILE} 后重新运行 "
            f"`drafter mine -o {out_dir}`。",
            path=out_dir / JOURNAL_FILE,
        )
    for relative in journal.moves:
        source, target = staging / relative, inside(out_dir, relative)
        if source.is_file() and not source.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for relative in journal.deletes:
        inside(out_dir, relative).unlink(missing_ok=True)
    (out_dir / JOURNAL_FILE).unlink()
    if is_staging(staging):
        shutil.rmtree(staging, ignore_errors=True)
