"""Rules across records: references, dates and the sign-off window's working days."""

from __future__ import annotations

import datetime as dt
import re

from gongshi.data import layout
from gongshi.data.dataset import Dataset
from gongshi.data.problems import Report, Severity
from gongshi.data.strict_yaml import to_python
from gongshi.model.fields import ID_PATTERN
from gongshi.model.records import Issue, Signoff, Source
from gongshi.model.status import NoticeWindow, notice_window
from gongshi.model.workdays import UnknownYear
from gongshi.rules.documents import check_documents


def check(dataset: Dataset, today: dt.date) -> tuple[Report, dict[str, NoticeWindow]]:
    """Return the problems found and the computed window of every valid notice."""
    report = Report()
    windows: dict[str, NoticeWindow] = {}
    _check_references(dataset, report)
    _check_dates(dataset, today, report)
    _check_current_year(dataset, today, report)
    _check_old_ids(dataset, report)
    _check_attachments(dataset, report)
    check_petition_summaries(dataset, report)
    _check_regions(dataset, report)
    _check_phones(dataset, report)
    check_documents(dataset, report)
    for issue_id, issue in dataset.issues.items():
        if issue.signoff is not None:
            window = _check_window(dataset, issue_id, issue.signoff, today, report)
            if window is not None:
                windows[issue_id] = window
                _check_status_against_window(dataset, issue_id, window, today, report)
            _check_notice_contradictions(dataset, issue_id, issue.signoff, report)
    return report, windows


# Fields that name another record: (path with "*" for every list item, target kind).
REFERENCES: dict[str, list[tuple[tuple, str]]] = {
    "issues": [
        (("source",), "sources"),
        (("responsible_units", "*"), "units"),
        (("measures", "*", "lead", "*"), "units"),
        (("signoff", "office"), "units"),
        (("signoff", "contact"), "units"),
    ],
    "petitions": [(("source",), "sources"), (("handling_units", "*"), "units")],
    "duties": [(("office",), "units")],
    "units": [(("parent",), "units")],
}
_LABEL = {"units": "单位", "sources": "督察来源"}


def _walk(value, pattern: tuple, path: tuple = ()):
    """Yield (path, value) for every string reached by pattern in plain data."""
    if not pattern:
        if isinstance(value, str):
            yield path, value
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        for i, item in enumerate(items):
            yield from _walk(item, rest, (*path, i))
    elif isinstance(value, dict) and step in value:
        yield from _walk(value[step], rest, (*path, step))


def references_in(kind: str, raw: dict):
    """Yield (field path, referenced id, target kind) for every reference in a record's plain data."""
    for pattern, target in REFERENCES.get(kind, []):
        for path, value in _walk(raw, pattern):
            yield path, value, target


def _field_name(path: tuple) -> str:
    return "".join(f"[{p + 1}]" if isinstance(p, int) else ("." if i else "") + p for i, p in enumerate(path))


def _check_references(dataset: Dataset, report: Report) -> None:
    # Checked on the raw data of every file, so a file with a schema error
    # still has its references reported in the same run.
    existing = {kind: {rid for (k, rid) in dataset.files if k == kind} for kind in ("units", "sources")}
    for (kind, record_id), node in sorted(dataset.nodes.items()):
        raw = to_python(node)
        for pattern, target in REFERENCES.get(kind, []):
            for path, value in _walk(raw, pattern):
                if value not in existing[target] and ID_PATTERN.match(value):  # not an id: the schema says so
                    report.add(
                        dataset.file_of(kind, record_id), dataset.line_of(kind, record_id, path), _field_name(path),
                        f"{_LABEL[target]}“{value}”不存在：请先在 data/{target}/ 下新建 {value}.yml，或改正拼写",
                    )
    for issue_id, issue in dataset.issues.items():
        if issue.signoff is None:
            continue
        contact = dataset.units.get(issue.signoff.contact or issue.signoff.office)
        if contact is not None and not (contact.phones or contact.emails):
            path = ("signoff", "contact" if issue.signoff.contact else "office")
            report.add(
                dataset.file_of("issues", issue_id), dataset.line_of("issues", issue_id, path), _field_name(path),
                f"公示的异议渠道“{contact.name}”没有电话或邮箱："
                f"请在 data/units/{contact.id}.yml 中填写 phones 或 emails",
            )
    owner = dataset.settings.owner
    if owner is not None and owner not in existing["units"]:
        report.add("data/settings.yml", 0, "owner", f"单位“{owner}”不存在：请填写 data/units/ 下某个文件名")


