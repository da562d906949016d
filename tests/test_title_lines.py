"""A title too long for one line is broken where its parts meet (GB/T 9704-2012 7.3.1), by render and by format,
and read back as one title."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import run
from hypothesis import given
from hypothesis import strategies as st

from drafter.output.render.pages import TITLE_CHARS_PER_LINE, width
from drafter.output.render.title_lines import title_lines


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("青山县审计局2025年工作总结", ["青山县审计局2025年工作总结"]),
        ("青山县审计局2025年工作总结和2026年工作计划", ["青山县审计局2025年工作总结", "和2026年工作计划"]),
        ("县统计局二〇二五年度工作总结暨二〇二六年工作思路", ["县统计局二〇二五年度工作总结", "暨二〇二六年工作思路"]),
        (
            "青山县人民医院党委2025年度党风廉政建设和行风建设工作总结",
            ["青山县人民医院党委", "2025年度党风廉政建设和行风建设工作总结"],
        ),
        (
            "临江市人民政府办公室关于2025年度法治政府建设情况的报告",
            ["临江市人民政府办公室", "关于2025年度法治政府建设情况的报告"],
        ),
        (
            "中共青山县石桥镇委员会石桥镇人民政府2025年工作总结",
            ["中共青山县石桥镇委员会石桥镇人民政府", "2025年工作总结"],
        ),
        # No place where its parts meet keeps every line within the width: Word wraps it.
        (
            "关于印发全县优化营商环境工作要点的通知及其他若干事项的说明和补充材料汇编",
            ["关于印发全县优化营商环境工作要点的通知及其他若干事项的说明和补充材料汇编"],
        ),
    ],
)
def test_a_title_breaks_where_its_parts_meet(title: str, lines: list[str]) -> None:
    assert title_lines(title) == lines


@given(st.text(alphabet=st.sampled_from(list("县审计局和及关于年度工作总结计划2025二〇")), max_size=70))
def test_breaking_loses_nothing_and_every_line_fits(title: str) -> None:
    lines = title_lines(title)
    assert "".join(lines) == title
    if len(lines) > 1:
        assert all(width(line) <= TITLE_CHARS_PER_LINE and len(line) >= 4 for line in lines)


TITLE = "青山县审计局2025年工作总结和2026年工作计划"


def _outline_title(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The title `drafter outline --json` reads from a file."""
    import json

    code, output = run(["outline", str(path), "--json"], capsys)
    assert code == 0, output
    return json.loads(output)["documents"][0]["title"]


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        (TITLE, "青山县审计局2025年工作总结\n和2026年工作计划"),
        (
            "临江市人民政府办公室关于2025年度法治政府建设情况的报告",
            "临江市人民政府办公室\n关于2025年度法治政府建设情况的报告",
        ),
    ],
)
def test_render_breaks_the_title_and_outline_reads_it_whole(tmp_path: Path, capsys, title: str, shown: str) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        f"genre: 审计\norg: 青山县审计局\nyear: 2025\ntitle: {title}\n"
        "sections:\n- heading: 主要工作\n  body:\n  - 全年完成审计项目54个。\n",
        encoding="utf-8",
    )
    out = tmp_path / "a.docx"
    assert run(["render", str(answers), "-o", str(out)], capsys)[0] == 0
    assert docx.Document(str(out)).paragraphs[0].text == shown
    assert _outline_title(out, capsys) == title


def test_format_breaks_a_long_title_typed_in_one_paragraph(tmp_path: Path, capsys) -> None:
    source = tmp_path / "x.docx"
    document = docx.Document()
    for text in (TITLE, "一、主要工作", "全年完成审计项目54个，查出问题金额1.2亿元。"):
        document.add_paragraph(text)
    document.save(str(source))
    assert run(["format", str(source)], capsys)[0] == 0
    formatted = tmp_path / "x.公文格式.docx"
    assert docx.Document(str(formatted)).paragraphs[0].text == "青山县审计局2025年工作总结\n和2026年工作计划"
    assert _outline_title(formatted, capsys) == TITLE
    again = tmp_path / "again.docx"
    assert run(["format", str(formatted), "-o", str(again)], capsys)[0] == 0
    assert docx.Document(str(again)).paragraphs[0].text == "青山县审计局2025年工作总结\n和2026年工作计划"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["青山县审计局2025年工作总结", "和2026年工作计划"], TITLE),
        # An issuer alone above a 关于 line, in plain text, is the 版头 (7.2.2); in Word's title style, see below.
        (["临江市人民政府办公室", "关于2025年度法治政府建设情况的报告"], "关于2025年度法治政府建设情况的报告"),
        # A line under the title that is its date or a subtitle stays apart.
        (["青山县审计局2025年工作总结", "（2025年12月20日）"], "青山县审计局2025年工作总结"),
        (["在全县审计工作会议上的讲话", "——2025年1月10日"], "在全县审计工作会议上的讲话"),
    ],
)
def test_a_title_typed_in_two_lines_is_read_whole(tmp_path: Path, capsys, lines: list[str], title: str) -> None:
    path = tmp_path / "t.txt"
    path.write_text("\n".join([*lines, "一、主要工作", "全年完成审计项目54个。"]) + "\n", encoding="utf-8")
    assert _outline_title(path, capsys) == title
