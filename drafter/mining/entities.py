"""Named things in a sentence become slots, so that another unit can use the sentence as it stands.

Places (a gazetteer: the place names of jieba's dictionary, plus suffix rules for towns and villages
it does not list), organisations, firms, schools, projects, people, 文号, local document titles 《…》
and quoted slogans. A sentence that is only a fragment (另一方面……, a list cut off at both ends)
is not a phrase at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.mining.lexicon import lexicon
from drafter.mining.slots import REDACTED_UNIT
from drafter.models import National

NATIONAL_FILE = "corpus/national.yaml"

_CJK = "\u4e00-\u9fff"
# 文号: 深坪督〔2023〕12号, 建村[2023]34号, 青政办（2024）8号.
_DOC_NUMBER = re.compile(rf"[{_CJK}]{{1,10}}[〔\[［(（]\s*(?:19|20)\d{{2}}\s*[〕\]］)）]\s*\d+\s*号")
# Quoted slogans and codes: “一月一回头、两月一起底、三月一报告”, "3+1+1"; short set terms (“放管服”) stay.
_QUOTED = re.compile(r"“([^”]{1,40})”|\"([^\"]{1,40})\"")
# A list number of any level a sentence may open with (GB/T 9704: 一、（一）1.（1）, and ① 第一，).
_LIST_NUMBER = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、．]|[（(]\s*\d{1,2}\s*[）)]|[①-⑳]|第[一二三四五六七八九十]{1,3}[，、]"
    r"|[一二三四五六七八九十]{1,3}\s*、|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)])\s*"
)
# Administrative suffixes, longest first.
_ADMIN = re.compile(
    r"自治区|自治州|自治县|特别行政区|经济开发区|开发区|高新区|新区|街道|社区|省|市|县|区|旗|盟|镇|乡|村"
)
# Words ending in an administrative suffix that name no place (城镇, 辖区, 全县 …).
_NOT_PLACES = frozenset(
    [
        "城镇",
        "乡镇",
        "村镇",
        "城乡",
        "新区",
        "城区",
        "市区",
        "郊区",
        "辖区",
        "景区",
        "园区",
        "社区",
        "小区",
        "片区",
        "校区",
        "厂区",
        "库区",
        "林区",
        "牧区",
        "山区",
        "老区",
        "灾区",
        "矿区",
        "经开区",
        "开发区",
        "示范区",
        "试验区",
        "保护区",
        "功能区",
        "行政区",
        "地区",
        "街区",
        "商区",
        "营区",
        "禁区",
        "盲区",
        "误区",
        "专区",
        "分区",
        "选区",
        "街道",
        "农村",
        "乡村",
        "城市",
        "县城",
        "县域",
        "市域",
        "省域",
        "本市",
        "本县",
        "本区",
        "本镇",
        "本乡",
        "本村",
        "全省",
        "全市",
        "全县",
        "全区",
        "全镇",
        "全乡",
        "全村",
        "各省",
        "各市",
        "各县",
        "各区",
        "各镇",
        "各乡",
        "各村",
        "该市",
        "该县",
        "该区",
        "该镇",
        "该乡",
        "该村",
        "我省",
        "我市",
        "我县",
        "我区",
        "我镇",
        "我乡",
        "我村",
        "城市",
        "都市",
        "超市",
        "门市",
        "上市",
        "股市",
        "楼市",
        "夜市",
        "集市",
        "早市",
        "菜市",
        "互市",
        "开市",
        "省市",
        "市县",
        "县市",
        "县区",
        "区县",
        "市区县",
        "乡村",
        "山村",
        "渔村",
        "农村",
        "新村",
        "邻村",
        "本村",
        "驻村",
        "进村",
        "行政村",
        "自然村",
        "中心村",
        "示范村",
        "重点村",
        "贫困村",
        "入户",
        "下乡",
        "返乡",
        "回乡",
        "家乡",
        "故乡",
        "城乡",
        "异乡",
        "老乡",
        "他乡",
        "重镇",
        "古镇",
        "名镇",
        "强镇",
        "小镇",
        "坐镇",
        "市镇",
        "街道办",
        "社区",
    ]
)


def is_place_word(word: str) -> bool:
    """False for words that end like a place but name none (城镇, 辖区, 全县 …)."""
    return word not in _NOT_PLACES


_GENERIC_PREFIX = frozenset(
    "全各本该我你他她这那每此其某两三四五六七八九十上下前后左右东西南北中内外省市县区乡镇村城年月日号在于"
)
# A suffix that begins a common word (乡村, 市场, 县域 …) ends no place name.
_SUFFIX_STARTS_WORD = frozenset(
    [
        "乡村",
        "乡亲",
        "乡土",
        "乡愁",
        "乡风",
        "乡贤",
        "村民",
        "村庄",
        "村落",
        "村级",
        "村容",
        "村务",
        "市场",
        "市民",
        "市级",
        "市值",
        "市容",
        "市政",
        "市域",
        "区域",
        "区位",
        "区别",
        "区分",
        "区间",
        "县域",
        "县级",
        "镇级",
        "乡级",
        "省级",
        "区级",
        "省份",
        "社区",
        "街道",
        "村集体",
        "区块",
    ]
)
_BOUNDARY = frozenset("在对于赴到和与及、的是从由向至经为并同跟把将被给以")
_ORG_SUFFIX = (
    r"(?:人民政府|政府|委员会|人民医院|中医院|医院|卫生院|局|委|办公室|办|中心|学校|中学|小学|幼儿园|学区|公司|集团|"
    r"院|所|站|队|厅|处|科|协会|法院|检察院|银行|支行)"
)
# A unit named by its level and domain (县审计局, 市统计局): the writer or a body like it, so {单位}. A name never
# runs over a conjunction (县政府和县卫生健康局 is two bodies).
_LEVEL_UNIT = re.compile(
    rf"(?:(?<=^)|(?<=[，。；：、和与及对向在由经协助配合联合]))[省市县区乡镇](?:(?![和与及])[{_CJK}]){{1,8}}?(?:局|委员会|委|办公室|中心)(?![{_CJK}]{{0,1}}(?:局|委|会|办|中心))"
)
# A unit's suffix followed by a post (院长, 委员, 局长) begins the post: the unit ends before it (法院|原院长).
_POST_AFTER = r"(?:长|员|士|主任|书记)"
# A unit named after its place ({地名}财政局); a function word ends the name (…镇将在县委 is no unit).
_PLACE_ORG = re.compile(
    rf"\{{地名\}}(?:(?![将在和与及对向是的为把被从])[{_CJK}]){{0,10}}?{_ORG_SUFFIX}(?!{_POST_AFTER})"
    rf"(?![{_CJK}]{{0,1}}{_ORG_SUFFIX}(?!{_POST_AFTER}))"
)
_SCHOOL = re.compile(
    rf"(?<![{_CJK}])([{_CJK}]{{2,6}}?)(?:中心小学|中心校|小学|初级中学|中学|幼儿园|职业技术学院|学院|大学)"
)
_PERSONS = re.compile(rf"(?:[{_CJK}]{{2,3}}、){{1,8}}[{_CJK}]{{2,3}}等(?:\d+名)?同志|[{_CJK}]{{2,3}}同志(?=[，。；、])")
# What a proper name stands before: a project, a firm. {项目} or {单位} replaces name and head together.
_NAMED_HEADS = re.compile(
    r"((?:项目|工程|产业园|园区|基地)(?:项目)?)|(股份有限公司|有限责任公司|集团有限公司|有限公司|集团公司|公司|集团|合作社|"
    r"大学|学院|研究院|研究所|科学院|技工学校|职业技术学校)"
)

_STOP_TOKENS = frozenset(
    ["的", "、", "，", "和", "与", "及", "等", "了", "在", "对", "为", "是", "将", "把", "由", "从"]
)
_REPEATED_SLOT = re.compile(r"(\{(?:地名|单位|有关单位|文件|提法)\})(?:[、和与及]?\1)+")
_FRAGMENT_START = re.compile(
    r"^(?:另一方面|一方面|同时|此外|另外|其中|其次|再次|最后|首先|以及|并且|而且|但是|但|而|并|及|等)[，,]?"
)
_HALF_WIDTH_COMMA = re.compile(rf"[{_CJK}],[{_CJK}]")


def known_word(word: str) -> bool:
    """A word the dictionary lists."""
    return lexicon().known(word)


def place_name(word: str) -> bool:
    """A word the dictionary tags as a place (ns)."""
    return lexicon().place(word)


def strip_list_number(text: str) -> str:
    """A sentence without the list number it started with (1. （2） ③)."""
    return _LIST_NUMBER.sub("", text, count=1)


def is_fragment(text: str) -> bool:
    """A clause that cannot stand alone: it continues another (另一方面……), or a list cut off at both ends."""
    if _FRAGMENT_START.match(text) or _HALF_WIDTH_COMMA.search(text):
        return True
    return text[:1] in "、，,；;：:）)》”" or text.rstrip("。；！？")[-1:] in "、，,（(《“"


_TITLE = re.compile(r"《([^》]{1,60})》")
_UNIT_ENDS = re.compile(r"[局委办]|中心")
_SCHOOL_WORDS = re.compile(r"学|幼儿园|中心校")


def slot_entities(text: str, own: str | None = None, *, projects: bool = True) -> str:
    """Replace the named things of a sentence by slots ({地名}, {单位}, {有关单位}, {单位名单}, {文号}, {文件},
    {提法}, {项目}, {姓名}).

    `own` is the unit that wrote the sentence: its name becomes {单位}, which the wizard fills with the
    user's own unit; any other unit becomes {有关单位}, and a list of other units one {单位名单}, which the
    user fills in (never with their own unit: a bureau does not audit itself).
    Each rule first looks for a character it needs (号, “, 《 …): most sentences skip most rules. `projects`
    False leaves project and firm names (read from unknown words) to the person, who confirms the result.
    """
    if "号" in text:
        text = _DOC_NUMBER.sub("{文号}", text)
    if "“" in text or '"' in text:
        text = _QUOTED.sub(_quoted, text)
    if "《" in text:
        text = _TITLE.sub(_document_title, text)
    if "、" in text or "，" in text:
        text = _UNIT_SLOGAN.sub("{提法}", text)
    text = _NUMBERED_IN_TEXT.sub(_numbered_slogan, text)
    if "同志" in text:
        text = _PERSONS.sub(_persons, text)
    if own:
        text = _own_township(text, own)
    if "、" in text or "和" in text or "及" in text:
        text = slot_unit_lists(text)
    if "XX" in text:
        text = REDACTED_UNIT.sub(lambda m: _unit_slot(m.group(0), own, redacted=True), text)
    text = slot_places(text)
    if "{地名}" in text:
        text = _PLACE_ORG.sub(lambda m: _unit_slot(m.group(0), own), text)
    if _UNIT_ENDS.search(text):
        text = _LEVEL_UNIT.sub(lambda m: _unit_slot(m.group(0), own), text)
    if _SCHOOL_WORDS.search(text):
        text = _SCHOOL.sub(lambda m: _school(m, own), text)
    if projects:
        text = slot_projects(text, own)
    return _REPEATED_SLOT.sub(r"\1", text) if "}" in text else text


OWN_UNIT, OTHER_UNIT, UNIT_LIST = "{单位}", "{有关单位}", "{单位名单}"
_LEVEL_OR_REDACTED = re.compile(r"^(?:XX+|\{地名\}|[省市县区乡镇旗])+")


def _own_township(text: str, own: str) -> str:
    """A township names itself by its place (青山镇将……, 东湖街道坚持……): that is the writer, {单位}; its place's
    bare name (谱写青山发展新篇章) is {地名}."""
    from drafter.writing.unit import unit_kind, unit_place

    kind = unit_kind(own)
    place = unit_place(own) if kind in ("乡", "镇", "街道") else None
    if not place or kind is None or place not in text:
        return text
    text = re.sub(rf"{re.escape(place)}(?:人民政府|政府|办事处)?", OWN_UNIT, text)
    stem = place[: -len(kind)]
    return (
        re.sub(rf"(?<![{_CJK}]){re.escape(stem)}|{re.escape(stem)}(?=高质量|发展|建设)", "{地名}", text)
        if len(stem) >= 2
        else text
    )


def unit_core(name: str) -> str:
    """A unit's name without its place and level (XX县审计局, 县审计局, 濉溪县审计局 -> 审计局)."""
    return _LEVEL_OR_REDACTED.sub("", slot_places(name))


