"""Two tiers of what drafter offers: 常用语 and 范例.

A 常用语 is text another unit signs as it stands once its slots are filled: it names no place, unit,
person, project, brand, slogan or local document (only slots the writer fills with their own: their
unit, the year, figures, a list of the units they dealt with), holds no fact bound to a year, is a
complete sentence whose own words say what part of a report it belongs to, and passes check's
proofreading rules. Everything else worth reading is a 范例: how one unit wrote that part, shown with
its source, never a default. When in doubt a phrase is a 范例: a 常用语 that cannot be signed is the
costly mistake, a 范例 that could have been one only costs a choice.
"""

from __future__ import annotations

import re
from typing import Literal

from drafter.mining.dated import mentions
from drafter.mining.sentences import certain_role
from drafter.mining.slots import SLOT, slot_type

Tier = Literal["常用语", "范例"]
COMMON: Tier = "常用语"
EXAMPLE: Tier = "范例"
# Slots the writer fills with their own: their unit, the report's years, figures and dates, the other units
# they dealt with (a list, or one), as opposed to another unit's place, project, slogan, document or people.
SIGNABLE_SLOTS = frozenset(
    {"单位", "年份", "下一年份", "上一年份", "数量", "金额", "百分比", "日期", "单位名单", "有关单位"}
)
# Shorter than this, a "sentence" is a heading-like pair of phrases (加强学习，提高认识。), no paragraph.
MIN_SENTENCE = 16
FIGURE_SLOTS = frozenset({"数量", "金额", "百分比"})
# More figures than this and a sentence is one unit's record of its year, not a sentence to lend.
MAX_FIGURES = 3
SENTENCE_ROLES = frozenset({"opening", "measure", "result", "case", "problem", "cause", "plan", "closing"})
# A part's lead-in may end in a colon (现将有关情况总结如下：; 重点抓好以下工作：).
LEAD_IN_ROLES = frozenset({"opening", "plan"})
_QUOTED = re.compile(r"“([^”]{1,40})”")
# What a quoted label names when it is a name: a part of one platform or one unit's own brand.
_COMPONENT = re.compile(r"模块|平台|栏目|专栏|专区|公众号|小程序|品牌|工作室")
# A word the dictionary knows that names one institution (浙江大学, 中国科学院).
_INSTITUTION = re.compile(r"^[\u4e00-\u9fff]{2,}(?:大学|学院|研究院|研究所|科学院)$")
# 县第二人民医院, 第一中学: an ordinal names one institution.
_ORDINAL_INSTITUTION = re.compile(r"第[一二三四五六七八九十]+(?:人民医院|医院|中学|小学|幼儿园|中心)")
# A township's own body named after it (趾凤乡人民政府): a name the dictionary does not know before 乡/镇/村.
_TOWNSHIP_BODY = re.compile(r"([\u4e00-\u9fff]{2})[乡镇村](?:人民政府|政府|党委|卫生院|中心校|中心学校|村委会)")
# The writer's name as the first part of one of its bodies (柳溪乡党委 -> {单位}党委): filled with the unit's
# full name (柳溪乡人民政府党委) it reads wrong.
_OWN_NAME_AS_PREFIX = re.compile(r"\{单位\}(?:党委|党组|党工委|政府|人民政府|纪委|人大)")
# A school named after its place (邵庙初中, 城关小学): a name the dictionary does not know before the kind.
_SCHOOL_KINDS = ("初中", "高中", "中学", "小学", "中心校", "幼儿园")
# A place named by its landform (易家湾, 龙湾河): three characters of which the dictionary knows no part.
_LANDFORM = re.compile(r"[\u4e00-\u9fff]{2}[湾湖河江山岭峰坝岛洲塘坪沟峪垸溪]")
# The head of a named undertaking: a place name close before it names one (城东水厂扩建工程).
_UNDERTAKING = re.compile(r"工程|大厦|大道|广场|水厂|园区|产业园")
# 赴 names where one went: a place (赴长三角、赴井冈山), unless it is a kind of place anyone goes to.
_GOING_TO = re.compile(r"(?<![以奔])赴([\u4e00-\u9fff]{1,6})")
_ANY_DESTINATION = frozenset(
    [
        "基层",
        "一线",
        "各地",
        "外地",
        "外省",
        "外市",
        "先进",
        "发达",
        "上级",
        "企业",
        "村",
        "社区",
        "现场",
        "项目",
        "工地",
        "学校",
        "医院",
        "乡镇",
        "省",
        "市",
        "县",
        "区",
        "乡",
        "镇",
        "帮扶",
        "结对",
        "对口",
        "兄弟",
        "周边",
        "相关",
        "有关",
        "一些",
        "部分",
        "多地",
        "全国",
        "省外",
        "市外",
        "县外",
        "实地",
        "农村",
        "村组",
        "田间",
        "地头",
        "群众",
        "困难",
        "贫困",
        "各级",
        "当地",
        "异地",
        "有关部门",
        "相关部门",
        "省里",
        "市里",
        "县里",
        "重点",
        "包联",
        "联系",
        "挂钩",
        "所在",
        "属地",
    ]
)
_ANY_DESTINATION_START = ("各", "先进", "发达", "外", "兄弟", "周边", "基层", "一线", "有关", "相关")
# Projects are built in numbered phases (平台一期上线, 二期工程): a phase is one project's.
# A building's or a project's milestone (教学楼投入使用, 厂房竣工): one unit's own project, not a sentence to lend.
# An inspection's feedback (巡察组反馈意见) and its rectification: one unit's event of the year it was inspected.
_INSPECTED = re.compile(r"巡[视察查](?:组|工作)?(?:反馈|指出|移交)")
# Buildings counted one by one (建成了一幢教学楼) are one unit's own construction.
_MILESTONE = re.compile(
    r"投入使用|投入运营|正式运营|竣工|开工建设|建成投产|主体封顶|主体施工|揭牌|挂牌成立|零的突破|首家"
    r"|建成(?:了)?[一二两三四五六七八九十]+[幢栋]"
)
_PROJECT_PHASE = re.compile(r"[一二三四五六七八九十]期(?=工程|项目|上线|建成|完工|投产|投入|开工)")
# 平安青山, 健康临川: a national campaign's name made a place's own (平安中国, 平安校园 are anyone's).
_LOCAL_BRAND = re.compile(r"(?:平安|健康|美丽|幸福|数字|法治|智慧|清廉)([\u4e00-\u9fff]{2})(?=建设|[，。、]|作出|的)")
_GENERIC_AFTER_BRAND = frozenset(
    [
        "中国",
        "校园",
        "医院",
        "乡村",
        "社区",
        "家庭",
        "企业",
        "机关",
        "单位",
        "城市",
        "农村",
        "生活",
        "发展",
        "成长",
        "工地",
        "交通",
        "村居",
        "镇村",
        "出行",
        "细胞",
        "教育",
        "中心",
    ]
)
# What stands before such a name: a verb of building it (建设健康临川), or nothing that joins it to a word
# (卫生健康部门 is a department, not a brand).
_BRAND_VERBS = frozenset(
    ["建设", "打造", "推进", "开展", "深化", "创建", "争创", "实施", "深入", "助力", "服务", "保障", "推动"]
)
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
# Heads that a proper name stands before without an administrative suffix (湖贝片区, 强基工程).
_NAMED_HEAD = re.compile(r"片区|行动|工程|品牌|工业区|工业园|公园|景区")
# An institution's name before 片区 (人民医院片区): the area named after one building, one city's.
_INSTITUTION_AREA = re.compile(r"(?:医院|中学|小学|大学|学校|车站|广场|公园)片区")
# A region of several provinces (长三角, 京津冀): a regional strategy, which units elsewhere cannot sign.
_REGION = re.compile(
    r"长三角|珠三角|京津冀|粤港澳|大湾区|成渝|长株潭|北部湾|关中平原|海峡西岸|东北振兴|中部崛起|西部大开发"
)
# A firm's name is its trade name, its trade and its form (企业名称登记管理规定: 字号 + 行业 + 组织形式):
# 鑫诚新材料公司. The two characters before the trade are the trade name unless they are an ordinary word.
_FIRM = re.compile(
    r"([\u4e00-\u9fff]{2})(?:新材料|科技|实业|建材|贸易|商贸|电子|食品|物流|置业|机械|化工|纺织|服饰|矿业|能源|生物|"
    r"医药|制药|建设|建筑|房地产|投资|旅游|传媒|信息技术|网络|环保|汽车|钢铁|材料|农业开发|农牧|工贸)"
    r"(?:股份)?(?:有限)?(?:责任)?(?:公司|集团)"
)
# Characters that stand alone in ordinary text (的, 各, 新, 东): no part of a proper name.
_FUNCTION_CHARS = frozenset(
    "做抓促建强优的和与及或等各全本该我其新大小老中东西南北上下前后内外一二三四五六七八九十百千万多个项家有在对为将把被从向于以是了着过也都又并而之所每两几此其"
)
# A programme of one year (2024年度安心托幼行动): one unit's own, however its name reads.
_YEARS_PROGRAMME = re.compile(r"\{(?:上一|下一)?年份\}年度?[\u4e00-\u9fff]{2,8}?(?:行动|工程)")
# A programme named with a warm adjective of the heart (安心托幼行动, 暖心助学工程): a locality's own brand.
_HEART_PROGRAMME = re.compile(r"[安暖舒放贴爱连聚同温]心[\u4e00-\u9fff]{2,4}(?:行动|工程)")
# A place's name before a crop or product (柳河蜜桔, 云岭香菇): a locality's own product.
_PRODUCT = re.compile(
    r"([\u4e00-\u9fff]{2})(?:蜜桔|蜜橘|脐橙|柑橘|茶叶|绿茶|红茶|大米|香米|香菇|木耳|猕猴桃|苹果|葡萄|杨梅|板栗|核桃|"
    r"茶油|白酒|黄酒|米粉|腊肉|火腿|土鸡|黑猪|牛肉|羊肉|莲子|山药|生姜|大蒜|辣椒|花生|贡米|贡茶|甜柚|蜜柚|沙田柚)"
)
_TITLE = re.compile(r"《([^》]{1,60})》")
_NATIONAL_TITLE = re.compile(
    r"^(?:中华人民共和国|中国共产党|中共中央|习近平|党政|国务院|关于新时代|新时代)|(?:法|条例|准则|章程|宪法|决定|决议|规定)$"
)
_LATIN = re.compile(r"[A-Za-z]{2,}|X")
_COMMON_LATIN = frozenset(
    {"GDP", "CPI", "PPP", "APP", "App", "AI", "VR", "IT", "OA", "ICU", "CT", "DRG", "DIP", "PDCA"}
)
# A month or a day of the year (12月份以来, 五月开展的, 今年{日期}): an event of one unit's year. 截至 a date is a
# cut-off, which any unit states of its own figures.
_MOMENT = re.compile(
    r"(?:\{数量\d*\}|[一二三四五六七八九十]{1,2})月(?:份|中旬|上旬|下旬|初|底|以来|前)|(?<!截至)(?<!截止)\{日期\d*\}"
)
_LITERAL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# Words that point back to what came before: the sentence cannot stand alone.
_POINTS_BACK = re.compile(
    r"^(?:对此|为此|因此|此外|这些|这一|这是|此项|该|上述|以上|其中|其|他们|她们|它们|对于这些|与此同时|加之|再加上|再者)"
)
# 此类事故, 上述问题: what they are is said in the sentence before.
_REFERS_BACK = re.compile(r"此类|上述|前述|^在(?:此次|本次|这次)?活动中")
# 重点做好以下工作：一是…… — a part's lead-in and the first item of its list, cut off from the rest.
_LEAD_AND_ITEM = re.compile(r"：(?:[一二三四五六七八九十]是|首先|第一|[（(][一二三四五六七八九十\d][）)]|\d[.、])")
_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("(", ")"))
_SENTENCE_END = "。！？"
# A summary says what was done; a clause that opens on the modal 要 (要依纪依法追究……, 在班子配备上要充分考虑……,
# 各单位要……) tells others what to do: a notice's or a speech's voice, or a higher body's instruction quoted into a
# report.
_INSTRUCTION = re.compile(
    r"(?:^|[，；：])(?:在[^，；：。]{1,16}[上中]|各[^，；：。]{1,10}?)?要(?![求点素闻件害事务紧么是])"
)
# Subordinate areas named by their levels (各区（县）, 县（市、区）, 县区局): written from the level above them, a city's;
# a county or a township cannot sign it.
_LEVEL_ABOVE = re.compile(r"[县区][（(][县区市、]{1,5}[)）]|县区|区县")
# A person's post (本人分管……, 我担任……, 履行教师职责): one writer's duties, which a person in another post cannot sign.
_POSTS = "教师|班主任|护士|医生|医师|会计|出纳|文秘|秘书|辅导员|驾驶员|局长|科长|股长|主任|校长|院长|镇长|乡长|书记|站长|所长|馆长"
_OWN_POST = re.compile(
    rf"(?:本人|我)(?:主要)?(?:分管|担任|主持|协管|兼任|任)|履行(?:好)?(?:{_POSTS})(?:的)?(?:岗位)?职责|所(?:任|带|教)(?:的)?班级"
    r"|抓好分管|分管(?:工作|领域|战线)"
)


