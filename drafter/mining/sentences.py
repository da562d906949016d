"""A role for each sentence: from what the sentence says, and from the section it stands in.

A section named 开展情况 holds measures and results alike, so the section alone cannot say which a
sentence is. The cues below are the register's own: figures and 完成/达到/同比 report a result;
将/力争/计划 announce a plan; 不够/有待/短板 admit a problem; 由于/原因 explain one.
"""

from __future__ import annotations

from functools import lru_cache

from drafter.lazy import lazy_compile
from drafter.models import Role

# A figure of achieved work: Arabic digits or a redacted XX before a measure word, or a percentage.
# Chinese numerals mostly name things (八项规定, “三张清单”, 第二人民医院), so they are not figures here.
_FIGURE = lazy_compile(
    r"(?:\d|XX)(?:\.\d+)?\s*"
    r"(?:%|％|个|人|件|次|项|家|户|万|亿|余|多|名|元|栋|平方米|公顷|亩|篇|条|场|期|所|批|类|天|小时|倍|册|部|份|场次|人次|"
    r"位|座|处|台|套|公里|千米|米|吨|斤|公斤|张|面|起|宗|轮|支|本|课时|学时|分)"
)
_RESULT_WORDS = lazy_compile(
    r"已(?:完成|全部|累计|实现|建成|开工|投产|立项|注册|进场|装修|办理|发放|解决|整改)|完成(?:了)?[^，。；]{0,20}?(?:任务|目标|工作|项目)|"
    r"达到|达\d|同比|增长|下降\d|提升了|提高了|增强了|实现了|取得(?:了)?[^，。；]{0,6}(?:成效|成绩|进展|突破|成果)|"
    r"获得|荣获|获评|被评为|排名|位居|位列|好评|认可|表彰|称号|零的突破|圆满完成|顺利完成|全部完成|成功|"
    r"累计|共计|合计|惠及|覆盖率|完成率|满意度达|大大提升|明显提升|显著提升|稳步增长|良好|做到了|^(?:[一二三四五六七八九十]+是)?(?:完成|实现|建成)"
)
# 将 alone also marks an object (将补助款发放到……): only 将 before an adverb announces a plan.
_PLAN_START = lazy_compile(r"^(?:[一二三四五六七八九十]+是)?(?:力争|计划|拟|下一步|明年|今后|争取|预计)")
_PLAN_WORDS = lazy_compile(
    r"力争|下一步|明年|来年|新的一年|今后(?:一个时期)?|将(?:进一步|继续|持续|全力|着力|紧紧|以|坚持|深入|加快|大力)"
)
# Admissions of a shortcoming; 补短板、克服不足、破解瓶颈 are measures, so the word must not follow a remedy.
_PROBLEM_WORDS = lazy_compile(
    r"(?<!补)(?<!补齐)(?<!弥补)(?<!克服)(?<!解决)(?<!破解)(?<!针对)"
    r"(?:不够|有待|不足|短板|薄弱|滞后|欠缺|尚未|仍(?:然)?存在|还存在|差距|不强|不高|不到位|不平衡|"
    r"较少|偏少|偏低|较低|较弱|难度(?:较|很)?大|不力|不深|不实|挫伤)"
)
# In a section about the year's work only the plainest admissions count (困难、问题 there are what was overcome).
_WORK_PROBLEM_WORDS = lazy_compile(
    r"(?<!补)(?<!补齐)(?<!弥补)(?<!克服)(?<!补强)(?:有待|不够|短板|薄弱|欠缺|仍(?:然)?存在|还存在|差距较大)"
)
_CAUSE_WORDS = lazy_compile(r"由于|原因|导致|造成|究其|归根|一方面|另一方面|受[^，。；]{1,12}影响")
# A sentence presents a case by where it stands and how it opens, not by the word 典型 (选树先进典型, 通报典型案例
# are measures): 如，……/例如：……, 以……为例, 典型案例：……, a numbered 1.关于…… (a proposal handled), or a sentence that
# starts with the case itself: a village or community named as its subject (XX村探索……, 如XX社区……).
_CASE_START = lazy_compile(
    r"^(?:如|例如|比如|譬如|又如|再如)[，,：:]|^以[^，。；]{2,30}为例|^典型(?:案例|事例|做法|经验)?[一二三四五六七八九十0-9]*[：:]"
    r"|^[0-9]+\.关于"
)
_NAMED_SUBJECT = lazy_compile(
    r"^(?:如|例如|比如)?(?P<name>XX|[\u4e00-\u9fff]{2,4}?)(?:村|社区)(?![\u4e00-\u9fff]{0,1}(?:民|级|集体|委|组))"
)
_CLOSING_WORDS = lazy_compile(
    r"今后|新的一年|展望|站在新的起点|任重道远|再创佳绩|新台阶|新篇章|新成绩|新贡献|奋力谱写|让我们"
)
# 现将……总结如下： alone: the opening's last words, which hand over to the parts; it says nothing of the year.
_LEAD_IN_ONLY = lazy_compile(
    r"^(?:现|特|兹)将[^。！？]{0,40}?(?:总结|报告|汇报|述职)如下[：:。，,]?(?:请予[^。]{0,20}[。.])?$"
)


def lead_in_only(sentence: str) -> bool:
    """The sentence is only the formula that hands over to the parts (现将有关情况总结如下：), no content."""
    return bool(_LEAD_IN_ONLY.match(sentence.strip()))


