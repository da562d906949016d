"""`drafter serve` routes through Starlette's TestClient: every page, every form, bad input changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from conftest import ROOT, TEMPLATES
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx_factory import build_messy_report
from starlette.testclient import TestClient

from drafter.web.app import Settings, create_app
from drafter.web.serve import address, free_port

TODAY = dt.date(2025, 12, 20)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Site:
    """A server over a drafts folder, and what a page sends with every POST."""

    def __init__(self, folder: Path, templates: Path | None = TEMPLATES, limit: int | None = None) -> None:
        self.folder = folder
        self.settings = Settings(folder=folder, templates_option=templates, today=TODAY)
        if limit:
            self.settings.upload_limit = limit
        self.client = TestClient(create_app(self.settings))
        self.csrf = self.settings.guard.csrf

    def post(self, url: str, data: dict | None = None, files: dict | None = None, **options):
        headers = {"x-csrf-token": self.csrf, **options.pop("headers", {})}
        return self.client.post(url, data=data or {}, files=files, headers=headers, **options)

    def new(self, genre: str = "shenji", org: str = "XX县审计局", year: str = "2025") -> str:
        answer = self.post("/drafts", {"genre": genre, "org": org, "year": year}, follow_redirects=False)
        assert answer.status_code == 303, answer.text
        return answer.headers["location"].rsplit("/", 1)[1]

    def answer(self, draft: str, name: str, value, **extra):
        data = {"name": name, "value": value, **extra}
        if isinstance(value, list):
            data["many"] = "1"
        return self.post(f"/write/{draft}/answer", data, headers={"hx-request": "true"})

    def core(self, draft: str):
        from urllib.parse import unquote

        from drafter.web.drafts import open_draft
        from drafter.writing.draft import library

        return open_draft(self.folder, unquote(draft), library(TEMPLATES), TODAY)

    def answers(self, draft: str) -> dict:
        from urllib.parse import unquote

        return yaml.safe_load((self.folder / f"{unquote(draft)}.answers.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "drafts")


def test_start_page_lists_genres_with_their_counts(site: Site) -> None:
    page = site.client.get("/")
    assert page.status_code == 200
    assert "审计" in page.text and "篇总结中提炼" in page.text and "还没有草稿" in page.text
    assert 'name="csrf"' in page.text and "htmx.min.js" in page.text


@pytest.mark.parametrize("path", ["/", "/skeleton"])
def test_the_unit_name_hint_is_not_one_genres(site: Site, path: str) -> None:
    """The genre is chosen on the same page, so the hint names units of several kinds, not a 局 alone."""
    page = site.client.get(path)
    hint = re.search(r'name="org"[^>]*placeholder="([^"]*)"', page.text)
    assert hint is not None and "局" in hint.group(1) and "镇" in hint.group(1) and "医院" in hint.group(1)


def test_a_second_draft_of_the_same_title_is_a_draft_of_its_own(site: Site) -> None:
    first, second = site.new(), site.new()
    assert first != second
    assert sorted(p.name for p in site.folder.iterdir() if p.name.endswith(".answers.yaml")) == [
        "XX县审计局2025年工作总结(2).answers.yaml",
        "XX县审计局2025年工作总结.answers.yaml",
    ]
    for draft in (first, second):
        page = site.client.get(f"/write/{draft}")
        assert page.status_code == 200 and "没有编号为" not in page.text
    assert site.client.get("/").text.count("XX县审计局2025年工作总结") >= 2


def test_an_empty_search_in_a_part_without_whole_sentences_says_how_to_find_more(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.bank.search import BankView

    draft = site.new()
    monkeypatch.setattr(BankView, "matches", lambda self, query, limit=20: [])
    empty = site.client.get(f"/write/{draft}/phrases", params={"q": "", "role": "measure"}).text
    assert "没有可以直接套用的整句常用语" in empty and "换个词" not in empty
    typed = site.client.get(f"/write/{draft}/phrases", params={"q": "量子纠缠", "role": "measure"}).text
    assert "换个词再试" in typed


def test_a_new_draft_is_listed_with_its_progress(site: Site) -> None:
    draft = site.new()
    answers = site.answers(draft)
    assert answers["genre"] == "审计" and answers["org"] == "XX县审计局" and answers["year"] == 2025
    page = site.client.get("/")
    assert "XX县审计局2025年工作总结" in page.text and "<progress" in page.text


@pytest.mark.parametrize(
    "url",
    [
        "/write/{d}",
        "/write/{d}?part=basics",
        "/write/{d}?part=preamble",
        "/write/{d}?part=sections%5B0%5D",
        "/write/{d}?part=sections%5B1%5D",
        "/write/{d}?part=closing",
        "/write/{d}?part=signature",
        "/write/{d}/part?part=sections%5B2%5D",
        "/write/{d}/outline",
        "/write/{d}/preview",
        "/write/{d}/phrases?q=审计&role=measure&target=sections%5B0%5D.body",
        "/review/{d}",
        "/format",
        "/skeleton",
        "/phrases",
        "/phrases?genre=shenji&role=plan&q=审计",
        "/mine",
        "/mine/status",
        "/static/htmx.min.js",
        "/static/htmx-LICENSE.txt",
    ],
)
def test_every_page(site: Site, url: str) -> None:
    draft = site.new()
    page = site.client.get(url.format(d=draft))
    assert page.status_code == 200, page.text[:500]


def test_answers_are_saved_as_the_wizard_saves_them(site: Site) -> None:
    draft = site.new()
    saved = site.answer(
        draft, "sections[1].children", ["聚焦主责主业，充分发挥审计监督职能", "我的小标题"], rerender="1"
    )
    assert saved.status_code == 200 and "我的小标题" in saved.text and "已保存" in saved.text
    saved = site.answer(draft, "sections[1].children[1].body", "全年完成审计项目54个。\n查出问题金额1.2亿元。")
    assert re.search(r"已保存 \d\d:\d\d:\d\d", saved.text) and saved.headers["hx-trigger"] == "drafter-saved"
    answers = site.answers(draft)
    section = answers["sections"][0]
    assert section["heading"] == "履行审计监督职能，服务经济社会高质量发展"
    assert section["children"][1] == {
        "heading": "我的小标题",
        "body": ["全年完成审计项目54个。", "查出问题金额1.2亿元。"],
        "children": [],
    }
    assert answers["resume_at"] == "sections[1].children[1].body"
    assert "已写" in site.client.get(f"/write/{draft}/outline").text


def test_a_phrase_goes_in_with_its_slots_as_fields(site: Site) -> None:
    draft = site.new()
    found = site.client.get(f"/write/{draft}/phrases", params={"q": "预算执行 问题", "role": "measure"})
    phrase = re.search(r'"phrase": "(\w+)"', found.text)
    assert phrase, found.text
    part = site.post(
        f"/write/{draft}/insert", {"target": "sections[0].body", "phrase": phrase.group(1), "part": "sections[0]"}
    )
    assert part.status_code == 200 and 'class="slot"' in part.text and "待填的空" in part.text
    assert part.headers["hx-trigger"] == "drafter-saved", "the outline and the preview follow"
    body = site.answers(draft)["sections"][0]["body"]
    assert ("【数量】" in body[-1] and "2025" not in body[-1]) or "2024" in body[-1]
    marks = re.findall(r"【([^】]+)】", body[-1])
    filled = site.post(
        f"/write/{draft}/slot",
        {"paragraph": "sections[0].body[0]", "occurrence": "0", "value": "12", "part": "sections[0]"},
    )
    assert filled.status_code == 200
    after = site.answers(draft)["sections"][0]["body"][-1]
    assert len(re.findall(r"【([^】]+)】", after)) == len(marks) - 1 and "12" in after


def test_a_new_draft_has_the_wizards_defaults(site: Site) -> None:
    """The genre offered first, the date and the sub-headings ticked are those the terminal wizard offers."""
    from drafter.writing.draft import library
    from drafter.writing.wizard.questions import genre_question

    books = library(TEMPLATES)
    default = genre_question(books.genres, books.documents).default
    assert f'value="{default}" required checked' in site.client.get("/").text
    draft = site.new()
    assert site.answers(draft)["date"] == "2025-12-20", "the date Enter takes in the wizard"
    part = site.client.get(f"/write/{draft}/part?part=sections%5B1%5D").text
    ticked = re.findall(r'value="([^"]+)" (?:data-walk )?checked>', part)
    assert ticked and "已按同类总结的习惯勾选" in part
    site.answer(draft, "sections[1].children", [ticked[0]], rerender="1")
    again = site.client.get(f"/write/{draft}/part?part=sections%5B1%5D").text
    assert re.findall(r'value="([^"]+)" (?:data-walk )?checked>', again) == [ticked[0]], "what was chosen, after"


def test_opening_and_closing_offer_the_wizards_choices(site: Site) -> None:
    from drafter.writing.wizard.questions import WRITE_OWN

    draft = site.new()
    for part in ("preamble", "closing"):
        page = site.client.get(f"/write/{draft}/part?part={part}").text
        core = site.core(draft)
        question = core.questions(part)[0]
        offered = re.findall(r'data-choice="([^"]+)"', page)
        assert offered == [c.value for c in question.choices if c.value != WRITE_OWN]
        assert f'data-suggest-choice="{question.default}"' in page
        chosen = site.post(f"/write/{draft}/insert", {"target": part, "phrase": offered[1], "part": part})
        assert chosen.status_code == 200
        expected = next(c.title for c in question.choices if c.value == offered[1])
        assert site.answers(draft)[part] == expected, "the sentence as the wizard shows it"


def test_leaving_a_part_marks_what_is_still_to_write(site: Site) -> None:
    """Enter past the last field leaves a part as the wizard does: empty bodies say 【待填写】."""
    draft = site.new()
    site.answer(draft, "sections[1].children", ["聚焦主责主业，充分发挥审计监督职能"], rerender="1")
    site.answer(draft, "sections[2].heading", "存在的问题")
    for part in ("sections[1]", "sections[2]", "sections[0]", "preamble", "../../x"):
        assert site.post(f"/write/{draft}/leave", {"part": part}).status_code == 200
    sections = site.answers(draft)["sections"]
    assert sections[0]["children"][0]["body"] == ["【待填写】"] and sections[0]["body"] == []
    assert sections[1] == {"heading": "存在的问题", "body": ["【待填写】"], "children": []}
    assert len(sections) == 2, "a part never answered is not made by leaving it"
    outline = site.client.get(f"/write/{draft}/outline").text
    assert "未写" in outline


def test_a_refused_answer_is_said_where_saving_is_said(site: Site) -> None:
    draft = site.new()
    site.post(
        f"/write/{draft}/insert",
        {"target": "sections[0].body", "phrase": first_slotted(site, draft), "part": "sections[0]"},
    )
    refused = site.post(
        f"/write/{draft}/slot",
        {"paragraph": "sections[0].body[0]", "occurrence": "0", "value": "很多", "part": "sections[0]"},
        headers={"hx-request": "true"},
    )
    assert refused.headers["hx-retarget"] == "#saved" and "请输入数字" in refused.text, "the form stays as it was"


def test_a_sub_heading_without_text_is_unfinished(site: Site) -> None:
    draft = site.new()
    site.answer(draft, "sections[1].children", ["聚焦主责主业，充分发挥审计监督职能"], rerender="1")
    assert "未写完" in site.client.get(f"/write/{draft}/outline").text
    assert "未写完" in site.client.get(f"/review/{draft}").text


def first_slotted(site: Site, draft: str) -> str:
    """A phrase of the measure bank whose first slot wants a number."""
    core = site.core(draft)
    for phrase in core.insert_bank("measure").matches("", limit=None):
        marks = core.paragraph_marks(core.finish_phrase(core.prefill(phrase.text), {}))
        if marks and marks[0].question.validate == "number":
            return phrase.id
    raise AssertionError("no phrase with a number slot")


def test_preview_counts_pages(site: Site) -> None:
    draft = site.new()
    site.answer(draft, "sections[0].body", "\n".join(["全年共完成审计项目54个，查出问题金额1.2亿元。" * 6] * 30))
    preview = site.client.get(f"/write/{draft}/preview")
    pages = int(re.search(r'id="page-count">(\d+)<', preview.text).group(1))
    assert pages >= 5 and preview.text.count('class="page"') == pages
    assert "XX县审计局2025年工作总结" in preview.text and "— 1 —" in preview.text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_the_real_pages_beside_the_preview(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    draft = site.new()
    site.answer(draft, "sections[0].body", "\n".join(["全年共完成审计项目54个，查出问题金额1.2亿元。" * 6] * 9))
    before = snapshot(site.folder)
    assert "查看排版后的真实页面" in site.client.get(f"/write/{draft}").text
    shown = site.post(f"/write/{draft}/pages", headers={"hx-request": "true"})
    assert shown.status_code == 200 and "排版后的真实页面" in shown.text, shown.text[:300]
    count = int(re.search(r'id="real-count">(\d+)<', shown.text).group(1))
    images = re.findall(r'src="(/pages/([\w-]{20,})/(\d+)\.png)"', shown.text)
    assert count >= 2 and [int(n) for _, _, n in images] == list(range(1, count + 1))
    assert shown.text.count('class="page"') >= 2, "the estimated pages stand beside the real ones"
    first = site.client.get(images[0][0])
    assert first.status_code == 200 and first.headers["content-type"] == "image/png"
    assert first.content.startswith(b"\x89PNG") and first.headers["cache-control"] == "no-store"
    assert snapshot(site.folder) == before and not any((tmp_path / "temp").iterdir()), "made and removed out of sight"
    site.post(f"/pages/{images[0][1]}/close")
    gone = site.client.get(images[0][0])
    assert gone.status_code == 400 and "已经关闭或过期" in gone.text


def test_asking_again_replaces_a_drafts_pages(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each draft keeps only its latest pages (LibreOffice's work is stood in for by a one-page PNG)."""
    import drafter.output.preview as preview
    from drafter.output.preview import Preview

    def one_page(document: Path, out_dir: Path, force: bool = False) -> Preview:
        out_dir.mkdir()
        (out_dir / "p-1.png").write_bytes(b"\x89PNG" + document.read_bytes()[:10])
        return Preview(out_dir / "p.pdf", [out_dir / "p-1.png"], {})

    monkeypatch.setattr(preview, "libreoffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(preview, "preview_docx", one_page)
    draft, other = site.new(), site.new(org="XX县统计局")
    ids = []
    for made in (draft, draft, other):
        shown = site.post(f"/write/{made}/pages", headers={"hx-request": "true"})
        ids.append(re.search(r"/pages/([\w-]+)/1\.png", shown.text).group(1))
    assert len(set(ids)) == 3
    assert [site.client.get(f"/pages/{i}/1.png").status_code for i in ids] == [400, 200, 200]


def test_without_libreoffice_the_page_says_so(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    import drafter.output.preview as preview

    monkeypatch.setattr(preview, "libreoffice", lambda: None)
    draft = site.new()
    for url in (f"/write/{draft}", f"/review/{draft}"):
        page = site.client.get(url)
        assert "本机没有 LibreOffice" in page.text and 'id="real-pages-button"' not in page.text
    before = snapshot(site.folder)
    asked = site.post(f"/write/{draft}/pages", headers={"hx-request": "true"})
    assert 'class="error"' in asked.text and "本机没有安装 LibreOffice" in asked.text and "Word 或 WPS" in asked.text
    assert snapshot(site.folder) == before


@pytest.mark.parametrize("url", ["/pages/nope/1.png", "/pages/..%2F..%2Fetc/1.png", "/pages/x/0.png"])
def test_pages_that_are_not_there(site: Site, url: str) -> None:
    answer = site.client.get(url)
    assert answer.status_code in (400, 404)
    if answer.status_code == 400:
        assert "已经关闭或过期" in answer.text


def test_review_lists_findings_and_downloads_name_the_title(site: Site) -> None:
    draft = site.new()
    site.answer(draft, "sections[0].body", "同比增长50%，由100个增至120个。")
    review = site.client.get(f"/review/{draft}")
    assert review.status_code == 200 and "还没写完的部分" in review.text and "检查结果" in review.text
    before = snapshot(site.folder)
    got = site.client.get(f"/download/{draft}.docx")
    assert "filename*=UTF-8''XX%E5%8E%BF" in got.headers["content-disposition"]
    document = docx.Document(io.BytesIO(got.content))
    assert document.paragraphs[0].text == "XX县审计局2025年工作总结"
    assert "同比增长50%，由100个增至120个。" in [p.text for p in document.paragraphs]
    markdown = site.client.get(f"/download/{draft}.md")
    assert markdown.status_code == 200 and "同比增长50%" in markdown.text
    assert snapshot(site.folder) == before, "a download writes nothing on disk"


def test_font_settings_are_remembered(site: Site) -> None:
    draft = site.new()
    saved = site.post("/settings/fonts", {"body": "仿宋", "title": "华文中宋", "back": f"/review/{draft}"})
    assert saved.status_code == 200
    got = site.client.get(f"/download/{draft}.docx")
    styles = docx.Document(io.BytesIO(got.content)).styles
    east_asian = {name: styles[name].element.rPr.rFonts.get(qn("w:eastAsia")) for name in ("公文标题", "公文正文")}
    assert east_asian == {"公文标题": "华文中宋", "公文正文": "仿宋"}


def footers(data: bytes) -> list[tuple[str, object]]:
    section = docx.Document(io.BytesIO(data)).sections[0]
    return [(f.paragraphs[0].text, f.paragraphs[0].alignment) for f in (section.footer, section.even_page_footer)]


def test_the_page_number_style_is_chosen_once_for_every_document(site: Site, tmp_path: Path) -> None:
    draft = site.new()
    page = site.client.get(f"/settings?back=/review/{draft}")
    assert page.status_code == 200 and "单页靠右、双页靠左" in page.text and 'value="gbt9704" checked' in page.text
    saved = site.post("/settings/fonts", {"page_number_style": "center", "back": f"/review/{draft}"})
    assert saved.status_code == 200 and "页码 “— 1 —”，居中" in saved.text, "back on the review page, which says so"
    centred = [("— 1 —", WD_ALIGN_PARAGRAPH.CENTER)] * 2
    assert footers(site.client.get(f"/download/{draft}.docx").content) == centred
    from drafter.cli import main

    for command in (
        ["render", str(site.folder / f"{urllib.parse.unquote(draft)}.answers.yaml"), "-o"],
        ["skeleton", "审计", "-o"],
    ):
        with pytest.raises(SystemExit):
            main([*command, str(tmp_path / "终端.docx"), "--force", "--templates", str(TEMPLATES)])
        assert footers((tmp_path / "终端.docx").read_bytes()) == centred, "the terminal reads the same choice"
    assert footers(site.post("/skeleton", {"genre": "shenji"}).content) == centred
    messy = build_messy_report(tmp_path / "乱.docx").read_bytes()
    assert footers(site.post("/format", {"download": "1"}, docx_upload("乱.docx", messy, "file")).content) == centred
    assert 'class="page-number center"' in site.client.get(f"/write/{draft}/preview").text
    assert "“— 1 —”，居中" in site.client.get("/format").text and "“— 1 —”，居中" in site.client.get("/skeleton").text
    site.post("/settings/fonts", {"page_number_style": "none", "back": "/"})
    assert footers(site.client.get(f"/download/{draft}.docx").content) == [("", None)] * 2
    assert "page-number" not in site.client.get(f"/write/{draft}/preview").text
    assert "页脚里没有页码域" not in site.client.get(f"/review/{draft}").text, "the clerk's choice is not a problem"
    site.post("/settings/fonts", {"reset": "1", "back": "/"})
    gbt = [("— 1 —", WD_ALIGN_PARAGRAPH.RIGHT), ("— 1 —", WD_ALIGN_PARAGRAPH.LEFT)]
    assert footers(site.client.get(f"/download/{draft}.docx").content) == gbt


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"page_number_style": "右下角"}, "页码样式只能从列出的几种中选择"),
        ({"body": "仿宋\n" + "宋" * 80}, "排版设置有误（正文）"),
        ({"colour": "red"}, "没有“colour”这一项"),
        ({"back": "https://evil.example/"}, None),
    ],
)
def test_bad_settings_say_why_and_change_nothing(site: Site, data: dict, message: str | None) -> None:
    from drafter.resources import user_data_dir

    site.post("/settings/fonts", {"title": "华文中宋", "back": "/"})
    before = snapshot(site.folder), snapshot(user_data_dir())
    answer = site.post("/settings/fonts", data, follow_redirects=False)
    if message is None:  # a good form with a foreign address to go back to: saved, and back home instead
        assert answer.status_code == 303 and answer.headers["location"] == "/"
        return
    assert answer.status_code == 400 and message in answer.text and "什么都没有改动" in answer.text
    assert (snapshot(site.folder), snapshot(user_data_dir())) == before


