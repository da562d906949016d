"""What keeps the local server to its clerk: the access token, the CSRF token, bounded uploads in a private folder."""

from __future__ import annotations

import hmac
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from drafter.errors import UserError

TOKEN_COOKIE = "drafter_token"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"
MAX_UPLOAD = 20 * 1024 * 1024
# What each accepted kind of file starts with: a .docx is a zip, a .doc/.wps an OLE compound file.
MAGIC = {
    ".docx": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04", b"PK\x05\x06"),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".wps": (b"\xd0\xcf\x11\xe0",),
    ".pdf": (b"%PDF",),
}
TEXT_SUFFIXES = (".txt", ".md")
FORBIDDEN = "没有访问权限：请使用启动 drafter serve 时显示的完整网址（其中带有访问令牌）。"


class UploadError(UserError):
    """An upload refused: too big, of a kind not accepted, or not what its name says."""


CSRF_FILE = "serve-csrf"


def lasting_csrf() -> str:
    """The CSRF token of this user's servers, the same from one run to the next (a page left open while drafter
    was restarted still saves), kept in the user data directory readable by this user alone."""
    import os

    from drafter.files import write_atomic
    from drafter.resources import user_data_dir

    path = user_data_dir() / CSRF_FILE
    try:
        kept = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        kept = ""
    if len(kept) >= 32:
        return kept
    made = secrets.token_urlsafe(32)
    write_atomic(path, made)
    os.chmod(path, 0o600)
    return made


@dataclass
class Guard:
    """The tokens of one server run."""

    token: str | None  # required on every request when the server listens beyond this machine
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def check_csrf(self, request: Request, form: FormData | None) -> None:
        """Every POST carries the page's CSRF token (htmx in a header, a plain form in a field)."""
        sent = request.headers.get(CSRF_HEADER) or (str(form.get(CSRF_FIELD) or "") if form is not None else "")
        if not hmac.compare_digest(sent.encode(), self.csrf.encode()):
            raise PermissionError("CSRF")


class TokenMiddleware:
    """403 for any request without the access token (in the URL once, then in a cookie)."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            await PlainTextResponse(FORBIDDEN, status_code=403)(scope, receive, send)
            return
        if request.query_params.get("token"):

            async def with_cookie(message: Message) -> None:
                if message["type"] == "http.response.start":
                    cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                    message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
                await send(message)

            await self.app(scope, receive, with_cookie)
            return
        await self.app(scope, receive, send)


def too_big(request: Request, limit: int = MAX_UPLOAD) -> bool:
    """True when the request says it carries more than `limit` bytes."""
    length = request.headers.get("content-length", "")
    return length.isdigit() and int(length) > limit


@contextmanager
def private_folder() -> Iterator[Path]:
    """A folder only this user can read, deleted with everything in it when done."""
    folder = Path(tempfile.mkdtemp(prefix="drafter-serve-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def save_upload(upload: UploadFile, folder: Path, accepted: tuple[str, ...], limit: int = MAX_UPLOAD) -> Path:
    """Store an uploaded file in `folder` under a name of our own (only its suffix is kept), checked to be the
    kind its name says and no bigger than `limit`."""
    original = upload.filename or ""
    suffix = Path(original).suffix.lower()
    if suffix not in accepted:
        raise UploadError(f"不支持“{original or '（无名）'}”这种文件。可以上传：{'、'.join(accepted)}。")
    target = folder / f"上传{secrets.token_hex(4)}{suffix}"
    size = 0
    with target.open("wb") as out:
        while chunk := await upload.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise UploadError(f"文件“{original}”太大：最多 {limit // (1024 * 1024)} MB。")
            out.write(chunk)
    if size == 0:
        raise UploadError(f"文件“{original}”是空的。")
    _check_kind(target, original, suffix)
    return target


def _check_kind(path: Path, original: str, suffix: str) -> None:
    """The file's first bytes match its suffix (a program renamed .docx is refused)."""
    head = path.read_bytes()[:8]
    if suffix in MAGIC:
        if not head.startswith(MAGIC[suffix]):
            raise UploadError(f"文件“{original}”不是真正的 {suffix} 文件（内容与扩展名不符），没有处理。")
    elif suffix in TEXT_SUFFIXES and (
        head.startswith((b"MZ", b"\x7fELF", b"PK\x03\x04"))
        or (b"\x00" in head[:4] and not head.startswith((b"\xff\xfe", b"\xfe\xff")))
    ):
        raise UploadError(f"文件“{original}”不是文本文件，没有处理。")
