"""What the hostile-input tests share: a local web server that counts requests, a server that never answers, Word
files that link to them, a stand-in for LibreOffice, and a look at the processes left behind."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: .ci/run installs it")
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils: .ci/run installs it")


class Beacon:
    """A web server on 127.0.0.1 that answers every request with 404 and remembers its path."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                requests.append(f"{self.command} {self.path}")
                self.send_error(404)

            do_GET = do_HEAD = do_POST = do_OPTIONS = do_PROPFIND = _any

            def log_message(self, *args: object) -> None:
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def serving_beacon() -> Iterator[Beacon]:
    """A local web server that counts requests (a tracking beacon, a service in the office network)."""
    server = Beacon()
    try:
        yield server
    finally:
        server.close()


@contextmanager
def serving_tarpit() -> Iterator[str]:
    """The address of a server on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def page_linking(url: str, title: str = "县审计局2024年工作总结") -> str:
    """An HTML page, as web systems export a "Word" file, that loads a picture, a style sheet and a frame from `url`."""
    return (
        f'<html><head><meta charset="utf-8"><link rel="stylesheet" href="{url}/style.css"><title>x</title></head>'
        f'<body><p>{title}</p><img src="{url}/beacon.png"><iframe src="{url}/frame.html"></iframe>'
        "<h1>一、主要工作</h1><p>全年完成审计项目54个。</p><p>县审计局</p><p>2024年12月31日</p></body></html>"
    )


def word97_linking(url: str, folder: Path) -> Path:
    """A real Word 97-2003 file (OLE2) whose picture is an INCLUDEPICTURE link to `url`, made by LibreOffice with
    linked content blocked (so that making it fetches nothing)."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "linked.html"
    page.write_text(page_linking(url), encoding="utf-8")
    profile = folder / "profile" / "user"
    profile.mkdir(parents=True)
    # Linked content blocked and any request sent to a proxy where nothing listens (as drafter's own profile does),
    # so that making the file fetches nothing and never waits on `url`.
    settings = [
        ("Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
        ("Inet/Settings", "ooInetProxyType", "1"),
        ("Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
        ("Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ]
    items = "".join(
        f'<item oor:path="/org.openoffice.{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in settings
    )
    (profile / "registrymodifications.xcu").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry">{items}</oor:items>',
        encoding="utf-8",
    )
    subprocess.run(
        [
            SOFFICE or "soffice",
            f"-env:UserInstallation={profile.parent.as_uri()}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(folder),
            str(page),
        ],
        capture_output=True,
        timeout=180,
        check=True,
        start_new_session=True,
    )
    made = folder / "linked.doc"
    assert made.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    assert url.encode() in made.read_bytes(), "the link is in the file"
    return made


def blank_pdf(pages: int) -> bytes:
    """A valid PDF of `pages` empty A4 pages."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    kids = []
    content = zlib.compress(b"")
    objects[3] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
    for number in range(pages):
        objects[10 + number] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
        kids.append(10 + number)
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    out, offsets = bytearray(b"%PDF-1.7\n"), {}
    for key in sorted(objects):
        offsets[key] = len(out)
        out += f"{key} 0 obj\n".encode() + objects[key] + b"\nendobj\n"
    size, start = max(objects) + 1, len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for key in range(1, size):
        out += (f"{offsets[key]:010d} 00000 n \n" if key in offsets else "0000000000 65535 f \n").encode()
    return bytes(out + f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode())


FAKE_SOFFICE = """#!/bin/sh
# A stand-in for LibreOffice: with HANG_PIDS set it starts a helper that never ends (as soffice.bin would, waiting
# on a link) and waits; else it writes $FAKE_PDF as the PDF of its last argument into --outdir.
outdir=""; last=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then outdir="$2"; shift; fi
  last="$1"; shift
done
if [ -n "$HANG_PIDS" ]; then
  sleep 300 &
  echo $! >> "$HANG_PIDS"
  echo $$ >> "$HANG_PIDS"
  wait
fi
name=$(basename "$last"); cp "$FAKE_PDF" "$outdir/${name%.*}.pdf"
"""


def fake_tool(bin_dir: Path, name: str, script: str) -> Path:
    """An executable script named `name` in `bin_dir`."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    tool = bin_dir / name
    tool.write_text(script, encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return tool


def alive(pid: int) -> bool:
    """A process that exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stream:
            return stream.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


def processes_mentioning(text: str) -> list[str]:
    """Command lines of the live processes whose command line contains `text` (LibreOffice names its profile)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in command and alive(int(entry.name)):
            found.append(command)
    return found
