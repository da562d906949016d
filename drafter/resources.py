"""Where things live: bundled data (in a wheel or a source checkout), the user's own data, this program."""

from __future__ import annotations

import os
import shutil
import sys
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# Overrides the user data directory (tests, a portable install, a shared office machine).
DATA_DIR_ENV = "DRAFTER_DATA_DIR"
# Overrides the cache directory (what drafter can always build again: the lexicon, big banks' indexes).
CACHE_DIR_ENV = "DRAFTER_CACHE_DIR"
PROFILE_FILE = "profile.yaml"


@lru_cache(maxsize=64)
def bundled(relative: str) -> Path:
    """Path of a bundled data file (`corpus/cleaning.yaml`, `templates/genres.yaml` ...); looked up once (mining
    asks for its rules' file for every sentence)."""
    in_wheel = PACKAGE_DIR / "_bundled" / relative
    if in_wheel.exists():
        return in_wheel
    return PACKAGE_DIR.parent / relative


def user_data_dir() -> Path:
    """The user's drafter data directory ($DRAFTER_DATA_DIR, else the platform's: ~/.local/share/drafter on Linux)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("drafter", appauthor=False))


def profile_path() -> Path:
    """Where the unit profile is kept (profile.yaml in the user data directory; drafter.writing.profile reads it)."""
    return user_data_dir() / PROFILE_FILE


def user_cache_dir() -> Path:
    """drafter's cache directory ($DRAFTER_CACHE_DIR, else the platform's: ~/.cache/drafter on Linux)."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("drafter", appauthor=False))


def in_source_checkout(directory: Path) -> bool:
    """True when `directory` is drafter's own source checkout or inside the installed package."""
    resolved = directory.resolve()
    package_parent = PACKAGE_DIR.parent
    return (
        resolved == PACKAGE_DIR
        or PACKAGE_DIR in resolved.parents
        or (resolved == package_parent and (package_parent / "pyproject.toml").exists())
    )


def own_command(argv0: str | None = None) -> list[str]:
    """How to run this drafter again from a shell, as it stands: `drafter` when PATH finds this very program,
    else the program's own full path (or `python -m drafter` when it was started that way)."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    program = Path(argv0) if argv0 else None
    if program is None or program.stem.lower() != "drafter":  # python -m drafter, or drafter inside another program
        return [sys.executable, "-m", "drafter"]
    if not program.exists() and Path(argv0 + ".exe").exists():  # Windows' console-script launcher
        program = Path(argv0 + ".exe")
    on_path = shutil.which("drafter")
    if on_path and program.exists() and _same_file(Path(on_path), program):
        return ["drafter"]
    if not program.exists():
        return [sys.executable, "-m", "drafter"]
    return [str(program.resolve())]


def _same_file(first: Path, second: Path) -> bool:
    """Two paths to one file (through links)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def shell_command(parts: list[str]) -> str:
    """A command line that runs as printed in this platform's shell (quoted where a part needs it)."""
    if os.name == "nt":
        import subprocess

        return subprocess.list2cmdline(parts)
    import shlex

    return shlex.join(parts)
