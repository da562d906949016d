"""Reading documents in the wild: .doc, .wps and .pdf, Markdown and Word as people really write them,
title blocks, 红头 files whose line breaks were lost, a folder that mixes every format."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import ROOT
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from drafter.cli import main
from drafter.reading.pipeline import outline_paths, outline_text

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: .ci/run installs it")
AUDIT = """genre: 审计
org: XX县审计局
year: 2024
date: 2024-12-20
preamble: 2024年，XX县审计局坚持以习近平新时代中国特色社会主义思想为指导，聚焦主责主业，依法全面履行审计监督职责，各项工作取得新的进展。现将有关情况总结如下：
sections:
  - heading: 主要工作及成效
    body: [全年共完成审计项目54个，查出问题金额1.2亿元，推动整改落实资金8600万元，审计监督质效持续提升。]
    children:
      - heading: 聚焦财政资金使用效益，强化预算执行审计
        body: [开展县本级预算执行和其他财政收支情况审计，重点关注一般公共预算和政府性基金预算执行情况，共发现问题23个，提出审计建议15条，推动完善制度8项，促进财政资金规范高效使用。]
        children:
          - heading: 强化绩效导向
            body: [将绩效理念贯穿审计全过程，对12个部门开展绩效评价，涉及资金3.2亿元。]
          - heading: 推动问题整改
            body: [建立审计整改台账，实行销号管理，整改完成率达到95%。]
      - heading: 围绕中心工作，完成县领导交办任务
        body: [按照县委县政府工作部署，完成交办事项8项，形成审计专报5篇，其中3篇获县领导批示。]
  - heading: 存在的问题
    body: [审计人员力量不足，专业结构还不够合理，大数据审计能力有待加强，审计整改跟踪还不够到位。]
  - heading: 下一步工作计划
    body: [一是持续加强队伍建设；二是深化研究型审计；三是推动审计整改落实；四是提升审计信息化水平。]
"""
EXPECTED = [
    (1, "一", "主要工作及成效"),
    (2, "一", "聚焦财政资金使用效益，强化预算执行审计"),
    (3, "1", "强化绩效导向"),
    (3, "2", "推动问题整改"),
    (2, "二", "围绕中心工作，完成县领导交办任务"),
    (1, "二", "存在的问题"),
    (1, "三", "下一步工作计划"),
]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return int(exit_info.value.code or 0), out, err


def tree(outline) -> list[tuple[int, str, str]]:
    return [(h.depth, h.number, h.text) for h in outline.headings()]


def only(path: Path):
    result = outline_paths([path])
    assert not result.failures, [f.message for f in result.failures]
    (outline,) = result.outlines
    return outline


def office(source: Path, to: str, out_dir: Path) -> Path:
    """Convert a file with LibreOffice (own profile), return the converted file."""
    profile = out_dir / ".profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out_dir),
            str(source),
        ],  # type: ignore[list-item]
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / f"{source.stem}.{to.split(':')[0]}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A GB/T 9704 draft rendered by drafter."""
    folder = tmp_path_factory.mktemp("rendered")
    (folder / "a.yaml").write_text(AUDIT, encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["render", str(folder / "a.yaml"), "-o", str(folder / "draft.docx")])
    return folder / "draft.docx"


# --- formats ---------------------------------------------------------------------------------


@needs_office
@pytest.mark.parametrize("suffix", ["doc", "wps"])
def test_doc_and_wps_are_read_through_libreoffice(rendered: Path, tmp_path: Path, suffix: str) -> None:
    doc = office(rendered, "doc:MS Word 97", tmp_path)
    target = doc.with_suffix(f".{suffix}")
    doc.rename(target)  # a Kingsoft .wps is a Word 97 binary file under another name
    outline = only(target)
    assert outline.title == "XX县审计局2024年工作总结" and tree(outline) == EXPECTED
    assert outline.date == "2024-12-20" and outline.source == str(target)


@needs_office
def test_a_folder_of_old_files_is_converted_in_one_run(rendered: Path, tmp_path: Path, monkeypatch) -> None:
    import drafter.reading.convert as convert

    doc = office(rendered, "doc:MS Word 97", tmp_path)
    folder = tmp_path / "old"
    folder.mkdir()
    for name in ("a.doc", "b.doc", "c.wps"):
        shutil.copy(doc, folder / name)
    calls = []
    real = convert.run_helper

    def counted(command, **options):
        calls.append(command)
        return real(command, **options)

    monkeypatch.setattr(convert, "run_helper", counted)
    result = outline_paths([folder])
    assert len(result.outlines) == 3 and not result.failures
    assert len(calls) == 1, "one LibreOffice run for the whole folder"


