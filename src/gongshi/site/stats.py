"""Numbers for the statistics page: issues, sign-offs and petition cases."""

from __future__ import annotations

from collections import Counter

from gongshi.model.regions import region_places
from gongshi.model.status import STATUS_ORDER
from gongshi.site.site import Site


def _rows(counter: Counter, order=None, limit: int | None = None) -> list[tuple[str, int]]:
    if order is not None:
        rows = [(key, counter[key]) for key in order if counter[key]]
        rows += sorted(((k, v) for k, v in counter.items() if k not in order), key=lambda kv: (-kv[1], kv[0]))
    else:
        rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return rows[:limit] if limit else rows


def breakdowns(site: Site) -> dict:
    data = site.data
    issues = data.issues
    by_unit = Counter(u for issue in issues.values() for u in issue.all_units if u in data.units)
    by_region: Counter[str] = Counter()
    for issue in issues.values():
        places = region_places(issue.region)
        levels = places[0] if places else ()  # counted once, at its first place
        by_region[levels[1] if len(levels) > 1 else levels[0] if levels else "未注明"] += 1
    signoffs = Counter(f"{w.start.year}年{w.start.month}月" for w in site.windows.values())
    petitions = data.petitions.values()
    return {
        "issue_total": len(issues),
        "overdue": sum(site.overdue(i) for i in issues),
        "issue_charts": [
            ("按状态", _rows(Counter(site.status(i) for i in issues), STATUS_ORDER), "个"),
            ("按督察来源", _rows(Counter(data.sources[i.source].name for i in issues.values())), "个"),
            ("按问题类型", _rows(Counter(i.kind for i in issues.values())), "个"),
            ("按类别", _rows(Counter(c for i in issues.values() for c in i.category)), "个"),
            ("按地区（市级）", _rows(by_region, limit=30), "个"),
            ("按责任单位（前 30 个）", [(data.units[u].name, n) for u, n in _rows(by_unit, limit=30)], "个"),
            ("整改销号公示（按公示开始月份）",
             sorted(signoffs.items(), key=lambda kv: [int(x) for x in kv[0].rstrip("月").split("年")]), "项"),
        ],
        "petition_total": len(data.petitions),
        "petition_charts": [
            ("按地区", _rows(Counter(p.region or "未注明" for p in petitions)), "件"),
            ("按污染类型", _rows(Counter(t for p in petitions for t in p.pollution)), "件"),
            ("按重要程度", _rows(Counter("重点" if p.important else "一般或未注明" for p in petitions)), "件"),
            ("按来源方式", _rows(Counter(p.channel or "未注明" for p in petitions)), "件"),
            ("按办理状态", _rows(Counter(p.status or "未注明" for p in petitions)), "件"),
        ],
        "bulletins": [
            (source_id, source, [
                (f"按县区/单位（截至 {source.petition_summary.as_of}）",
                 _rows(Counter(source.petition_summary.by_region)), "件"),
                ("按污染类别（一件可涉及多类）", _rows(Counter(source.petition_summary.by_pollution)), "件"),
                ("重要件按县区", _rows(Counter(source.petition_summary.important_by_region)), "件"),
                ("按问题来源类型", _rows(Counter(source.petition_summary.by_channel)), "件"),
                (f"办理情况（截至 {source.petition_summary.handling_as_of or source.petition_summary.as_of}）",
                 [(k, v) for k, v in (("已办结", source.petition_summary.handled),
                                      ("正在办理", source.petition_summary.in_progress)) if v is not None], "件"),
                ("已办结件按县区", _rows(Counter(source.petition_summary.handled_by_region)), "件"),
            ])
            for source_id, source in sorted(data.sources.items()) if source.petition_summary is not None
        ],
    }