def same_unit(mention: str, own: str | None) -> bool:
    """The mention names the writer's own unit (by the name without place and level)."""
    if not own:
        return False
    mine, theirs = unit_core(own), unit_core(mention)
    if mine and theirs in _BARE_KINDS and mine.endswith(theirs):
        return True  # 市局, XX县局: a unit shortens its own name to its level and kind; another is named by its domain
    if not mine or not theirs or "X" in theirs or len(theirs) < 2:
        return False
    return mine == theirs or (len(theirs) >= 3 and (mine.endswith(theirs) or theirs.endswith(mine)))


_BARE_KINDS = frozenset(["局", "委", "办", "院", "校", "所", "站", "中心"])


def _unit_slot(mention: str, own: str | None, *, redacted: bool = False) -> str:
    """{单位} for the writer's own unit, {有关单位} for any other (a redacted name of an unknown writer is
    taken to be the writer's own: corpora redact the writer's name first)."""
    if _LEVEL_BODY.fullmatch(mention):
        return mention  # 县委, 乡党委: the body of a level, named as every unit of that level names its own
    if same_unit(mention, own) or (redacted and not own and mention.startswith("XX") and mention.count("X") == 2):
        return OWN_UNIT
    return OTHER_UNIT


_LEVEL_BODY = re.compile(r"[省市县区乡镇](?:党委|党工委|人民政府|政府|人大|人大常委会|政协|纪委|纪委监委)")