# --- bad input: a Chinese message, nothing changed ------------------------------------------------------


def docx_upload(name: str, data: bytes, field: str = "last_year") -> dict:
    return {field: (name, data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")}


@pytest.mark.parametrize(
    ("url", "data", "files", "message"),
    [
        ("/drafts", {"genre": "火星", "org": "甲", "year": "2025"}, None, "没有叫"),
        ("/drafts", {"genre": "shenji", "org": "甲", "year": "明年"}, None, "年份"),
        ("/drafts", {"genre": "/etc/passwd", "org": "", "year": "2025"}, None, "没有叫"),
        ("/drafts", {"genre": "shenji", "org": "../../etc/passwd", "year": "2025"}, None, "路径符号"),
        ("/drafts", {"genre": "shenji", "org": "C:\\Windows\\审计局", "year": "2025"}, None, "路径符号"),
        (
            "/drafts",
            {"genre": "shenji", "year": "2025"},
            docx_upload("去年.docx", b"MZ\x90\x00" + b"\x00" * 500),
            "不是真正的 .docx",
        ),
        ("/drafts", {"genre": "shenji", "year": "2025"}, docx_upload("去年.exe", b"MZ" * 100), "不支持"),
        ("/format", {}, docx_upload("a.docx", b"MZ\x90\x00" * 100, "file"), "内容与扩展名不符"),
        ("/format", {}, docx_upload("a.docx", b"PK\x03\x04" + b"\x00" * 100, "file"), "无法"),
        ("/skeleton", {"genre": "火星"}, None, "没有叫"),
        ("/skeleton", {"genre": "shenji", "year": "../../2025"}, None, "年份"),
        ("/mine", {"source": "/no/such/folder"}, None, "找不到文件夹"),
        ("/mine", {}, {"zip": ("a.zip", b"MZ" * 10, "application/zip")}, "内容与扩展名不符"),
        ("/phrases/decide", {"id": "../../etc/passwd", "status": "accepted"}, None, "找不到"),
    ],
)
def test_bad_forms_say_why_in_chinese_and_change_nothing(site: Site, url, data, files, message) -> None:
    site.new()
    before = snapshot(site.folder)
    answer = site.post(url, data, files)
    assert answer.status_code == 400, answer.text[:300]
    assert message in answer.text and "什么都没有改动" in answer.text
    assert snapshot(site.folder) == before


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("year", "明年", "请输入四位年份"),
        ("../../etc/passwd", "x", "没有这个问题"),
        ("sections[99].body", "x", "没有这一部分"),
        ("sections[0].body[7]", "x", "没有第 8 段"),
        ("date", "/etc/passwd", "请输入日期"),
        ("org", "/etc/passwd", "路径符号"),
        ("org", "审计局" * 20, "不超过 40 个字"),
    ],
)
def test_bad_answers_say_why_and_change_nothing(site: Site, name, value, message) -> None:
    draft = site.new()
    before = snapshot(site.folder)
    answer = site.answer(draft, name, value)
    assert answer.status_code == 200 and 'class="error"' in answer.text and message in answer.text
    assert snapshot(site.folder) == before


