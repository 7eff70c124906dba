"""Text in spreadsheet cells (published CSV, the staff workbook) that no spreadsheet runs as a formula.

OWASP's advice for CSV: a cell starting with = + - @, a tab or a carriage return is prefixed with a
single quote, which spreadsheets show as text; the importer removes the quote again (`restored`).
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(text: str) -> bool:
    return text.startswith(TRIGGERS)


def neutralised(text: str) -> str:
    return "'" + text if starts_formula(text) else text


def restored(text: str) -> str:
    return text[1:] if text.startswith("'") and starts_formula(text[1:]) else text
