"""Issue pages (with the old addresses of renamed issues and the sign-off notices) and the issue list."""

from __future__ import annotations

from gongshi.pages.entry import PageEntry, Plan, status_counts
from gongshi.site import urls


def records(plan: Plan) -> list[PageEntry]:
    site, data = plan.site, plan.site.data
    pages = []
    for issue_id, issue in data.issues.items():
        shown = data.file_of("issues", issue_id)
        pages.append(PageEntry(urls.issue(issue_id), "issue.html", issue.title,
                               {"issue_id": issue_id}, shown, issue.problem))
        notice = issue.signoff is not None and issue_id in site.windows
        for old_id in issue.old_ids:
            # A renamed issue's old URL keeps working: a redirect page to the new one (its notice's too).
            pages.append(PageEntry(urls.issue(old_id), "redirect.html", issue.title,
                                   {"target": urls.issue(issue_id), "old_id": old_id, "new_id": issue_id}, shown))
            if notice:
                pages.append(PageEntry(urls.notice(old_id), "redirect.html", issue.title,
                                       {"target": urls.notice(issue_id), "old_id": old_id, "new_id": issue_id}, shown))
        if issue.signoff is not None and notice:
            pages.append(PageEntry(urls.notice(issue_id), "notice.html", issue.signoff.title,
                                   {"issue_id": issue_id}, shown, issue.signoff.title))
    return pages


def index(plan: Plan) -> list[PageEntry]:
    site, data = plan.site, plan.site.data
    return [PageEntry(urls.ISSUES, "issues_index.html", "全部问题", {
        "groups": [(s, plan.issues_by_source.get(s, [])) for s in sorted(data.sources)],
        "total": len(data.issues),
        "counts": status_counts(site, data.issues),
    }, description="全部督察整改问题，按督察来源分组，附整改状态统计")]