def test_without_libreoffice_the_message_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    import drafter.reading.convert as convert

    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    (tmp_path / "old.wps").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    result = outline_paths([tmp_path / "old.wps"])
    (failure,) = result.failures
    assert "LibreOffice" in failure.message and "另存为 .docx" in failure.message and "WPS" in failure.message


@needs_office
def test_pdf_of_a_rendered_draft(rendered: Path, tmp_path: Path) -> None:
    outline = only(office(rendered, "pdf", tmp_path))
    assert outline.title == "XX县审计局2024年工作总结" and tree(outline) == EXPECTED
    assert outline.org == "XX县审计局" and outline.date == "2024-12-20"
    text = json.dumps(outline.model_dump(), ensure_ascii=False)
    assert "— 1 —" not in text and "— 2 —" not in text, "page numbers are dropped"
    assert outline.preamble and outline.preamble.endswith("现将有关情况总结如下：")
    assert "全年共完成审计项目54个" in outline.sections[0].body[0], "paragraphs rebuilt across lines"


def long_report(document, heads: int = 4) -> None:
    """A report of several pages: headings and long paragraphs."""
    document.add_paragraph("县统计局2024年工作总结")
    sentence = (
        "坚持以习近平新时代中国特色社会主义思想为指导，扎实推进统计工作，统计数据质量稳步提升，统计服务能力不断增强。"
    )
    for number, name in enumerate(["一", "二", "三", "四"][:heads], start=1):
        document.add_paragraph(f"{name}、第{number}方面的主要工作")
        for _ in range(3):
            document.add_paragraph(sentence * 3)


@needs_office
def test_pdf_running_header_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "县统计局内部资料"
    document.sections[0].footer.paragraphs[0].text = "第1页 共9页"
    long_report(document)
    document.save(str(tmp_path / "headed.docx"))
    outline = only(office(tmp_path / "headed.docx", "pdf", tmp_path))
    assert [h.text for h in outline.headings()] == [f"第{n}方面的主要工作" for n in range(1, 5)]
    text = json.dumps(outline.model_dump(), ensure_ascii=False)
    assert "县统计局内部资料" not in text and "共9页" not in text


