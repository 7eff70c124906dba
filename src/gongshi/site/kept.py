"""Published addresses never vanish: a record's page, or an issue's sign-off notice, that git history
shows was published must still be built (the record kept, marked withdrawn, or its id kept in another
issue's old_ids, which redirects). The history is the one the build reads anyway (data.history); without
it (no git, a shallow clone) nothing can be checked and the build says so already."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from gongshi.data.dataset import Dataset
from gongshi.data.history import History
from gongshi.data.layout import display
from gongshi.data.problems import Report
from gongshi.model.fields import ID_PATTERN
from gongshi.site import urls

_PAGES = {"issues": (urls.issue, "问题"), "sources": (urls.source, "督察来源"), "units": (urls.unit, "单位"),
          "petitions": (urls.petition, "信访件")}


def check_kept(dataset: Dataset, history: History, base: Path, report: Report) -> None:
    if not history.available or history.root is None:
        return
    try:
        prefix = dataset.root.resolve().relative_to(history.root).as_posix() + "/"
    except ValueError:
        return
    lowered = {kind: {rid.lower(): rid for (k, rid) in dataset.files if k == kind} for kind in _PAGES}
    redirected = {old_id: issue_id for issue_id, issue in dataset.issues.items() for old_id in issue.old_ids}
    for path, changes in sorted(history.files.items()):
        kind, _, rest = path.removeprefix(prefix).partition("/")
        record_id = PurePosixPath(rest).stem
        if (not path.startswith(prefix) or kind not in _PAGES or not path.endswith(".yml")
                or not ID_PATTERN.match(record_id) or (history.root / path).exists()):
            continue
        had_notice = changes.notice
        if (kind, record_id) in dataset.files:
            continue  # moved to another folder
        if kind == "issues" and record_id in redirected:
            new_id = redirected[record_id]
            if had_notice and dataset.issues[new_id].signoff is None:  # its redirect goes to the new notice
                report.add(dataset.file_of("issues", new_id), 0, "old_ids",
                           f"旧编号 {record_id} 的公示页 /{urls.notice(record_id)} 已经公布过，本问题却没有 signoff："
                           f"旧公示页无处可转。请为本问题填写 signoff")
            continue
        page, label = _PAGES[kind]
        addresses = f"/{page(record_id)}"
        if had_notice:
            addresses += f" 和公示页 /{urls.notice(record_id)}"
        fix = (f"请恢复该文件并填写 withdrawn（撤回说明），或在取代它的问题的 old_ids 中写上 {record_id}"
               if kind == "issues" else "请恢复该文件")
        if record_id.lower() in lowered[kind]:  # the same address on a case-insensitive disk: no redirect
            fix = f"编号不能只改大小写，请把 {lowered[kind][record_id.lower()]} 改回 {record_id}"
        report.add(display(history.root / path, base), 0, "",
                   f"{label} {record_id} 的网址 {addresses} 已经公布过，记录文件却被删除了："
                   f"公布过的网址不能失效。{fix}")
    for issue_id, issue in dataset.issues.items():
        if issue.signoff is not None or issue.withdrawn is not None:
            continue
        shown = dataset.file_of("issues", issue_id)
        if history.of(base / shown).notice:
            report.add(shown, 0, "signoff", f"整改销号公示页 /{urls.notice(issue_id)} 已经公布过，"
                                            f"现在 signoff 被删除了：公布过的网址不能失效。"
                                            f"请恢复 signoff，或填写 withdrawn（撤回说明）")
