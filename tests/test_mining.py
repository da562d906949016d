"""Mining: roles per seed document, skeletons, phrase banks, determinism, reviews, commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEED, TEMPLATES
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from drafter.bank.catalog import select_phrases
from drafter.bank.phrasebook import review_pass
from drafter.bank.review import questionary_asker
from drafter.bank.store import load_yaml_model
from drafter.bank.templates import find_genre, load_registry, load_reviews
from drafter.cli import main
from drafter.errors import UsageError
from drafter.mining.extract import mine_document, title_pattern
from drafter.mining.reduce import phrase_id
from drafter.mining.roles import section_roles
from drafter.mining.run import mine
from drafter.mining.slots import slot_text
from drafter.models import Skeleton
from drafter.reading.pipeline import outline_paths
from drafter.reading.titles import title_facts


@pytest.fixture(scope="module")
def seed_outlines():
    return {o.title: o for o in outline_paths([SEED]).outlines}


@pytest.fixture
def mined(tmp_path: Path) -> Path:
    """A fresh templates directory mined from the seed."""
    out = tmp_path / "templates"
    mine([SEED], out)
    return out


@pytest.mark.parametrize(
    ("title", "roles"),
    [
        ("2023年行风建设工作总结", ["measure", "measure", "measure", "measure"]),
        ("XX乡2023年工作总结", ["measure"] * 6),
        ("县融媒体中心2023年工作总结", ["measure"] * 3),
        ("区城市更新和土地整备局2023年工作总结", ["result"]),
        ("区人力资源局关于2023年度区政协提案办理工作的总结", ["result", "measure", "case"]),
        ("市民政局2023年度行政执法工作总结", ["result", "problem", "plan"]),
        ("市统计局2023年人事工作总结", ["result", "problem", "plan"]),
        ("市卫健委2023年突发公共卫生事件工作总结", ["measure"] * 4),
        ("县审计局2023年工作总结", ["measure", "measure", "plan"]),
        ("县住建局2023年度农村危房改造工作总结", ["measure"] * 5),
        ("镇2023均衡发展工作总结", ["result", "measure", "measure"]),
    ],
)
def test_section_roles_per_seed_document(seed_outlines, title: str, roles: list[str]) -> None:
    assert section_roles([s.heading for s in seed_outlines[title].sections]) == roles


def test_preamble_and_closing_are_parts(seed_outlines) -> None:
    outline = seed_outlines["2023年行风建设工作总结"]
    parts = mine_document(outline, title_facts(outline.title, outline.org)).parts
    assert parts[0].role == "opening" and parts[-1].role == "closing"


@pytest.mark.parametrize(
    ("title", "pattern"),
    [
        ("县审计局2023年工作总结", "{单位}{年份}年工作总结"),
        ("2023年行风建设工作总结", "{单位}{年份}年行风建设工作总结"),
        ("区人力资源局关于2023年度区政协提案办理工作的总结", "{单位}关于{年份}年度区政协提案办理工作的总结"),
        # A title writes its year 2023年; one that dropped the 年 does not pass the slip on to every title drafter makes.
        ("镇2023均衡发展工作总结", "{单位}{年份}年均衡发展工作总结"),
        ("县统计局2023年度工作总结", "{单位}{年份}年度工作总结"),
        ("2021-2025年发展规划执行情况总结", "{单位}{年份}-2025年发展规划执行情况总结"),
    ],
)
def test_title_pattern(title: str, pattern: str) -> None:
    assert title_pattern(title) == pattern


@pytest.mark.parametrize(
    ("text", "slotted", "slots"),
    [
        ("满意率为100%", "满意率为{百分比}", ["百分比"]),
        ("查出问题金额XX万元", "查出问题金额{金额}万元", ["金额"]),
        ("2023年，XX县审计局坚持", "{年份}年，{单位}坚持", ["年份", "单位"]),
        ("发展5名35岁以下党员", "发展{数量1}名{数量2}岁以下党员", ["数量1", "数量2"]),
        ("自建房XX栋", "自建房{数量}栋", ["数量"]),
        ("在XX乡开展", "在{地名}开展", ["地名"]),
        ("XX委员的提案", "{名称}委员的提案", ["名称"]),
        ("截至10月31日", "截至{日期}", ["日期"]),
    ],
)
def test_slots(text: str, slotted: str, slots: list[str]) -> None:
    assert slot_text(text) == (slotted, slots)


def test_audit_skeleton_borrows_the_problem_section(mined: Path) -> None:
    skeleton = load_yaml_model(mined / "skeletons" / "shenji.yaml", Skeleton)
    roles = [(p.role, p.borrowed) for p in skeleton.parts]
    assert ("problem", True) in roles and ("plan", False) in roles
    assert [r for r, _ in roles].index("problem") < [r for r, _ in roles].index("plan")
    assert skeleton.title_pattern == "{单位}{年份}年工作总结"
    plan = next(p for p in skeleton.parts if p.role == "plan")
    assert plan.heading == "下一步工作" and plan.guidance.subheadings == 5
    assert plan.provenance[0].title == "县审计局2023年工作总结"


def test_general_skeleton_order(mined: Path) -> None:
    skeleton = load_yaml_model(mined / "skeletons" / "tongyong.yaml", Skeleton)
    assert [p.role for p in skeleton.parts] == ["opening", "measure", "problem", "plan", "closing"]
    assert [p.heading for p in skeleton.sections()] == ["主要工作及成效", "存在的问题", "下一步工作计划"]
    assert skeleton.documents == 11
    assert "当前工作还存在问题" in skeleton.parts[2].alternatives
    assert skeleton.parts[3].guidance.enumerates


def mined_files_of(directory: Path) -> dict[str, bytes]:
    """Every file mining writes in a templates directory (no lock files, no local reviews)."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock") and p.name != "reviews.yaml"
    }


