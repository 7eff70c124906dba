"""Status truth on the sample data (issue 16, point 5): overdue whatever is published, 进展未公布 as the
reader's label, and a sign-off notice's 四、整改落实情况 not contradicted by the issue page."""

import re

from sitebuild import content_of, page, text_of

JX08 = "《昌铜高速生态经济带总体规划(2015-2020年)》不符合"  # zydc-jx-08: deadline 2017年3月底, status 未公布


def test_an_issue_with_nothing_published_years_after_its_deadline_is_overdue(sample_site):
    text = text_of(content_of(page(sample_site, "issues/zydc-jx-08/")))
    assert "已逾期（进展未公布）" in text
    assert "进展未公布" in text[:text.index("督察来源")]  # the status badge, in the facts list


def test_stats_and_calendar_count_it(sample_site):
    stats = text_of(content_of(page(sample_site, "stats/")))
    overdue = int(re.search(r"其中已逾期 (\d+) 个", stats).group(1))
    assert overdue == 1  # zydc-jx-08 (the other records' deadlines are ahead or unstated); was 0 before
    calendar = text_of(content_of(page(sample_site, "calendar/")))
    listed = calendar[calendar.index("已逾期的问题"):]
    assert JX08 in listed and "没有逾期问题" not in listed


def test_no_badge_says_the_bare_unpublished(sample_site):
    badge = re.compile(r'<span class="gs-status gs-status--unknown"[^>]*>(?:<span[^>]*></span>)?([^<]*)</span>')
    seen = 0
    for html_file in sample_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for label in badge.findall(html):
            assert label == "进展未公布", (html_file, label)
            seen += 1
        assert '</span>未公布</span>' not in html, html_file
    assert seen > 0
    stats = text_of(content_of(page(sample_site, "stats/")))
    assert "进展未公布" in stats and not re.search(r"(?<!进展)未公布\s*\d", stats)


def test_a_notice_listing_implementation_is_not_contradicted(sample_site):
    html = content_of(page(sample_site, "issues/yylq-2021-01/"))
    assert "尚未公布整改进展" not in text_of(html)
    progress = html[html.index('id="progress"'):html.index("</p>", html.index('id="progress"'))]
    assert 'href="notice/#notice-implementation"' in progress and "四、整改落实情况" in progress
    assert "待确认销号" not in text_of(html)  # three years after its window: just 公示期满
