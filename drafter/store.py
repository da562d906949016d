"""YAML files <-> models, validated on load with errors that name the file and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from drafter.errors import ConfigError

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


def _shown(value: object) -> str:
    """A short rendering of a bad value for a message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "……"


def load_yaml_model(path: Path, model: type[ModelT]) -> ModelT:
    """Read a UTF-8 YAML file and validate it as `model`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"找不到文件 {path}。请检查路径是否正确。", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取文件 {path}（{exc}）。请确认它是 UTF-8 编码的 YAML 文件。", path=path) from None
    try:
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


# --- writing ---------------------------------------------------------------------


def dump_yaml(data: object) -> str:
    """YAML a person can read: UTF-8, Chinese unescaped, keys in model order."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same output, much faster
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)


def _permit_as_usual(path: str) -> None:
    """Give a temporary file the permissions a plainly created file would have (mkstemp makes it 0600)."""
    import os

    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file through a temporary file in the same directory, then rename it into place."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        _permit_as_usual(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_yaml_model(path: Path, model: BaseModel, *, exclude: Any = None) -> None:
    """Write a model as YAML, atomically."""
    write_atomic(path, dump_yaml(model.model_dump(mode="json", exclude=exclude)))


def write_output(path: Path, data: str | bytes, *, force: bool) -> None:
    """Write a user-facing output file atomically; never replace an existing one without --force."""
    from drafter.errors import UserError

    if path.exists() and not force:
        raise UserError(f"文件 {path} 已经存在，没有覆盖。如确需覆盖，请加 --force；或用 -o 换一个文件名。", path=path)
    if path.exists() and path.is_dir():
        raise UserError(f"{path} 是一个目录，不能写成文件。请用 -o 指定文件名。", path=path)
    write_atomic(path, data)
