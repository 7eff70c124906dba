"""Edit a staff-written data file in place: only what changed is rewritten.

The importer knows two views of a record: what the spreadsheet showed (the
view of the file as exported) and what it holds now. `apply` walks both and
touches the round-trip document (ruamel.yaml) only where they differ, so
comments, key order, quoting, flow or block style and every field the sheet
has no column for stay exactly as they were, and an edited cell changes only
its own line(s).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

# Our files indent mappings by 2 and put "- " two columns in; older hand-written files may put it at the
# key's column. The first layout that reproduces a file byte for byte is the one it is written back in.
_LAYOUTS = ((4, 2), (2, 0))
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"[1-9]\d{0,8}|0")
_KEEP_STYLE = (SingleQuotedScalarString, DoubleQuotedScalarString, LiteralScalarString, FoldedScalarString)


def _yaml(sequence: int, offset: int) -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long line: Chinese paragraphs are one line each
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    return yaml


class Document:
    """One data file, loaded for editing."""

    def __init__(self, text: str):
        self.original = text
        self.faithful = False
        for sequence, offset in _LAYOUTS:
            self.yaml = _yaml(sequence, offset)
            self.root = self.yaml.load(text)
            if self.dump() == text:
                self.faithful = True
                break

    @classmethod
    def new(cls, record: dict) -> Document:
        document = cls("{}\n")
        document.root = CommentedMap()
        apply(document.root, {}, record)
        return document

    def dump(self) -> str:
        out = io.StringIO()
        self.yaml.dump(self.root, out)
        return out.getvalue()


def apply(node: Any, old: Any, new: Any) -> bool:
    """Make `node` (a mapping or list of the document) say `new` where `old` (the view it was exported as)
    differs from it. Returns whether anything changed."""
    if isinstance(new, dict):
        return _apply_mapping(node, old if isinstance(old, dict) else {}, new)
    return _apply_list(node, old if isinstance(old, list) else [], new)


def _empty(value: Any) -> bool:
    return value in (None, "", [], {})


def _apply_mapping(node: CommentedMap, old: dict, new: dict) -> bool:
    changed = False
    order = list(new)
    for key, value in new.items():
        before = old.get(key)
        if value == before:
            continue  # the cell says what the file says (an empty field stays as it is written)
        if _empty(value):
            if key in node:
                del node[key]
                changed = True
            continue
        if key not in node or node[key] is None:
            if key in node:
                del node[key]
            node.insert(_position(node, order, key), key, _fresh(key, value))
            changed = True
        elif isinstance(value, dict) and isinstance(node[key], dict):
            changed |= _apply_mapping(node[key], before if isinstance(before, dict) else {}, value)
        elif isinstance(value, list) and isinstance(node[key], list):
            changed |= _apply_list(node[key], before if isinstance(before, list) else [], value, key)
        elif isinstance(value, list) and len(value) == 1 and not isinstance(node[key], list | dict):
            node[key] = _like(node[key], value[0], key)  # `lead: unit` stays a scalar
            changed = True
        else:
            node[key] = _like(node[key], value, key) if isinstance(value, str) else _fresh(key, value)
            changed = True
    return changed


def _apply_list(node: CommentedSeq, old: list, new: list, key: str = "") -> bool:
    changed = False
    for index, value in enumerate(new):
        before = old[index] if index < len(old) else None
        if index >= len(node):
            node.append(_fresh(key, value))
            changed = True
        elif value == before:
            continue
        elif isinstance(value, dict) and isinstance(node[index], dict):
            changed |= _apply_mapping(node[index], before if isinstance(before, dict) else {}, value)
        else:
            node[index] = _like(node[index], value, key) if isinstance(value, str) else _fresh(key, value)
            changed = True
    while len(node) > len(new):
        del node[len(new)]
        changed = True
    return changed


def _position(node: CommentedMap, order: list[str], key: str) -> int:
    """Where a new key goes: after the nearest key before it in the sheet's order that the file has."""
    keys = list(node)
    for earlier in reversed(order[: order.index(key)]):
        if earlier in keys:
            return keys.index(earlier) + 1
    for later in order[order.index(key) + 1:]:
        if later in keys:
            return keys.index(later)
    return len(keys)


def _like(old: Any, text: str, key: str) -> Any:
    """`text` written the way the value it replaces was: same quotes, same block style and chomping."""
    if isinstance(old, LiteralScalarString | FoldedScalarString):
        if old.endswith("\n") and not text.endswith("\n"):
            text += "\n"
        return type(old)(text)
    if isinstance(old, _KEEP_STYLE):
        return type(old)(text)
    return _scalar(text)


def _fresh(key: str, value: Any) -> Any:
    """A value the file did not have, written as a staff member would type it."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        apply(mapping, {}, value)
        return mapping
    if isinstance(value, list):
        items = [_fresh(key, v) for v in value]
        seq = CommentedSeq(items)
        if all(isinstance(v, str) and "\n" not in v and len(v) <= 20 for v in value):
            seq.fa.set_flow_style()  # short names: [水, 大气], as in the sample files
        return seq
    return _scalar(value)


def _scalar(text: str) -> Any:
    # Data files are read as text (strict_yaml), so these types only decide how the value looks: unquoted,
    # as staff type dates, counts and true/false.
    if "\n" in text:
        return LiteralScalarString(text if text.endswith("\n") else text + "\n")
    if _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if _INTEGER.fullmatch(text):
        return int(text)
    if text in ("true", "false"):
        return text == "true"
    return text
