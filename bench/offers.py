"""What a user is offered first, for hand-scoring (issue 20): per genre, for one year, the opening's and the
closing's default and first three choices, and the first three /p offers of every body role, as the wizard's
draft core gives them; then each genre's first 常用语 of every role as `drafter phrases --tier 常用语` lists them.

    python -m bench.offers TEMPLATES [--year 2026] [--per-role 10] [--score FILE]

Prints one tab-separated line a phrase (genre, role, where it is offered, text), stratified by role: at most
--per-role of each role, taken in turn across genres. --score FILE reads a scored table (the same columns plus
verdict 可用/不可用 and a reason) and prints usable shares by role and overall.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.writing.draft import DraftCore

BODY_ROLES = ("measure", "result", "case", "problem", "cause", "plan")
ROLES = ("opening", *BODY_ROLES, "closing")
# A unit of each kind, so that the words of another kind are turned into the user's (全乡 -> 全镇) as in use.
ORG_OF_FAMILY = {
    "乡镇": "石桥镇人民政府",
    "医院": "青山县人民医院",
    "学校": "青山县第一中学",
    "企业": "青山水务有限公司",
    "机关": "青山县发展和改革委员会",
}


def draft_core(templates: Path, genre: str, year: int, answers: Path) -> DraftCore:
    """The draft core the wizard (and the web page) walk, for a unit of the genre's kind writing for `year`."""
    from drafter.models import Draft
    from drafter.writing.draft import DraftCore, library

    core = DraftCore(Draft(), library(templates), answers)
    core.apply("genre", genre)
    family = core.genre.family if core.genre else None
    core.apply("org", ORG_OF_FAMILY.get(family or "", "青山县人民政府办公室"))
    core.apply("year", str(year))
    return core


def offers(templates: Path, year: int) -> list[tuple[str, str, str, str]]:
    """(genre, role, where, text) for everything offered first, in the order a user meets it."""
    from drafter.bank.listing import genre_rows
    from drafter.bank.templates import find_genre, load_bank, load_registry

    rows: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()  # a sentence offered in several genres (a register sentence) is read once

    def add(genre: str, role: str, where: str, text: str, raw: str) -> None:
        if raw not in seen:
            seen.add(raw)
            rows.append((genre, role, where, text))

    with tempfile.TemporaryDirectory(prefix="offers-") as work:
        for row in genre_rows(templates):
            genre = row["name"]
            if not (templates / "skeletons" / f"{row['id']}.yaml").exists():
                continue  # a registered genre the corpus had no document of
            core = draft_core(templates, genre, year, Path(work) / "a.answers.yaml")
            for part, role in (("preamble", "opening"), ("closing", "closing")):
                question = core.questions(part)[0]
                defaults = [c for c in question.choices if c.value == question.default and not c.value.startswith("__")]
                first = [c for c in question.choices if not c.value.startswith("__")][:3]
                for choice in [*defaults, *first]:
                    phrase = core.find_phrase(choice.value)
                    if phrase.tier == "常用语":
                        add(genre, role, "默认" if choice in defaults else "前三", choice.title, phrase.text)
            for role in BODY_ROLES:
                for phrase in core.insert_bank(role).matches("", 3):
                    add(genre, role, "/p前三", core.offered_text(phrase), phrase.text)
            listed = Counter[str]()
            for phrase in load_bank(templates, find_genre(genre, load_registry(templates))):
                wanted = phrase.tier == "常用语" and phrase.role in ROLES and phrase.year in (None, year)
                if wanted and listed[phrase.role] < 3:
                    listed[phrase.role] += 1
                    add(genre, phrase.role, "phrases常用语", phrase.text, phrase.text)
    return rows


def stratified(rows: list[tuple[str, str, str, str]], per_role: int) -> list[tuple[str, str, str, str]]:
    """At most `per_role` of each role, taken a genre at a time in turn (so that every genre is read)."""
    picked: list[tuple[str, str, str, str]] = []
    for role in ROLES:
        of_role = [r for r in rows if r[1] == role]
        genres = list(dict.fromkeys(r[0] for r in of_role))
        queues = {g: [r for r in of_role if r[0] == g] for g in genres}
        taken: list[tuple[str, str, str, str]] = []
        while len(taken) < per_role and any(queues.values()):
            for genre in genres:
                if queues[genre] and len(taken) < per_role:
                    taken.append(queues[genre].pop(0))
        picked += taken
    return picked


def score(path: Path) -> str:
    """Usable shares by role and overall from a scored table."""
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t")]
    good: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        total[row["role"]] += 1
        good[row["role"]] += row["verdict"] == "可用"
    lines = [f"{role:10} {good[role]:3}/{total[role]:<3}" for role in ROLES if total[role]]
    all_good, all_total = sum(good.values()), sum(total.values())
    lines.append(f"{'all':10} {all_good:3}/{all_total:<3} {all_good / max(all_total, 1):.1%}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("templates", type=Path, nargs="?")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--per-role", type=int, default=10)
    parser.add_argument("--score", type=Path)
    args = parser.parse_args()
    if args.score:
        print(score(args.score))
        return
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["genre", "role", "where", "text"])
    for row in stratified(offers(args.templates, args.year), args.per_role):
        writer.writerow(row)


if __name__ == "__main__":
    main()
