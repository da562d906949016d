"""Year over year: last year's report in, this year's skeleton, checklist and 同比 out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
import yaml
from conftest import SEED, TEMPLATES
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from drafter.writing.wizard.prompter import QuestionaryPrompter
from drafter.writing.wizard.run import run_wizard
from drafter.writing.yoy import (
    candidates,
    comparison,
    figures,
    last_year_figures,
    promises,
    read_last_year,
    shift_years,
    skeleton_from_last_year,
)

ENTER, DOWN = "\r", "\x1b[B"


@pytest.fixture
def audit_2023(tmp_path: Path) -> Path:
    """The seed's 2023 audit report as a file of its own (what a person would bring)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line == "县审计局2023年工作总结" and i > 20)
    end = next(i for i, line in enumerate(lines) if line == "县住建局2023年度农村危房改造工作总结" and i > 20)
    path = tmp_path / "2023年总结.txt"
    path.write_text("\n".join(lines[start:end]), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "shifted"),
    [
        ("2023年工作总结", "2024年工作总结"),
        ("三、2024年工作计划", "三、2025年工作计划"),
        ("2021至2023年", "2022至2024年"),
        ("完成54个项目", "完成54个项目"),
    ],
)
def test_shift_years(text: str, shifted: str) -> None:
    assert shift_years(text) == shifted


def test_promises_from_sub_headings_and_items() -> None:
    from drafter.reading.pipeline import outline_paths

    outlines = {o.title: o for o in outline_paths([SEED]).outlines}
    assert promises(outlines["县审计局2023年工作总结"])[0] == "坚持党对审计工作的集中统一领导"
    assert promises(outlines["市民政局2023年度行政执法工作总结"]) == [
        "加强学习，提高认识",
        "健全机制，提升能力",
        "做细普法，营造氛围",
    ]


def test_figures_and_comparison(audit_2023: Path) -> None:
    last = last_year_figures(read_last_year(audit_2023))
    (figure,) = figures("今年共安排审计项目60个。")
    options = candidates(figure, last)
    assert options[0].value == 54
    assert comparison(figure, options[0]).phrase == "（上年54个，同比增长11.1%）"


def test_skeleton_from_last_year(audit_2023: Path) -> None:
    from drafter.bank.templates import find_genre, load_registry, load_skeleton

    genre = find_genre("审计", load_registry(TEMPLATES))
    skeleton = skeleton_from_last_year(read_last_year(audit_2023), load_skeleton(TEMPLATES, genre))
    sections = skeleton.sections()
    assert [s.heading for s in sections] == [
        "树牢政治机关意识，全面落实党对审计工作的集中统一领导",
        "履行审计监督职能，服务经济社会高质量发展",
        "存在的问题",
        "下一步工作",
    ]
    assert [s.borrowed for s in sections] == [False, False, True, False]
    assert sections[1].example_children[0] == "聚焦主责主业，充分发挥审计监督职能"


def audit_figures() -> list:
    from drafter.bank.templates import find_genre, load_registry, load_skeleton

    return load_skeleton(TEMPLATES, find_genre("审计", load_registry(TEMPLATES))).figures


def test_wizard_from_last_year(tmp_path: Path, audit_2023: Path) -> None:
    keys = [
        ENTER,
        "全部办结" + ENTER,  # 1: 已完成
        DOWN + ENTER,
        "完成一半" + ENTER,  # 2: 部分完成
        DOWN * 2 + ENTER,
        ENTER,  # 3: 未开展
        ENTER,
        ENTER,  # 4: 已完成
        DOWN * 3 + ENTER,
        ENTER,  # 5: 不再适用
        "XX县审计局" + ENTER,  # basics: org,
        ENTER,  # year (last year's + 1),
        ENTER,  # date,
        ENTER,  # title
        ENTER,  # no length target
        *[ENTER] * len(audit_figures()),  # the figures page, skipped
        ENTER,
        ENTER,  # preamble: the first phrase (the opening true of 2024, its unit and year filled in), its text
        ENTER,
        ENTER,  # part one: keep, heading,
        ENTER,  # take last year's first promise as material
        "今年共安排审计项目60个。" + ENTER,
        ENTER,  # a figure; compare with last year's first candidate
    ]
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys) + ENTER * 60)
        pipe.close()  # running out of keys ends the prompt instead of waiting for ever
        result = run_wizard(
            QuestionaryPrompter(input=pipe, output=DummyOutput()),
            output=tmp_path / "2024.docx",
            templates_option=TEMPLATES,
            today=dt.date(2024, 12, 20),
            last_year=audit_2023,
        )
    answers = yaml.safe_load(result.answers.read_text(encoding="utf-8"))
    assert answers["genre"] == "审计" and answers["year"] == 2024 and answers["last_year"] == audit_2023.name
    assert [(c["status"], c["note"]) for c in answers["checklist"]] == [
        ("已完成", "全部办结"),
        ("部分完成", "完成一半"),
        ("未开展", ""),
        ("已完成", ""),
        ("不再适用", ""),
    ]
    sections = {s["heading"]: s["body"] for s in answers["sections"]}
    first = sections["树牢政治机关意识，全面落实党对审计工作的集中统一领导"]
    assert "今年共安排审计项目60个（上年54个，同比增长11.1%）。" in first
    achievements = first + sections["履行审计监督职能，服务经济社会高质量发展"]
    assert any(p.startswith("坚持党对审计工作的集中统一领导，全部办结") for p in achievements)
    assert any("取得阶段性进展，完成一半" in p for p in achievements)
    assert any(p.startswith("以强有力审计监督推动经济社会高质量发展尚未开展") for p in sections["存在的问题"])
    assert "下一步工作" in sections
    texts = [p.text for p in docx.Document(str(result.output)).paragraphs]
    assert texts[0] == "XX县审计局2024年工作总结"


def test_skeleton_from_last_year_command(tmp_path: Path, audit_2023: Path) -> None:
    from drafter.output.render.document import blank_skeleton

    out = blank_skeleton(
        None, tmp_path / "2024.md", templates_option=TEMPLATES, last_year=audit_2023, org="XX县审计局", year=2024
    )
    text = out.read_text(encoding="utf-8")
    assert text.split("---\n", 2)[2].lstrip().startswith("# XX县审计局2024年工作总结")
    assert "> □已完成 □部分完成 □未开展 □不再适用：坚持党对审计工作的集中统一领导" in text
    assert "## 二、履行审计监督职能，服务经济社会高质量发展" in text and "## 三、存在的问题" in text
