"""One error hierarchy; the CLI turns a UserError into a Chinese message and an exit code."""

from __future__ import annotations

import enum
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import NoReturn


class ExitStatus(enum.IntEnum):
    """Process exit codes."""

    OK = 0
    ERROR = 1  # something the user can fix in a file went wrong
    USAGE = 2  # bad arguments or nothing usable to work on
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM or SIGHUP: stopped from outside, after cleaning up


_STOP_SIGNALS = ("SIGTERM", "SIGHUP")


def exit_on_signal(signum: int, frame: FrameType | None) -> NoReturn:
    """A handler for SIGTERM and SIGHUP: leave through SystemExit, so that every `finally` runs (helper programs
    killed, temporary folders removed); the default action would end the process on the spot."""
    raise SystemExit(ExitStatus.TERMINATED if signum == signal.SIGTERM else 128 + signum)


def install_stop_handlers() -> dict[int, object]:
    """Make SIGTERM and SIGHUP clean up on the way out (main thread only); the handlers they had before."""
    previous: dict[int, object] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in _STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, exit_on_signal)
    return previous


@contextmanager
def stop_cleanly() -> Iterator[None]:
    """While inside: SIGTERM and SIGHUP clean up before the process ends; the earlier handlers afterwards."""
    previous = install_stop_handlers()
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


class DrafterError(Exception):
    """Base of every error drafter raises on purpose."""


class UserError(DrafterError):
    """An error caused by input; `message` is a printable Chinese paragraph."""

    exit_status: ExitStatus = ExitStatus.ERROR

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


class UsageError(UserError):
    """Arguments that cannot be acted on."""

    exit_status = ExitStatus.USAGE


class ReadError(UserError):
    """A file that cannot be read or decoded."""


class WriteError(UserError):
    """An output that was not written: refused (it exists, it is an input) or failed (read-only, disk full)."""


class ConfigError(UserError):
    """A YAML data file (cleaning rules, genres, templates) that does not validate."""


class Interrupted(UserError):
    """Ctrl-C during an interactive command; the message says how to continue."""

    exit_status = ExitStatus.INTERRUPTED
