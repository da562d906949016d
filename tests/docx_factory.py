"""Build small .docx files for tests: Word headings, automatic numbering, tables."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# The GB/T 9704 numbering sequence as a Word multilevel list.
LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")]


def add_numbering(document: Document, levels: list[tuple[str, str]] = LEVELS) -> str:
    """Add an abstractNum/num pair for `levels` to the document; return the numId."""
    numbering = document.part.numbering_part.element
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract_id = "90"
    num_id = "91"
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvl_xml}</w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def numbered(document: Document, text: str, num_id: str, ilvl: int) -> None:
    """A paragraph numbered automatically by Word at list level `ilvl`."""
    paragraph = document.add_paragraph(text)
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def build_numbered_report(path: Path) -> Path:
    """A report whose heading numbers exist only in Word's numbering definitions."""
    document = Document()
    document.add_paragraph("县审计局2024年工作总结", style="Title")
    document.add_paragraph("2024年，县审计局坚持依法审计。现将有关情况总结如下：")
    num_id = add_numbering(document)
    numbered(document, "主要工作及成效", num_id, 0)
    numbered(document, "聚焦主责主业，充分发挥审计监督职能", num_id, 1)
    numbered(document, "强化预算执行审计。全年完成审计项目54个。", num_id, 2)
    numbered(document, "推动重大政策落实。", num_id, 2)
    numbered(document, "细化整改台账", num_id, 3)
    numbered(document, "完成领导交办任务", num_id, 1)
    numbered(document, "存在的问题", num_id, 0)
    document.add_paragraph("审计力量不足，一是人员少，二是任务重。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "数量"
    table.cell(1, 0).text = "审计发现的问题主要集中在预算执行不严格、资金使用效益不高等方面，已督促整改。"
    table.cell(1, 1).text = "12"
    numbered(document, "下一步工作计划", num_id, 0)
    document.add_paragraph("持续深化审计整改。")
    document.add_paragraph("XX县审计局")
    document.add_paragraph("2024年12月20日")
    document.save(str(path))
    return path


def build_styled_report(path: Path) -> Path:
    """A report whose headings are Word Heading 1/2 paragraphs without typed numbers."""
    document = Document()
    document.add_paragraph("XX镇2024年工作总结", style="Title")
    document.add_paragraph("今年以来，全镇上下团结一心。")
    document.add_heading("经济发展", level=1)
    document.add_heading("招商引资", level=2)
    document.add_paragraph("引进项目6个。")
    document.add_heading("项目建设", level=2)
    document.add_heading("社会事业", level=1)
    document.add_paragraph("民生持续改善。")
    document.save(str(path))
    return path


def tiny_png() -> bytes:
    """A valid 4×4 grey PNG, made here so the tests need no image file."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def add_footnote(document: Document, paragraph: object, text: str) -> None:
    """A real footnote: a footnotes part related to the document and a reference run in `paragraph`."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = nsdecls("w")
    xml = (
        f"<w:footnotes {w}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f"<w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    reference = parse_xml(
        f'<w:r {w}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    )
    paragraph._p.append(reference)  # type: ignore[attr-defined]


def messy_run(paragraph: object, text: str, font: str, size: float, *, color: str = "", bold: bool = False) -> None:
    """A run with hand-set fonts, size and colour, as people type them."""
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    run.font.name = font
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    run.font.size = Pt(size)
    run.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def build_messy_report(path: Path, *, sections: int = 1) -> Path:
    """A summary as people type it in Word: Letter paper, a coloured title in Times New Roman, blank lines,
    manual numbering 1、 and (1) with half-width punctuation, straight quotes and stray spaces, runs in mixed
    fonts and sizes, Word-numbered sub-headings, a table at fixed 28 pt spacing, an image, a footnote, a footer
    with typed page text, then signature and date. `sections` repeats the body for a longer document."""
    import io

    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Inches, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1.25)
    section.footer.paragraphs[0].text = "第 页"
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    messy_run(title, "XX县审计局2024年工作总结", "Times New Roman", 18, color="C00000", bold=True)
    document.add_paragraph("")
    lead = document.add_paragraph()
    messy_run(lead, "    2024年,我局坚持以习近平新时代中国特色社会主义思想为指导,", "宋体", 12)
    messy_run(
        lead, '认真落实"三个区分开来"要求 ,全面完成了各项审计任务.现将有关情况总结如下:', "微软雅黑", 14, color="1F4E79"
    )
    num_id = add_numbering(document, [("decimal", "%1、"), ("decimal", "(%2)")])
    for part in range(sections):
        document.add_paragraph("")
        heading = document.add_paragraph()
        words = "聚焦主责主业,做实审计监督" if part == 0 else "持续深化审计监督"
        messy_run(heading, f"{part + 1}、{words}", "黑体", 15, bold=True)
        sub = document.add_paragraph()
        messy_run(sub, "(1)强化预算执行审计", "楷体", 14)
        for n in range(4):
            body = document.add_paragraph()
            body.paragraph_format.first_line_indent = Pt(21)
            body.paragraph_format.line_spacing = 1.5
            messy_run(
                body, f"　　全年共完成审计项目{54 + n}个,查出问题金额1,234.5万元(其中本级资金800万元);", "仿宋", 12
            )
            messy_run(
                body, "审计 整改率达到98.5%.详见 https://www.example.gov.cn/a,b.html 或 audit@example.cn.", "宋体", 10.5
            )
        sub2 = document.add_paragraph()
        messy_run(sub2, "(2)推动重大政策落实", "楷体", 14)
        document.add_paragraph('围绕"六稳""六保",开展政策落实跟踪审计5项——发现问题12个……已全部整改.')
    problems = document.add_paragraph()
    messy_run(problems, f"{sections + 1}、存在的问题", "黑体", 15, bold=True)
    numbered(document, "审计力量与任务不匹配", num_id, 1)
    document.add_paragraph("一是人员少,二是专业结构不合理。")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    cells = [("项目", "数量(个)", "金额(万元)"), ("预算执行", "12", "1,234.5"), ("专项审计", "8", "560")]
    for row, values in enumerate(cells):
        for column, value in enumerate(values):
            cell = table.cell(row, column)
            cell.text = value
            paragraph_format = cell.paragraphs[0].paragraph_format
            paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            paragraph_format.line_spacing = Pt(28)
            paragraph_format.first_line_indent = Pt(32)
    picture = document.add_paragraph()
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    picture.paragraph_format.line_spacing = Pt(28)
    picture.add_run().add_picture(io.BytesIO(tiny_png()), width=Inches(1))
    noted = document.add_paragraph("审计查出问题金额较上年有所下降")
    add_footnote(document, noted, "数据来源：县审计局业务统计。")
    noted.add_run("。")
    numbered(document, "整改跟踪不够到位", num_id, 1)
    document.add_paragraph("个别问题整改不彻底。")
    plans = document.add_paragraph()
    messy_run(plans, f"{sections + 2}、下一步工作计划", "黑体", 15, bold=True)
    document.add_paragraph("持续深化审计整改,推动【待填写】项制度建设。")
    document.add_paragraph("")
    signature = document.add_paragraph("XX县审计局")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date = document.add_paragraph("        2024年12月20日")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))
    return path