# A named unit in a list: a redacted name, or a name of 3 characters or more that ends like a unit's.
_LIST_SUFFIX = r"(?:局|委员会|委|办公室|办|中心|院|校|所|站|队|公司|集团|联|协|会|政府|部|厅|处|科|社|馆|街道|镇|乡)"
_LIST_ITEM = rf"(?:XX[{_CJK}X]{{0,10}}?|[{_CJK}]{{2,12}}?){_LIST_SUFFIX}"
_UNIT_LIST = re.compile(rf"{_LIST_ITEM}(?:、{_LIST_ITEM})*(?:[、和及与]{_LIST_ITEM})")
# Where a list can be at all: a unit's ending just before a separator. Searched first: the list's own pattern tries
# a dozen lengths of name at every character.
_LIST_JOINT = re.compile(rf"{_LIST_SUFFIX}[、和及与]")
_LIST_START = re.compile(r"(?:XX|[省市县区乡镇])")


def unit_lists(text: str) -> list[list[tuple[str, int]]]:
    """The lists of units a text names (县商务局、县残联、县审计局等), each item with where it starts."""
    found: list[list[tuple[str, int]]] = []
    if not _LIST_JOINT.search(text):
        return found
    for match in _UNIT_LIST.finditer(text):
        items = re.split(r"[、和及与]", match.group(0))
        first = _first_item(items[0])
        if len(items) < 2 or first is None:
            continue
        position = match.start() + len(items[0]) - len(first)
        listed = []
        for item in [first, *items[1:]]:
            listed.append((item, position))
            position += len(item) + 1
        found.append(listed)
    return found


