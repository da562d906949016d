"""`drafter serve` in a real browser: Playwright driving Debian's chromium (never a downloaded one).

Few and fast: a clerk writes a 2025 audit summary end to end and downloads it; formats someone's messy
file; continues in the browser a draft begun in the terminal wizard. Screenshots of the start, writing
and review pages go to $DRAFTER_SCREENSHOTS when it is set (they are looked at, not compared).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import yaml
from conftest import TEMPLATES
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx_factory import build_messy_report

from drafter.web.app import Settings, create_app
from drafter.web.serve import free_port

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TODAY = dt.date(2025, 12, 20)
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real server on a free local port over a drafts folder of the test's own."""
    import uvicorn

    folder = tmp_path / "drafts"
    folder.mkdir()
    settings = Settings(folder=folder, templates_option=TEMPLATES, today=TODAY)
    port = free_port("127.0.0.1")
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", folder
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(tmp_path: Path):
    """A page of a fresh chromium profile."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="drafter-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            accept_downloads=True,
            viewport={"width": 1440, "height": 900},
            locale="zh-CN",
        )
        context.set_default_timeout(40_000)  # generous: the suite shares two cores with others
        yield context.new_page()
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def screenshot(page, name: str) -> None:
    """Keep a screenshot where $DRAFTER_SCREENSHOTS says (for a person to look at)."""
    folder = os.environ.get("DRAFTER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def saved(page) -> None:
    """Wait until the debounced autosave has answered."""
    page.wait_for_function("document.querySelector('#saved').textContent.includes('已保存')")
    page.evaluate("document.querySelector('#saved').textContent = ''")


IDLE = """document.readyState === 'complete' && (window.drafterBusy ? !window.drafterBusy()
    : !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping'))"""


def settled(page) -> None:
    """Wait until the page has no save in flight, no move to another part under way and nothing being swapped in
    (the page says so: app.js counts them), across a navigation too."""
    page.wait_for_function(IDLE)


def part(page, title: str) -> None:
    """Jump to a part from the outline."""
    page.locator("#outline a", has_text=title).first.click()
    page.wait_for_selector(f"#part h1:has-text('{title}')")


def test_a_clerk_writes_a_2025_audit_summary(server, page, tmp_path: Path) -> None:
    base, folder = server
    page.goto(base + "/")
    page.get_by_label("审计", exact=False).first.check()
    page.fill("input[name=org]", "青山县审计局")
    page.fill("input[name=year]", "2025")
    screenshot(page, "start.png")
    page.click("button:has-text('开始写')")
    page.wait_for_selector("#part h1:has-text('单位、年份、日期和标题')")

    # Figures first: typed once, offered as the first work part's paragraph (Enter takes it).
    part(page, "主要数字")
    page.get_by_label("完成审计计划项目（个）").fill("54")
    saved(page)
    page.get_by_label("审计查出主要问题金额（万元）").fill("12000")
    saved(page)
    screenshot(page, "figures.png")

    part(page, "树牢政治机关意识")
    first = page.locator("textarea[hx-vals*='sections[0].body']")
    assert first.get_attribute("placeholder") == FIGURES_SENTENCE
    first.press("Enter")
    saved(page)
    first.fill(FIGURES_SENTENCE + "\n全年召开党组会12次，专题学习8次。")
    saved(page)

    part(page, "履行审计监督职能")
    # The sub-headings the wizard would tick are ticked: keep one of them, untick the rest, take them.
    for _ in range(10):
        others = page.locator(".children label.tick:not(:has-text('聚焦主责主业')) input:checked")
        if others.count() == 0:
            break
        # A click, not uncheck(): the change swaps the whole part in, and uncheck() then waits for the state of the
        # checkbox it clicked, which is no longer on the page (under load it outlived the swap and timed out).
        # The loop counts what is still ticked on the page that came back.
        with page.expect_response(lambda r: r.url.endswith("/answer")):
            others.first.click()
        settled(page)
    assert others.count() == 0, "a click did not untick a sub-heading"
    page.locator("label.tick", has_text="聚焦主责主业").locator("input").check()
    page.click("button:has-text('用这些小标题')")
    settled(page)
    page.wait_for_selector(".child h3:has-text('聚焦主责主业')")
    page.fill("label.own input", "推进审计整改见实效")
    page.press("label.own input", "Enter")
    page.wait_for_selector(".child h3:has-text('推进审计整改见实效')")
    page.fill("textarea[hx-vals*='sections[1].children[0].body']", "完成审计项目54个，查出问题金额1.2亿元。")
    saved(page)
    page.fill("textarea[hx-vals*='sections[1].children[1].body']", "督促整改问题136个，整改率98.5%。")
    saved(page)

    # A phrase with its slots: search as you type, insert, fill the slot in its sentence.
    page.select_option("#picker-target", "sections[1].body")
    with page.expect_response(lambda r: "/phrases?" in r.url and "q=%E5%AE%A1%E8%AE%A1%E6%9F%A5%E5%87%BA" in r.url):
        page.fill(".picker input[type=search]", "审计查出 问题金额")  # the list for these words, not an earlier one
    page.wait_for_function(
        "document.querySelector('#found button.phrase') !== null && !document.querySelector('.htmx-request')"
    )
    chosen = page.locator("#found button.phrase", has_text="【").first
    before_slot, after_slot = chosen.inner_text().split("【", 1)[0], chosen.inner_text().rsplit("】", 1)[1]
    chosen.click()
    page.wait_for_selector("input.slot")
    amounts = ["12000", "8600", "5100", "3500", "900", "700"]  # found, put right, of which (two parts of 8600) ...
    typed_in_slots = []
    for _ in range(10):  # each slot, filled in its sentence, goes away as the part is shown again
        slots = page.locator("input.slot")
        left = slots.count()
        if left == 0:
            break
        slot = slots.first
        value = "11月30日" if slot.get_attribute("placeholder") == "日期" else amounts.pop(0)
        typed_in_slots.append(value)
        slot.fill(value)
        slot.press("Tab")
        page.wait_for_function(f"document.querySelectorAll('input.slot').length < {left}")
    assert page.locator("input.slot").count() == 0 and typed_in_slots

    # The live preview follows: the phrase as filled in, under its part.
    page.wait_for_function(
        "t => document.querySelector('#preview').innerText.replace(/\\s/g, '').includes(t)",
        arg=before_slot + typed_in_slots[0],
    )
    page.locator("#part h1").scroll_into_view_if_needed()
    screenshot(page, "write.png")

    page.reload()  # mid-way: nothing is lost
    page.wait_for_selector(".child h3:has-text('推进审计整改见实效')")
    assert "督促整改问题136个" in page.input_value("textarea[hx-vals*='sections[1].children[1].body']")

    part(page, "结尾")
    page.fill("textarea[hx-vals*='\"closing\"']", "2026年，我局将坚持依法审计，为全县高质量发展作出新的贡献。")
    saved(page)

    page.click("a:has-text('检查并下载')")
    page.wait_for_selector("h1:has-text('检查并下载')")
    screenshot(page, "review.png")
    with page.expect_download() as downloading:
        page.click("#download-docx")
    download = downloading.value
    assert download.suggested_filename == "青山县审计局2025年工作总结.docx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    whole = "\n".join(texts)
    assert texts[0] == "青山县审计局2025年工作总结"
    for typed in (
        FIGURES_SENTENCE,
        "全年召开党组会12次，专题学习8次。",
        "完成审计项目54个，查出问题金额1.2亿元。",
        "督促整改问题136个，整改率98.5%。",
        "2026年，我局将坚持依法审计，为全县高质量发展作出新的贡献。",
        "推进审计整改见实效",
    ):
        assert typed in whole, typed
    inserted = [t for t in texts if t.startswith(before_slot) and t.endswith(after_slot)]
    assert len(inserted) == 1 and "【" not in inserted[0], "the phrase, its slots filled"
    assert all(value in inserted[0] for value in typed_in_slots), (typed_in_slots, inserted[0])
    assert "二、履行审计监督职能，服务经济社会高质量发展" in texts
    assert "（一）聚焦主责主业，充分发挥审计监督职能" in texts and "（二）推进审计整改见实效" in texts
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    title = document.paragraphs[0]
    assert title.style.font.size.pt == 22 and title.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert [font_of(document.paragraphs[0]), size_of(document.paragraphs[0])] == ["方正小标宋简体", 22]
    for start, font in (("二、", "黑体"), ("（一）", "楷体_GB2312"), ("全年召开党组会", "仿宋_GB2312")):
        paragraph = next(p for p in document.paragraphs if p.text.startswith(start))
        assert (font_of(paragraph), size_of(paragraph)) == (font, 16), start
    body = next(p for p in document.paragraphs if p.text.startswith("督促整改问题"))
    indent = body.paragraph_format.first_line_indent or body.style.paragraph_format.first_line_indent
    assert round(indent.pt) == 32, "two characters of 3号"
    spacing = body.paragraph_format.line_spacing or body.style.paragraph_format.line_spacing
    assert 28 <= spacing.pt <= 29, "the 22-line grid"
    closing = [p for p in document.paragraphs if p.text in ("青山县审计局", "2025年12月20日")]
    assert len(closing) == 2 and all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in closing)
    assert list(folder.glob("*.docx")) == [], "the download wrote nothing beside the drafts"


