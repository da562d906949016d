"""The render settings as rendering reads them: the fonts of each part and the page-number style.

The defaults (GB/T 9704's fonts) are a plain value, so that a command laying out with them (`drafter format`
without a profile) loads no model; the settings a person writes (--fonts FILE, the unit profile, the web's settings
page) are read through `drafter.models.FontTable`, which takes its defaults from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:
    from pathlib import Path

    from drafter.models import FontTable

PageNumberStyle = Literal["gbt9704", "center", "plain", "none"]
# How each page-number style shows on the page, as a clerk chooses it (the first is GB/T 9704 §7.5).
PAGE_NUMBER_STYLES: dict[str, str] = {
    "gbt9704": "“— 1 —”，单页靠右、双页靠左（公文格式）",
    "center": "“— 1 —”，居中",
    "plain": "“1”，居中",
    "none": "不加页码",
}


# The fonts Chinese offices have, offered when a clerk changes one (any installed font name is accepted).
OFFICE_FONTS = (
    "方正小标宋简体",
    "华文中宋",
    "宋体",
    "黑体",
    "楷体_GB2312",
    "楷体",
    "仿宋_GB2312",
    "仿宋",
    "华文仿宋",
    "Times New Roman",
)


@dataclass(frozen=True)
class Fonts:
    """The GB/T 9704 fonts of each part and page-number style (what FontTable is when nobody changed a thing)."""

    title: str = "方正小标宋简体"
    level1: str = "黑体"
    level2: str = "楷体_GB2312"
    level3: str = "仿宋_GB2312"
    level4: str = "仿宋_GB2312"
    body: str = "仿宋_GB2312"
    signature: str = "仿宋_GB2312"
    page_number: str = "宋体"
    latin: str = "Times New Roman"
    level3_bold: bool = False
    page_number_style: PageNumberStyle = "gbt9704"


DEFAULT_FONTS = Fonts()
# What rendering reads: the defaults, or the settings a person chose (validated as a FontTable).
FontChoice: TypeAlias = "Fonts | FontTable"


def load_fonts(path: Path | None) -> FontChoice:
    """The font table: a YAML file overriding some of the defaults, else the unit profile's choice, else the
    defaults (without loading a model when there is neither a file nor a profile)."""
    from drafter.resources import profile_path

    if path:
        from drafter.bank.store import load_yaml_model
        from drafter.models import FontTable

        return load_yaml_model(path, FontTable)
    if not profile_path().exists():
        return DEFAULT_FONTS
    from drafter.writing.profile import load_profile

    return load_profile().fonts or DEFAULT_FONTS
