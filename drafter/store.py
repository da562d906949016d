"""YAML files <-> models, validated on load with errors that name the file and the field."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from drafter.errors import ConfigError

ModelT = TypeVar("ModelT", bound=BaseModel)


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
        if item["type"] == "extra_forbidden":
            problems.append(f"字段 {where} 是未知的键，请删除或改正拼写")
        elif item["type"] == "missing":
            problems.append(f"缺少必填字段 {where}")
        else:
            problems.append(f"字段 {where} 的值不合要求（{item['msg']}）")
    return f"文件 {path} 格式有误：" + "；".join(problems) + "。请修改该文件后重试。"


def load_yaml_model(path: Path, model: type[ModelT]) -> ModelT:
    """Read a UTF-8 YAML file and validate it as `model`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"找不到文件 {path}。请检查路径是否正确。", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取文件 {path}（{exc}）。请确认它是 UTF-8 编码的 YAML 文件。", path=path) from None
    try:
        data = yaml.safe_load(text)
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
