"""What a draft says of its year and of its own unit: facts of another year (开局之年 in a 2025 report), the
unit among the units it lists (a bureau among the bureaus it audited), another kind's words for its own area
(全乡 in a 镇's report).

The year is the draft's own (its title, else its date); the unit is the one its title or signature names.
Year-bound facts are data (corpus/dated.yaml), each with the years it belongs to and its source.
"""

from __future__ import annotations

from drafter.mining.dated import stale, year_in_words
from drafter.mining.entities import same_unit, unit_lists
from drafter.output.check.findings import CheckedDocument, Finding
from drafter.output.check.usage import SENTENCE, sentence_at
from drafter.reading.titles import title_facts
from drafter.writing.unit import foreign_area_words


def check_facts(doc: CheckedDocument) -> list[Finding]:
    """Stale year-bound facts, the unit among its own list of units, another kind's words for its area."""
    facts = title_facts(doc.outline.title, doc.outline.org)
    year = facts.year or (int(doc.outline.date[:4]) if doc.outline.date else None)
    unit = facts.unit or doc.outline.org or doc.outline.signature
    findings: list[Finding] = []
    for paragraph in doc.written():
        where = doc.path_of_line(paragraph.line)
        if year is not None:
            findings += _stale(paragraph.text, year, paragraph.line, where)
        if unit:
            findings += _own_unit_listed(paragraph.text, unit, paragraph.line, where)
            findings += _area_words(paragraph.text, unit, paragraph.line, where)
    return findings


def _stale(text: str, year: int, line: int, where: str) -> list[Finding]:
    """A fact of another year, with its sentence, the year it belongs to and where that is written."""
    findings = []
    for sentence in (m.group(0).strip() for m in SENTENCE.finditer(text)):
        for mention in stale(sentence, year):
            source = f"（出处：{mention.source}）" if mention.source else ""
            findings.append(
                Finding(
                    "stale-fact",
                    "error",
                    f"“{mention.text}”说的是{mention.belongs_to(year)}（{mention.name}），"
                    f"本文是{year_in_words(year)}的总结：{sentence}",
                    line,
                    where,
                    f"改用{year}年的提法，或删去这一句{source}。drafter phrases --role 开头 --year {year} 可看这一年的开头。",
                )
            )
    return findings


def _own_unit_listed(text: str, unit: str, line: int, where: str) -> list[Finding]:
    """The writer's own unit among the units a sentence lists (a bureau among those it audited)."""
    findings = []
    for listed in unit_lists(text):
        own = [item for item, _ in listed if same_unit(item, unit)]
        if own:
            names = "、".join(item for item, _ in listed)
            findings.append(
                Finding(
                    "own-unit-listed",
                    "warning",
                    f"本单位“{own[0]}”出现在所列的单位中：{names}。",
                    line,
                    where,
                    "核对名单：被审计、被检查、被服务的单位里不应有本单位（常用语里的单位名单要换成对方单位）。",
                )
            )
    return findings


def _area_words(text: str, unit: str, line: int, where: str) -> list[Finding]:
    """全乡 in a 镇's report, 我市 in a county bureau's: the report calls its own area by another kind's word."""
    return [
        Finding(
            "area-word",
            "warning",
            f"“{word}”与本单位（{unit}）不符，本单位应写“{right}”：{sentence_at(text, start)}",
            line,
            where,
            f"改为“{right}”（多半是照搬了别的单位的句子）。",
        )
        for word, start, right in foreign_area_words(text, unit)
    ]