def test_mining_is_deterministic_and_committed_templates_are_current(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    mine([ROOT / "corpus"], first)
    mine([ROOT / "corpus"], second, jobs=2)
    written = mined_files_of(first)
    assert written == mined_files_of(second)
    committed = mined_files_of(TEMPLATES)
    assert set(written) == set(committed)
    for relative, data in written.items():
        assert data == committed[relative], f"templates/{relative} is stale: run `drafter mine corpus -o templates`"


def test_no_noise_reaches_templates() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (TEMPLATES / "phrases").glob("*.jsonl"))
    text += "\n".join(p.read_text(encoding="utf-8") for p in (TEMPLATES / "skeletons").glob("*.yaml"))
    for noise in ("D员", "D建", "D的", "AAA", "##paid", "素材库", "哒哒", "代笔", "客服"):
        assert noise not in text, noise


def test_phrase_bank_contents(mined: Path) -> None:
    phrases = select_phrases(mined, None, None, None)
    roles = {p.role for p in phrases}
    assert {"opening", "measure", "problem", "plan", "closing", "heading", "set_phrase", "opener"} <= roles
    set_phrases = {p.text for p in phrases if p.role == "set_phrase"}
    assert "踔厉奋发、笃行不怠，乘势而上、奋勇争先" in set_phrases
    headings = {p.text for p in phrases if p.role == "heading" and p.genre == "xiangzhen"}
    assert "聚焦引领、齐抓共管，全力筑牢党的建设根基" in headings
    for phrase in phrases:
        assert phrase.id == phrase_id(phrase.origin if phrase.borrowed else phrase.genre, phrase.role, phrase.text)
        assert phrase.count >= len({(s.title, s.paragraph) for s in phrase.sources}) >= (0 if phrase.borrowed else 1)


def test_near_duplicates_merge(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        text.replace("不断强化行风廉政建设工作", "不断强化行风廉政建设各项工作"), encoding="utf-8"
    )
    mine([tmp_path], tmp_path / "out")
    phrases = select_phrases(tmp_path / "out", "行风建设", "opening", "行风廉政建设")
    assert len(phrases) == 1 and phrases[0].count == 2