def slot_unit_lists(text: str) -> str:
    """A list of units (县商务局、县残联、XX县XX局等) becomes one {单位名单}: they are the units the writer
    dealt with, which another writer names for themselves."""

    def replace(match: re.Match[str]) -> str:
        items = re.split(r"[、和及与]", match.group(0))
        first = _first_item(items[0])
        if len(items) < 2 or first is None:
            return match.group(0)
        return items[0][: len(items[0]) - len(first)] + UNIT_LIST

    return _UNIT_LIST.sub(replace, text) if _LIST_JOINT.search(text) else text


def _first_item(chunk: str) -> str | None:
    """The unit name that ends the text before a list's first 、 (完成县商务局 -> 县商务局), None if none."""
    starts = [m.start() for m in _LIST_START.finditer(chunk)]
    if starts:
        return chunk[starts[-1] :] if len(chunk) - starts[-1] >= 3 else None
    words = lexicon().segment(chunk)
    return words[-1] if words and len(words[-1]) >= 3 else None


_NUMERAL = "一二三四五六七八九十两双百千万"
# A numbered slogan: a numeral then a word (五个专项整治, 四型队伍), or two numbered halves (三力三区, 一核四区).
_NUMBERED = re.compile(rf"^[{_NUMERAL}]|[{_NUMERAL}][{_CJK}][{_NUMERAL}][{_CJK}]")
# Unquoted, in running text: two numbered halves that the dictionary does not know (三力三区; not 四面八方).
_NUMBERED_IN_TEXT = re.compile(rf"(?<![{_NUMERAL}])[{_NUMERAL}][{_CJK}][{_NUMERAL}][{_CJK}](?![{_NUMERAL}])")
# A locality's development slogan: three or more four-character terms ending in the same kind of unit
# (生态立乡、产业兴乡、人才强乡、文旅富乡; 工业强县、农业稳县、旅游兴县).
_UNIT_SLOGAN = re.compile(rf"[{_CJK}]{{3}}(?P<kind>[乡镇县市区村城省州旗校院企])(?:[、，][{_CJK}]{{3}}(?P=kind)){{2,}}")


