"""LibreOffice and other helper programs, run safely on files from strangers.

A document can name things to fetch: a linked picture (an http address, which is a tracking beacon or
a request into the office network; a file:// path, which would draw a local file into a preview), an
attached template, a linked OLE object. drafter never lets a conversion fetch anything:
- the .docx LibreOffice gets is a private copy without relationships to anything outside it (`private_docx`);
- LibreOffice runs with a profile of its own that blocks linked content and macros and sends any
  request to a proxy that does not exist;
- where the system allows it (Linux `unshare`), LibreOffice runs with no network at all, so a link
  that was missed fails at once instead of holding the conversion until the time limit.
Every helper runs in its own process group under a memory limit; the whole group is killed on a time-out,
an error or a SIGTERM (LibreOffice's `soffice` script starts `oosplash` and `soffice.bin`, which would
otherwise be left running).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from drafter.lazy import lazy_compile

# A conversion of a real document needs a few hundred MB; a document built to exhaust memory stops here.
OFFICE_MEMORY_BYTES = 4 * 1024**3

_PROFILE_SETTINGS = (
    # Linked pictures and other content of a document from an untrusted place are not loaded.
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    # Any request that still gets out goes to a proxy on a port where nothing listens.
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
)


@dataclass(frozen=True)
class Ran:
    """How a helper program ended: its exit code (None when it was stopped at the time limit) and what it said."""

    returncode: int | None
    output: str

    @property
    def timed_out(self) -> bool:
        """Stopped at the time limit."""
        return self.returncode is None


def libreoffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_command(office: str, profile: Path, arguments: list[str]) -> list[str]:
    """A LibreOffice command line with its own locked-down profile in `profile` (created here)."""
    write_profile(profile)
    return [office, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore", *arguments]


def write_profile(profile: Path) -> None:
    """A LibreOffice user profile whose settings block linked content, macros and the network."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
        for path, name, value in _PROFILE_SETTINGS
    )
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n",
        encoding="utf-8",
    )


@functools.cache
def no_network_prefix() -> tuple[str, ...]:
    """The command prefix that runs a program without network access (`unshare`), or () where the system
    does not allow it (no unshare, user namespaces disabled, not Linux)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for flags in ("--map-root-user", "--net"), ("--net",):
        prefix = (unshare, *flags, "--")
        try:
            done = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return prefix
    return ()


def run_helper(
    command: list[str],
    *,
    timeout: float,
    env: dict[str, str] | None = None,
    offline: bool = False,
    stdout: IO[bytes] | None = None,
) -> Ran:
    """Run a helper program in its own process group, under a memory limit (and without network when
    `offline`); the whole group is killed when it ends, times out, or drafter is stopped. Its output goes to
    `stdout` when given; what it said (its errors, else its output) comes back, at most a few KB of it."""
    full = [*no_network_prefix(), *command] if offline else command
    # A stop (Ctrl-C, SIGTERM) that came while the helper was being started would leave it running unseen: stops
    # wait until the helper is known, and are then raised where its group is killed on the way out.
    previous = _hold_stops()
    try:
        process = subprocess.Popen(
            full,
            stdin=subprocess.DEVNULL,
            stdout=stdout if stdout is not None else subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=_POSIX,
            preexec_fn=_in_child if _POSIX else None,  # Windows has neither sessions nor preexec_fn
        )
    except BaseException:
        _release_stops(previous)
        raise
    try:
        _release_stops(previous)
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        return Ran(None, "")
    finally:
        _kill_group(process)
    said = (err or out or b"").strip()[-4000:]
    return Ran(process.returncode, said.decode("utf-8", "replace"))


_POSIX = os.name == "posix"
_STOPS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


def _hold_stops() -> set[int] | None:
    """Hold back the signals that stop drafter (where the system can); the mask there was before."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS))