# A unit's name is its place, its line of work and its kind (市统计局, 区城市更新和土地整备局): the line of work is
# what remains once the place (up to its level) and the kind are taken off.
_UNIT_PLACE = re.compile(r"^[^省市县区]{0,8}[省市县区](?![域级])")
_UNIT_KIND = re.compile(
    r"(?:人民医院|医院|卫生院|委员会|委|局|中心|办公室|办事处|办|所|站|馆|有限公司|公司|集团|学校|中学|小学)$"
)


def lines_of_work(unit: str) -> list[str]:
    """The lines of work a unit's name says: 市统计局 -> [统计], 区城市更新和土地整备局 -> [城市更新, 土地整备]; none
    for a unit named by its place and kind alone (XX乡, 县人民医院)."""
    rest = _UNIT_KIND.sub("", _UNIT_PLACE.sub("", unit.strip()))
    parts = re.split(r"[和与及、]", rest)
    return [part for part in parts if len(part) >= 2 and _CJK_CHAR.match(part) and not part.startswith("第")]


def names_own_line(text: str, unit: str, genre_words: str, common: frozenset[str] = frozenset()) -> str | None:
    """The line of work of the writer's unit that the sentence names, when the genre's words do not name it (统计 in
    a genre of 人事 work written by a 统计局): one writer's line, narrower than the genre. A word the corpus's units
    use widely (`common`: 发展 of a 发展和改革委员会) names no line."""
    lines = lines_of_work(unit)
    if any(line in common for line in lines):
        return None
    return next((line for line in lines if line in text and line not in genre_words), None)


