"""Where bundled data lives: inside an installed wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def bundled(relative: str) -> Path:
    """Path of a bundled data file (`corpus/cleaning.yaml`, `templates/genres.yaml` ...)."""
    in_wheel = PACKAGE_DIR / "_bundled" / relative
    if in_wheel.exists():
        return in_wheel
    return PACKAGE_DIR.parent / relative