@needs_office
def test_pdf_table_of_contents_is_not_a_second_copy(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("目录")
    for number, name in enumerate(["一", "二", "三", "四"], start=1):
        document.add_paragraph(f"{name}、第{number}方面的主要工作……………………{number + 1}")
    document.add_page_break()
    long_report(document)
    document.save(str(tmp_path / "toc.docx"))
    outline = only(office(tmp_path / "toc.docx", "pdf", tmp_path))
    assert outline.title == "县统计局2024年工作总结"
    assert [h.text for h in outline.headings()] == [f"第{n}方面的主要工作" for n in range(1, 5)]


@needs_office
def test_pdf_in_two_columns_is_read_column_by_column(tmp_path: Path) -> None:
    document = docx.Document()
    long_report(document, heads=2)
    columns = parse_xml(f'<w:cols {nsdecls("w")} w:num="2" w:space="720"/>')
    document.sections[0]._sectPr.append(columns)
    document.save(str(tmp_path / "columns.docx"))
    outline = only(office(tmp_path / "columns.docx", "pdf", tmp_path))
    assert [h.text for h in outline.headings()] == ["第1方面的主要工作", "第2方面的主要工作"]
    assert all("坚持以习近平新时代中国特色社会主义思想为指导" in body for s in outline.sections for body in s.body)


def test_scanned_pdf_gets_a_message(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (600, 800), "white").save(tmp_path / "scan.pdf")
    (failure,) = outline_paths([tmp_path / "scan.pdf"]).failures
    assert "扫描件" in failure.message and "OCR" in failure.message


# --- Markdown and Word as people write them -------------------------------------------------------------


def test_markdown_as_people_write_it(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "#县审计局2024年工作总结\n\n2024年，我局依法审计。\n\n##一、主要工作\n\n完成项目54个。\n\n"
        "```\n# 这是代码块里的注释，不是标题\n```\n\n## 二、存在问题\n\n力量不足。\n\n### （一）人员不足\n\n缺人。\n",
        encoding="utf-8",
    )
    outline = only(path)
    assert outline.title == "县审计局2024年工作总结"
    assert tree(outline) == [(1, "一", "主要工作"), (1, "二", "存在问题"), (2, "一", "人员不足")]
    assert "# 这是代码块里的注释，不是标题" in outline.sections[0].body


def word_file(tmp_path: Path, build) -> Path:
    document = docx.Document()
    build(document)
    path = tmp_path / "w.docx"
    document.save(str(path))
    return path


def test_docx_headings_in_one_paragraph(tmp_path: Path) -> None:
    def build(document) -> None:
        document.add_paragraph("县审计局2024年工作总结")
        first = document.add_paragraph("一、主要工作")
        first.add_run().add_break(WD_BREAK.LINE)
        first.add_run("（一）预算执行审计")
        document.add_paragraph("全年完成项目54个。")
        document.add_paragraph("二、存在问题  三、下一步计划")
        document.add_paragraph("加强队伍建设。")

    outline = only(word_file(tmp_path, build))
    assert tree(outline) == [
        (1, "一", "主要工作"),
        (2, "一", "预算执行审计"),
        (1, "二", "存在问题"),
        (1, "三", "下一步计划"),
    ]


def test_docx_heading_styles_used_loosely(tmp_path: Path) -> None:
    def build(document) -> None:
        document.add_paragraph("县审计局2024年工作总结", style="Title")
        document.add_paragraph("主要工作", style="Heading 2")  # should have been Heading 1
        document.add_paragraph("完成项目54个。")
        document.add_paragraph("存在问题", style="Heading 1")
        document.add_paragraph("力量不足。")
        document.add_paragraph("人员不足", style="Heading 2")
        document.add_paragraph("缺人。")

    outline = only(word_file(tmp_path, build))
    assert [(h.depth, h.text) for h in outline.headings()] == [(1, "主要工作"), (1, "存在问题"), (2, "人员不足")]


def test_docx_bold_lines_between_paragraphs_are_headings(tmp_path: Path) -> None:
    def build(document) -> None:
        document.add_paragraph("张某2024年个人工作总结")
        document.add_paragraph("一年来，我在领导和同事的帮助下，认真履行岗位职责，较好地完成了各项工作任务。")
        for heading, body in (
            ("工作亮点", "完成课题两项。"),
            ("不足之处", "学习还不够深入。"),
            ("明年打算", "加强学习。"),
        ):
            document.add_paragraph().add_run(heading).bold = True
            document.add_paragraph(body)
        document.add_paragraph().add_run("孤零零的一行粗体").bold = True  # only with siblings: here it has them

    outline = only(word_file(tmp_path, build))
    assert [h.text for h in outline.headings()][:3] == ["工作亮点", "不足之处", "明年打算"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["第一阶段——需求调研", "完成调研。", "第二阶段——系统建设", "完成建设。"],
            [(1, "一", "需求调研"), (1, "二", "系统建设")],
        ),
        (
            ["第一部分 总体情况", "一、主要工作", "完成。", "第二部分 下一步打算", "一、加强学习", "学习。"],
            [(1, "一", "总体情况"), (2, "一", "主要工作"), (1, "二", "下一步打算"), (2, "一", "加强学习")],
        ),
    ],
)
def test_part_and_stage_markers(lines: list[str], expected: list[tuple[int, str, str]]) -> None:
    (outline,) = outline_text("XX公司2024年工作总结\n" + "\n".join(lines) + "\n")
    assert tree(outline) == expected


# --- the title block ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "一年来，在领导和同事们的关心帮助下，我认真履行岗位职责，较好地完成了各项工作任务。",
        "同志们：",
        "各位同事，大家好！",
        "尊敬的各位领导：",
    ],
)
def test_no_title_line_gives_no_title(opening: str) -> None:
    (outline,) = outline_text(opening + "\n一、主要工作\n完成各项任务。\n二、存在不足\n学习不够。\n")
    assert outline.title is None


def test_a_file_name_is_not_a_title_but_recorded_properties_are(tmp_path: Path) -> None:
    path = tmp_path / "2024年总结定稿.txt"
    path.write_text("一年来，我认真履行岗位职责。\n一、主要工作\n完成任务。\n", encoding="utf-8")
    assert only(path).title is None

    def build(document) -> None:
        document.core_properties.title = "XX中学2024年教学工作总结"
        document.add_paragraph("一年来，学校教学工作稳步推进。")
        document.add_paragraph("一、主要工作")
        document.add_paragraph("完成教学任务。")

    assert only(word_file(tmp_path, build)).title == "XX中学2024年教学工作总结"