def _quoted(match: re.Match[str]) -> str:
    """A quoted slogan, code or brand becomes {提法}: a long or enumerating one, one with figures, a brand (with
    XX, a place or a ·), or a numbered slogan the dictionary does not know; a national formulation (“四个意识”,
    “放管服”, corpus/national.yaml) and a short set term (“一对一”, “牛鼻子”) stay."""
    inner = match.group(1) or match.group(2) or ""
    if any(inner.startswith(term) for term in national_formulations()):
        return match.group(0)
    if re.search(r"\d", inner) or (len(inner) >= 8 and re.search(r"[、，,；]", inner)) or len(inner) > 16:
        return "{提法}"
    if "XX" in inner or "·" in inner or slot_places(inner) != inner or _names_a_place(inner):
        return "{提法}"
    if _NUMBERED.search(inner) and not known_word(inner):
        return "{提法}"
    return match.group(0)


def _names_a_place(text: str) -> bool:
    """A word of the text is a place the dictionary knows (深圳标准, 水美金华)."""
    return any(lexicon().place(word) for word in lexicon().segment(text))


def _numbered_slogan(match: re.Match[str]) -> str:
    """An unquoted numbered slogan (三力三区) becomes {提法} unless the dictionary or the national list knows it;
    one of 一 alone is a way of working (一事一议, 一企一策), not a slogan."""
    text = match.group(0)
    if known_word(text) or text in national_formulations() or set(text[::2]) == {"一"}:
        return text
    return "{提法}"


# Titles that name a document (as opposed to a book, a film or a form).
_DOCUMENT_KIND = re.compile(
    r"(?:法|条例|准则|章程|规定|办法|细则|意见|通知|决定|方案|计划|规划|纲要|制度|规则|措施|标准|清单|规范|指南|安排|要点)"
    r"(?:[（(][^）)]*[）)])?$"
)


def _document_title(match: re.Match[str]) -> str:
    """A title stays only when every unit can cite it: a document of corpus/national.yaml, a law (only the national
    congress makes a 法), a work of 习近平. Any other document's title becomes {文件} (a local rule, a unit's own
    方案, or a title that does not exist), any other title {名称} (a film, a book, a form)."""
    inner = match.group(1)
    if inner in national_documents() or inner.startswith("习近平"):
        return match.group(0)
    if re.search(r"法$", inner) and not re.search(r"XX|\d|[省市县区乡镇局委办]|办法$", inner):
        return match.group(0)
    return "{文件}" if _DOCUMENT_KIND.search(inner) else "{名称}"


@lru_cache(maxsize=1)
def _national() -> National:
    """corpus/national.yaml."""
    from drafter.bank.store import load_yaml_model
    from drafter.resources import bundled

    return load_yaml_model(bundled(NATIONAL_FILE), National)


def national_formulations() -> tuple[str, ...]:
    """Formulations every unit uses as they stand (四个意识, 放管服 …)."""
    return tuple(_national().formulations)


def national_documents() -> frozenset[str]:
    """Titles of national laws, regulations and Party rules cited in summaries."""
    return frozenset(_national().documents)


def _persons(match: re.Match[str]) -> str:
    """Named colleagues (钱某某、席某等同志) become one {姓名} slot."""
    return "{姓名}同志"


def slot_places(text: str) -> str:
    """Place names before an administrative suffix (濉溪县, 许岭镇, 安徽省合肥市) become {地名}."""
    if not _ADMIN.search(text):
        return text
    pieces: list[str] = []
    cursor = 0
    for match in _ADMIN.finditer(text):
        start = _place_start(text, match.start(), match.group(0), cursor)
        if start is None:
            continue
        pieces += [text[cursor:start], "{地名}"]
        cursor = match.end()
    pieces.append(text[cursor:])
    return "".join(pieces)