def tier_of(text: str, role: str, year: int | None = None) -> Tier:
    """常用语 when another unit can sign the phrase as it stands once its slots are filled, else 范例
    (`year`: the one year mining found it bound to)."""
    return COMMON if example_reason(text, role, year) is None else EXAMPLE


def example_reason(text: str, role: str, year: int | None = None) -> str | None:
    """Why a phrase is only a 范例 (None: it is a 常用语), in the words a reviewer reads."""
    if year is not None:
        return f"只适用于{year}年（含有与年份绑定的提法）"
    return (
        _dated(text)
        or _named(text)
        or _standpoint(text, role)
        or _rhetoric(text)
        or _incomplete(text, role)
        or _uncertain(text, role)
        or _proofreading(text)
    )


# The national bureau of the writer's own system called 国家局 (国家局或省局举办的培训): a unit of a vertically run line
# (统计, 税务, 气象 …) speaks of its own superiors; a unit of another line has none of that name.
_OWN_SYSTEM = re.compile(r"国家(?:、省|和省|或省)?局")


def _standpoint(text: str, role: str) -> str | None:
    """Written from a standpoint another writer does not share: an instruction to others, the level above the
    areas it names, one system's superiors, one person's post."""
    if role in SENTENCE_ROLES and _INSTRUCTION.search(text):
        return "是要求或指示的口吻（要……），不是总结的写法"
    system = _OWN_SYSTEM.search(text)
    if system:
        return f"以本系统上级的简称（{system.group(0)}）称呼，是某一条线的单位的口吻"
    level = _LEVEL_ABOVE.search(text)
    if level:
        return f"以上级的口吻列举下级（{level.group(0)}），别的层级签不了"
    post = _OWN_POST.search(text)
    if post:
        return f"写的是某个人的职务分工（{post.group(0)}）"
    return None