@lru_cache(maxsize=1024)
def sentence_role(sentence: str, section: Role) -> Role:
    """The role of one sentence, given the role of the section it stands in."""
    if section in ("opening", "case", "cause"):
        return section
    if section == "closing":
        return "closing" if _CLOSING_WORDS.search(sentence) or sentence.startswith("总之") else "plan"
    if section == "problem":
        return "cause" if _CAUSE_WORDS.search(sentence[:12]) else "problem"
    if section == "plan":
        return "closing" if _pledge(sentence) else "plan"
    return _role_in_work_section(sentence)


# A report without a closing of its own ends its plan with one: a look ahead from the whole unit (新的一年，我们将……)
# that announces no list of tasks. A plan's items are bare orders (加强……); its lead-in announces a list (以下工作：).
# 让我们……: a report delivered at a meeting ends by calling on its hearers.
_LOOK_AHEAD_START = lazy_compile(r"^(?:新的一年|今后|展望|站在新的起点|明年|来年|让我们|(?:19|20)\d{2}年)")
_PLEDGE = lazy_compile(
    r"以更加|新的更大|更大贡献|新局面|新篇章|新台阶|新成绩|新贡献|再创|开创|谱写|答卷|领导下|我们将|^让我们"
)
_WHOLE_UNIT_WILL = lazy_compile(
    r"^[^，。；：]{0,12}，?(?:我们|我[局院校委办中心所站镇乡县区市]{1,2}|公司|全[局院校])将"
)
_ANNOUNCES_LIST = lazy_compile(r"以下|如下|：")


def _pledge(sentence: str) -> bool:
    """The closing pledge a plan section ends with."""
    if not _LOOK_AHEAD_START.match(sentence) or _ANNOUNCES_LIST.search(sentence):
        return False
    return bool(_PLEDGE.search(sentence) or _WHOLE_UNIT_WILL.search(sentence))


_NAMED = lazy_compile(r"“[^”]*”|《[^》]*》|\d{4}(?:年度?|至|-|—)")
# A leading purpose clause (为顺利完成年度目标任务，……) states an aim, not a result.
_PURPOSE = lazy_compile(r"^(?:[一二三四五六七八九十]+是)?(?:为了?|为确保)[^，。；]{1,30}，")


def _role_in_work_section(sentence: str) -> Role:
    """Measure or result (or a stray plan, problem or example) in a section about the year's work."""
    if _CASE_START.search(sentence) or _starts_with_a_case(sentence):
        return "case"
    if _PLAN_START.search(sentence) or _PLAN_WORDS.search(sentence[:20]):
        return "plan"
    if _WORK_PROBLEM_WORDS.search(sentence) and not _RESULT_WORDS.search(sentence):
        return "problem"
    sentence = _PURPOSE.sub("", sentence)
    plain = _NAMED.sub("", sentence)  # quoted names, titles and years are not figures
    if _FIGURE.search(plain) or _RESULT_WORDS.search(sentence):
        return "result"
    return "measure"


def _starts_with_a_case(sentence: str) -> bool:
    """The sentence's subject is a village or community by name (XX村, 丁集村, 如XX社区), not 各村 or 农村."""
    from drafter.mining.entities import slot_places

    match = _NAMED_SUBJECT.match(sentence)
    if match is None:
        return False
    if match.group("name") == "XX":
        return True
    return slot_places(sentence[match.start("name") : match.end()]) == "{地名}"


_OPENING_START = lazy_compile(r"^(?:\{年份\}年(?:以来|度)?|今年以来|一年来|本年度|过去的一年)")
_LOOKS_AHEAD = lazy_compile(r"将|今后|新的一年|展望|站在新的起点")


def fits_role(text: str, role: str) -> bool:
    """An opening starts from the year (or 一年来) and is a whole sentence; a closing looks ahead."""
    if role == "opening":
        return bool(_OPENING_START.match(text)) and len(text) >= 30
    if role == "closing":
        return bool(_LOOKS_AHEAD.search(text))
    return True


# A plan says what will be done: a verb of intent or of action; a report of what was done is no plan.
_PLAN_CUES = lazy_compile(
    r"将|要|进一步|继续|持续|力争|争取|着力|加快|加大|推动|深化|强化|加强|完善|健全|抓好|做好|确保|不断|坚持|聚焦|"
    r"围绕|提升|提高|落实|推进|建立|探索|巩固|拓展|优化|打造|全力|切实|严格|积极|努力|计划|主动|夯实|筑牢|压实"
)
_DONE_CUES = lazy_compile(
    r"已(?!成为)|(?<![为除])了(?!解)|取得|圆满|先后|累计|共计|荣获|获评|被评为|同比|较上年|比上年"
)
_SIDE_OF_CAUSE = lazy_compile(r"(?:主观|客观)上|制约")
_PAST_YEAR_SLOT = lazy_compile(r"\{(?:年份|上一年份|往年)\d*\}")


def certain_role(text: str, role: str) -> bool:
    """The sentence's own words say it is of `role` (not only the section it stood in): an opening starts from
    the year, a closing and a plan look ahead (a plan to next year, never to this year or the last), a problem
    admits a shortcoming, a cause explains one; a measure or result is neither plan nor problem nor example.
    A case is one unit's own story, never certain enough to lend."""
    if role in ("opening", "closing"):
        return fits_role(text, role)
    if role == "plan":
        return bool(_PLAN_CUES.search(text)) and not _DONE_CUES.search(text) and not _PAST_YEAR_SLOT.search(text)
    if role == "problem":
        return bool(_PROBLEM_WORDS.search(text))
    if role == "cause":  # an explanation, or an admission the problem part explains itself by
        return bool(_CAUSE_WORDS.search(text) or _SIDE_OF_CAUSE.search(text) or _PROBLEM_WORDS.search(text))
    if role in ("measure", "result"):  # what was done, so never of next year
        return "{下一年份" not in text and _role_in_work_section(text) in ("measure", "result")
    return role != "case"