def test_reviews_survive_remining(mined: Path) -> None:
    phrase = select_phrases(mined, "审计", "opening", None)[0]
    with pytest.raises(SystemExit) as exit_info:
        main(["phrases", "accept", phrase.id, "--shared", "--templates", str(mined)])
    assert exit_info.value.code == 0
    reviews_before = (mined / "reviews.yaml").read_bytes()
    mine([SEED], mined)
    assert (mined / "reviews.yaml").read_bytes() == reviews_before
    assert select_phrases(mined, "审计", "opening", None)[0].status == "accepted"


def test_review_pass_through_real_prompts(mined: Path) -> None:
    phrases = select_phrases(mined, "审计", "opener", None)
    down, enter = "\x1b[B", "\r"
    # 接受, 拒绝, 修改文字, 改为范例/常用语, 跳过, 退出
    keys = enter + down + enter + down * 2 + enter + "\x15改好的{数量}句子" + enter + down * 5 + enter
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        counts = review_pass(mined, phrases, questionary_asker(input=pipe, output=DummyOutput()))
    assert counts == {"accept": 1, "reject": 1, "edit": 1, "tier": 0, "skip": 0}
    reviews = load_reviews(mined).reviews
    assert [reviews[p.id].status for p in phrases[:3]] == ["accepted", "rejected", "edited"]
    edited = next(p for p in select_phrases(mined, "审计", "opener", None) if p.id == phrases[2].id)
    assert edited.text == "改好的{数量}句子" and edited.slots == ["数量"] and edited.status == "edited"


@pytest.mark.parametrize(("query", "genre_id"), [("审计", "shenji"), ("shenji", "shenji"), ("人事", "renshi")])
def test_find_genre(query: str, genre_id: str) -> None:
    assert find_genre(query, load_registry(TEMPLATES)).id == genre_id


@pytest.mark.parametrize(("query", "message"), [("行", "可以指"), ("火星", "没有叫")])
def test_find_genre_errors_list_genres(query: str, message: str) -> None:
    with pytest.raises(UsageError) as error:
        find_genre(query, load_registry(TEMPLATES))
    assert message in error.value.message and "审计（shenji）" in error.value.message


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_genres_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["genres", "--json", "--templates", str(TEMPLATES)], capsys)
    genres = json.loads(out)["genres"]
    assert code == 0 and len(genres) == 12
    assert all(set(g) == {"id", "name", "documents", "sections", "phrases"} for g in genres)
    assert next(g for g in genres if g["id"] == "tongyong")["documents"] == 11


def test_phrases_json_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["phrases", "审计", "--role", "opener", "--search", "审计", "--json", "--templates", str(TEMPLATES)], capsys
    )
    phrases = json.loads(out)["phrases"]
    assert code == 0 and phrases
    for phrase in phrases:
        assert set(phrase) == {
            *("id", "text", "genre", "role", "tier", "slots", "sources", "count", "status"),
            *("documents", "units", "borrowed", "origin", "year", "seen_only_in"),
        }
        assert phrase["genre"] == "shenji" and phrase["role"] == "opener" and "审计" in phrase["text"]


def test_phrase_export_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "bank.md"
    code, _, _ = run(["phrases", "审计", "-o", str(target), "--templates", str(TEMPLATES)], capsys)
    assert (
        code == 0
        and "## 审计" in target.read_text(encoding="utf-8")
        and "### 开头导语" in target.read_text(encoding="utf-8")
    )
    code, _, err = run(["phrases", "审计", "-o", str(target), "--templates", str(TEMPLATES)], capsys)
    assert code == 1 and "已经存在" in err and "--force" in err
    docx_target = tmp_path / "bank.docx"
    code, _, _ = run(["phrases", "--format", "docx", "-o", str(docx_target), "--templates", str(TEMPLATES)], capsys)
    import docx

    headings = [p.text for p in docx.Document(str(docx_target)).paragraphs if p.style.name.startswith("Heading")]
    assert code == 0 and "审计" in headings and "开头导语" in headings