# A writer's own figure of speech (奏好理想信念之曲, 奏响……交响曲, 青春之歌): how one report was written, not a sentence
# every report says. Set phrases of 公文 (谱写新篇章, 唱响主旋律) are not among them.
_METAPHOR = re.compile(r"奏[好响][^，。；]{0,12}|[\u4e00-\u9fff]{2}之[曲歌]|交响[曲乐]?")
# A pilot's claim to show the way to those after it (为后续……探索一条可复制……的路径): one unit's own first project.
_PILOT = re.compile(
    r"(?:为后续|探索(?:出)?一条)[^。；]{0,40}?可(?:复制|借鉴|推广|参考)[^。；]{0,16}?(?:路径|路子|模式|样板|范本)"
)


def _rhetoric(text: str) -> str | None:
    """A writer's own rhetoric: a figure of speech, a pilot's claim to be the model."""
    figure = _METAPHOR.search(text)
    if figure:
        return f"是作者自己的修辞（{figure.group(0)}），不是各单位通用的说法"
    pilot = _PILOT.search(text)
    if pilot:
        return f"写的是本单位的试点项目（{pilot.group(0)[:12]}……）"
    return None


# A sentence whose subject is a kind of unit's own body (学区党政领导班子, 街道党工委, 局党组, 院党委) speaks in that kind's
# voice: another kind of unit cannot sign it. 乡/镇/街道 words are adapted to the writer's own kind (全乡 -> 全镇).
_KIND_BODY = re.compile(
    r"^(?:[^，。；：]{1,8}，)?(?:我|本|全)?(学区|街道|社区|医院|学校|公司|集团|中心|[乡镇村局委院校园站所馆])"
    r"(?:党政领导班子|领导班子|班子成员|党委|党工委|党组|党总支|党支部|各项工作)"
)
# A leading group headed by the unit's own head named by the title of its kind (以校长任组长, 以局长为组长): the neutral
# words are 主要负责同志, 主要领导.
_KIND_HEAD = re.compile(
    r"以(?:[\u4e00-\u9fff]{0,3}?)(校长|院长|局长|镇长|乡长|站长|所长|馆长|总经理|经理|董事长)(?:任|为|担任)组长"
)
_KIND_OF_HEAD = {
    "校长": ("学校",),
    "院长": ("医院", "院"),
    "局长": ("局",),
    "镇长": ("镇",),
    "乡长": ("乡",),
    "站长": ("站",),
    "所长": ("所",),
    "馆长": ("馆",),
    "总经理": ("公司",),
    "经理": ("公司",),
    "董事长": ("公司",),
}
# The schools under the writer as one collective (各校, 各学校): written by the body over them (a 教育局, a 学区 or its
# 中心校), not by a school.
_OVER_SCHOOLS = re.compile(r"各(?:中小)?学?校(?![长区])")
_KIND_OF_BODY = {
    "学校": ("学校",),
    "校": ("学校",),
    "园": ("学校",),
    "医院": ("医院",),
    "院": ("医院", "院"),
    "公司": ("公司",),
    "集团": ("公司",),
    "委": ("委员会",),
}
TOWNSHIPS = frozenset({"乡", "镇", "街道"})


