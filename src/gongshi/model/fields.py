"""Field types shared by the records. All input arrives as text (see strict_yaml);
these types turn it into dates, numbers and enums with Chinese messages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from gongshi.model.markup import markdown_problem

# \A…\Z, not ^…$: "$" also matches before a final newline, and a file name "x\n.yml" is no id.
ID_PATTERN = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_-]{0,79}\Z")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")

# The records are about the People's Republic's inspections: a date outside these years is a typo
# (2204 for 2024, 0001) and would sort to the top or bottom of every list and feed.
MIN_YEAR = 1949
MAX_YEAR = 2100
# Lengths, in characters. A title or a place name is one line; the longest published text
# field in the sample data has about 600 characters. Far longer text is a pasted document.
MAX_TITLE = 200
MAX_NAME = 60  # a region: it also names feed files, which the file system limits to 255 bytes
MAX_TEXT = 20_000


def fail(message: str, at: tuple = ()) -> PydanticCustomError:
    """A validation error in Chinese. A model-level check names the field it is about with
    `at` (a path of keys and list indexes), so the message points at that field's line."""
    return PydanticCustomError("gongshi", message, {"at": at} if at else None)


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise fail("应为日期，格式如 2023-10-13")
    text = value.strip()
    m = _ISO_DATE.match(text) or _CN_DATE.match(text)
    if not m:
        raise fail(f"“{text}”不是日期：请写作 2023-10-13 的格式")
    year, month, day = (int(g) for g in m.groups())
    check_year(year, text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise fail(f"“{text}”不是真实存在的日期，请核对年月日") from None


def check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise fail(f"“{text}”的年份 {year} 不在 {MIN_YEAR}—{MAX_YEAR} 年之间，请核对年份")


def check_length(value: Any, limit: int = MAX_TEXT) -> Any:
    """Text (or a list of texts) no longer than `limit` characters."""
    for text in value if isinstance(value, list) else [value]:
        if isinstance(text, str) and len(text) > limit:
            hint = "；长篇原文请作为附件放在 data/attachments/ 下" if limit == MAX_TEXT else ""
            raise fail(f"内容过长（{len(text)} 字，上限 {limit} 字）{hint}")
    return value


def check_id(value: Any) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise fail(f"“{value}”不是有效编号：只能用英文字母、数字、“-”和“_”，且以字母或数字开头")
    return value


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "是"):
        return True
    if text in ("false", "否"):
        return False
    raise fail(f"“{value}”应为 true（是）或 false（否）")


def parse_int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{1,6}", text):
        raise fail(f"“{value}”应为整数，如 10")
    return int(text)


def one_line(value: str) -> str:
    check_length(value, MAX_TITLE)
    if "\n" in value.strip():
        raise fail("标题只能写一行")
    # Titles reach mkdocs' templates, which do not autoescape, and <title> via
    # striptags (which unescapes): angle brackets are refused outright.
    if "<" in value or ">" in value:
        raise fail("标题中不能含有“<”或“>”：书名请用《》")
    return value.strip()


def check_markdown(value: str) -> str:
    check_length(value)
    problem = markdown_problem(value)
    if problem:
        raise fail(problem)
    return value


def text_list(value: Any) -> Any:
    # Staff often write a single value where a list is expected: `lead: 省环保厅`.
    if isinstance(value, str):
        return [value]
    return value


Date = Annotated[dt.date, BeforeValidator(parse_date)]
RecordId = Annotated[str, BeforeValidator(check_id)]
Flag = Annotated[bool, BeforeValidator(parse_bool)]
Count = Annotated[int, BeforeValidator(parse_int)]
Title = Annotated[str, AfterValidator(one_line)]
Name = Annotated[str, AfterValidator(lambda v: check_length(v, MAX_NAME))]
Markdown = Annotated[str, AfterValidator(check_markdown)]  # rendered and sanitised at render time
IdList = Annotated[list[RecordId], BeforeValidator(text_list)]
