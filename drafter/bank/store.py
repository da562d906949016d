"""YAML files <-> models, validated on load with errors that name the file and the field."""

from __future__ import annotations

import reprlib
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from drafter.errors import ConfigError, UserError
from drafter.files import read_bytes, write_atomic

ModelT = TypeVar("ModelT", bound=BaseModel)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that leaves dates as text, so that pydantic validates them with a message."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def field_path(location: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as `sections[1].children[0].heading`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "（整个文件）"


def describe_validation_error(path: Path, error: ValidationError) -> str:
    """A Chinese paragraph naming the file and each bad field."""
    problems = []
    for item in error.errors():
        where = field_path(tuple(item["loc"]))
        kind = item["type"]
        if kind == "extra_forbidden":
            problems.append(f"{where} 是未知的键，请删除或改正拼写")
        elif kind == "missing":
            problems.append(f"缺少必填字段 {where}")
        elif kind == "value_error":
            problems.append(str(item.get("ctx", {}).get("error", item["msg"])))
        else:
            expected = next((text for prefix, text in _EXPECTED if kind.startswith(prefix)), item["msg"])
            problems.append(f"{where} 的值不合要求：{expected}，实际是 {_shown(item.get('input'))}")
    return f"文件 {path} 格式有误：" + "；".join(problems) + "。请修改该文件后重试。"


# What a field should have been, by pydantic error type prefix.
_EXPECTED = (
    ("string_pattern", "应为由小写字母、数字、- 或 _ 组成的 id（如 shenji）"),
    ("string", "应为文字"),
    ("int", "应为整数"),
    ("float", "应为数字"),
    ("bool", "应为 true 或 false"),
    ("date", "应为日期，如 2024-12-20"),
    ("list", "应为列表（每项一行，以“- ”开头）"),
    ("tuple", "应为列表"),
    ("dict", "应为键值对"),
    ("model", "应为键值对"),
    ("literal", "应为规定的取值之一"),
    ("enum", "应为规定的取值之一"),
)


_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxstring = _SHORT_REPR.maxother = 40
_SHORT_REPR.maxlist = _SHORT_REPR.maxdict = _SHORT_REPR.maxtuple = _SHORT_REPR.maxset = 3
_SHORT_REPR.maxlevel = 2


def _shown(value: object) -> str:
    """A short rendering of a bad value for a message (bounded: the value may be huge)."""
    text = _SHORT_REPR.repr(value)
    return text if len(text) <= 40 else text[:40] + "……"


def load_yaml_model(path: Path, model: type[ModelT]) -> ModelT:
    """Read a UTF-8 YAML file and validate it as `model`; aliases (*name) are refused."""
    try:
        text = read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"无法读取文件 {path}（{exc.reason}）。请确认它是 UTF-8 编码的 YAML 文件。", path=path
        ) from None
    except UserError as error:
        raise ConfigError(error.message, path=path) from None
    try:
        _refuse_aliases(text, path)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise ConfigError(
            f"文件 {path} {where}不是合法的 YAML（{getattr(exc, 'problem', exc)}）。请修正语法后重试。",
            path=path,
        ) from None
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(path, exc), path=path) from None


def _refuse_aliases(text: str, path: Path) -> None:
    """Refuse YAML aliases: a 1 KB file of nested aliases expands to gigabytes (a "billion laughs")."""
    if "*" not in text:
        return
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else 0
            raise ConfigError(
                f"文件 {path} 第 {line} 行使用了 YAML 别名（*{event.anchor}）。drafter 不接受别名"
                "（它可以让一个小文件展开成极大的数据）。请把被引用的内容直接写出来后重试。",
                path=path,
            )


# --- writing ---------------------------------------------------------------------


def dump_yaml(data: object) -> str:
    """YAML a person can read: UTF-8, Chinese unescaped, keys in model order."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same output, much faster
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)


def save_yaml_model(path: Path, model: BaseModel, *, exclude: Any = None) -> None:
    """Write a model as YAML, atomically."""
    write_atomic(path, dump_yaml(model.model_dump(mode="json", exclude=exclude)))
