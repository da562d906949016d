"""One error hierarchy; the CLI turns a UserError into a Chinese message and an exit code."""

from __future__ import annotations

import enum
from pathlib import Path


class ExitStatus(enum.IntEnum):
    """Process exit codes."""

    OK = 0
    ERROR = 1  # something the user can fix in a file went wrong
    USAGE = 2  # bad arguments or nothing usable to work on
    INTERRUPTED = 130  # Ctrl-C


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


class ConfigError(UserError):
    """A YAML data file (cleaning rules, genres, templates) that does not validate."""


class Interrupted(UserError):
    """Ctrl-C during an interactive command; the message says how to continue."""

    exit_status = ExitStatus.INTERRUPTED