def _place_start(text: str, suffix_at: int, suffix: str, floor: int) -> int | None:
    """Where the place name ending before `suffix_at` starts, or None when the suffix ends no place name."""
    end = suffix_at + len(suffix)
    if text[suffix_at - 1 : end] in _NOT_PLACES or text[suffix_at : end + 1] in _SUFFIX_STARTS_WORD:
        return None  # 全市, 城乡, 乡村, 市场: the suffix is part of a common word
    for length in (4, 3, 2):
        start = suffix_at - length
        if start < floor:
            continue
        name = text[start:suffix_at]
        whole = name + suffix
        if not re.fullmatch(rf"[{_CJK}]+", name) or whole in _NOT_PLACES or name in _NOT_PLACES:
            continue
        if place_name(whole) or (place_name(name) and name[0] not in "全各本该我每此其"):
            return start
        if name[0] in _GENERIC_PREFIX:
            continue
        # A name the dictionary does not know, standing after a boundary: a town or village (许岭镇, 丁集村).
        # Not when a character of it is a word that stands between names (均在|乡镇, 并请|县政协), nor when the
        # suffix begins a word of its own (课改|市内, 均在|乡镇): such a suffix ends no place name.
        before = text[start - 1] if start > 0 else ""
        if before.isdigit():
            continue  # what follows a figure is its measure word (9篇获市领导批示), never a place's name
        if (
            length == 2
            and not known_word(name)
            and (not before or before in _BOUNDARY or not re.match(rf"[{_CJK}]", before))
            and not any(lexicon().function_word(c) for c in name)
            and not _begins_word(text, suffix_at)
        ):
            return start
    return None


def _begins_word(text: str, at: int) -> bool:
    """The character at `at` begins a word of two or three characters (乡镇, 市内, 县政协)."""
    return any(known_word(text[at : at + length]) for length in (2, 3) if at + length <= len(text))


def _school(match: re.Match[str], own: str | None = None) -> str:
    """A named school (城关第二中学, 实验小学 of a place) becomes a unit slot ({单位} when it is the writer); 各中小学,
    农村小学 stay. A word that stands before a name at the start of a sentence (与, 在) is not part of it."""
    prefix = match.group(1)
    lead = len(prefix) - len(prefix.lstrip("".join(_BOUNDARY)))
    kept, prefix = prefix[:lead], prefix[lead:]
    if not prefix or prefix[0] in _GENERIC_PREFIX:
        return match.group(0)
    if known_word(prefix) and not re.search(r"第[一二三四五六七八九十]|实验", prefix):
        return match.group(0)
    return kept + _unit_slot(match.group(0)[len(kept) :], own)


def slot_projects(text: str, own: str | None = None) -> str:
    """Named projects and firms (卓轩塑胶制品项目, 鑫诚新材料公司) become {项目}/a unit slot; 民生项目, 重点工程 stay."""
    if not _NAMED_HEADS.search(text):
        return text
    pieces: list[str] = []
    cursor = 0
    for match in _NAMED_HEADS.finditer(text):
        start = _name_start(text, max(cursor, match.start() - 12), match.start())
        if start is None:
            continue
        pieces += [text[cursor:start], "{项目}" if match.group(1) else _unit_slot(text[start : match.end()], own)]
        cursor = match.end()
    pieces.append(text[cursor:])
    return "".join(pieces)


def _name_start(text: str, low: int, end: int) -> int | None:
    """Where a proper name before `end` starts: of the last few words before `end` (read from the end),
    the leftmost that the dictionary does not know or tags as a place, stopping at a function word."""
    position, start = end, None
    for word in reversed(_words(text[low:end])[-5:]):
        # A verb ends a name: 综合施策破除|项目难点 names no project, 卓轩塑胶制品|项目 does.
        if word in _STOP_TOKENS or not re.fullmatch(rf"[{_CJK}{{}}]+", word) or lexicon().verb(word):
            break
        position -= len(word)
        named = place_name(word) or (len(word) >= 2 and not known_word(word))
        if word.startswith("{") or (named and word[0] not in _GENERIC_PREFIX):
            start = position
        elif start == position + len(word) and len(word) == 1 and word not in _GENERIC_PREFIX:
            start = position  # a character the name begins with (华 of 华阳河)
    return start


def _words(text: str) -> list[str]:
    """Words of a short text (slots kept whole), with runs of unknown single characters joined into one
    word: the dictionary does not know a firm's name (鑫诚), so it falls apart into characters."""
    words: list[str] = []
    for piece in re.split(r"(\{[^{}]*\})", text):
        words += [piece] if piece.startswith("{") else lexicon().segment(piece) if piece else []
    joined: list[str] = []
    for word in words:
        single = len(word) == 1 and word not in _STOP_TOKENS and re.match(rf"[{_CJK}]", word)
        if single and joined and len(joined[-1]) >= 1 and joined[-1][-1:] not in _STOP_TOKENS and _is_loose(joined[-1]):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _is_loose(word: str) -> bool:
    """A run of characters the dictionary does not know as a word (so more may join it)."""
    return re.fullmatch(rf"[{_CJK}]+", word) is not None and not known_word(word)
