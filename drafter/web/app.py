"""`drafter serve`: Starlette routes and Jinja2 pages over the draft core and the library the CLI calls.

Nothing here decides what a draft holds: answers go to DraftCore.apply, documents come from render,
check, format, skeleton and mine as they do for the command line. No path on the server is taken from
the client: drafts are found by id in the drafts folder, uploads go to a private folder deleted after.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.bank.search import Bank
from drafter.errors import UserError
from drafter.models import ROLE_NAMES
from drafter.web.documents import Handouts
from drafter.web.drafts import list_drafts, new_draft, open_draft, safe_name
from drafter.web.mining import BUNDLED_LABEL, ZIP, MineJob, clerks_folder, templates_in
from drafter.web.pages import NO_LIBREOFFICE, PageStore, available
from drafter.web.security import MAX_UPLOAD, Guard, TokenMiddleware, UploadError, private_folder, save_upload, too_big
from drafter.writing.draft import STATE_NAMES, AnswerError, DraftCore, Library, describe, library
from drafter.writing.wizard.questions import EXAMPLE_MARK, OWN_TEXT, WRITE_OWN, report_year

HERE = Path(__file__).parent
DOCUMENT_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".txt", ".md")
REMEMBERED = ("org", "target", "signature")  # answers the unit profile keeps (with profile.* and the figures)
Handler = Callable[[Request], Awaitable[Response]]


@dataclass
class Settings:
    """One server run: where drafts live, which templates, the tokens."""

    folder: Path
    templates_option: Path | None = None
    token: str | None = None
    upload_limit: int = MAX_UPLOAD
    today: dt.date | None = None
    csrf: str | None = None  # the lasting one of `drafter serve`; a fresh one otherwise
    guard: Guard = field(init=False)

    def __post_init__(self) -> None:
        self.guard = Guard(self.token, self.csrf) if self.csrf else Guard(self.token)


class Books:
    """The library of templates, loaded again when mining has rewritten them."""

    def __init__(self, templates_option: Path | None, folder: Path) -> None:
        self.templates_option = templates_option
        self.folder = folder
        self._stamp: tuple[Path, float] | None = None
        self._library: Library | None = None

    def mine_target(self) -> Path:
        """Where mining in the browser writes: --templates, else the drafts folder's own templates/."""
        return self.templates_option or self.folder / "templates"

    def option(self) -> Path | None:
        """The templates every page reads, as a --templates option: --templates, else the drafts folder's own once
        mined, else None (./templates when present, else the bundled ones, as for the command line)."""
        from drafter.bank.templates import GENRES_FILE

        own = self.mine_target()
        return own if self.templates_option or (own / GENRES_FILE).is_file() else None

    def templates(self) -> Path:
        """The templates folder in use."""
        from drafter.bank.templates import resolve_templates

        return resolve_templates(self.option())

    def get(self) -> Library:
        """The library, fresh when the templates in use or their manifest changed."""
        templates = self.templates()
        manifest = templates / "manifest.yaml"
        stamp = (templates.resolve(), manifest.stat().st_mtime if manifest.exists() else 0.0)
        if self._library is None or stamp != self._stamp:
            loaded = library(self.option())
            cache: dict[str, Bank] = {}

            def phrases(genre: Any, load: Callable[[Any], Bank] = loaded.load_phrases) -> Bank:
                if genre.id not in cache:
                    cache[genre.id] = load(genre)
                return cache[genre.id]

            loaded.load_phrases = phrases
            self._library, self._stamp = loaded, stamp
        return self._library

    def forget(self) -> None:
        """Load everything again on next use (a review decision changed a bank)."""
        self._library = None