@pytest.mark.parametrize(
    ("form", "data", "message"),
    [
        ("insert", {"target": "sections[99].body", "phrase": "x"}, "没有编号为“x”的常用语"),
        ("insert", {"target": "sections[0].body", "phrase": "../../etc/passwd"}, "没有编号为“../../etc/passwd”"),
        ("slot", {"paragraph": "sections[0].body[0]", "occurrence": "x", "value": "1"}, "这一段里没有这个空"),
        ("slot", {"paragraph": "../../etc/passwd", "occurrence": "0", "value": "1"}, "没有"),
        ("material", {"part": "/etc/passwd", "paragraph": "0"}, "没有去年计划的内容"),
        ("own", {"text": "", "role": "measure"}, "没有要保存的文字"),
        ("pending", {"action": "../../x", "part": "sections[0]"}, "没有这个操作"),
        ("compare", {"paragraph": "sections[0].body[0]", "at": "x", "option": "0"}, "没有可比较的上年数字"),
    ],
)
def test_bad_fields_of_a_drafts_forms_change_nothing(site: Site, form: str, data: dict, message: str) -> None:
    from drafter.resources import user_data_dir

    draft = site.new()
    before = snapshot(site.folder), snapshot(user_data_dir())
    answer = site.post(f"/write/{draft}/{form}", data, headers={"hx-request": "true"})
    assert 'class="error"' in answer.text and message in answer.text, answer.text[:300]
    assert (snapshot(site.folder), snapshot(user_data_dir())) == before


