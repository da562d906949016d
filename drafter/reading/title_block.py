"""The top of a document: 版头, 发文字号, 签发人, the title, a date or speaker line, the 主送机关.

Many documents have no title line at all (a personal summary that starts with its first sentence, a
speech that starts with 同志们：); their title is None, never the first paragraph or the file name.
A 红头 document whose line breaks were lost runs all of it into one line; it is cut apart here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from drafter.lazy import lazy_compile
from drafter.reading.patterns import DATE, FURNITURE, LETTERHEAD, MARKER
from drafter.reading.read import Paragraph
from drafter.reading.split import TITLE_END
from drafter.reading.titles import KIND_AT_END

_STRIP = " \t\u3000\u2002\u2003\u00a0"
TITLE_MAX = 60
DOC_NUMBER = lazy_compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_SALUTATION = lazy_compile(
    r"^(?:尊敬的|各位|亲爱的|同志们|老师们|同学们|大家好)|大家好[!！,，]?$|^[^。，；]{0,12}同志们[:：，,]"
)
_ADDRESSEE_LINE = lazy_compile(r"^[^。，；！？:：]{2,60}[:：]$")
# Several 主送机关 in one line, parted by 、 or ， (GB/T 9704 7.3.3): each a body's name or a collective one
# (各乡镇人民政府，县直各单位：).
_BODY_NAME = (
    r"[\u4e00-\u9fff（）()]{1,24}?(?:政府|单位|部门|机关|局|委|委员会|办|办公室|中心|院|所|站|厅|处|科|室|公司|企业|"
    r"学校|党委|党组|街道|社区|村|镇|乡|团体|组织)"
)
_ADDRESSEE_LIST = lazy_compile(rf"^{_BODY_NAME}(?:[，、,]{_BODY_NAME})+[:：]$")
# A title ending in a kind of document, inside running text (for a 红头 block without line breaks).
_TITLE_IN_RUN = lazy_compile(
    rf"(?P<title>[^。：:；，]{{0,50}}?(?:关于[^。：:；]{{2,90}}?)?{TITLE_END}|[^。：:；，]{{0,50}}?关于[^。：:；]{{2,90}}?的(?:情况|请示|意见|通知|函|方案))"
)
_DATE_UNDER_TITLE = lazy_compile(rf"^(?:[（(]\s*|——\s*|—\s*){DATE}[^）)]{{0,60}}[）)]?$")
# The 署名 under the title of a speech or of a person's report: a post and a name (县长  王某某, 国务院总理 李某某),
# a unit or department and a name, set apart by blanks (办公室  张某某, XX市第三中学 李某某), or a label and a
# name (述职人：王某某).
_POST = (
    r"(?:书记|总理|省长|州长|盟长|旗长|市长|县长|区长|镇长|乡长|局长|厅长|部长|处长|科长|股长|所长|站长|队长|组长|院长|校长|"
    r"护士长|秘书长|主任|经理|董事长|总监|主席|委员|代表|班主任|教师|老师|医生|医师|护士|干事|科员|会计)"
)
_PERSON = r"[\u4e00-\u9fff·]{2,4}"
_SPEAKER_LINE = lazy_compile(
    rf"^(?:[\u4e00-\u9fffXx]{{0,24}}?{_POST}\s*{_PERSON}"
    rf"|[\u4e00-\u9fffXx（）()]{{2,30}}?(?:局|委|办|办公室|科|股|室|部|处|组|中心|学校|中学|小学|幼儿园|医院|卫生院|公司|"
    rf"院|所|站|队|厅|街道|社区|村|镇|乡|政府)[ \t\u3000]+{_PERSON}"
    rf"|(?:述职人|述廉人|报告人|汇报人|发言人|总结人|填报人|申请人|主讲人|作者|姓名|署名)[:：]\s*{_PERSON})$"
)
_SUBTITLE = lazy_compile(r"^(?:——|—|──)\s*\S.{0,60}$|^[（(][^）)]{4,60}[）)]$")
_ISSUER = lazy_compile(
    r"^[\u4e00-\u9fff（）()]{2,30}?(?:局|委|委员会|办|办公室|政府|人民政府|中心|院|所|站|厅|部|公司|学校|医院|党委|党组)$"
)


@dataclass
class TitleBlock:
    """What the top of a document holds; `rest` is everything after it."""

    title: str | None
    rest: list[Paragraph]
    doc_number: str | None = None
    addressee: str | None = None
    date: str | None = None
    signer: str | None = None
    letterhead: str | None = None  # the issuing body named in a 版头 (XX县人民政府办公室文件)
    notes: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """A paragraph without surrounding blanks."""
    return text.strip(_STRIP)


def take_title_block(paragraphs: list[Paragraph]) -> TitleBlock:
    """The title block of a document and the paragraphs after it."""
    paragraphs = _unrun_first(paragraphs)
    block = TitleBlock(None, paragraphs)
    index = _skip_letterhead(paragraphs, block)
    if index >= len(paragraphs):
        block.rest = []
        return block
    first = paragraphs[index]
    text = clean(first.text)
    if not (first.is_title or looks_like_title(text)):
        block.rest = _take_addressee(paragraphs[index:], block)
        return block
    title, index = text, index + 1
    if index < len(paragraphs) and _continues_title(title, first, paragraphs[index]):
        title += clean(paragraphs[index].text)
        index += 1
    block.title = _title_without_tail(title, block)
    index = _take_lines_under_title(paragraphs, index, block)
    block.rest = _take_addressee(paragraphs[index:], block)
    return block


# The second line of a title broken where its parts meet (GB/T 9704 7.3.1): a second year's document joined by
# 和/及/暨/与, or the 关于 line under the unit's name.
_TITLE_SECOND_LINE = lazy_compile(r"^(?:[和及暨与](?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年|关于)")


def _continues_title(title: str, first: Paragraph, paragraph: Paragraph) -> bool:
    """The paragraph under a title line is the title's second line: the first has no kind of document yet and
    the second ends in one; or the second opens as a title's second part does; or both are set in the title's
    style (a title broken with a line break inside its paragraph)."""
    second = clean(paragraph.text)
    if len(title + second) > TITLE_MAX or not looks_like_title(second) or _SUBTITLE.match(second):
        return False
    if _DATE_UNDER_TITLE.match(second) or _SPEAKER_LINE.match(second):
        return False
    if first.is_title and paragraph.is_title:
        return True
    ends_in_kind = len(second) <= 40 and bool(KIND_AT_END.search(second))
    return ends_in_kind and (not KIND_AT_END.search(title) or bool(_TITLE_SECOND_LINE.match(second)))


# A title joined to its date and speaker: 政府工作报告——2025年1月10日在……会议上 县长 王某某, or ……讲话（2025年2月20日）.
_DATED_TAIL = lazy_compile(rf"\s*(?:(?:[—─]+|-{{2,}}|－{{2,}})\s*|[（(]\s*)(?={DATE})")
_SPEAKER_AT_END = lazy_compile(
    r"\s(?P<speaker>[\u4e00-\u9fff]{0,20}?(?:书记|县长|区长|市长|镇长|乡长|局长|主任|院长|校长|经理|董事长|主席|部长|厅长|处长|科长|所长|站长|队长)"
    r"\s*[\u4e00-\u9fff·]{2,4})\s*$"
)


def _title_without_tail(title: str, block: TitleBlock) -> str:
    """The title up to a dash (or bracket) that opens its date; the date and a speaker after it go to their fields."""
    tail = _DATED_TAIL.search(title)
    if tail is None or tail.start() == 0:
        return title
    _take_date_and_speaker(title[tail.end() :], block)
    return title[: tail.start()].rstrip(_STRIP)


def _take_date_and_speaker(text: str, block: TitleBlock) -> None:
    """The date in a line under (or joined to) the title, and the speaker (职务 姓名) it ends with, if any."""
    from drafter.reading.outline import parse_date

    block.date = block.date or parse_date(text)
    speaker = _SPEAKER_AT_END.search(text)
    if speaker:
        block.signer = block.signer or re.sub(r"\s+", " ", speaker.group("speaker"))


def looks_like_title(text: str) -> bool:
    """A line that can be a title: short, no sentence inside it, not a heading, a salutation or an addressee."""
    if not text or len(text) > TITLE_MAX or MARKER.match(text) or _SALUTATION.search(text):
        return False
    if re.search(r"[。！？；]", text.rstrip("。")) or text.endswith(("：", ":")):
        return False
    if re.fullmatch(rf"\s*{DATE}\s*", text):
        return False
    # A line of prose with commas and no kind word is the first sentence of a summary without a title.
    return not (("，" in text or "," in text) and not re.search(TITLE_END, text))


def _skip_letterhead(paragraphs: list[Paragraph], block: TitleBlock) -> int:
    """Skip 版头 (XX文件), 发文字号, 签发人 and the names of joint issuers above a 关于… title."""
    index = 0
    while index < len(paragraphs) - 1:
        text = clean(paragraphs[index].text)
        packed = re.sub(r"\s+", "", text)  # a 版头 set with spaces between its characters (青 山 县 文 件)
        number = DOC_NUMBER.search(packed)
        if number and len(text) <= 60:
            block.doc_number = block.doc_number or number.group(0)
        elif LETTERHEAD.match(packed):
            block.letterhead = block.letterhead or re.sub(r"(?:文件|简报|通报|快报)$", "", packed)
        elif _RULE.match(text):
            pass
        elif block.doc_number is None and _is_issuer_above_title(paragraphs, index):
            # Above the 发文字号 an issuer's name is the 版头; below it, it is the title's first line
            # (GB/T 9704 7.3.1: a title names the issuing body, then 关于……, then the kind).
            block.letterhead = block.letterhead or packed
        elif not FURNITURE.match(text):
            break
        index += 1
    return index


# The red rule under a 版头, typed as a line of box-drawing characters or dashes.
_RULE = lazy_compile(r"^[━─—\-_=＝﹏～~*★☆·.]{4,}$")


def _is_issuer_above_title(paragraphs: list[Paragraph], index: int) -> bool:
    """An issuing body's name on a line of its own (a 版头 without 文件), with a 关于… title, another issuer, a
    发文字号 or a 签发人 line below it."""
    if not _ISSUER.match(re.sub(r"\s+", "", clean(paragraphs[index].text))):
        return False
    if paragraphs[index].is_title and paragraphs[index + 1].is_title:
        return False  # one title in two lines, both in the title's style: the issuer is its first line
    for below in paragraphs[index + 1 : index + 5]:
        text = clean(below.text)
        packed = re.sub(r"\s+", "", text)
        if (text.startswith("关于") and looks_like_title(text)) or DOC_NUMBER.search(packed):
            return True
        if not (_ISSUER.match(packed) or _RULE.match(text) or FURNITURE.match(text)):
            return False
    return False


def _take_lines_under_title(paragraphs: list[Paragraph], index: int, block: TitleBlock) -> int:
    """A date or speaker line under the title: （2024年1月15日在……上）, ——2024年1月15日……, 区长 王某某."""

    while index < len(paragraphs):
        text = clean(paragraphs[index].text)
        if _SPEAKER_LINE.match(text):
            block.signer = block.signer or re.sub(r"\s+", " ", text)
        elif _DATE_UNDER_TITLE.match(text) or (_SUBTITLE.match(text) and not MARKER.match(text) and len(text) <= 80):
            _take_date_and_speaker(text, block)
        else:
            break
        index += 1
    return index


def _take_addressee(paragraphs: list[Paragraph], block: TitleBlock) -> list[Paragraph]:
    """The 主送机关 line (XX县人民政府：) at the start of the body; a salutation to an audience (尊敬的各位领导、
    同志们：, 各位代表：, 大家好！) is dropped: it is neither 主送机关 nor part of the text."""
    while paragraphs and is_salutation(clean(paragraphs[0].text)):
        paragraphs = paragraphs[1:]
    if paragraphs:
        text = clean(paragraphs[0].text)
        if (
            (_ADDRESSEE_LINE.match(text) or _ADDRESSEE_LIST.match(text))
            and "如下" not in text
            and not _SALUTATION.search(text)
        ):
            block.addressee = text.rstrip("：:")
            return paragraphs[1:]
    return paragraphs


def is_salutation(text: str) -> bool:
    """A line that greets an audience: short, opening with 尊敬的/各位/同志们…, ending in a colon or an exclamation."""
    return len(text) <= 40 and bool(_SALUTATION.search(text)) and bool(re.search(r"(?:[:：！!，,]|大家好)$", text))


def _unrun_first(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A first paragraph holding a whole 红头 block (版头, 文号, 签发人, title, 主送, preamble) cut into lines."""
    if not paragraphs:
        return paragraphs
    first = paragraphs[0]
    text = clean(first.text)
    head = re.match(r"^[^。，；]{2,30}?(?:文件|简报|通报|快报)", text)
    if len(text) <= TITLE_MAX or not (head or DOC_NUMBER.search(text[:80])):
        return paragraphs
    pieces: list[str] = []
    position = 0
    if head:
        pieces.append(head.group(0))
        position = head.end()
    number = DOC_NUMBER.search(text, position)
    if number and number.start() - position <= 20:
        pieces.append(number.group(0).strip())
        position = number.end()
    signer = re.match(r"\s*签发人[:：]\s*", text[position:])
    if signer:
        position += signer.end()
        # The signer's name runs into the title: the title starts with the issuing body's name when there
        # is one in the 版头, else a name is taken to be three characters (two when a title word follows).
        issuer = re.sub(r"(?:文件|简报|通报|快报)$", "", head.group(0)) if head else ""
        found = text.find(issuer, position, position + 8) if issuer else -1
        if found > position:
            position = found
        else:
            position += 2 if text[position + 2 : position + 4] == "关于" else 3
    title = _TITLE_IN_RUN.search(text, position)
    if title is None or title.start() - position > 20:
        return paragraphs
    pieces.append(title.group("title").strip())
    position = title.end()
    addressee = re.match(r"[^。，；！？:：]{2,40}[:：]", text[position:])
    if addressee:
        pieces.append(addressee.group(0))
        position += addressee.end()
    rest = text[position:].strip(_STRIP)
    if rest:
        pieces.append(rest)
    return [replace(first, text=piece) for piece in pieces] + paragraphs[1:]