@pytest.mark.parametrize(
    ("under_title", "date", "signature"),
    [
        ("（2024年1月15日在区第三届人民代表大会第四次会议上）", "2024-01-15", None),
        ("——2024年1月15日在全区经济工作会议上", "2024-01-15", None),
        ("区长  王某某", None, "区长 王某某"),
    ],
)
def test_date_and_speaker_lines_under_the_title(under_title: str, date: str | None, signature: str | None) -> None:
    text = f"政府工作报告\n{under_title}\n各位代表：\n过去一年，全区经济社会发展取得新成效。\n一、2024年工作回顾\n经济平稳增长。\n"
    (outline,) = outline_text(text)
    assert outline.title == "政府工作报告" and outline.date == date and outline.signature == signature
    assert outline.addressee == "各位代表" or (outline.preamble and "各位代表" not in outline.preamble)


def test_red_header_block_without_line_breaks() -> None:
    text = (
        "青山县人民政府办公室文件青政办〔2024〕8号签发人：李某某青山县人民政府办公室关于2024年度政务公开工作情况的报告"
        "市人民政府办公室：2024年，我县深入贯彻落实上级关于政务公开工作的部署要求，扎实推进政务公开标准化规范化建设，"
        "现将有关情况报告如下：\n一、主要工作\n全面公开政府信息。\n二、存在问题\n公开质量有待提高。\n"
    )
    (outline,) = outline_text(text)
    assert outline.title == "青山县人民政府办公室关于2024年度政务公开工作情况的报告"
    assert outline.doc_number == "青政办〔2024〕8号" and outline.addressee == "市人民政府办公室"
    assert outline.org == "青山县人民政府办公室"
    assert outline.preamble and outline.preamble.startswith("2024年，我县深入贯彻")


def test_heading_that_swallowed_its_first_sentence() -> None:
    text = (
        "县应急管理局2024年工作总结。一、2024年度安全生产工作开展情况在县委县政府的坚强领导下，我局认真贯彻落实各项决策部署，"
        "全年未发生较大以上生产安全事故。二、存在的问题安全监管力量不足。三、2025年工作计划持续抓好安全生产。" * 1
    ).replace("总结。", "总结\n")
    (outline,) = outline_text(
        text.replace("。一、", "。\n一、").replace("。二、", "。\n二、").replace("。三、", "。\n三、")
    )
    assert outline.sections[0].heading == "2024年度安全生产工作开展情况"
    assert outline.sections[0].body[0].startswith("在县委县政府的坚强领导下")


def test_joint_document_title_is_the_about_line() -> None:
    text = "青山县教育局\n青山县财政局\n关于2024年度义务教育经费使用情况的报告\n县人民政府：\n现将有关情况报告如下：\n一、基本情况\n经费足额到位。\n"
    (outline,) = outline_text(text)
    assert outline.title == "关于2024年度义务教育经费使用情况的报告" and outline.addressee == "县人民政府"


@pytest.mark.parametrize(
    ("top", "title", "addressee"),
    [
        # Below the 发文字号 the issuer's name is the title's first line (GB/T 9704 7.3.1: 机关 + 事由 + 文种).
        (
            "临江县人民政府办公室文件\n临政办发〔2025〕31号\n临江县人民政府办公室\n关于做好年度工作总结报送工作的通知\n"
            "各乡镇人民政府，县直各单位：",
            "临江县人民政府办公室关于做好年度工作总结报送工作的通知",
            "各乡镇人民政府，县直各单位",
        ),
        # Above it, an issuer's name alone is the 版头.
        (
            "临江县教育局\n临教发〔2025〕9号\n关于做好年度工作总结报送工作的通知\n各中小学、幼儿园：",
            "关于做好年度工作总结报送工作的通知",
            "各中小学、幼儿园",
        ),
        # A title in two lines whose second ends with the kind 工作安排 (a plan, like 工作计划).
        (
            "湘江能源集团有限公司\n2025年工作总结和2026年工作安排",
            "湘江能源集团有限公司2025年工作总结和2026年工作安排",
            None,
        ),
        # A first sentence that ends in a colon is not a list of 主送机关, though it has commas.
        ("县审计局2025年工作总结\n2025年，我局围绕中心，主要做了以下工作：", "县审计局2025年工作总结", None),
    ],
)
def test_title_block_of_a_public_document(top: str, title: str, addressee: str | None) -> None:
    (outline,) = outline_text(
        f"{top}\n为做好有关工作，现通知如下：\n一、主要内容\n按要求报送。\n二、工作要求\n按时报送。\n"
    )
    assert (outline.title, outline.addressee) == (title, addressee)


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("东湖街道2025年工作总结和2026年工作计划", "乡镇综合"),
        ("桂溪镇2024年工作总结暨2025年工作计划", "乡镇综合"),
        ("县审计局2025年工作总结及2026年工作计划", "审计"),
    ],
)
def test_a_summary_joined_to_next_years_plan_has_no_topic_of_its_own(title: str, genre: str) -> None:
    (outline,) = outline_text(f"{title}\n一、主要工作\n完成各项任务。\n二、下一步计划\n继续努力。\n")
    assert outline.genre == genre


