"""The unit profile (drafter profile) and the unit's own phrase bank (storage, slotting, drafter mine --own)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SEED, run

from drafter.bank.own import load_own, own_bank_path, own_phrase, save_own, slot_paragraph
from drafter.errors import ConfigError, UsageError
from drafter.writing.profile import load_profile, profile_path, update_profile


def test_a_first_profile_is_empty_and_says_how_to_fill_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert load_profile().is_empty()
    code, said = run(["profile"], capsys)
    assert code == 0 and "还没有单位信息" in said and not profile_path().exists()


def test_profile_is_kept_and_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = tmp_path / "2023年总结.docx"
    shutil.copy(SEED, last)
    code, said = run(["profile", "--name", "青山县石桥镇", "--genre", "乡镇", "--last-report", str(last)], capsys)
    assert code == 0 and "青山县石桥镇" in said and "镇（由名称推出）" in said
    saved = yaml.safe_load(profile_path().read_text("utf-8"))
    assert saved == {"name": "青山县石桥镇", "genre": "乡镇综合", "last_report": str(last.resolve())}
    code, said = run(["profile", "--target", "限 4 页", "--signature", "中共青山县石桥镇委员会"], capsys)
    profile = load_profile()
    assert profile.target == "限 4 页" and profile.name == "青山县石桥镇", "an edit keeps the other fields"
    assert profile.kind_or_derived() == "镇"
    code, said = run(["profile", "--clear", "last_report"], capsys)
    assert load_profile().last_report is None and load_profile().signature == "中共青山县石桥镇委员会"
    update_profile(
        {"figures": {"完成审计计划项目（个）": 63, "审计查出主要问题金额（万元）": 13500}, "figures_year": 2026}
    )
    code, said = run(["profile"], capsys)
    lines = [line.strip() for line in said.splitlines()]
    assert (
        "2026年填的：" in said
        and "完成审计计划项目（个）：63" in lines
        and "审计查出主要问题金额（万元）：13500" in lines
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["profile", "--kind", "星球"], "单位类别“星球”不认识"),
        (["profile", "--target", "很长"], "--target 的值无效"),
        (["profile", "--genre", "火星"], "没有叫“火星”的文种"),
        (["profile", "--clear", "colour"], "--clear 的值无效"),
    ],
)
def test_profile_refuses_what_it_cannot_keep(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = run(args, capsys)
    assert code == 2 and message in said and not profile_path().exists()


def test_a_broken_profile_names_the_file_and_field() -> None:
    profile_path().parent.mkdir(parents=True, exist_ok=True)
    profile_path().write_text("name: 青山县审计局\ncolour: red\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="colour 是未知的键"):
        load_profile()
    with pytest.raises(UsageError):
        update_profile({"colour": "red"})


# --- the unit's own phrases ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "org", "slotted", "replaced"),
    [
        (
            "2024年，青山县审计局全年完成审计项目54个，查出问题金额1.2亿元。",
            "青山县审计局",
            "{年份}年，{单位}全年完成审计项目{数量}个，查出问题金额{金额}亿元。",
            [("2024", "年份"), ("青山县审计局", "单位"), ("54", "数量"), ("1.2", "金额")],
        ),
        (
            "石桥镇全年接待群众来访120人次，同比增长15%，印发《石桥镇信访工作办法》。",
            "青山县石桥镇",
            "{地名}全年接待群众来访{数量}人次，同比增长{百分比}，印发{文件}。",
            [("石桥镇", "地名"), ("120", "数量"), ("15%", "百分比"), ("《石桥镇信访工作办法》", "文件")],
        ),
        ("坚持以人民为中心的发展思想。", "青山县审计局", "坚持以人民为中心的发展思想。", []),
    ],
)
def test_a_paragraph_is_slotted_for_another_year(
    paragraph: str, org: str, slotted: str, replaced: list[tuple[str, str]]
) -> None:
    result = slot_paragraph(paragraph, org, 2024)
    assert result.text == slotted and result.replaced == replaced


def test_own_phrases_are_kept_once_newest_first() -> None:
    first = own_phrase("{单位}全年完成审计项目{数量}个。", "shenji", "result")
    second = own_phrase("审计整改率达{百分比}。", "shenji", "result")
    assert save_own([first]) == 1 and save_own([first, second]) == 1
    assert [p.text for p in load_own("shenji")] == [second.text, first.text]
    assert load_own("xiangzhen") == [] and all(p.origin == "own" for p in load_own())
    assert own_bank_path().read_text("utf-8").count("\n") == 2


def test_mining_the_units_folder_adds_to_the_same_bank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "往年总结"
    folder.mkdir()
    shutil.copy(SEED, folder / "汇编.txt")
    code, said = run(["mine", str(folder), "-o", str(tmp_path / "templates"), "--own"], capsys)
    assert code == 0 and "本单位常用语库新增" in said
    own = load_own("shenji")
    assert own and all(p.origin == "own" and p.status == "accepted" for p in own)
    saved = len(load_own())
    code, _ = run(["mine", str(folder), "-o", str(tmp_path / "templates"), "--own", "--force"], capsys)
    assert len(load_own()) == saved, "mining the same folder again adds nothing twice"
