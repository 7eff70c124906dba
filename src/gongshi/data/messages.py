"""Pydantic's errors, said in Chinese for staff, with the field path and line."""

from __future__ import annotations

import difflib

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from gongshi.data.strict_yaml import Node, line_of


def field_path(loc: tuple) -> str:
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step + 1}]")  # staff count list items from 1
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts)


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at the mapping that holds loc[-1]."""
    current: type[BaseModel] | None = model
    for step in loc[:-1]:
        if current is None or isinstance(step, int):
            continue
        info = current.model_fields.get(step)
        if info is None:
            return []
        current = _model_in(info.annotation)
    return list(current.model_fields) if current else []


def _model_in(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found:
            return found
    origin = getattr(annotation, "__origin__", None)  # Annotated[X, ...] keeps X here
    if origin is not None and origin is not annotation:
        return _model_in(origin)
    return None


def message(error: ErrorDetails, model: type[BaseModel]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "gongshi":
        return error["msg"]
    if kind == "missing":
        return "缺少必填字段"
    if value is None and "input" in error:
        return "尚未填写：此项必填"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        allowed = [f for f in _allowed_fields(model, error["loc"]) if f != "id"]
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"，是否想写“{close[0]}”？" if close else ""
        return f"未知字段“{name}”{hint}（可用字段：{', '.join(allowed)}）"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace(" or ", ", ").replace("'", "")
        return f"“{value}”不是可选值，应为以下之一：{expected}"
    if kind in ("string_type",):
        return "应为文字，不能是列表或多个字段"
    if kind in ("list_type", "tuple_type"):
        return "应为列表（每项以“- ”开头，或写成 [甲, 乙]）"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "应为若干“字段: 值”（缩进写在下一行）"
    if kind == "too_short":
        return "至少需要填写一项"
    if kind == "string_too_short":
        return "不能为空"
    return error.get("msg", kind)


def location(error: ErrorDetails) -> tuple:
    """The path of the field an error is about."""
    # Pydantic adds the validator's name for Annotated/function types; drop non-fields.
    loc = tuple(step for step in error["loc"] if not (isinstance(step, str) and step.startswith("function-")))
    if error["type"] == "gongshi":
        loc += tuple((error.get("ctx") or {}).get("at", ()))  # a model-level check names its field
    return loc


def translate(exc: ValidationError, model: type[BaseModel], root: Node):
    """Yield (line, field, message) for each error in a ValidationError."""
    for error in exc.errors():
        loc = location(error)
        yield line_of(root, loc), field_path(loc), message(error, model)