def _release_stops(previous: set[int] | None) -> None:
    """Let the held-back signals through again (one that came meanwhile is handled now)."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _in_child() -> None:
    """In the child, before it starts: the stop signals let through, and an address-space limit (no effect where
    the system has none)."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (OFFICE_MEMORY_BYTES, OFFICE_MEMORY_BYTES))


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill every process of the helper's group (it may have started others) and reap the helper."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if _POSIX:
            os.killpg(process.pid, signal.SIGKILL)
        elif process.poll() is None:
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


# --- what a file really is ---------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0"
_HTML_START = lazy_compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|p|div|table|title)\b", re.I | re.S
)
_MIME_HEADER = lazy_compile(rb"\s*(?:MIME-Version|Content-Type|Content-Location|From|Subject|Date)\s*:", re.I)
_HTML_ANYWHERE = lazy_compile(rb"<html\b|<body\b|xmlns:w=\"urn:schemas-microsoft-com:office:word\"", re.I)


def content_kind(head: bytes) -> str:
    """What the first bytes of a file say it is: docx (a zip), ole2 (Word 97-2003, WPS), rtf, html, mhtml (a web
    page saved as one file), wordxml (Word 2003 XML), pdf, or other."""
    start = head.lstrip(b"\xef\xbb\xbf")
    if start.startswith(b"PK\x03\x04") or start.startswith(b"PK\x05\x06"):
        return "docx"
    if start.startswith(_OLE2):
        return "ole2"
    if start.startswith(b"{\\rtf"):
        return "rtf"
    if start.startswith(b"%PDF-"):
        return "pdf"
    text = _ascii_view(start)
    if _MIME_HEADER.match(text) and re.search(rb"multipart/related|text/html", text, re.I):
        return "mhtml"
    if re.search(rb"<\?mso-application\s+progid=\"Word\.Document\"|<w:wordDocument\b", text, re.I):
        return "wordxml"
    if _HTML_START.match(text) or (text.lstrip().startswith(b"<") and _HTML_ANYWHERE.search(text)):
        return "html"
    return "other"


def _ascii_view(data: bytes) -> bytes:
    """The bytes as ASCII-compatible text (a UTF-16 file with or without its BOM becomes one byte a character)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 3 and (data[1:2] == b"\0" or data[0:1] == b"\0")):
        codec = "utf-16-be" if data.startswith(b"\xfe\xff") or data[0:1] == b"\0" else "utf-16-le"
        return data.decode(codec, "ignore").encode("ascii", "ignore")
    return data


def file_kind(path: Path) -> str:
    """What a file really is, by its first bytes (see `content_kind`); `other` when it cannot be read or is not a
    regular file (opening a FIFO would block; the readers refuse it with a message)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return "other"
        with path.open("rb") as stream:
            return content_kind(stream.read(4096))
    except OSError:
        return "other"


# --- a private copy of a .docx for LibreOffice -------------------------------------

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# A target that names a place outside the package: a scheme (http:, file:, smb: …) or a UNC path.
_OUTSIDE = lazy_compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.I)


def private_docx(data: bytes) -> bytes:
    """A .docx (as bytes already read within the size limits) without the relationships that point outside it:
    linked pictures, OLE links, attached templates, subdocuments, and hyperlinks too (a relationship typed as a
    hyperlink can still be used as a picture's link; the linked text keeps its look without it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            body = archive.read(info)
            if info.filename.lower().endswith(".rels"):
                kept = without_external(body)
                if kept is None:
                    continue  # a relationships part that cannot be parsed is left out rather than trusted
                body = kept
            copy.writestr(info, body)
    return out.getvalue()


def without_external(rels: bytes) -> bytes | None:
    """A relationships part without any target outside the package; None when it is not well-formed XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(rels, parser)
    except etree.XMLSyntaxError:
        return None
    removed = False
    for relationship in list(root.iter(_RELATIONSHIPS)):
        external = (relationship.get("TargetMode") or "").strip().lower() == "external"
        outside = bool(_OUTSIDE.match(relationship.get("Target") or ""))
        if external or outside:
            relationship.getparent().remove(relationship)
            removed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if removed else rels
