"""Mining that works on anyone's archive: sentence roles, slotted entities, genres (registered and discovered),
skipped documents with reasons, skeletons and phrases another unit can use."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import TEMPLATES, run

from drafter.cli import main
from drafter.mining.genres import classify_title, load_genres
from drafter.mining.roles import role_of_heading
from drafter.mining.sentences import sentence_role
from drafter.mining.slots import phrase_text

DATA = Path(__file__).parent / "data"
DISCOVER = Path(__file__).parent / "corpora" / "discover"
# Words each seed genre's own report is full of; no other genre's skeleton may carry them.
HALLMARKS = {
    "行风建设": ("我院", "医务", "医德", "行风"),
    "审计": ("审计",),
    "统计人事": ("统计",),
    "危房改造": ("危房", "农房"),
    "提案办理": ("提案",),
    "行政执法": ("执法",),
    "城市更新": ("城市更新", "土地整备"),
    "教育均衡": ("学区",),
    "卫生应急": ("传染病",),
    "乡镇综合": ("全乡", "我乡"),
}
FALLBACK_ROLES = ("opening", "problem", "plan", "closing")


# --- a role for each sentence --------------------------------------------------------------


def labelled(name: str) -> list[tuple[str, str, str]]:
    """(role, section heading, sentence) rows of a hand-labelled set."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def section_of(heading: str) -> str:
    return {"<开头>": "opening", "<结尾>": "closing"}.get(heading) or role_of_heading(heading) or "measure"


@pytest.mark.parametrize(("name", "size"), [("roles.tsv", 260), ("roles-heldout.tsv", 97)])
def test_sentence_roles_on_hand_labelled_sets(name: str, size: int) -> None:
    rows = labelled(name)
    assert len(rows) == size
    predicted = [sentence_role(sentence, section_of(heading)) for _, heading, sentence in rows]  # type: ignore[arg-type]
    correct = sum(p == role for p, (role, _, _) in zip(predicted, rows, strict=True))
    assert correct / len(rows) >= 0.90
    for role in ("result", "measure", "plan", "problem"):
        said = [r for p, (r, _, _) in zip(predicted, rows, strict=True) if p == role]
        if said:  # precision per role: what the bank calls a result mostly is one
            assert Counter(said)[role] / len(said) >= 0.6, role


@pytest.mark.parametrize(
    ("sentence", "section", "role"),
    [
        ("全年完成审计项目54个，查出问题金额1.2亿元。", "measure", "result"),
        ("严格执行中央八项规定精神，紧抓重要节日节点。", "result", "measure"),
        ("力争明年实现全覆盖。", "measure", "plan"),
        ("干部队伍结构有待优化。", "measure", "problem"),
        ("补齐短板，强化弱项，推动工作提质增效。", "measure", "measure"),
        ("由于编制有限，人员长期不足。", "problem", "cause"),
        ("如，通过一对一帮扶为企业解决用地难题。", "measure", "case"),
        ("将补助款发放到真正困难的学生手中。", "measure", "measure"),
        ("今后，我们将继续努力，推动工作再上新台阶。", "closing", "closing"),
    ],
)
def test_sentence_role_cues(sentence: str, section: str, role: str) -> None:
    assert sentence_role(sentence, section) == role  # type: ignore[arg-type]


# --- phrases another unit can use ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 巡审联动项目 is a kind of project (a verb, 联动, ends any name before 项目), not a named one.
        ("将许岭镇财务收支审计列为巡审联动项目。", "将{地名}财务收支审计列为巡审联动项目。"),
        ("实施濉溪县城乡义务教育补助经费专项审计调查。", "实施{地名}城乡义务教育补助经费专项审计调查。"),
        ("在安徽省合肥市包河区开展试点。", "在{地名}开展试点。"),
        ("根据《关于加强审计整改的通知》（深坪督〔2023〕12号）文件精神。", "根据{文件}（{文号}）文件精神。"),
        ("通过学习《中华人民共和国审计法》提高依法审计意识。", "通过学习《中华人民共和国审计法》提高依法审计意识。"),
        ("落实“一月一回头、两月一起底、三月一报告”整改机制。", "落实{提法}整改机制。"),
        ("推行“3+1+1”工作法。", "推行{提法}工作法。"),
        ("深化“放管服”改革。", "深化“放管服”改革。"),
        ("2.完成年度审计计划任务。", "完成年度审计计划任务。"),
        ("为鑫诚新材料公司争取过桥资金。", "为{有关单位}争取过桥资金。"),
        ("与安徽华阳建筑有限公司签订廉洁协议。", "与{有关单位}签订廉洁协议。"),
        ("建立由钱某龙、席某等同志组成的讲师团。", "建立由{姓名}同志组成的讲师团。"),
        ("2023年，县审计局全面完成年度目标任务。", "{年份}年，{单位}全面完成年度目标任务。"),
        ("在全县范围内开展专项整治。", "在全县范围内开展专项整治。"),
        ("推进城乡一体化和乡村振兴。", "推进城乡一体化和乡村振兴。"),
        # The writer's own unit is {单位} (the wizard fills in the user's); any other unit is {有关单位}, and a
        # list of other units one {单位名单}: the user's own unit never lands among the units it audited.
        ("配合县财政局开展专项检查。", "配合{有关单位}开展专项检查。"),
        ("XX县审计局党组高度重视。", "{单位}党组高度重视。"),
        ("完成县商务局、县残联、XX县XX局等12个单位的审计。", "完成{单位名单}等{数量}个单位的审计。"),
        ("联合县纪委监委、县委组织部和县财政局开展督查。", "联合{单位名单}开展督查。"),
        ("深入医院、学校、企业开展宣传。", "深入医院、学校、企业开展宣传。"),
        ("站在新的起点，青山镇将在县委领导下奋力前行。", "站在新的起点，{地名}将在县委领导下奋力前行。"),
    ],
)
def test_named_things_become_slots(sentence: str, expected: str) -> None:
    result = phrase_text(sentence, 2023, "县审计局")
    assert result is not None and result[0] == expected


