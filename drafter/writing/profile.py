"""The unit profile: what a clerk who writes the report every year would otherwise type every year.

The unit's name, its kind (局, 镇, 医院, 学校, 公司 …, derived from the name where it says), its 落款, the
genre it usually writes, its font choices and last year's report. Kept in the user data directory
(profile.yaml), written atomically under a lock; the wizard asks for it the first time and offers it
as defaults after; `drafter profile` shows and edits it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator

from drafter.bank.store import load_yaml_model, save_yaml_model
from drafter.errors import UsageError
from drafter.files import locked
from drafter.models import FontTable, StrictModel
from drafter.resources import profile_path
from drafter.writing.target import parse_target
from drafter.writing.unit import KINDS, unit_kind

FIELD_NAMES = {
    "name": "单位名称",
    "kind": "单位类别",
    "signature": "落款",
    "genre": "常写的文种",
    "fonts": "字体",
    "last_report": "去年的总结",
    "target": "篇幅",
    "figures": "上次填的主要数字",
    "figures_year": "数字所属年份",
}


class UnitProfile(StrictModel):
    """profile.yaml: the unit and its habits (every field optional: the wizard fills it as it learns)."""

    name: str | None = None
    kind: str | None = None  # 局, 镇, 医院 …; derived from the name when not given
    signature: str | None = None  # 落款 when it is not the unit's name (a 镇's 中共XX镇委员会 XX镇人民政府)
    genre: str | None = None  # the genre's name (审计)
    fonts: FontTable | None = None
    last_report: str | None = None  # the full path of last year's report
    target: str | None = None  # the length the report is usually held to (限 4 页)
    figures: dict[str, float] = Field(default_factory=dict)  # key figures typed last time (label（unit） -> value)
    figures_year: int | None = None  # the year those figures are of

    @field_validator("target")
    @classmethod
    def _target_parses(cls, value: str | None) -> str | None:
        """A target drafter can measure against (限 2 页, 约 3000 字)."""
        if value is not None:
            parse_target(value)
        return value

    def kind_or_derived(self) -> str | None:
        """The kind given, else the one the name says."""
        return self.kind or unit_kind(self.name)

    def is_empty(self) -> bool:
        """Nothing is known yet (the first run)."""
        return not any(getattr(self, name) for name in type(self).model_fields)


def load_profile() -> UnitProfile:
    """The profile (empty when none was saved yet); a broken file is an error naming it and the field."""
    path = profile_path()
    return load_yaml_model(path, UnitProfile) if path.exists() else UnitProfile()


def update_profile(changes: dict[str, object], *, clear: tuple[str, ...] = ()) -> UnitProfile:
    """Change some fields (None leaves a field as it is; `clear` empties fields) and save, atomically, under a lock."""
    unknown = [name for name in (*changes, *clear) if name not in UnitProfile.model_fields]
    if unknown:
        known = "、".join(f"{key}（{name}）" for key, name in FIELD_NAMES.items())
        raise UsageError(f"单位信息里没有 {'、'.join(unknown)} 这一项。可以设置的有：{known}。")
    path = profile_path()
    with locked(path.with_name(path.name + ".lock"), f"单位信息 {path}"):
        current = load_yaml_model(path, UnitProfile) if path.exists() else UnitProfile()
        data = current.model_dump()
        data |= {name: value for name, value in changes.items() if value is not None}
        data |= {name: ({} if name == "figures" else None) for name in clear}
        if "figures" in clear:
            data["figures_year"] = None
        if data.get("kind") and data["kind"] not in KINDS:
            raise UsageError(f"单位类别“{data['kind']}”不认识。可以写：{'、'.join(KINDS)}。")
        if data.get("last_report"):
            data["last_report"] = str(Path(str(data["last_report"])).expanduser().resolve())
        profile = UnitProfile.model_validate(data)
        save_yaml_model(path, profile, exclude={name for name, value in data.items() if value in (None, {})})
    return profile


def last_report(profile: UnitProfile) -> Path | None:
    """Last year's report, when one is saved and still there."""
    if not profile.last_report:
        return None
    path = Path(profile.last_report)
    return path if path.is_file() else None
