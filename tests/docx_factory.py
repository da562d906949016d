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