FIGURES_SENTENCE = "全年完成审计计划项目54个，审计查出主要问题金额1.2亿元。"


def font_of(paragraph) -> str | None:
    """The East Asian font a paragraph shows: its runs' own, else its style's."""
    for element in [run._element.rPr for run in paragraph.runs] + [paragraph.style.element.rPr]:
        fonts = element.rFonts if element is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
    return None


def size_of(paragraph) -> float | None:
    """The size a paragraph's text shows, in points: its runs' own, else its style's."""
    sizes = {run.font.size.pt for run in paragraph.runs if run.font.size}
    return sizes.pop() if len(sizes) == 1 else paragraph.style.font.size.pt


def test_format_an_uploaded_messy_docx(server, page, tmp_path: Path) -> None:
    base, _ = server
    messy = build_messy_report(tmp_path / "同事的总结.docx")
    original = messy.read_bytes()
    page.goto(base + "/format")
    page.set_input_files("input[name=file]", str(messy))
    page.click("button:has-text('看看会改什么')")
    page.wait_for_selector("h2:has-text('排成公文格式后')")
    assert page.locator("ol.changes li").count() > 3
    with page.expect_download() as downloading:  # what was looked at, without choosing the file again
        page.click("#download-formatted")
    download = downloading.value
    assert download.suggested_filename == "同事的总结.公文格式.docx"
    target = tmp_path / "formatted.docx"
    download.save_as(target)
    section = docx.Document(str(target)).sections[0]
    assert (round(section.page_width.mm), round(section.top_margin.mm), round(section.left_margin.mm)) == (210, 37, 28)
    assert messy.read_bytes() == original, "the original is never touched"