def test_accept_unknown_id_is_an_error(mined: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["phrases", "accept", "pnothere", "--templates", str(mined)], capsys)
    assert code == 1 and "pnothere" in err


def test_mine_refuses_the_package_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import drafter

    code, _, err = run(["mine", str(SEED), "-o", str(Path(drafter.__file__).parent / "templates")], capsys)
    assert code == 2 and "安装目录" in err


def test_a_summary_of_no_registered_genre_is_mined_into_the_general_bank(tmp_path: Path) -> None:
    report = (
        "XX公司2023年工作总结\n"
        "2023年，公司坚持以习近平新时代中国特色社会主义思想为指导，围绕年度目标任务，扎实推进各项工作。\n"
        "一、主要工作\n全年完成营业收入12亿元，同比增长8%。加强安全生产管理，全年未发生安全事故。\n"
        "二、存在问题\n市场开拓能力还不够强，人才队伍结构有待优化，科技创新投入不足，精细化管理水平还需提升。\n"
        "三、下一步工作计划\n进一步加强市场开拓，持续优化人才队伍结构，加大科技创新投入，推动公司高质量发展。\n"
        "今后，公司将坚定信心、真抓实干，奋力完成全年各项目标任务，以优异成绩回报社会。\n"
    )
    (tmp_path / "x.txt").write_text(report, encoding="utf-8")
    summary = mine([tmp_path / "x.txt"], tmp_path / "out")
    (record,) = summary.records
    assert record.status == "mined" and record.genre == "通用"
    general = select_phrases(tmp_path / "out", "通用", None, None)
    assert any("营业收入" in p.text for p in general) and any(not p.borrowed for p in general)


def test_jobs_do_not_change_the_templates_across_many_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import drafter.mining.run as run_module

    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).parent / "corpora" / "discover", corpus)
    shutil.copy(SEED, corpus / "seed.txt")
    monkeypatch.setattr(run_module, "CHUNK_FILES", 2)  # five chunks: merged in order whatever the workers do
    mine([corpus], tmp_path / "one", jobs=1)
    mine([corpus], tmp_path / "two", jobs=2)
    assert mined_files_of(tmp_path / "one") == mined_files_of(tmp_path / "two")


def test_without_jobs_mining_uses_every_core_and_mines_alone_where_no_pool_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.context

    import drafter.mining.run as run_module

    monkeypatch.setattr(run_module.os, "sched_getaffinity", lambda pid: set(range(32)), raising=False)
    assert run_module.default_jobs() == run_module.MAX_DEFAULT_JOBS  # capped
    monkeypatch.setattr(run_module.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert run_module.default_jobs() == 2
    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).parent / "corpora" / "discover", corpus)
    monkeypatch.setattr(run_module, "CHUNK_FILES", 2)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")  # a sandbox without POSIX semaphores

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", no_pool)
    mine([corpus], tmp_path / "alone")  # no --jobs, and no pool: mined in this process
    mine([corpus], tmp_path / "one", jobs=1)
    assert mined_files_of(tmp_path / "alone") == mined_files_of(tmp_path / "one")


