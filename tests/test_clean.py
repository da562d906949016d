"""Cleaning rules from corpus/cleaning.yaml on small snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

from drafter.errors import ConfigError
from drafter.reading.clean import clean_paragraphs, load_rules
from drafter.reading.pipeline import clean_paths
from drafter.reading.read import Paragraph


def cleaned(text: str) -> str:
    """One line through the bundled rules."""
    (paragraph,), _ = clean_paragraphs([Paragraph(text, 1)], "t.txt", load_rules())
    return paragraph.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("年初组织召开全院D员大会", "年初组织召开全院党员大会"),
        ("深入学习贯彻D的二十大精神", "深入学习贯彻党的二十大精神"),
        ("D建引领，乡贤带动", "党建引领，乡贤带动"),
        ("学习《中国共产DD内监督条例》", "学习《中国共产党党内监督条例》"),
        ("中国共产D纪律处分条例", "中国共产党纪律处分条例"),
        ("，D课开讲", "，党课开讲"),
        ("智慧物联及ED商显项目", "智慧物联及ED商显项目"),
        ("3500吨涤纶DTY项目", "3500吨涤纶DTY项目"),
        ("LED显示屏", "LED显示屏"),
        ("5G基站和D2D通信", "5G基站和D2D通信"),
        ("通过AAA公众号发布", "通过微信公众号发布"),
        ("微博、AAA、抖音等新媒体", "微博、微信、抖音等新媒体"),
        ("XX县发布AAA微博公众号", "XX县发布微信微博公众号"),
        ("型号AAAB电池", "型号AAAB电池"),
        ("评级AAA1级", "评级AAA1级"),
        ("文明实践与乡村振兴等重点工##paidbegin##作有机融合", "文明实践与乡村振兴等重点工作有机融合"),
        ("收到的征哒哒君件陆续推出", "收到的征件陆续推出"),
        ("【哒哒素材库】——每天更新材料1000多篇", ""),
        ("零\u200b宽", "零宽"),
    ],
)
def test_rules(raw: str, expected: str) -> None:
    assert cleaned(raw) == expected


def test_ad_in_a_long_paragraph_drops_only_its_sentence() -> None:
    body = "全面推进各项工作。" * 80
    assert cleaned(body + "欢迎加入素材库会员！") == body


def test_report_counts_and_places_on_the_seed() -> None:
    report = clean_paths([SEED]).report
    assert report.count("paid_marker") == 2
    assert report.count("spam_token") == 1
    assert report.count("ad_footer") == 4
    assert report.count("stand_in_weixin") == 7
    assert report.count("stand_in_dang") >= 100
    assert report.count("toc_entry") == 13
    assert (str(SEED), 74) in report.hits["paid_marker"]


def test_cleaned_seed_has_no_noise() -> None:
    text = "\n".join(clean_paths([SEED]).texts)
    for noise in ("##paid", "素材库", "哒哒", "D员", "AAA", "\t"):
        assert noise not in text
    assert "ED商显" in text and "涤纶DTY" in text


def test_bad_rule_file_names_file_and_field(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - name: x\n    description: y\n    kind: replace\n    pattern: '('\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rules\[0\]\.pattern"):
        load_rules(rules)
    rules.write_text("rules:\n  - name: x\n    kind: erase\n    pattern: a\n    colour: red\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_rules(rules)
    assert str(rules) in error.value.message
    assert "rules[0].kind" in error.value.message and "rules[0].colour" in error.value.message