def kind_voice(text: str) -> tuple[str, ...]:
    """The kinds of unit a sentence may speak as, when its subject is a kind's own body (学区党政领导班子高度重视……
    -> 学区, 院党委…… -> 医院 or 院), its head is named by the kind's title (以校长任组长 -> 学校) or it names the schools
    under it (各校 -> 局, 学区, 学校: a 中心校), as unit_kind names kinds; the word itself for a kind no unit's name ends
    in (学区)."""
    match = _KIND_BODY.search(text)
    if match:
        return _KIND_OF_BODY.get(match.group(1), (match.group(1),))
    head = _KIND_HEAD.search(text)
    if head:
        return _KIND_OF_HEAD[head.group(1)]
    if _OVER_SCHOOLS.search(text):
        return ("局", "学区", "学校")
    return ()


def speaks_as_another_kind(text: str, kinds: set[str | None]) -> str | None:
    """The kind of unit a sentence speaks as when the genre's writers are of no such kind (学区 in a genre of a 镇's
    and a 县教育局's reports): a township's words count for every township (they are adapted to the writer's)."""
    voice = kind_voice(text)
    if not voice or set(voice) & kinds or (set(voice) & TOWNSHIPS and kinds & TOWNSHIPS):
        return None
    return voice[0]


def names_another_unit(text: str) -> str | None:
    """Whether the phrase names another unit's place, body, project, brand or slogan (however many figures it gives)."""
    return _named(text, count_figures=False)