# --- lists as people type them -----------------------------------------------------------------------

# Full sentences, as list items are: they are body text under the heading, not headings of their own.
MEASURES = [
    "建立审计整改台账，逐项明确责任单位和完成时限，整改一项销号一项。",
    "完善审计工作规程，修订审计质量控制办法，规范现场审计和报告流程。",
    "加强审计结果运用，向纪检监察机关移送问题线索3件，推动建章立制12项。",
]
PLANS = ["深化预算执行审计，提高财政资金使用效益。", "加强审计队伍建设，开展业务培训4期。"]
# How a list's items are written: a typed marker, Word's numbering, or one paragraph cut by soft breaks.
LIST_FORMS = ["1.", "1、", "1．", "（1）", "(1)", "1）", "1：", "1，", "word", "br", "cr"]


def soft_break(paragraph: object, tag: str) -> None:
    """A soft line break (w:br, as Word writes Shift+Enter) or a WPS carriage return (w:cr)."""
    paragraph.add_run()._r.append(parse_xml(f"<w:{tag} {nsdecls('w')}/>"))  # type: ignore[attr-defined]


def typed_marker(form: str, number: int) -> str:
    """The marker of item `number` in a typed list form (1. -> 2., （1） -> （2））."""
    return form.replace("1", str(number))


def add_list(document: Document, items: list[str], form: str, num_id: str = "", lead: str = "") -> None:
    """A list of items in one of LIST_FORMS; `lead` (soft-break forms) is the text before the first break."""
    if form == "word":
        for item in items:
            numbered(document, item, num_id, 0)
    elif form in ("br", "cr"):
        paragraph = document.add_paragraph(lead)
        for number, item in enumerate(items, start=1):
            soft_break(paragraph, form)
            paragraph.add_run(f"{number}、{item}")
    else:
        for number, item in enumerate(items, start=1):
            document.add_paragraph(typed_marker(form, number) + item)