MAX_ATTACHMENT_BYTES = 20_000_000


def _check_attachments(dataset: Dataset, report: Report) -> None:
    folder = (dataset.root / "attachments").resolve()
    # data/attachments itself may be a symlink: to any folder of the build machine, unless it stays in data/
    usable = folder != dataset.root.resolve() and layout.inside(folder, dataset.root)
    tables: dict[str, dict[str, Issue] | dict[str, Source]] = {"issues": dataset.issues, "sources": dataset.sources}
    for kind, table in tables.items():
        for record_id, record in table.items():
            published: dict[str, int] = {}  # file name in lower case -> the attachment published under it
            for i, attachment in enumerate(record.attachments):
                path = (folder / attachment.file).resolve()
                where = (dataset.file_of(kind, record_id), dataset.line_of(kind, record_id, ("attachments", i, "file")),
                         f"attachments[{i + 1}].file")
                # Published as <page>/files/<name>: two files of one name would overwrite each other.
                first = published.setdefault(attachment.name.lower(), i)
                if first != i:
                    report.add(*where, f"与第 {first + 1} 个附件同名（{attachment.name}）：附件在网页旁以文件名发布，"
                                       f"同名会互相覆盖。请给其中一个文件改名")
                if not usable or folder not in path.parents:
                    report.add(*where, "附件必须放在 data/attachments/ 下（不能经符号链接指向别处）")
                elif not path.is_file():
                    report.add(*where, f"找不到附件 data/attachments/{attachment.file}：请把文件放到该位置，或改正路径")
                elif path.stat().st_size > MAX_ATTACHMENT_BYTES:
                    report.add(*where, f"附件过大（{path.stat().st_size // 1_000_000} MB，上限 20 MB）：请压缩后再放入")


# A region names pages (regions/<省>/<市>/), feeds (feeds/regions/<region>.xml) and search filters:
# a place name, never a path, and nothing that ends a path in an address ("#", "?") or escapes in it ("%").
_NOT_A_PLACE = re.compile(r"[/\\<>:*?\"|#%]|\.\.|(?:^|、)\s*\.")  # a place after "、" is a folder too


def _check_regions(dataset: Dataset, report: Report) -> None:
    for kind in ("issues", "petitions", "units", "sources"):
        for record_id, record in dataset.table(kind).items():
            region = getattr(record, "region", None)
            if region and _NOT_A_PLACE.search(region):
                report.add(dataset.file_of(kind, record_id), dataset.line_of(kind, record_id, ("region",)), "region",
                           f"地区“{region}”含有“/”“\\”“..”等字符：请只写地名，如 湖南省岳阳市岳阳楼区")


def _check_phones(dataset: Dataset, report: Report) -> None:
    """A fixed-line number without its area code dials only inside its own area: a hint, not an error
    (the notice printed it so), asking for the area_code field that the pages put in front of it."""
    for unit_id, unit in dataset.units.items():
        for i, phone in enumerate(unit.phones):
            if phone.needs_area_code:
                report.add(dataset.file_of("units", unit_id), dataset.line_of("units", unit_id, ("phones", i)),
                           f"phones[{i + 1}]", f"固定电话“{phone.number}”没有区号，外地群众拨不通：请在这一项下加一行"
                           f" area_code: \"区号\"（如 area_code: \"0797\"），网页上会显示为“区号-{phone.number}”",
                           Severity.WARNING)


def _check_old_ids(dataset: Dataset, report: Report) -> None:
    """An old id keeps its URL alive as a redirect: it must point to one issue only."""
    # Compared in lower case: addresses differing only in case are one file on a case-insensitive disk.
    current = {rid.lower(): rid for (kind, rid) in dataset.files if kind == "issues"}
    claimed: dict[str, str] = {}
    for issue_id, issue in sorted(dataset.issues.items()):
        for i, old_id in enumerate(issue.old_ids):
            where = (dataset.file_of("issues", issue_id), dataset.line_of("issues", issue_id, ("old_ids", i)),
                     f"old_ids[{i + 1}]")
            if old_id.lower() in current:
                same = "" if current[old_id.lower()] == old_id else f"（只有大小写不同：{current[old_id.lower()]}）"
                report.add(*where, f"旧编号“{old_id}”仍是一个现有问题的编号{same}：旧网址不能同时属于两个问题")
            elif old_id.lower() in claimed:
                report.add(*where, f"旧编号“{old_id}”已由问题 {claimed[old_id.lower()]} 使用（不区分大小写）")
            else:
                claimed[old_id.lower()] = issue_id