def _named(text: str, count_figures: bool = True) -> str | None:
    """Another unit's names: slots it alone can fill, quoted slogans, numbered slogans, places, brands."""
    names = [
        slot_type(name) for name in (m.group(1) for m in SLOT.finditer(text)) if slot_type(name) not in SIGNABLE_SLOTS
    ]
    if names:
        return f"含有其他单位的名称或提法（{{{names[0]}}}）"
    figures = sum(slot_type(m.group(1)) in FIGURE_SLOTS for m in SLOT.finditer(text))
    if figures > MAX_FIGURES and count_figures:
        return f"有 {figures} 个数字空位，是某个单位一年的具体数据"
    from drafter.mining.entities import national_formulations
    from drafter.mining.lexicon import lexicon

    national = national_formulations()
    for match in _QUOTED.finditer(text):
        inner = match.group(1)
        # A word the dictionary knows (“一站式”) is quoted for emphasis; anything else is someone's own label, and so is
        # any quoted word that names a thing of one system (“学习班”模块, “清风”品牌).
        component = _COMPONENT.match(text, match.end())
        if not inner.startswith(national) and "{" not in inner and (component or not lexicon().known(inner)):
            return f"含有某地某单位自己的提法（“{inner}”{component.group(0) if component else ''}）"
    for match in _TITLE.finditer(text):
        if not _NATIONAL_TITLE.search(match.group(1)):
            return f"含有某地某单位的文件或刊物（《{match.group(1)}》）"
    for match in _LOCAL_BRAND.finditer(text):
        before = text[max(0, match.start() - 2) : match.start()]
        starts_word = not before or not _CJK_CHAR.match(before[-1]) or before in _BRAND_VERBS
        if starts_word and match.group(1) not in _GENERIC_AFTER_BRAND:
            return f"含有某地的品牌提法（{match.group(0)}）"
    for match in _LATIN.finditer(text):
        if match.group(0) not in _COMMON_LATIN:
            return f"含有字母代号或未替换的占位符（{match.group(0)}）"
    # Place names are slotted by their administrative suffix ({地名}); the dictionary's place tags alone
    # are too loose to judge by (it tags 深度 as one).
    words = lexicon().segment(SLOT.sub("，", text))
    institutions = [w for w in words if _INSTITUTION.search(w)] + _ORDINAL_INSTITUTION.findall(text)
    institutions += _named_schools(words)
    institutions += [
        m.group(0)
        for m in _TOWNSHIP_BODY.finditer(text)
        if not lexicon().known(m.group(1)) and m.group(1)[0] not in "全各本该我"
    ]
    if institutions:
        return f"含有某个机构的名称（{institutions[0]}）"
    body = _OWN_NAME_AS_PREFIX.search(text)
    if body:
        return f"本单位名称后接机构（{body.group(0)}），填上单位全称后不成话"
    for match in _UNDERTAKING.finditer(text):
        preceding = lexicon().segment(text[max(0, match.start() - 8) : match.start()])
        places = [w for w in preceding if len(w) >= 2 and lexicon().place(w)]
        if places:
            return f"含有某个项目或工程的名称（{places[0]}……{match.group(0)}）"
    for match in _GOING_TO.finditer(text):
        destination = lexicon().segment(match.group(1))[0]
        if destination not in _ANY_DESTINATION and not destination.startswith(_ANY_DESTINATION_START):
            return f"含有具体的去处（赴{destination}）"
    for match in _LANDFORM.finditer(SLOT.sub("，", text)):
        name = match.group(0)
        unknown = not any(lexicon().known(part) for part in (name, name[:2], name[1:]))
        if unknown or (lexicon().known(name) and lexicon().place(name)):
            return f"含有地名（{name}）"
    region = _REGION.search(text)
    if region:
        return f"含有某个地区的区域战略（{region.group(0)}）"
    proper = _proper_name(text)
    if proper:
        return f"含有不带行政后缀的专名（{proper}）"
    inspected = _INSPECTED.search(text)
    if inspected:
        return f"写的是某一年接受巡视巡察的事（{inspected.group(0)}）"
    phase = _PROJECT_PHASE.search(text) or _MILESTONE.search(text)
    if phase:
        return f"写的是某个项目的某一期或某个节点（{phase.group(0)}）"
    return None