@pytest.mark.parametrize("draft", ["nope", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "x.answers"])
@pytest.mark.parametrize("url", ["/write/{d}", "/review/{d}", "/download/{d}.docx", "/write/{d}/preview"])
def test_a_draft_id_that_is_not_one(site: Site, draft: str, url: str) -> None:
    site.new()
    before = snapshot(site.folder)
    answer = site.client.get(url.format(d=draft))
    assert (answer.status_code, "没有编号为" in answer.text) == (400, True) or (
        answer.status_code == 404 and "没有这个页面" in answer.text  # a slash in the id: no route matches it
    )
    assert "什么都没有改动" in answer.text and snapshot(site.folder) == before


@pytest.mark.parametrize(
    "form", ["answer", "insert", "slot", "leave", "material", "own", "pending", "compare", "pages"]
)
def test_every_form_of_a_draft_that_is_not_one(site: Site, form: str) -> None:
    site.new()
    before = snapshot(site.folder)
    answer = site.post(f"/write/nope/{form}", {"name": "org", "value": "x", "text": "x", "id": "1"})
    assert answer.status_code == 400 and "没有编号为" in answer.text and "什么都没有改动" in answer.text
    assert snapshot(site.folder) == before


@pytest.mark.parametrize("url", ["/no/such/page", "/static/../../etc/passwd", "/write/a/b/c"])
def test_an_address_the_site_does_not_have(site: Site, url: str) -> None:
    answer = site.client.get(url)
    assert answer.status_code == 404 and "没有这个页面" in answer.text and "Not Found" not in answer.text