def skeleton_figures() -> list:
    from drafter.bank.templates import find_genre, load_registry, load_skeleton

    return load_skeleton(TEMPLATES, find_genre("审计", load_registry(TEMPLATES))).figures


def test_a_draft_begun_in_the_terminal_continues_in_the_browser(server, page) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from drafter.errors import Interrupted
    from drafter.writing.wizard.prompter import QuestionaryPrompter
    from drafter.writing.wizard.run import run_wizard

    base, folder = server
    enter = "\r"
    keys = ["青山县审计局" + enter, "2025" + enter, enter, enter]  # basics
    keys += [enter, enter] + [enter] * len(skeleton_figures())  # no target; last year's report; the figures page
    keys += [enter, enter]  # the opening true of 2025 (no slot of its own to ask) and its text
    keys += [
        enter,
        enter,
        "巡审联动成效明显。" + enter,
    ]  # keep part one, its heading, a paragraph; then the keys run out
    ended: list[BaseException] = []

    def terminal() -> None:  # in a thread of its own: the browser's event loop runs in this one
        with create_pipe_input() as pipe:
            pipe.send_text("".join(keys))
            pipe.close()
            prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
            try:
                run_wizard(prompter, genre="审计", output=folder / "终端.docx", templates_option=TEMPLATES)
            except BaseException as error:
                ended.append(error)

    wizard = threading.Thread(target=terminal)
    wizard.start()
    wizard.join(timeout=60)
    assert len(ended) == 1 and isinstance(ended[0], Interrupted), ended
    answers = yaml.safe_load((folder / "终端.answers.yaml").read_text(encoding="utf-8"))
    assert answers["resume_at"] == "sections[0].body"

    page.goto(base + "/")
    page.click("a:has-text('青山县审计局2025年工作总结')")
    page.wait_for_selector("#part h1:has-text('树牢政治机关意识')")  # the question the terminal stopped at
    body = page.locator("textarea[hx-vals*='sections[0].body']")
    assert body.input_value() == "巡审联动成效明显。"
    body.fill("巡审联动成效明显。\n开展专项审计调查3项。")
    saved(page)
    answers = yaml.safe_load((folder / "终端.answers.yaml").read_text(encoding="utf-8"))
    assert answers["sections"][0]["body"] == ["巡审联动成效明显。", "开展专项审计调查3项。"]
    assert answers["preamble"].startswith("2025年是“十四五”规划收官之年。一年来，青山县审计局")


