"""The templates directory: genres, skeletons, phrase banks and reviews; finding a genre by name."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from drafter.errors import UsageError, UserError
from drafter.models import Genre, GenreRegistry, Phrase, PhraseBank, Review, Reviews, Skeleton
from drafter.resources import PACKAGE_DIR, bundled
from drafter.store import dump_yaml, load_yaml_model, save_yaml_model, write_atomic

GENRES_FILE = "genres.yaml"
REVIEWS_FILE = "reviews.yaml"
SKELETONS_DIR = "skeletons"
PHRASES_DIR = "phrases"


def resolve_templates(option: Path | None) -> Path:
    """`--templates DIR`, else ./templates when present, else the templates bundled with drafter."""
    if option is not None:
        if not (option / GENRES_FILE).exists():
            raise UsageError(
                f"模板目录 {option} 中没有 {GENRES_FILE}。请确认路径，或先运行 `drafter mine -o {option}` 生成模板。",
                path=option,
            )
        return option
    local = Path("templates")
    if (local / GENRES_FILE).exists():
        return local
    return bundled("templates")


def load_registry(templates: Path) -> list[Genre]:
    """The genre registry of a templates directory."""
    return load_yaml_model(templates / GENRES_FILE, GenreRegistry).genres


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
    path = templates / SKELETONS_DIR / f"{genre.id}.yaml"
    if not path.exists():
        raise UserError(
            f"文种“{genre.name}”还没有提炼出的提纲（缺少 {path}）。请先运行 `drafter mine` 处理包含该文种的语料。",
            path=path,
        )
    return load_yaml_model(path, Skeleton)


def load_reviews(templates: Path) -> Reviews:
    """Review decisions (empty when there is no reviews.yaml yet)."""
    path = templates / REVIEWS_FILE
    return load_yaml_model(path, Reviews) if path.exists() else Reviews()


def load_bank(templates: Path, genre: Genre, reviews: Reviews | None = None) -> list[Phrase]:
    """A genre's phrases with review decisions applied (edited text, status)."""
    path = templates / PHRASES_DIR / f"{genre.id}.yaml"
    if not path.exists():
        return []
    bank = load_yaml_model(path, PhraseBank)
    reviews = reviews if reviews is not None else load_reviews(templates)
    return [apply_review(p, reviews.reviews.get(p.id)) for p in bank.phrases]


def apply_review(phrase: Phrase, review: Review | None) -> Phrase:
    """A phrase as a person's decision left it."""
    if review is None:
        return phrase
    update: dict[str, object] = {"status": review.status}
    if review.status == "edited" and review.text:
        from drafter.mining.slots import slot_names

        update |= {"text": review.text, "slots": slot_names(review.text)}
    return phrase.model_copy(update=update)


def save_review(templates: Path, phrase_id: str, review: Review) -> None:
    """Record one decision in reviews.yaml (atomically)."""
    reviews = load_reviews(templates)
    reviews.reviews[phrase_id] = review
    save_yaml_model(templates / REVIEWS_FILE, reviews)


def check_writable_output(out_dir: Path) -> None:
    """Refuse to write mined templates into the installed package."""
    resolved = out_dir.resolve()
    if resolved == PACKAGE_DIR or PACKAGE_DIR in resolved.parents:
        raise UsageError(
            f"不能把模板写进 drafter 的安装目录（{out_dir}）。请用 -o 指定一个工作目录，例如 `-o templates`。",
            path=out_dir,
        )


def mined_files(
    skeletons: list[Skeleton], banks: list[PhraseBank], dump: Callable[[Iterable[Any]], Iterable[str]] | None = None
) -> dict[str, str]:
    """Relative path -> YAML text of every mined file; `dump` maps dump_yaml over the data (a pool's map)."""
    paths = [f"{SKELETONS_DIR}/{s.genre}.yaml" for s in skeletons] + [f"{PHRASES_DIR}/{b.genre}.yaml" for b in banks]
    data = [s.model_dump(mode="json") for s in skeletons]
    data += [b.model_dump(mode="json", exclude={"phrases": {"__all__": {"status"}}}) for b in banks]
    texts = dump(data) if dump is not None else map(dump_yaml, data)
    return dict(zip(paths, texts, strict=True))


def replace_mined(out_dir: Path, files: dict[str, str], registry: Path) -> None:
    """Write the mined files into fresh directories, then swap them in for the old ones."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if not (out_dir / GENRES_FILE).exists():
        shutil.copyfile(registry, out_dir / GENRES_FILE)
    for stale in out_dir.glob(".mine-*"):  # left by a run that was killed while writing
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".mine-", dir=out_dir))
    try:
        for relative, text in files.items():
            write_atomic(staging / relative, text)
        for name in (SKELETONS_DIR, PHRASES_DIR):
            target = out_dir / name
            (staging / name).mkdir(exist_ok=True)
            if target.exists():
                os.replace(target, staging / f"old-{name}")
            os.replace(staging / name, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