# --- a folder that mixes every format -----------------------------------------------------------------------


@needs_office
def test_outline_and_mine_a_folder_of_every_format(
    rendered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(rendered, folder / "a.docx")
    shutil.copy(office(rendered, "doc:MS Word 97", tmp_path), folder / "b.doc")
    shutil.copy(folder / "b.doc", folder / "c.wps")
    shutil.copy(office(rendered, "pdf", tmp_path), folder / "d.pdf")
    seed = ROOT / "corpus" / "2023年度工作总结汇编.txt"
    (folder / "e.txt").write_bytes(seed.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    (folder / "f.md").write_text(
        "# 县统计局2024年工作总结\n\n2024年，县统计局坚持依法统计、依法治统，统计数据质量稳步提升。\n\n"
        "## 一、主要工作\n\n全年完成各项统计调查任务，数据上报及时率达到100%，统计服务能力不断增强。"
        "扎实开展经济普查，圆满完成普查登记、数据审核和汇总工作，普查数据质量经得起检验。\n\n"
        "## 二、存在问题\n\n基层统计力量还比较薄弱，统计人员专业素质有待提高，统计信息化水平还不够高。\n\n"
        "## 三、下一步工作\n\n进一步加强统计队伍建设，提升统计数据质量，推进统计信息化建设，更好服务全县经济社会发展大局。\n",
        encoding="utf-8",
    )
    (folder / "g.pdf").write_bytes(b"%PDF-1.4 broken")
    code, out, err = run(["outline", str(folder), "--json"], capsys)
    documents = json.loads(out)["documents"]
    sources = {Path(d["source"]).name for d in documents}
    assert code == 1 and sources == {"a.docx", "b.doc", "c.wps", "d.pdf", "e.txt", "f.md"}
    assert len(documents) == 4 + 11 + 1 and err.count("g.pdf") == 1 and len(err.strip().splitlines()) == 1
    code, out, err = run(["mine", str(folder), "-o", str(tmp_path / "t"), "--json"], capsys)
    report = json.loads(out)["documents"]
    bad = [d for d in report if Path(d["source"]).name == "g.pdf"]
    assert code == 1 and len(bad) == 1 and bad[0]["status"] == "skipped" and "g.pdf" in bad[0]["reason"]
    status = {Path(d["source"]).name: (d["status"], d["reason"] or "") for d in report}
    assert status["a.docx"][0] == status["e.txt"][0] == status["f.md"][0] == "mined"
    # The .doc and .pdf are the same report as a.docx: read, then skipped as copies of it; c.wps is b.doc's bytes.
    for name in ("b.doc", "d.pdf"):
        assert status[name] == ("skipped", "与《XX县审计局2024年工作总结》内容相同"), name
    assert status["c.wps"][0] == "skipped" and "b.doc 完全相同" in status["c.wps"][1]


def test_a_small_set_of_summaries_nobody_formatted() -> None:
    """Five documents of the kinds that failed (a personal summary without a title, a 述职 with a salutation,
    a government work report with a date and speaker line, a Markdown export, a 红头 report without line
    breaks): every heading, title, org, date, 文号 and 主送 as a person reads them (tests/data/wild.gold.json)."""
    gold = json.loads((Path(__file__).parent / "data" / "wild.gold.json").read_text(encoding="utf-8"))["documents"]
    outlines = {Path(o.source).name: o for o in outline_paths([Path(__file__).parent / "corpora" / "wild"]).outlines}
    for expected in gold:
        outline = outlines[expected["source"]]
        assert tree(outline) == [tuple(h) for h in expected["headings"]], expected["source"]
        for field in ("title", "org", "date", "doc_number", "addressee"):
            if field in expected:
                assert getattr(outline, field) == expected[field], (expected["source"], field)
