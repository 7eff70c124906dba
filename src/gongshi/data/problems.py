"""Problems found in the data, each pinned to a file, a line and a field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "错误"  # the site is not built
    WARNING = "提示"  # the site is built; the problem is reported (e.g. a published notice's own mistake)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def text(self) -> str:
        """One line: a control character in a file name or a quoted value is shown as an escape, so no
        data can start a line of its own (a forged problem, or a CI command)."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.field}: " if self.field else ""
        prefix = "" if self.severity is Severity.ERROR else f"[{self.severity.value}] "
        return _one_line(f"{where}: {prefix}{what}{self.message}")

    def github(self) -> str:
        # GitHub workflow command: shown as an annotation on the file and line.
        # Newlines and '%' must be escaped in the message part.
        level = "error" if self.severity is Severity.ERROR else "warning"
        message = f"{self.field}: {self.message}" if self.field else self.message
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        # A property value ends at "," or "::": a crafted file name must not add properties or a command.
        location = "file=" + self.file.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A") \
            .replace(":", "%3A").replace(",", "%2C")
        if self.line:
            location += f",line={self.line}"
        return f"::{level} {location}::{message}"


def _one_line(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, field_name: str, message: str, severity: Severity = Severity.ERROR):
        self.problems.append(Problem(file, line, field_name, message, severity))

    def extend(self, other: Report) -> None:
        self.problems.extend(other.problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity is Severity.WARNING)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))

    @property
    def ok(self) -> bool:
        return not self.errors


class DataError(Exception):
    """Raised when data has errors; carries the full report for printing."""

    def __init__(self, report: Report):
        self.report = report
        lines = [p.text() for p in report.errors]
        super().__init__(f"数据有 {len(lines)} 处错误，未生成网站：\n" + "\n".join(lines))