def test_several_compilations_in_one_file_are_each_split_from_their_own_contents(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    first = text.replace("2023年度工作总结汇编（11篇）", "第一辑")
    second = text.replace("2023年度工作总结汇编（11篇）", "第二辑").replace("2023", "2024")
    (tmp_path / "two.txt").write_text(first + "\n\n" + second, encoding="utf-8")
    outlines = outline_paths([tmp_path / "two.txt"]).outlines
    assert len(outlines) == 22
    assert [o.title for o in outlines[:11]] == [o.title for o in outline_paths([SEED]).outlines]
    assert all("2024" in o.title for o in outlines[11:]) and all("2023" in o.title for o in outlines[:11])
    assert not any("第二辑" in (o.closing or "") + "".join(h.text for h in o.headings()) for o in outlines)


@pytest.mark.parametrize("jobs", [1, 2])
def test_copies_found_while_the_chunks_are_handed_out_are_listed_first_and_never_surveyed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    import drafter.mining.run as run_module

    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).parent / "corpora" / "discover", corpus)
    originals = sorted(corpus.iterdir())
    for index, original in enumerate(originals[:3]):  # copies sorting after their originals, in later chunks
        shutil.copy(original, corpus / f"zz-copy-{index}{original.suffix}")
    surveyed: list[str] = []
    survey = run_module.survey_chunk

    def recording(paths: list[Path], *args: object) -> object:
        surveyed.extend(p.name for p in paths)
        return survey(paths, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "CHUNK_FILES", 2)
    monkeypatch.setattr(run_module, "survey_chunk", recording)
    summary = mine([corpus], tmp_path / "out", jobs=jobs)
    copies = [r for r in summary.records if "完全相同" in (r.reason or "")]
    assert [Path(r.source).name for r in copies] == ["zz-copy-0.txt", "zz-copy-1.txt", "zz-copy-2.txt"]
    assert summary.records[: len(copies)] == copies  # first, in file order
    assert copies[0].reason == f"与 {originals[0]} 完全相同"
    if jobs == 1:  # in this process: what was surveyed is seen
        assert not any(name.startswith("zz-copy") for name in surveyed)
    every_byte = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
    assert summary.megabytes == pytest.approx(every_byte) and summary.files == len(originals)


def test_a_long_list_of_skipped_documents_is_cut_and_the_rest_counted_by_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.show import SKIPPED_LISTED, print_mine_summary

    monkeypatch.setenv("COLUMNS", "400")  # one line a message

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "a.txt")
    for index in range(SKIPPED_LISTED + 5):
        shutil.copy(SEED, corpus / f"b{index:02d}.txt")
    (corpus / "short.txt").write_text("关于召开会议的通知\n请准时参加。\n", encoding="utf-8")
    summary = mine([corpus], tmp_path / "out")
    print_mine_summary(summary)
    shown = capsys.readouterr().out
    assert f"未提炼的文稿（{SKIPPED_LISTED + 6} 篇" in shown
    assert "b24.txt" not in shown and "b00.txt" in shown
    assert "另有 6 篇未列出（与另一个文件完全相同 5 篇，不是工作总结 1 篇）；完整清单请加 --json。" in shown


@pytest.mark.parametrize(
    ("source", "reason", "kind"),
    [
        ("/a/c.txt", "与 /a/b.txt 完全相同", "与另一个文件完全相同"),
        ("/a/c.txt", "与《2024年审计工作总结》内容相同", "与另一篇内容相同"),
        ("/a/c.txt", "太短（80 字）", "太短"),
        ("/a/c.txt", "不是工作总结（通知）", "不是工作总结"),
        ("/a/q.doc", "无法读取 /a/q.doc：LibreOffice 没能把它转换成 .docx（文件可能已损坏）。", "无法读取"),
        ("/a/e.txt", "文件 /a/e.txt 是空的，没有可读取的内容。请确认选对了文件。", "文件是空的"),
        ("/a/p.pdf", "读取 /a/p.pdf 超过 60 秒仍未读完，已停止（读取一个 PDF 的时间上限）。", "读取超过 60 秒仍未读完"),
        ("/a/x.txt", "", "其他"),
    ],
)
def test_a_skip_reason_is_counted_without_what_names_one_document(source: str, reason: str, kind: str) -> None:
    from drafter.mining.run import DocumentRecord
    from drafter.show import unlisted_skipped

    assert (
        unlisted_skipped([DocumentRecord(source, None, "skipped", reason)])
        == f"另有 1 篇未列出（{kind} 1 篇）；完整清单请加 --json。"
    )