def test_a_form_sent_the_wrong_way(site: Site) -> None:
    answer = site.client.delete("/drafts")
    assert answer.status_code == 405 and "不接受" in answer.text


@pytest.mark.parametrize(
    ("url", "field", "name", "data"),
    [
        ("/format", "file", "大.docx", {}),
        ("/drafts", "last_year", "去年.docx", {"genre": "shenji", "org": "甲", "year": "2025"}),
        ("/mine", "zip", "往年.zip", {}),
    ],
)
def test_a_30_mb_upload_is_refused(site: Site, url: str, field: str, name: str, data: dict) -> None:
    site.new()
    before = snapshot(site.folder)
    big = b"PK\x03\x04" + b"\x00" * (30 * 1024 * 1024)
    answer = site.post(url, data, docx_upload(name, big, field))
    assert answer.status_code == 413 and "太大" in answer.text and "20 MB" in answer.text
    assert "什么都没有改动" in answer.text and snapshot(site.folder) == before


def test_an_upload_without_a_declared_size_is_bounded(tmp_path: Path) -> None:
    site = Site(tmp_path / "drafts", limit=1024)
    answer = site.post("/format", {}, docx_upload("a.docx", b"PK\x03\x04" + b"\x00" * 5000, "file"))
    assert answer.status_code == 413 and "太大" in answer.text


def test_every_post_needs_the_pages_csrf_token(site: Site) -> None:
    draft = site.new()
    before = snapshot(site.folder)
    for url in [
        "/drafts",
        f"/write/{draft}/answer",
        "/settings/fonts",
        "/phrases/decide",
        "/skeleton",
        f"/write/{draft}/pages",
    ]:
        answer = site.client.post(url, data={"name": "org", "value": "坏人", "genre": "shenji"})
        assert answer.status_code == 403 and "校验码" in answer.text
        forged = site.client.post(url, data={"name": "org", "value": "坏人"}, headers={"x-csrf-token": "guess"})
        assert forged.status_code == 403
    assert snapshot(site.folder) == before


def test_a_page_left_open_still_saves_after_a_restart(tmp_path: Path) -> None:
    """drafter serve's CSRF token lasts from one run to the next (kept for this user alone); a forged one does not."""
    from drafter.resources import user_data_dir
    from drafter.web.security import CSRF_FILE, lasting_csrf

    first = Settings(folder=tmp_path / "drafts", templates_option=TEMPLATES, today=TODAY, csrf=lasting_csrf())
    page = TestClient(create_app(first)).get("/").text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    restarted = Settings(folder=tmp_path / "drafts", templates_option=TEMPLATES, today=TODAY, csrf=lasting_csrf())
    client = TestClient(create_app(restarted))
    created = client.post("/drafts", data={"genre": "shenji", "org": "甲", "year": "2025", "csrf": token})
    assert created.status_code == 200 and "/write/" in str(created.url)
    assert (user_data_dir() / CSRF_FILE).stat().st_mode & 0o077 == 0, "readable by this user alone"
    assert Settings(folder=tmp_path).guard.csrf != token, "outside drafter serve, a fresh token each time"


# --- the other jobs -------------------------------------------------------------------------------------


def test_format_an_uploaded_messy_docx(site: Site, tmp_path: Path) -> None:
    messy = build_messy_report(tmp_path / "乱.docx").read_bytes()
    listed = site.post("/format", {"check": "1"}, docx_upload("乱.docx", messy, "file"))
    assert listed.status_code == 200 and "<del>" in listed.text and "改动：" in listed.text
    assert "汉字间的半角标点改为全角" in listed.text, "each kind of change named as format --dry-run names it"
    assert not re.search(r"\b(spaces|punctuation|quotes|numbering)\b", listed.text), "no English step names"
    handout = re.search(r'href="(/format/[\w-]+\.docx)"', listed.text).group(1)
    kept = site.client.get(handout)
    assert (
        kept.status_code == 200
        and "%E4%B9%B1.%E5%85%AC%E6%96%87%E6%A0%BC%E5%BC%8F.docx" in kept.headers["content-disposition"]
    )
    assert site.client.get(handout).content == kept.content, "downloaded again if the first was lost"
    for _ in range(8):  # only the latest few are kept
        site.post("/format", {"check": "1"}, docx_upload("乱.docx", messy, "file"))
    gone = site.client.get(handout)
    assert gone.status_code == 400 and "已经过期" in gone.text
    got = site.post("/format", {"download": "1"}, docx_upload("乱.docx", messy, "file"))
    assert got.content[:2] == kept.content[:2] == b"PK"
    assert "%E4%B9%B1.%E5%85%AC%E6%96%87%E6%A0%BC%E5%BC%8F.docx" in got.headers["content-disposition"]
    section = docx.Document(io.BytesIO(got.content)).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37


def test_skeleton_download(site: Site) -> None:
    got = site.post("/skeleton", {"genre": "shenji", "org": "XX县审计局", "year": "2025"})
    texts = [p.text for p in docx.Document(io.BytesIO(got.content)).paragraphs]
    assert texts[0] == "XX县审计局2025年工作总结" and "三、存在的问题" in texts


