"""Regular expressions for the conventions of the genre: heading markers, dates, 公文 furniture."""

from __future__ import annotations

import re

from drafter.lazy import lazy_compile

CN_NUM = "[一二三四五六七八九十]{1,3}"
# What a quantity's unit looks like right after a number (1.5亿元, 3.2万人, 2.5%): not a decimal heading number.
_UNIT_AFTER_NUMBER = "万亿千百十%％‰个元人户家项次件名所台套吨米倍天年月日时分秒亩株头只辆座张册本篇条余多"
# Heading markers at the start of a paragraph, by nominal level (GB/T 9704: 一、 （一） 1. （1）).
# 第一部分/第一阶段 take a dash run (——, ---), a colon or a space before their heading; 第一、/第一， is the
# ordinal that speeches and reports run in at the start of a paragraph; 1.1 and 1.1.1 number sections the
# decimal way under 一、 (the first number repeats the section's own).
_MARKER_BODY = rf"""(?:
        第(?P<part>{CN_NUM})(?:部分|阶段|方面|篇|章)(?:\s*(?:[—–\-－~～]+|[：:、．.])\s*|[ \t\u3000]+)   # 第一部分 …, 第一阶段——
      | 第(?P<ord>{CN_NUM})\s*[、，,]                             # 第一、 第一，
      | [0-9０-９]{{1,2}}[.．][0-9０-９]{{1,2}}[.．](?P<dec3>[0-9０-９]{{1,2}})[.．、]?(?=\s|[^\s0-9０-９.．{_UNIT_AFTER_NUMBER}]|$)  # 1.1.1
      | [0-9０-９]{{1,2}}[.．](?P<dec2>[0-9０-９]{{1,2}})[.．、]?(?=\s|[^\s0-9０-９.．{_UNIT_AFTER_NUMBER}]|$)  # 1.1
      | (?P<cn>{CN_NUM})\s*[、．.]                               # 一、
      | [（(]\s*(?P<pcn>{CN_NUM})\s*[）)]\s*[、.．]?              # （一） (一)
      | (?P<ar>[0-9０-９]{{1,2}})\s*(?:[、．]|\.(?![0-9０-９]))     # 1、 1.
      | [（(]\s*(?P<par>[0-9０-９]{{1,2}})\s*[）)]\s*[、.．]?      # （1） (1)
      | (?P<ar2>[0-9０-９]{{1,2}})[）)]                           # 1）
      | (?P<circ>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])                      # ①
    )[ \t\u3000]*"""
MARKER = lazy_compile("^" + _MARKER_BODY, re.VERBOSE)
# 第一部分 stands above 一、: a document in parts numbers its sections inside each part.
MARKER_LEVEL = {"part": 0, "cn": 1, "pcn": 2, "dec2": 2, "ord": 3, "dec3": 3, "ar": 3, "par": 4, "ar2": 4, "circ": 5}
HEADING_START = lazy_compile("^" + _MARKER_BODY + r"(?=\S)", re.VERBOSE)
SENTENCE_END = r"[。！？：；]"
# Where a heading starts in running text: right after sentence-ending punctuation.
HEADING_AFTER_SENTENCE = lazy_compile(rf"(?<={SENTENCE_END})\s*(?={_MARKER_BODY}\S)", re.VERBOSE)

_CN_DATE_NUM = "[0-9〇○零一二三四五六七八九十]"
DATE = (
    rf"(?:(?P<y>\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_CN_DATE_NUM}{{1,3}})\s*月"
    rf"\s*(?P<d>{_CN_DATE_NUM}{{1,3}})\s*日"
    r"|(?P<iy>\d{4})\s*[-./／]\s*(?P<im>\d{1,2})\s*[-./／]\s*(?P<id>\d{1,2})\s*日?)"
)
# A date line of its own, perhaps labelled (日期：2024年12月28日, as a personal summary's end often has).
DATE_LINE = lazy_compile(rf"^\s*(?:(?:日期|时间|成文日期|报告日期)\s*[:：]\s*)?{DATE}\s*$")
SIGNATURE_AND_DATE_LINE = lazy_compile(rf"^\s*(?P<sig>[^。，；！？\s]{{2,30}})\s+{DATE}\s*$")

# 公文 furniture that is never part of the outline.
FURNITURE = lazy_compile(
    r"""^(?:
        .{0,20}〔\d{4}〕\s*\d+\s*号                     # 发文字号 陕电办〔2022〕13号
      | .{0,20}[\[［]\d{4}[\]］]\s*\d+\s*号
      | 签发人[:：].*
      | 特此(?:报告|汇报|说明|函告)[。！.]?
      | (?:联系人|联系电话|电话|传真|电子邮箱|邮箱|手机)[:：].*
      | 抄送[:：].*
      | .{2,40}\d{4}年\d{1,2}月\d{1,2}日\s*印发
      | 附件[:：]?.{0,60}
    )$""",
    re.VERBOSE,
)
# A 版头 line: the issuing authority's name followed by 文件 (红头).
# A line that holds 关于 is a title (关于……的通报), never a 版头.
LETTERHEAD = lazy_compile(r"^(?![^。，；！？]*关于)[^。，；！？]{2,30}(?:文件|简报|通报|快报)$")
# 主送机关: a short line ending in a colon, before the body.
ADDRESSEE = lazy_compile(r"^[^。，；！？:：]{2,40}[:：]$")
# Paragraphs that close a report (结尾表态), a speech or a 政府工作报告 included (各位代表！……让我们……).
CLOSING_CUE = lazy_compile(r"^.{0,60}?(?:今后|新的一年|展望|总之|下一步|面向未来|站在新的起点|让我们)")
# 一是/二是 items inside a body paragraph: at its start or after a sentence end.
BODY_ITEM_ANYWHERE = lazy_compile(rf"(?:^|(?<=[。；！？：:，,]))[ \u3000]*(?P<n>{CN_NUM})是(?=[^，。；、\s])")
# Section names every genre uses; in text without line breaks they tell where a heading ends.
STANDARD_SECTION_NAMES = (
    "基本情况",
    "主要工作情况",
    "主要工作开展情况",
    "主要工作及成效",
    "工作完成情况",
    "存在的主要问题",
    "存在的问题和不足",
    "下一步工作安排",
    "今后工作打算",
    "明年工作计划",
    "主要做法",
    "主要措施",
    "主要工作成效",
    "主要成效",
    "主要工作",
    "工作成效",
    "工作开展情况",
    "存在的问题",
    "存在问题",
    "问题与不足",
    "典型案例",
    "原因分析",
    "下一步工作计划",
    "下一步工作打算",
    "下一步工作",
    "下一步打算",
    "工作计划",
    "意见建议",
)

# Characters no document text should carry (NUL, ESC …); tab, newline and carriage return stay.
_CONTROLS = lazy_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """Text without control characters (they crash .docx writers and garble terminals)."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text