def create_app(settings: Settings) -> Starlette:
    """The web application over a drafts folder."""
    from jinja2 import PackageLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=PackageLoader("drafter.web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
    )
    from drafter.output.render.fonts import OFFICE_FONTS, PAGE_NUMBER_STYLES
    from drafter.output.render.layout import marker_for
    from drafter.web.documents import FONT_FIELDS

    env.globals |= {"csrf": settings.guard.csrf, "STATE_NAMES": STATE_NAMES, "ROLE_NAMES": ROLE_NAMES}
    env.globals |= {"PAGE_NUMBER_STYLES": PAGE_NUMBER_STYLES, "FONT_FIELDS": FONT_FIELDS, "FONT_NAMES": OFFICE_FONTS}
    env.globals |= {"NO_LIBREOFFICE": NO_LIBREOFFICE, "real_pages_available": available}
    env.globals |= {"WRITE_OWN": WRITE_OWN, "OWN_TEXT": OWN_TEXT, "EXAMPLE_MARK": EXAMPLE_MARK}
    env.globals["marker_for"] = marker_for  # a part's sub-headings numbered as the document numbers them
    env.filters["urlquote"] = lambda text: urllib.parse.quote(str(text), safe="")
    books = Books(settings.templates_option, settings.folder)
    mining = MineJob()
    real_pages = PageStore()
    handouts = Handouts()
    folder = settings.folder

    def page(template: str, status: int = 200, /, **values: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**values), status_code=status)

    def message(text: str, status: int = 400) -> HTMLResponse:
        return page("message.html", status, text=text)

    def today() -> dt.date:
        return settings.today or dt.date.today()

    async def form_of(request: Request, uploads: bool = False) -> FormData:
        """The POST's form, its CSRF token checked (uploads bounded before anything is read)."""
        if uploads and too_big(request, settings.upload_limit):
            raise UploadError(f"上传的文件太大：最多 {settings.upload_limit // (1024 * 1024)} MB。")
        form = await request.form(max_part_size=settings.upload_limit + 1024)
        settings.guard.check_csrf(request, form)
        return form

    cores: dict[str, tuple[tuple[int, int], DraftCore]] = {}

    def stamp(path: Path) -> tuple[int, int]:
        status = path.stat()
        return status.st_mtime_ns, status.st_size

    def core_of(request: Request) -> DraftCore:
        """The draft of the URL, kept between requests while its answers file is as this server last saw it."""
        draft_id = request.path_params["draft"]
        books_now = books.get()
        core = open_draft(folder, draft_id, books_now, today()) if draft_id not in cores else cores[draft_id][1]
        if draft_id in cores and (cores[draft_id][0] != stamp(core.answers_path) or core.library is not books_now):
            core = open_draft(folder, draft_id, books_now, today())
        cores[draft_id] = (stamp(core.answers_path), core)
        request.state.core = core
        return core

    def saved_core(core: DraftCore, resume_at: str) -> None:
        """Save the draft and remember the file as saved."""
        core.save(resume_at=resume_at)
        cores[_id(core)] = (stamp(core.answers_path), core)

    def part_again(core: DraftCore, part: str, **values: Any) -> Response:
        """The part's form shown again after a change; the outline and the preview follow (drafter-saved)."""
        response = page("part.html", **write_values(core, part), **values)
        response.headers["HX-Trigger"] = "drafter-saved"
        return response

    def guarded(handler: Handler) -> Handler:
        """A user's mistake becomes a Chinese page (or line, for htmx) that changes nothing."""

        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except PermissionError:
                return message("页面已过期或来源不明（缺少校验码）：请刷新页面后重试。", 403)
            except UserError as error:
                cores.pop(str(request.path_params.get("draft")), None)  # an answer refused half-way is not kept
                status = 413 if isinstance(error, UploadError) and "太大" in error.message else 400
                if request.headers.get("hx-request"):  # said where "已保存" is said, the form left as it was
                    headers = {"HX-Retarget": "#saved", "HX-Reswap": "innerHTML"}
                    return HTMLResponse(f'<span class="error">{_escape(error.message)}</span>', headers=headers)
                return message(error.message, status)

        return run

    # --- start ----------------------------------------------------------------------

    async def start(request: Request) -> Response:
        from drafter.mining.genres import GENERAL_GENRE
        from drafter.writing.profile import last_report, load_profile
        from drafter.writing.wizard.questions import genre_question

        books_now = books.get()
        # A genre the templates learnt nothing of (mining a unit's own reports alone) has no outline to offer.
        genres = [g for g in books_now.genres if books_now.documents.get(g.id) or g.name == GENERAL_GENRE]
        unit = load_profile()
        return page(
            "start.html",
            genres=genres,
            chosen=genre_question(genres, books_now.documents, unit.genre).default,
            unit=unit,
            remembered_report=last_report(unit),
            documents=books_now.documents,
            drafts=list_drafts(folder, books_now),
            year=report_year(today()),
            folder=str(folder),
        )

    async def create(request: Request) -> Response:
        form = await form_of(request, uploads=True)
        genre, org, year = (str(form.get(k) or "").strip() for k in ("genre", "org", "year"))
        upload = form.get("last_year")
        if isinstance(upload, UploadFile) and upload.filename:
            with private_folder() as work:
                path = await save_upload(upload, work, DOCUMENT_SUFFIXES, settings.upload_limit)
                core = new_draft(folder, books.get(), genre, org, year, today(), last_year=path)
        elif form.get("remembered_report"):  # the one the unit profile keeps (a path of this machine, not the form's)
            from drafter.writing.profile import last_report, load_profile

            kept = last_report(load_profile())
            if kept is None:
                raise UserError("单位信息里记着的去年的总结已经找不到了。请上传去年的总结，或不勾选这一项。")
            core = new_draft(folder, books.get(), genre, org, year, today(), last_year=kept, remembered=True)
        else:
            core = new_draft(folder, books.get(), genre, org, year, today())
        return RedirectResponse(f"/write/{_id(core)}", status_code=303)

    # --- write ----------------------------------------------------------------------

    def write_values(core: DraftCore, part: str) -> dict[str, Any]:
        parts = core.parts()
        names = [p.name for p in parts]
        if part not in names:
            part = names[0] if names else "basics"
        at = names.index(part)
        done, total = core.progress()
        return {
            "core": core,
            "id": _id(core),
            "parts": parts,
            "part": parts[at],
            "previous": names[at - 1] if at > 0 else None,
            "next": names[at + 1] if at + 1 < len(names) else None,
            "done": done,
            "total": total,
            "questions": core.questions(part),
            "describe": describe,
            "examples": core.examples(part) if part.startswith(("sections[", "added[")) else [],
            "part_view": part_view(core, part),
        }

    async def write(request: Request) -> Response:
        core = core_of(request)
        part = request.query_params.get("part") or _part_of(core.draft.resume_at or "basics")
        return page("write.html", **write_values(core, part))

    async def part_form(request: Request) -> Response:
        core = core_of(request)
        return page("part.html", **write_values(core, request.query_params.get("part", "basics")))

    async def answer(request: Request) -> Response:
        core = core_of(request)
        form = await form_of(request)
        name = str(form.get("name") or "")
        values = form.getlist("value")
        value: Any = [str(v) for v in values] if form.get("many") else str(values[0] if values else "")
        core.apply(name, value)
        saved_core(core, name)
        if core.draft.org and (name in REMEMBERED or name.startswith(("profile.", "figures["))):
            core.remember()  # what the unit profile keeps, kept as it is typed (the wizard keeps it at its end)
        saved = f'<span class="saved">已保存 {dt.datetime.now():%H:%M:%S}</span>'
        if form.get("rerender"):
            part = str(form.get("part") or _part_of(name))
            return part_again(core, part, headers_saved=saved)
        return HTMLResponse(saved, headers={"HX-Trigger": "drafter-saved"})

    async def insert(request: Request) -> Response:
        core = core_of(request)
        form = await form_of(request)
        name = core.insert_phrase(str(form.get("target") or ""), str(form.get("phrase") or ""))
        saved_core(core, name)
        return part_again(core, str(form.get("part") or _part_of(name)))

    async def slot(request: Request) -> Response:
        core = core_of(request)
        form = await form_of(request)
        name = str(form.get("paragraph") or "")
        try:
            occurrence = int(str(form.get("occurrence") or "-1"))
        except ValueError:
            occurrence = -1
        if occurrence < 0:
            raise AnswerError(name, "这一段里没有这个空。")
        core.fill_mark(name, occurrence, str(form.get("value") or ""))
        saved_core(core, name)
        return part_again(core, str(form.get("part") or _part_of(name)))

    async def comparisons(request: Request) -> Response:
        from drafter.web.preview import part_comparisons

        core = core_of(request)
        part = request.query_params.get("part", "")
        return page("comparisons.html", id=_id(core), part_name=part, offers=part_comparisons(core, part))

    async def compare(request: Request) -> Response:
        core = core_of(request)
        form = await form_of(request)
        name = str(form.get("paragraph") or "")
        try:
            start, option = int(str(form.get("at"))), int(str(form.get("option")))
        except ValueError:
            raise AnswerError(name, "这个数字没有可比较的上年数字。") from None
        core.compare(name, start, option)
        saved_core(core, name)
        return part_again(core, str(form.get("part") or _part_of(name)))

    async def own_panel(request: Request) -> Response:
        core = core_of(request)
        name = request.query_params.get("name", "")
        paragraphs = [(text, core.slotted_for_saving(text)) for text in core.paragraphs_of(name)]
        return page("own.html", id=_id(core), role=request.query_params.get("role", "measure"), paragraphs=paragraphs)

    async def own_save(request: Request) -> Response:
        core = core_of(request)
        form = await form_of(request)
        text = str(form.get("text") or "").strip()
        if not text:
            raise AnswerError("own", "没有要保存的文字。")
        core.save_own(text, str(form.get("role") or "measure"))
        return HTMLResponse('<span class="saved">已存入本单位常用语库：以后插入常用语时排在最前。</span>')

    async def pending(request: Request) -> Response:
        core = core_of(request)
        form = await form_of(request)
        action = str(form.get("action") or "")
        part = str(form.get("part") or "")
        if action not in ("", "drop", "done"):
            raise AnswerError("pending", "没有这个操作。")
        if action == "drop":
            core.drop_pending()
            name = part
        elif action == "done" or not core.pending_slots():
            name = core.place_pending() or part
        else:
            core.answer_slot(str(form.get("slot") or ""), str(form.get("value") or ""))
            name = (core.place_pending() or part) if not core.pending_slots() else part
        saved_core(core, name)
        return part_again(core, part or _part_of(name))

    async def material(request: Request) -> Response:
        core = core_of(request)
        form = await form_of(request)
        part = str(form.get("part") or "")
        paragraph = form.get("paragraph")
        core.take_material(part, str(paragraph) if paragraph is not None else None)
        saved_core(core, f"{part}.body")
        return part_again(core, part)

    async def leave(request: Request) -> Response:
        core = core_of(request)
        form = await form_of(request)
        core.leave(str(form.get("part") or ""))
        saved_core(core, core.draft.resume_at or "org")
        return HTMLResponse("")

    async def phrase_search(request: Request) -> Response:
        from drafter.writing.wizard.complete import phrase_note

        core = core_of(request)
        role = request.query_params.get("role", "measure")
        if role not in ROLE_NAMES:
            role = "measure"

        if role in ("opening", "closing"):
            bank = core.paragraph_bank(role).view([role], year=core.draft.year)
        else:
            bank = core.insert_bank(role)
        query = request.query_params.get("q", "").strip()
        found = bank.matches(query, limit=20)
        return page(
            "phrases_found.html",
            query=query,
            found=[(p, core.offered_text(p), phrase_note(p)) for p in found],
            target=request.query_params.get("target", ""),
            part=request.query_params.get("part", ""),
            id=_id(core),
        )

    async def outline(request: Request) -> Response:
        core = core_of(request)
        return page("outline.html", **write_values(core, request.query_params.get("part", "basics")))

    async def preview(request: Request) -> Response:
        from drafter.web.preview import preview_pages

        core = core_of(request)
        return page("preview.html", preview=preview_pages(core), fonts=fonts_of())

    async def pages_make(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        from drafter.web.preview import preview_pages

        core = core_of(request)
        await form_of(request)
        fonts = fonts_of()
        made = await run_in_threadpool(real_pages.make, core, _id(core), fonts)
        return page("real_pages.html", real=made, preview=preview_pages(core), fonts=fonts)

    async def pages_image(request: Request) -> Response:
        number = request.path_params["number"]
        data = real_pages.image(request.path_params["pages"], number)
        return Response(data, media_type="image/png", headers={"Cache-Control": "no-store"})

    async def pages_close(request: Request) -> Response:
        await form_of(request)
        real_pages.discard(request.path_params["pages"])
        return HTMLResponse("")

    # --- review and download ------------------------------------------------------------

    async def review(request: Request) -> Response:
        from drafter.web.documents import check_draft

        core = core_of(request)
        findings = check_draft(core, books.option(), fonts_of())
        return page(
            "review.html",
            core=core,
            id=_id(core),
            findings=findings,
            left=core.left(),
            fonts=fonts_of(),
            back=f"/review/{urllib.parse.quote(_id(core))}",
            describe=describe,
        )

    async def download(request: Request) -> Response:
        from drafter.web.documents import draft_document

        core = core_of(request)
        kind = request.path_params["kind"]
        data = draft_document(core, kind, fonts_of())
        return _attachment(data, f"{safe_name(core.title())}.{kind}")

    async def settings_page(request: Request) -> Response:
        return page("settings.html", fonts=fonts_of(), back=_local(request.query_params.get("back", "/")))

    async def save_fonts(request: Request) -> Response:
        from drafter.web.documents import save_font_settings

        form = await form_of(request)
        values = {} if form.get("reset") else {k: str(v) for k, v in form.items() if k not in ("csrf", "back")}
        save_font_settings(values)
        return RedirectResponse(_local(str(form.get("back") or "/")), status_code=303)

    # --- the other jobs -----------------------------------------------------------------

    async def format_page(request: Request) -> Response:
        return page("format.html", report=None, fonts=fonts_of(), back="/format")

    async def format_run(request: Request) -> Response:
        from drafter.web.documents import format_listing, format_upload

        form = await form_of(request, uploads=True)
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise UploadError("请选择要排版的文件。")
        with private_folder() as work:
            path = await save_upload(upload, work, DOCUMENT_SUFFIXES, settings.upload_limit)
            report, data = format_upload(path, fonts_of())
        name = safe_name(Path(upload.filename).stem) + ".公文格式.docx"
        if form.get("download"):
            return _attachment(data, name)
        lines, steps = format_listing(report)
        values = {"lines": lines, "steps": steps, "handout": handouts.keep(name, data), "result": name}
        return page("format.html", report=report, name=upload.filename, fonts=fonts_of(), back="/format", **values)

    async def format_download(request: Request) -> Response:
        name, data = handouts.get(request.path_params["handout"])
        return _attachment(data, name)

    async def skeleton_page(request: Request) -> Response:
        return page(
            "skeleton.html", genres=books.get().genres, year=report_year(today()), fonts=fonts_of(), back="/skeleton"
        )

    async def skeleton_download(request: Request) -> Response:
        from drafter.web.documents import skeleton_document

        form = await form_of(request)
        genre = books.get().genre(str(form.get("genre") or ""))
        org = str(form.get("org") or "").strip() or None
        year_text = str(form.get("year") or "").strip()
        if year_text and not (year_text.isdigit() and 1949 <= int(year_text) <= 2200):
            raise UserError("年份：请输入四位年份，如 2025。")
        year = int(year_text) if year_text else None
        data = skeleton_document(genre.name, org, year, books.option(), fonts_of())
        return _attachment(data, f"{safe_name(genre.name)}空白提纲.docx")

    async def phrases_page(request: Request) -> Response:
        library_now = books.get()
        genre_query = request.query_params.get("genre") or (library_now.genres[0].name if library_now.genres else "")
        genre = library_now.genre(genre_query)
        role = request.query_params.get("role") or None
        if role is not None and role not in ROLE_NAMES:
            role = None
        search = request.query_params.get("q", "").strip()
        bank, roles = library_now.load_phrases(genre), [role] if role else None
        # As `drafter phrases --search` lists them: as offered within a role, every match (rejected too) without one.
        phrases = bank.search(search, roles, 200, rejected=not role)
        total = len(phrases) if len(phrases) < 200 else bank.count_matches(search, roles, rejected=not role)
        values: dict[str, Any] = {"genres": library_now.genres, "genre": genre, "role": role or "", "q": search}
        template = "phrase_list.html" if request.headers.get("hx-request") else "phrases.html"
        return page(template, phrases=phrases, total=total, **values)

    async def phrases_decide(request: Request) -> Response:
        from drafter.web.documents import decide

        form = await form_of(request)
        phrase_id = str(form.get("id") or "")
        status = decide(books.option(), phrase_id, str(form.get("status") or ""), str(form.get("text") or ""))
        books.forget()
        return HTMLResponse(f'<span class="saved">已记录：{_escape(status)}</span>')

    def mine_values() -> dict[str, Any]:
        target = books.mine_target()
        return {"job": mining, "target": str(target), "existing": templates_in(target), "shared": settings.token}

    async def mine_page(request: Request) -> Response:
        return page("mine.html", **mine_values())

    async def mine_start(request: Request) -> Response:
        from contextlib import ExitStack

        from drafter.resources import bundled
        from drafter.web.documents import unpack_zip

        form = await form_of(request, uploads=True)
        upload = form.get("zip")
        source = str(form.get("source") or "").strip().strip("\"'")
        with ExitStack() as stack:
            sources: dict[Path, str] = {}
            if isinstance(upload, UploadFile) and upload.filename:
                work = stack.enter_context(private_folder())  # removed when mining is done, or now on a refusal
                sources[unpack_zip(await save_upload(upload, work, (".zip",), settings.upload_limit))] = ZIP
            elif source:
                sources[clerks_folder(source, shared=settings.token is not None)] = source
            else:
                raise UserError("请填写往年总结所在的文件夹，或上传一个 zip 压缩包。")
            if form.get("with_bundled"):
                sources[bundled("corpus")] = BUNDLED_LABEL
            mining.start(sources, books.mine_target(), replace=bool(form.get("replace")), cleanup=stack.pop_all())
        return RedirectResponse("/mine", status_code=303)

    async def mine_status(request: Request) -> Response:
        return page("mine_status.html", **mine_values())

    routes = [
        Route("/", guarded(start)),
        Route("/drafts", guarded(create), methods=["POST"]),
        Route("/write/{draft}", guarded(write)),
        Route("/write/{draft}/part", guarded(part_form)),
        Route("/write/{draft}/answer", guarded(answer), methods=["POST"]),
        Route("/write/{draft}/insert", guarded(insert), methods=["POST"]),
        Route("/write/{draft}/slot", guarded(slot), methods=["POST"]),
        Route("/write/{draft}/leave", guarded(leave), methods=["POST"]),
        Route("/write/{draft}/material", guarded(material), methods=["POST"]),
        Route("/write/{draft}/own", guarded(own_panel)),
        Route("/write/{draft}/own", guarded(own_save), methods=["POST"]),
        Route("/write/{draft}/pending", guarded(pending), methods=["POST"]),
        Route("/write/{draft}/comparisons", guarded(comparisons)),
        Route("/write/{draft}/compare", guarded(compare), methods=["POST"]),
        Route("/write/{draft}/phrases", guarded(phrase_search)),
        Route("/write/{draft}/outline", guarded(outline)),
        Route("/write/{draft}/preview", guarded(preview)),
        Route("/write/{draft}/pages", guarded(pages_make), methods=["POST"]),
        Route("/pages/{pages}/{number:int}.png", guarded(pages_image)),
        Route("/pages/{pages}/close", guarded(pages_close), methods=["POST"]),
        Route("/review/{draft}", guarded(review)),
        Route("/download/{draft}.{kind:str}", guarded(download)),
        Route("/settings", guarded(settings_page)),
        Route("/settings/fonts", guarded(save_fonts), methods=["POST"]),
        Route("/format", guarded(format_page)),
        Route("/format", guarded(format_run), methods=["POST"]),
        Route("/format/{handout}.docx", guarded(format_download)),
        Route("/skeleton", guarded(skeleton_page)),
        Route("/skeleton", guarded(skeleton_download), methods=["POST"]),
        Route("/phrases", guarded(phrases_page)),
        Route("/phrases/decide", guarded(phrases_decide), methods=["POST"]),
        Route("/mine", guarded(mine_page)),
        Route("/mine", guarded(mine_start), methods=["POST"]),
        Route("/mine/status", guarded(mine_status)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]

    async def not_here(request: Request, error: Exception) -> Response:
        """An address or method the site does not have: a Chinese page, not Starlette's English one."""
        status = getattr(error, "status_code", 404)
        text = "这个页面不接受这样的提交。" if status == 405 else "没有这个页面：地址可能输错了，或草稿已被删除。"
        return message(text, status)

    return Starlette(
        routes=routes,
        middleware=[Middleware(TokenMiddleware, token=settings.token)],
        exception_handlers={404: not_here, 405: not_here},
    )


def part_view(core: DraftCore, part: str) -> dict[str, Any]:
    """What the part's form shows beyond its questions: the section, its paragraphs' 【】 fields."""
    from drafter.web.preview import part_fields

    return part_fields(core, part)


def fonts_of() -> Any:
    """The render settings chosen once (the unit profile's, as render, skeleton and format read them), else the
    GB/T 9704 defaults."""
    from drafter.output.render.fonts import load_fonts

    return load_fonts(None)


def _local(url: str) -> str:
    """A URL of this site to go back to (anything else: the start page)."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"


def _id(core: DraftCore) -> str:
    """A draft's id: its answers file's name without .answers.yaml."""
    return core.answers_path.name.removesuffix(".answers.yaml")


def _part_of(name: str) -> str:
    """The part a question belongs to (sections[1].children[0].body -> sections[1])."""
    import re

    if name in ("org", "year", "date", "title", "target") or name.startswith("profile."):
        return "basics"
    if name.startswith("checklist"):
        return "checklist"
    if name.startswith("figures"):
        return "figures"
    match = re.match(r"^(sections|added)\[\d+\]", name)
    return match.group(0) if match else name


def _escape(text: str) -> str:
    """Text put into HTML by hand."""
    import html

    return html.escape(text)


def _attachment(data: bytes, name: str) -> Response:
    """A download under a Chinese file name (RFC 5987)."""
    kinds = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".md": "text/markdown"}
    media = kinds.get(Path(name).suffix, "application/octet-stream")
    quoted = urllib.parse.quote(name)
    headers = {"Content-Disposition": f"attachment; filename=\"drafter{Path(name).suffix}\"; filename*=UTF-8''{quoted}"}
    return Response(data, media_type=media, headers=headers)