def _check_dates(dataset: Dataset, today: dt.date, report: Report) -> None:
    for issue_id, issue in dataset.issues.items():
        for i, entry in enumerate(issue.progress):
            if entry.date is not None and entry.date > today:
                report.add(
                    dataset.file_of("issues", issue_id),
                    dataset.line_of("issues", issue_id, ("progress", i, "date")),
                    f"progress[{i + 1}].date",
                    f"进展日期 {entry.date} 晚于今天（{today}）：进展只能记录已经发生的事",
                )
        if issue.signoff is not None:
            _check_notice_dates(dataset, issue_id, issue.signoff, today, report)
        due = issue.deadline.due if issue.deadline is not None else None
        horizon = dataset.settings.deadline_horizon_years
        if due is not None and due.year > today.year + horizon:
            report.add(dataset.file_of("issues", issue_id), dataset.line_of("issues", issue_id, ("deadline",)),
                       "deadline", f"整改时限 {due} 在 {horizon} 年之后，请核对年份（年限可在 settings.yml 的 "
                                   "deadline_horizon_years 中调整）", Severity.WARNING)


NOTICE_AHEAD_DAYS = 90


def _check_notice_dates(dataset: Dataset, issue_id: str, signoff: Signoff, today: dt.date, report: Report) -> None:
    # A notice dated later than it could have been published would sort to the top of every feed.
    where = (dataset.file_of("issues", issue_id), dataset.line_of("issues", issue_id, ("signoff", "date")),
             "signoff.date")
    # (dated after its window starts: a hint, see _check_notice_contradictions). A notice may be entered
    # a little ahead of its date (an upcoming window); months ahead is a typo in the year.
    if (signoff.date - today).days > NOTICE_AHEAD_DAYS:
        report.add(*where, f"公示落款日期 {signoff.date} 比今天（{today}）晚 {NOTICE_AHEAD_DAYS} 天以上：请核对年份")


def minimum_window(dataset: Dataset, source) -> int:
    settings = dataset.settings
    if source is not None and source.min_window_days:
        return source.min_window_days
    if source is not None and source.type in settings.min_window_days_by_type:
        return settings.min_window_days_by_type[source.type]
    return settings.min_window_days


def _check_window(dataset: Dataset, issue_id: str, signoff: Signoff, today: dt.date,
                  report: Report) -> NoticeWindow | None:
    issue = dataset.issues[issue_id]
    shown = dataset.file_of("issues", issue_id)
    try:
        window = notice_window(signoff.window, dataset.calendar)
    except UnknownYear as e:
        report.add(shown, dataset.line_of("issues", issue_id, ("signoff", "window")), "signoff.window", str(e))
        return None
    ended = window.end < today
    if window.count_mismatch:
        path = ("signoff", "window", "working_days")
        text = (
            f"公示时间 {window.start} 至 {window.end} 按国务院节假日安排实际只有 {window.actual_days} 个工作日，"
            f"而公示写“共{window.published_days}个工作日”"
        )
        if ended:
            report.add(shown, dataset.line_of("issues", issue_id, path), "signoff.window.working_days",
                       text + "（已发布的公示按原文保留，页面同时显示实际工作日数）", Severity.WARNING)
        else:
            report.add(shown, dataset.line_of("issues", issue_id, path), "signoff.window.working_days",
                       text + "：请改正结束日期或工作日数后再发布")
    source = dataset.sources.get(issue.source)
    minimum = minimum_window(dataset, source)
    if window.actual_days < minimum:
        report.add(shown, dataset.line_of("issues", issue_id, ("signoff", "window")), "signoff.window",
                   f"公示期只有 {window.actual_days} 个工作日，少于规定的 {minimum} 个工作日",
                   Severity.WARNING if ended else Severity.ERROR)
    return window


# After this many days past a notice window's end, a status still 已完成 (shown as 公示期满) is a reminder:
# either the issue was signed off (已销号) or something held it up that readers should be told.
STALE_WINDOW_DAYS = 30