def _proper_name(text: str) -> str | None:
    """A proper name without an administrative suffix: characters the dictionary reads as no word before a
    片区/行动/工程/品牌 (湖贝、蔡屋围片区), a firm's trade name (鑫诚新材料公司), one year's or a heart-named programme
    (安心托幼行动), a place's product (柳河蜜桔)."""
    from drafter.mining.lexicon import lexicon

    found = _YEARS_PROGRAMME.search(text) or _HEART_PROGRAMME.search(text) or _INSTITUTION_AREA.search(text)
    if found:
        return found.group(0)
    plain = SLOT.sub("，", text)
    for match in _NAMED_HEAD.finditer(plain):
        before = re.split(r"[^\u4e00-\u9fff、]", plain[max(0, match.start() - 10) : match.start()])[-1]
        run = ""
        for word in lexicon().forward(before.replace("、", "，")):
            if len(word) == 1 and _CJK_CHAR.match(word) and word not in _FUNCTION_CHARS:
                run += word
                if len(run) >= 2:
                    return run + "……" + match.group(0)
            else:
                run = ""
    for match in _FIRM.finditer(plain):
        name = match.group(1)
        if lexicon().place(name) or not lexicon().known(name):
            return match.group(0)
    for match in _PRODUCT.finditer(plain):
        name = match.group(1)
        if lexicon().place(name) or not lexicon().known(name):
            return match.group(0)
    return None


def _named_schools(words: list[str]) -> list[str]:
    """Schools named after a place: a word of the kinds (初中, 中学 …) after a name the dictionary does not know, or a
    longer word ending in one that it does not know (城关中学 as one word is known as no common word)."""
    from drafter.mining.lexicon import lexicon

    found = []
    for before, word in zip(["", *words], words, strict=False):
        if word in _SCHOOL_KINDS and len(before) >= 2 and not lexicon().known(before):
            found.append(before + word)
        elif len(word) >= 4 and word.endswith(_SCHOOL_KINDS) and not lexicon().known(word):
            found.append(word)
    return found


def _dated(text: str) -> str | None:
    """A fact of one year (a campaign, a phase of a plan, a numbered meeting), or a year written out."""
    bound = [m for m in mentions(text) if m.bound]
    if bound:
        return f"含有与年份绑定的提法（{bound[0].text}）"
    moment = _MOMENT.search(text)
    if moment:
        return f"写的是某个时间的具体事情（{moment.group(0)}）"
    if "{往年" in text or _LITERAL_YEAR.search(SLOT.sub("", text)):
        return "含有具体的年份"
    return None


def _incomplete(text: str, role: str) -> str | None:
    """A fragment: not a whole sentence, a clause that points back, brackets or quotes left open."""
    if role not in SENTENCE_ROLES:
        return None
    stripped = text.strip()
    if len(SLOT.sub("", stripped)) < MIN_SENTENCE:
        return "太短，是小标题式的短语而不是句子"
    ends = _SENTENCE_END + ("：" if role in LEAD_IN_ROLES else "")
    if not stripped or stripped[-1] not in ends:
        return "不是完整的句子（没有以句号结尾）"
    if _POINTS_BACK.match(stripped) or _REFERS_BACK.search(stripped):
        return "承接上文（此类、上述……），单独用不成句"
    if _LEAD_AND_ITEM.search(stripped):
        return "引语和列举的第一项连在一起"
    if any(stripped.count(left) != stripped.count(right) for left, right in _PAIRS):
        return "引号或括号不成对，是截取的片段"
    return None


def _uncertain(text: str, role: str) -> str | None:
    """The sentence's own words do not say it belongs to its part."""
    if role in SENTENCE_ROLES and not certain_role(text, role):
        return "案例是某个单位的具体事例" if role == "case" else "句子本身看不出属于这一部分"
    return None


def _proofreading(text: str) -> str | None:
    """What check's proofreading rules find in it."""
    from drafter.mining.proofread import problems
    from drafter.output.check.usage import doubled_characters

    plain = SLOT.sub("", text)
    # A character doubled only once a slot is taken out (事项{数量}项) is no mistake; one doubled beside a slot is.
    joined = {message for _, _, message in doubled_characters(plain)}
    found = [found for found in problems(plain) if found not in joined]
    found += [message for _, _, message in doubled_characters(SLOT.sub("，", text))]
    return f"校对规则发现问题：{found[0]}" if found else None