LAST_YEAR = (
    "XX县审计局2024年工作总结\n\n2024年，XX县审计局坚持依法审计。\n\n一、主要工作\n全年完成审计项目50个。\n\n"
    "二、下一步工作计划\n一是加强预算执行审计。二是推进审计整改。\n\nXX县审计局\n2024年12月20日\n"
)


@pytest.mark.parametrize("from_last_year", [False, True], ids=["new", "from-last-year"])
def test_enter_alone_writes_what_the_terminal_wizard_writes(server, page, tmp_path: Path, from_last_year: bool) -> None:
    """The same questions, defaults and suggestions: Enter on every one, in the browser and in the terminal,
    gives the same answers file (started afresh, or from last year's report with its plan to check)."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from drafter.writing.wizard.prompter import QuestionaryPrompter
    from drafter.writing.wizard.run import run_wizard

    report = tmp_path / "去年.txt"
    report.write_text(LAST_YEAR, encoding="utf-8")
    last_year = report if from_last_year else None

    def in_the_terminal() -> None:  # its own thread: the browser's driver holds this one's event loop
        with create_pipe_input() as pipe:
            pipe.send_text("\r" * 150)
            pipe.close()
            prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
            done.append(
                run_wizard(
                    prompter,
                    genre="审计",
                    output=tmp_path / "t.docx",
                    templates_option=TEMPLATES,
                    today=TODAY,
                    last_year=last_year,
                )
            )

    done: list = []
    wizard = threading.Thread(target=in_the_terminal)
    wizard.start()
    wizard.join(timeout=120)
    terminal = done[0]
    base, folder = server
    page.goto(base + "/")
    page.get_by_label("审计", exact=False).first.check()
    if last_year is not None:
        page.set_input_files("input[name=last_year]", str(last_year))
    page.locator("input[name=org]").press("Enter")
    page.wait_for_selector("#part h1")
    for _ in range(150):
        if "/review/" in page.url:
            break
        page.keyboard.press("Enter")
        page.wait_for_load_state("load")
        settled(page)
    assert "/review/" in page.url
    [answers] = folder.glob("*.answers.yaml")
    browser = yaml.safe_load(answers.read_text(encoding="utf-8"))
    walked = yaml.safe_load(terminal.answers.read_text(encoding="utf-8"))
    for written in (browser, walked):
        written.pop("resume_at", None)
        assert bool(written.pop("last_year", None)) == from_last_year  # a copy beside the drafts, or the file itself
    assert browser == walked