def test_phrase_decisions_go_where_the_terminals_go(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    site = Site(tmp_path / "drafts", templates=templates)
    listing = site.client.get("/phrases", params={"genre": "shenji", "q": "审计"})
    phrase_id = re.search(r'name="id" value="(\w+)"', listing.text).group(1)
    assert site.post("/phrases/decide", {"id": phrase_id, "status": "accepted"}).status_code == 200
    assert (
        site.post("/phrases/decide", {"id": phrase_id, "status": "edited", "text": "改过的句子。"}).status_code == 200
    )
    from drafter.bank.templates import reviews_target

    target = reviews_target(templates)  # where `drafter phrases accept` writes too
    reviews = yaml.safe_load(target.read_text(encoding="utf-8"))["reviews"]
    assert reviews[phrase_id] == {"status": "edited", "text": "改过的句子。"}


def mined_status(site: Site) -> str:
    """The mine page's status once the run is over (a generous wall limit: mining loads a dictionary first)."""
    for _ in range(1200):
        status = site.client.get("/mine/status").text
        if "正在提炼" not in status:
            return status
        time.sleep(0.1)
    raise AssertionError("mining did not finish in 120 s")


@pytest.fixture
def past_reports(tmp_path: Path) -> Path:
    """A folder as a clerk keeps it: three summaries (a town's, two hospitals'), a notice, a file Word cannot open."""
    folder = tmp_path / "往年总结"
    (folder / "2024").mkdir(parents=True)
    shutil.copy(ROOT / "tests/corpora/mixed/XX镇2024年工作总结.docx", folder / "2024" / "镇总结.docx")
    shutil.copy(ROOT / "tests/corpora/discover/XX县人民医院2024年工作总结.txt", folder / "医院总结.txt")
    shutil.copy(ROOT / "tests/corpora/discover/XX镇卫生院2024年度工作总结.txt", folder / "卫生院总结.txt")
    shutil.copy(ROOT / "tests/corpora/discover/关于做好2025年元旦春节期间安全生产工作的通知.txt", folder / "通知.txt")
    (folder / "坏了.docx").write_bytes(b"PK\x03\x04 not a document")
    return folder


def test_mine_a_folder_and_every_page_uses_the_result(tmp_path: Path, past_reports: Path) -> None:
    site = Site(tmp_path / "drafts", templates=None)
    assert "审计" in site.client.get("/").text, "before: the templates drafter comes with"
    started = site.post("/mine", {"source": str(past_reports)}, follow_redirects=False)
    assert started.status_code == 303
    status = mined_status(site)
    assert "提炼完成：您的 5 个文件中提炼了 3 篇总结" in status, status
    rows = dict(re.findall(r"<tr class=\"(?:mined|skipped)\"><td>([^<]+)</td>.*?<td>([^<]+)</td></tr>", status))
    assert rows["2024/镇总结.docx"] == "已提炼" and rows["医院总结.txt"] == "已提炼"
    assert rows["通知.txt"].startswith("未提炼：不是工作总结") and rows["坏了.docx"].startswith("未提炼：")
    assert str(tmp_path) not in status.replace(str(past_reports), ""), "no private path is shown"
    templates = site.folder / "templates"
    assert (templates / "manifest.yaml").is_file()
    start = site.client.get("/").text
    assert "乡镇综合" in start and "医院" in start and 'value="shenji"' not in start, "only what was learnt"
    draft = site.new(genre="乡镇综合", org="XX县石桥镇")
    outline = site.client.get(f"/write/{draft}/outline").text
    skeleton = yaml.safe_load((templates / "skeletons" / "xiangzhen.yaml").read_text(encoding="utf-8"))
    assert all(part["heading"] in outline for part in skeleton["parts"] if part["role"] not in ("opening", "closing"))
    phrases = site.client.get("/phrases?genre=医院").text
    assert "医院" in phrases and phrases.count("<li") > 3


def test_mining_again_asks_first_and_keeps_a_copy(tmp_path: Path, past_reports: Path) -> None:
    site = Site(tmp_path / "drafts", templates=None)
    site.post("/mine", {"source": str(past_reports)})
    mined_status(site)
    before = snapshot(site.folder)
    page = site.client.get("/mine").text
    assert "已有" in page and "提炼的模板（3 个文种" in page and 'name="replace"' in page
    refused = site.post("/mine", {"source": str(past_reports), "with_bundled": "1"})
    assert refused.status_code == 400 and "请勾选“替换现有模板”" in refused.text and "什么都没有改动" in refused.text
    assert snapshot(site.folder) == before
    again = site.post("/mine", {"source": str(past_reports), "with_bundled": "1", "replace": "1"})
    assert again.status_code == 200
    status = mined_status(site)
    assert "连同 drafter 自带的 11 篇范文" in status and "原来的模板已另存为" in status, status
    copies = list(site.folder.glob("templates.旧-*"))
    assert len(copies) == 1
    assert snapshot(copies[0]) == {k.removeprefix("templates/"): v for k, v in before.items() if "lock" not in k}
    assert 'value="shenji"' in site.client.get("/").text, "the other genres are back with drafter's own examples"


def test_mine_an_uploaded_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    site = Site(tmp_path / "drafts", templates=None)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for path in sorted((ROOT / "tests" / "corpora" / "discover").iterdir())[:5]:
            archive.write(path, f"往年/{path.name}")
    answer = site.post("/mine", {}, {"zip": ("往年.zip", packed.getvalue(), "application/zip")}, follow_redirects=False)
    assert answer.status_code == 303
    status = mined_status(site)
    assert "提炼完成" in status and "XX县人民医院2024年工作总结.txt" in status and "drafter-serve" not in status
    assert (site.folder / "templates" / "manifest.yaml").exists()
    assert not any((tmp_path / "temp").iterdir()), "the upload and what it held are gone"


def test_a_shared_server_mines_only_uploads(tmp_path: Path, past_reports: Path) -> None:
    site = Site(tmp_path / "drafts", templates=None)
    site.settings.guard.token = site.settings.token = "office-token"
    site.client = TestClient(create_app(site.settings), cookies={"drafter_token": "office-token"})
    site.csrf = site.settings.guard.csrf
    assert 'name="source"' not in site.client.get("/mine").text
    refused = site.post("/mine", {"source": str(past_reports)})
    assert refused.status_code == 400 and "请把往年的总结打成 zip 压缩包上传" in refused.text
    assert not (site.folder / "templates").exists()


def test_a_draft_from_the_terminal_wizard_continues_here(site: Site) -> None:
    site.folder.mkdir(parents=True, exist_ok=True)
    (site.folder / "终端写的.answers.yaml").write_text(
        "genre: 审计\norg: XX县审计局\nyear: 2025\nsections:\n- heading: 履行审计监督职能，服务经济社会高质量发展\n"
        "  body: [全年完成审计项目【数量】个。]\nresume_at: sections[1].body\n",
        encoding="utf-8",
    )
    page = site.client.get("/write/终端写的")
    assert page.status_code == 200
    assert "<h1>履行审计监督职能，服务经济社会高质量发展</h1>" in page.text, "opens at the question it stopped at"
    assert 'class="slot"' in page.text, "a half-filled phrase shows its slots as fields"


def test_last_years_report_starts_the_draft(site: Site, tmp_path: Path) -> None:
    report = (
        "XX县审计局2024年工作总结\n\n2024年，XX县审计局坚持依法审计。\n\n一、主要工作\n全年完成审计项目50个。\n\n"
        "二、下一步工作计划\n一是加强预算执行审计。二是推进审计整改。\n\nXX县审计局\n2024年12月20日\n"
    ).encode()
    answer = site.post(
        "/drafts",
        {"genre": "shenji", "org": "", "year": ""},
        {"last_year": ("去年.txt", report, "text/plain")},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    draft = answer.headers["location"].rsplit("/", 1)[1]
    answers = site.answers(draft)
    assert answers["year"] == 2025 and answers["org"] == "XX县审计局" and answers["checklist"]
    assert (site.folder / answers["last_year"]).is_file()
    assert "去年计划完成情况" in site.client.get(f"/write/{draft}").text
    checklist = site.client.get(f"/write/{draft}/part?part=checklist").text
    assert checklist.count('value="已完成" selected') == 2, "the wizard's default status, taken by Enter"


def test_a_figure_last_year_also_had_is_offered_its_comparison(site: Site) -> None:
    """As the wizard offers it after a typed paragraph: 同比 against last year's figure, put in by a click."""
    report = (
        "XX县审计局2024年工作总结\n\n一、主要工作\n全年完成审计项目50个，查出问题金额2亿元。\n\nXX县审计局\n".encode()
    )
    answer = site.post(
        "/drafts", {"genre": "shenji", "org": "", "year": ""}, {"last_year": ("去年.txt", report, "text/plain")}
    )
    draft = answer.url.path.rsplit("/", 1)[1]
    site.answer(draft, "sections[0].body", "今年完成审计项目54个。\n新建制度3项。")
    shown = site.client.get(f"/write/{draft}/comparisons?part=sections%5B0%5D").text
    assert "加上（上年50个，同比增长8.0%）" in shown and "和去年比一比" in shown
    at = re.search(r'"at": (\d+)', shown).group(1)
    before = snapshot(site.folder)
    for bad in ({"at": "0", "option": "0"}, {"at": at, "option": "7"}, {"at": "x", "option": "0"}):
        refused = site.post(
            f"/write/{draft}/compare", {"paragraph": "sections[0].body[0]", "part": "sections[0]", **bad}
        )
        assert "没有可比较的上年数字" in refused.text and snapshot(site.folder) == before
    site.post(
        f"/write/{draft}/compare", {"paragraph": "sections[0].body[0]", "at": at, "option": "0", "part": "sections[0]"}
    )
    body = site.answers(draft)["sections"][0]["body"]
    assert body == ["今年完成审计项目54个（上年50个，同比增长8.0%）。", "新建制度3项。"]
    assert "和去年比一比" not in site.client.get(f"/write/{draft}/comparisons?part=sections%5B0%5D").text


def test_last_years_plan_is_offered_where_it_belongs(site: Site) -> None:
    """As the wizard offers it: last year's promises, done, as paragraphs of the work part."""
    report = (
        "XX县审计局2024年工作总结\n\n2024年，XX县审计局坚持依法审计。\n\n一、主要工作\n全年完成审计项目50个。\n\n"
        "二、下一步工作计划\n一是加强预算执行审计。二是推进审计整改。\n\nXX县审计局\n2024年12月20日\n"
    ).encode()
    answer = site.post(
        "/drafts", {"genre": "shenji", "org": "", "year": ""}, {"last_year": ("去年.txt", report, "text/plain")}
    )
    draft = answer.url.path.rsplit("/", 1)[1]
    for index in (0, 1):
        site.answer(draft, f"checklist[{index}].status", "已完成")
    part = site.client.get(f"/write/{draft}/part?part=sections%5B0%5D").text
    offered = [json.loads(f'"{text}"') for text in re.findall(r'"paragraph": "([^"]+)"', part)]
    assert offered == ["加强预算执行审计。", "推进审计整改。"] and "去年计划的完成情况" in part
    one = site.post(f"/write/{draft}/material", {"part": "sections[0]", "paragraph": offered[1]})
    assert one.status_code == 200 and site.answers(draft)["sections"][0]["body"] == ["推进审计整改。"]
    before = snapshot(site.folder)
    again = site.post(f"/write/{draft}/material", {"part": "sections[0]", "paragraph": offered[1]})
    assert "已经写进来了" in again.text and snapshot(site.folder) == before
    site.post(f"/write/{draft}/material", {"part": "sections[0]"})
    assert site.answers(draft)["sections"][0]["body"] == ["推进审计整改。", "加强预算执行审计。"]
    assert "去年计划的完成情况" not in site.client.get(f"/write/{draft}/part?part=sections%5B0%5D").text


# --- the real server -------------------------------------------------------------------------------------


def test_beyond_this_machine_every_request_needs_the_token(tmp_path: Path) -> None:
    import uvicorn

    settings = Settings(folder=tmp_path, templates_option=TEMPLATES, token="secret-token-123")
    port = free_port("0.0.0.0")
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="0.0.0.0", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        other_host = f"http://127.0.0.2:{port}/"  # another address than the server's own loopback one
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(other_host, timeout=10)
        assert refused.value.code == 403 and "访问令牌" in refused.value.read().decode()
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(other_host + "?token=wrong", timeout=10)
        shown = address("0.0.0.0", port, "secret-token-123")
        assert shown == f"http://127.0.0.1:{port}/?token=secret-token-123"
        with urllib.request.urlopen(f"http://127.0.0.2:{port}/?token=secret-token-123", timeout=10) as page:
            assert page.status == 200 and "drafter_token=" in page.headers["set-cookie"]
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_serve_prints_the_address_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "drafter",
            "serve",
            "--no-browser",
            "--dir",
            str(tmp_path),
            "--templates",
            str(TEMPLATES),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        assert "token" not in line
        for _ in range(100):  # the address is printed as the server starts listening
            try:
                with urllib.request.urlopen(url, timeout=10) as page:
                    assert page.status == 200 and "写一篇新的年度工作总结" in page.read().decode()
                    break
            except urllib.error.URLError:
                time.sleep(0.1)
        else:
            pytest.fail("the server never answered")
    finally:
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=20)
    assert child.returncode in (0, 130) and "Traceback" not in err, err
    assert os.listdir(tmp_path) == []


# --- what the terminal wizard learnt to do: the unit profile, figures first, own phrases, a length target ------


def test_the_unit_profile_fills_the_start_page_and_learns_from_it(site: Site, tmp_path: Path) -> None:
    from drafter.writing.profile import load_profile, update_profile

    report = tmp_path / "去年.txt"
    report.write_text(
        "青山县审计局2024年工作总结\n\n一、主要工作\n全年完成审计项目50个。\n\n二、下一步工作计划\n一是加强预算执行审计。\n",
        encoding="utf-8",
    )
    update_profile({"name": "青山县审计局", "genre": "审计", "last_report": str(report)})
    start = site.client.get("/").text
    assert 'name="org" value="青山县审计局"' in start and 'value="shenji" required checked' in start
    assert "用单位信息里记着的：去年.txt" in start
    made = site.post("/drafts", {"genre": "shenji", "org": "青山县审计局", "year": "2025", "remembered_report": "1"})
    draft = made.url.path.rsplit("/", 1)[1]
    answers = site.answers(draft)
    assert answers["checklist"] and answers["last_year"].startswith("去年的总结/"), "started from the profile's report"
    assert "target" not in answers, "none kept yet"
    site.answer(draft, "org", "青山县审计局（新）")
    site.answer(draft, "target", "限 3 页")
    profile = load_profile()
    assert (profile.name, profile.target, profile.genre) == ("青山县审计局（新）", "限 3 页", "审计")
    assert profile.last_report == str(report.resolve()), "the report it keeps, not drafter's copy of it"
    assert site.answers(site.new())["target"] == "限 3 页", "the target kept, taken as the wizard's Enter takes it"
    report.unlink()
    assert "用单位信息里记着的" not in site.client.get("/").text
    refused = site.post("/drafts", {"genre": "shenji", "org": "甲", "year": "2025", "remembered_report": "1"})
    assert refused.status_code == 400 and "已经找不到了" in refused.text


def test_a_unit_whose_name_does_not_say_its_kind_is_asked_once(site: Site) -> None:
    from drafter.writing.profile import load_profile

    draft = site.new(org="青山县红十字会")
    basics = site.client.get(f"/write/{draft}/part?part=basics").text
    assert "单位类别" in basics and 'hx-vals=\'{"name": "profile.kind"}\'' in basics
    refused = site.answer(draft, "profile.kind", "协会")
    assert "应为" in refused.text and load_profile().kind is None
    site.answer(draft, "profile.kind", "委员会")
    assert load_profile().kind == "委员会"
    assert "单位类别" not in site.client.get(f"/write/{draft}/part?part=basics").text, "asked once"
    plain = site.new(org="青山县审计局")
    assert "单位类别" not in site.client.get(f"/write/{plain}/part?part=basics").text, "the name says it"


def test_figures_first_then_offered_in_the_first_work_part(site: Site) -> None:
    from drafter.writing.profile import load_profile

    draft = site.new(org="青山县审计局")
    figures = site.client.get(f"/write/{draft}/part?part=figures").text
    names = re.findall(r'hx-vals=\'\{"name": "(figures\[\d+\])"\}\'', figures)
    assert len(names) >= 2 and figures.count("data-walk") >= len(names), "Enter walks the figures too"
    refused = site.answer(draft, names[0], "很多")
    assert 'class="error"' in refused.text
    site.answer(draft, names[0], "54")
    assert (
        "54" in site.client.get(f"/write/{draft}/part?part=sections%5B0%5D").text.split("data-suggest-text=")[1][:200]
    )
    assert load_profile().figures, "the figures typed are kept for next year's 同比"


def test_a_paragraph_goes_into_the_units_own_phrases(site: Site) -> None:
    from drafter.bank.own import load_own

    draft = site.new(org="青山县审计局")
    site.answer(draft, "sections[0].body", "2025年，青山县审计局完成审计项目54个，查出问题金额1.2亿元。")
    panel = site.client.get(f"/write/{draft}/own", params={"name": "sections[0].body", "role": "measure"}).text
    assert "{年份}年，{单位}完成审计项目{数量}个，查出问题金额{金额}亿元。" in panel and "存为本单位常用语" in panel
    saved = site.post(f"/write/{draft}/own", {"text": "{单位}完成审计项目{数量}个。", "role": "measure"})
    assert "已存入本单位常用语库" in saved.text
    assert [p.text for p in load_own("shenji")] == ["{单位}完成审计项目{数量}个。"]
    found = site.client.get(f"/write/{draft}/phrases", params={"q": "完成审计项目", "role": "measure"}).text
    assert found.index("青山县审计局完成审计项目【数量】个。") < found.index("</li>"), "the unit's own first"
    empty = site.post(f"/write/{draft}/own", {"text": " ", "role": "measure"}, headers={"hx-request": "true"})
    assert "没有要保存的文字" in empty.text


def test_the_length_target_and_the_running_estimate_in_the_outline(site: Site) -> None:
    draft = site.new(org="青山县审计局")
    assert "目标" not in site.client.get(f"/write/{draft}/outline").text
    refused = site.answer(draft, "target", "很长")
    assert "看不懂" in refused.text
    site.answer(draft, "target", "限 2 页")
    site.answer(draft, "sections[0].body", "全年完成审计项目54个。")
    outline = site.client.get(f"/write/{draft}/outline").text
    assert re.search(r"目标限 2 页，现约 \d+ 字、1 页，在目标之内", outline)
    assert re.search(r"12/\d+ 字", outline), "each part: written / its share of the target"


def test_a_phrase_half_filled_in_the_terminal_is_finished_here(site: Site) -> None:
    draft = site.new(org="青山县审计局")
    path = site.folder / f"{urllib.parse.unquote(draft)}.answers.yaml"
    answers = yaml.safe_load(path.read_text(encoding="utf-8"))
    answers["pending"] = {
        "target": "sections[0].body[0]",
        "text": "完成审计项目{数量}个，查出问题金额{金额}亿元。",
        "values": {"数量": "54"},
    }
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    part = site.client.get(f"/write/{draft}/part?part=sections%5B0%5D").text
    assert "在终端里填了一半的常用语" in part and "完成审计项目54个，查出问题金额【金额】亿元。" in part
    refused = site.post(f"/write/{draft}/pending", {"slot": "金额", "value": "很多", "part": "sections[0]"})
    assert "请输入数字" in refused.text
    site.post(f"/write/{draft}/pending", {"slot": "金额", "value": "1.2", "part": "sections[0]"})
    answers = site.answers(draft)
    assert answers["sections"][0]["body"] == ["完成审计项目54个，查出问题金额1.2亿元。"] and "pending" not in answers