def build_list_report(path: Path, form: str) -> Path:
    """A summary whose sections hold lists of full sentences written in `form`: headings that end in ：or ，,
    paragraphs indented with a tab or spaces, a heading and its first item in one paragraph parted by tabs,
    a second list in bracketed form, a closing, the signature and the date."""
    document = Document()
    num_id = add_numbering(document, [("decimal", "%1、")])
    document.add_paragraph("XX县审计局2024年工作总结")
    document.add_paragraph("2024年，我局坚持依法审计，全面完成各项审计任务。现将有关情况总结如下：")
    document.add_paragraph("一、主要工作：")
    document.add_paragraph("（一）强化预算执行审计")
    document.add_paragraph("全年完成预算执行审计项目18个，查出问题金额1.2亿元。主要做法如下：")
    lead = "\t全年推动整改问题46个，整改金额3200万元。具体做法："
    if form not in ("br", "cr"):
        document.add_paragraph(lead)
    add_list(document, MEASURES, form, num_id, lead)
    heading = document.add_paragraph("（二）推进审计整改落实，")
    for _ in range(3):
        heading.add_run().add_tab()
    heading.add_run("1.建立问题清单，实行挂号销号管理。")
    document.add_paragraph("2.健全整改会商机制，按季度通报整改进展。")
    document.add_paragraph("二、存在的问题")
    document.add_paragraph("    审计力量与任务不匹配，专业人才不足，信息化水平不高。")
    document.add_paragraph("三、下一步工作计划")
    document.add_paragraph("\u3000\u3000明年，我局将重点做好以下工作：")
    for number, item in enumerate(PLANS, start=1):
        document.add_paragraph(f"({number}){item}")
    document.add_paragraph("新的一年，我局将继续坚持依法审计，为全县高质量发展作出新的贡献。")
    document.add_paragraph("XX县审计局")
    document.add_paragraph("2024年12月20日")
    document.save(str(path))
    return path


def list_report_text(form: str, *, tabs: bool = True) -> str:
    """The summary of `build_list_report` as a text file would hold it, its list typed in `form` (the heading
    and the item parted by tabs on one line, or on lines of their own as Markdown has them)."""
    parted = "\t\t\t" if tabs else "\n"
    lines = [
        "XX县审计局2024年工作总结",
        "2024年，我局坚持依法审计，全面完成各项审计任务。现将有关情况总结如下：",
        "一、主要工作：",
        "（一）强化预算执行审计",
        "全年完成预算执行审计项目18个，查出问题金额1.2亿元。主要做法如下：",
        "\t全年推动整改问题46个，整改金额3200万元。具体做法：",
        *(typed_marker(form, number) + item for number, item in enumerate(MEASURES, start=1)),
        f"（二）推进审计整改落实，{parted}1.建立问题清单，实行挂号销号管理。",
        "2.健全整改会商机制，按季度通报整改进展。",
        "二、存在的问题",
        "    审计力量与任务不匹配，专业人才不足，信息化水平不高。",
        "三、下一步工作计划",
        "\u3000\u3000明年，我局将重点做好以下工作：",
        *(f"({number}){item}" for number, item in enumerate(PLANS, start=1)),
        "新的一年，我局将继续坚持依法审计，为全县高质量发展作出新的贡献。",
        "XX县审计局",
        "2024年12月20日",
    ]
    return "\n".join(lines) + "\n"


def docx_with_body(path: Path, paragraph_xml: bytes, count: int) -> Path:
    """A valid .docx whose body is `count` copies of one paragraph's XML, streamed into the zip (a document.xml
    of any size from a file of a few hundred KB: how a hostile file is made, with honest zip sizes)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("县审计局2024年工作总结")
    document.save(buffer)
    source = zipfile.ZipFile(buffer)
    xml = source.read("word/document.xml")
    head, tail = xml.split(b"<w:body>")[0] + b"<w:body>", b"<w:sectPr" + xml.split(b"<w:sectPr", 1)[1]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, source.read(info.filename))
        with out.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head)
            for _ in range(count // 1000):
                member.write(paragraph_xml * 1000)
            member.write(paragraph_xml * (count % 1000) + tail)
    return path