@pytest.mark.parametrize(
    "fragment",
    [
        "另一方面，统计局内部也没建立干部交流机制。",
        "同时，广泛收集会办单位办理情况。",
        "、烘干、加工、储存为一体的",
        "统计,人事工作有序开展。",
    ],
)
def test_fragments_are_not_phrases(fragment: str) -> None:
    assert phrase_text(fragment, 2023) is None


def test_years_follow_the_report() -> None:
    assert phrase_text("2024年工作计划", 2023) == ("{下一年份}年工作计划", ["下一年份"])
    assert phrase_text("2023年人事工作开展情况", 2023) == ("{年份}年人事工作开展情况", ["年份"])
    text, _ = phrase_text("实施2021至2022年补助资金审计。", 2023) or ("", [])
    assert text == "实施{往年}至{上一年份}年补助资金审计。"


# --- genres -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("XX县委2021年党史学习教育工作总结", "通用"),
        ("XX供电公司2022年疫情防控和保供电工作总结", "通用"),
        ("XX中学2024年教学工作总结", "通用"),
        ("XX街道2024年乡村振兴工作总结", "通用"),
        ("XX街道2024年工作总结", "乡镇综合"),
        ("XX县人民医院2024年医德医风建设工作总结", "行风建设"),
        ("区人力资源局关于2023年度区政协提案办理工作的总结", "提案办理"),
        ("镇2023均衡发展工作总结", "教育均衡"),
        ("县审计局2024年工作总结", "审计"),
    ],
)
def test_registered_keywords_need_word_boundaries(title: str, genre: str) -> None:
    assert classify_title(title, load_genres()) == genre


def test_a_title_without_a_genre_word_is_matched_on_its_headings() -> None:
    headings = ["强化预算执行审计", "推进经济责任审计", "存在的问题"]
    assert classify_title("2024年工作总结", load_genres(), None, headings) == "审计"
    assert classify_title("2024年工作总结", load_genres(), None, ["加强审计整改"]) == "通用"


@pytest.fixture(scope="module")
def discovered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("discover") / "templates"
    with pytest.MonkeyPatch.context() as patch:
        captured: list[str] = []
        patch.setattr("click.echo", lambda message="", **_: captured.append(str(message)))
        with pytest.raises(SystemExit):
            main(["mine", str(DISCOVER), "-o", str(out), "--json"])
    return out, json.loads(captured[0])


def test_mining_summaries_of_no_registered_genre(discovered: tuple[Path, dict]) -> None:
    out, report = discovered
    documents = {Path(d["source"]).stem: d for d in report["documents"]}
    assert len(documents) == len(list(DISCOVER.iterdir())) == 9
    skipped = {name: d["reason"] for name, d in documents.items() if d["status"] == "skipped"}
    assert skipped == {
        "关于做好2025年元旦春节期间安全生产工作的通知": "不是工作总结（通知）",
        "关于调整2025年度办公经费的申请": "不是工作总结（申请）",
    }
    genres = {name: d["genre"] for name, d in documents.items() if d["status"] == "mined"}
    assert genres == {
        "XX县第一中学2024年工作总结": "学校",
        "XX县实验小学2024年度工作总结": "学校",
        "XX镇中心小学2024年教学工作总结": "学校",
        "XX县人民医院2024年工作总结": "医院",
        "XX镇卫生院2024年度工作总结": "医院",
        "XX电力有限公司2024年工作总结": "企业",
        "XX建设集团2024年度工作总结": "企业",
    }
    found = {g["name"]: g for g in report["genres"] if g["discovered"]}
    assert {name: g["documents"] for name, g in found.items()} == {"学校": 3, "医院": 2, "企业": 2}
    registry = (out / "genres.yaml").read_text(encoding="utf-8")
    assert registry.count("\n  discovered: true") == 3 and "id: xuexiao" in registry
    assert report["phrases"] > 100