def _check_status_against_window(dataset: Dataset, issue_id: str, window: NoticeWindow, today: dt.date,
                                 report: Report) -> None:
    """The recorded status against the notice's window on the build date."""
    issue = dataset.issues[issue_id]
    shown = dataset.file_of("issues", issue_id)
    where = (shown, dataset.line_of("issues", issue_id, ("status",)), "status")
    if issue.status == "已销号" and today <= window.end:
        report.add(*where, f"状态为“已销号”，但公示期（{window.start} 至 {window.end}）尚未结束：公示期内群众仍可"
                           f"提出异议，请在公示期满后再改为“已销号”（公示期内请写“已完成”）")
    elif issue.status == "已完成" and (today - window.end).days > STALE_WINDOW_DAYS:
        report.add(*where, f"公示期已于 {window.end} 结束（已过 {(today - window.end).days} 天），状态仍为“已完成”"
                           f"（网页显示“公示期满”）：如已销号，请改为“已销号”；如因异议等原因未销号，"
                           f"请在 progress 中说明", Severity.WARNING)


def _check_notice_contradictions(dataset: Dataset, issue_id: str, signoff: Signoff, report: Report) -> None:
    """What a published notice says against the rest of the record: hints (the notice is kept as published)."""
    issue = dataset.issues[issue_id]
    shown = dataset.file_of("issues", issue_id)
    if signoff.implementation and not issue.progress:
        path = ("signoff", "implementation")
        report.add(shown, dataset.line_of("issues", issue_id, path), "signoff.implementation",
                   "公示第四部分已列出整改落实情况，但本问题没有整改进展（progress）：网页上的“整改进展”"
                   "只能指向公示；如有其他已公布的进展，请在 progress 中按日期记录", Severity.WARNING)
    if signoff.date > signoff.window.start:
        path = ("signoff", "date")
        report.add(shown, dataset.line_of("issues", issue_id, path), "signoff.date",
                   f"公示落款日期 {signoff.date} 晚于公示开始日期 {signoff.window.start}：公示在发布前就开始计算，"
                   f"群众提出异议的时间实际更短；请核对原文（原文如此则保留）", Severity.WARNING)


def _check_current_year(dataset: Dataset, today: dt.date, report: Report) -> None:
    """Once a year has begun its schedule must be in hand: every working day of it depends on it."""
    year = today.year
    if dataset.calendar.covers(year) or year in dataset.holiday_files:
        return  # a file with mistakes has its own errors
    report.add(f"data/holidays/{year}.yml", 0, "",
               f"{year} 年已经开始，但 {year} 年的法定节假日安排尚未录入，{year} 年的公示工作日和报送截止日"
               f"无法计算：请按国务院办公厅关于{year}年部分节假日安排的通知新建 data/holidays/{year}.yml"
               f"（格式见员工指南“添加下一年的节假日安排”）")


def missing_next_year(dataset: Dataset, today: dt.date) -> str | None:
    """From October on, next year's schedule should be in hand (the State Council
    usually publishes it in November); say so while it is missing."""
    year = today.year + 1
    if today.month < 10 or dataset.calendar.covers(year) or year in dataset.holiday_files:
        return None  # a file with mistakes has its own errors
    return (f"{year} 年的国务院节假日安排尚未录入：国务院办公厅通常在 11 月发布，"
            f"发布后请新建 data/holidays/{year}.yml，否则 {year} 年的公示工作日和报送截止日无法计算")


def _sum(counts: dict[str, int]) -> int | None:
    return sum(counts.values()) if counts else None


def check_petition_summaries(dataset: Dataset, report: Report) -> None:
    """Published totals that do not add up are kept as published and reported."""
    for source_id, source in dataset.sources.items():
        summary = source.petition_summary
        if summary is None:
            continue
        both = summary.handled is not None and summary.in_progress is not None
        checks = [
            ("by_region", _sum(summary.by_region), summary.total),
            ("by_channel", _sum(summary.by_channel), summary.total),
            ("important_by_region", _sum(summary.important_by_region), summary.important),
            ("handled_by_region", _sum(summary.handled_by_region), summary.handled),
            ("handled", (summary.handled or 0) + (summary.in_progress or 0) if both else None, summary.total),
        ]
        for field_name, got, want in checks:
            if got is not None and want is not None and got != want:
                path = ("petition_summary", field_name)
                report.add(dataset.file_of("sources", source_id), dataset.line_of("sources", source_id, path),
                           "petition_summary." + field_name,
                           f"各项合计 {got} 与总数 {want} 不符（按原文保留）", Severity.WARNING)