def test_discovered_genre_is_usable_at_once(discovered: tuple[Path, dict], capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = discovered
    code, output = run(["phrases", "学校", "--role", "problem", "--templates", str(out), "--json"], capsys)
    problems = json.loads(output)["phrases"]
    assert code == 0 and len(problems) >= 3 and not any(p["borrowed"] for p in problems[:3])
    assert any("教师" in p["text"] for p in problems)
    # What it borrows is drafter's own register for schools, never another kind of unit's words.
    borrowed = [p["text"] for p in problems if p["borrowed"]]
    assert any("教学" in text for text in borrowed) and not any("医疗" in t or "辖区" in t for t in borrowed)


def test_discovered_genres_persist_when_renamed(discovered: tuple[Path, dict], tmp_path: Path) -> None:
    from drafter.mining.run import mine

    out, _ = discovered
    registry = (out / "genres.yaml").read_text(encoding="utf-8").replace("name: 学校", "name: 中小学校")
    (tmp_path / "genres.yaml").write_text(registry, encoding="utf-8")
    summary = mine([DISCOVER], tmp_path / "again", registry=tmp_path / "genres.yaml")
    assert {r.genre for r in summary.records if "小学" in r.source or "中学" in r.source} == {"中小学校"}


def test_include_all_mines_the_notice_too(tmp_path: Path) -> None:
    from drafter.mining.run import mine

    summary = mine([DISCOVER], tmp_path / "t", include_all=True)
    assert all(r.status == "mined" for r in summary.records)


# --- skeletons and phrases for every genre -------------------------------------------------------


def genre_rows() -> list[dict]:
    from drafter.bank.listing import genre_rows as rows

    return rows(TEMPLATES)


@pytest.mark.parametrize("genre", [row["name"] for row in genre_rows()])
def test_skeleton_for_2025_carries_nothing_of_other_genres(
    genre: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.md"
    code, _ = run(["skeleton", genre, "--year", "2025", "-o", str(out), "--templates", str(TEMPLATES)], capsys)
    assert code == 0
    text = re.sub(r"《[^》]*》", "", out.read_text(encoding="utf-8"))
    for other, words in HALLMARKS.items():
        if other != genre:
            assert not [w for w in words if w in text], (other, [w for w in words if w in text])
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert not [h for h in headings if any(int(y) < 2025 for y in re.findall(r"(?:19|20)\d{2}", h))]
    assert "新时代中国特色社会主义思想" not in text.replace("习近平新时代中国特色社会主义思想", "")


@pytest.mark.parametrize("genre", [row["name"] for row in genre_rows()])
@pytest.mark.parametrize("role", FALLBACK_ROLES)
def test_every_genre_offers_three_phrases(genre: str, role: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(["phrases", genre, "--role", role, "--json", "--templates", str(TEMPLATES)], capsys)
    phrases = json.loads(output)["phrases"]
    assert code == 0 and len(phrases) >= 3
    tiers = [p["tier"] for p in phrases]
    assert tiers == sorted(tiers, key=lambda t: t != "常用语"), "常用语 come first, 范例 after"
    for tier in ("常用语", "范例"):
        of_tier = [p for p in phrases if p["tier"] == tier]
        own = [p for p in of_tier if not p["borrowed"]]
        assert of_tier[: len(own)] == own, "within a tier the genre's own phrases come first, borrowed ones after"
    text = "".join(p["text"] for p in phrases)
    for other, words in HALLMARKS.items():
        if other != genre:
            assert not [w for w in words if w in text], (other, [w for w in words if w in text])


def test_no_truncated_canonical_expression_anywhere_in_the_templates() -> None:
    for path in TEMPLATES.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "新时代中国特色社会主义思想" not in text.replace("习近平新时代中国特色社会主义思想", ""), path
            assert not re.search(r"(?<!总书记)关于[^，。；]{1,20}重要指示批示", text.replace("习近平总书记关于", "")), (
                path
            )


def test_phrases_seen_once_say_where(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(["phrases", "审计", "--role", "plan", "--templates", str(TEMPLATES)], capsys)
    assert code == 0 and "仅见于《县审计局2023年工作总结》" in re.sub(r"[\s│]", "", output)
