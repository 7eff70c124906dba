"""Publication calendar, iCalendar feeds and contacts on built sites."""

import datetime as dt
import re
import textwrap

import icalendar
import pytest

from conftest import DUTY, SMALL, write_data
from sitebuild import SITE_URL, build, content_of, page, text_of

D = dt.date


@pytest.fixture(scope="module")
def calendar_site(tmp_path_factory):
    """The small dataset with a monthly duty and a stationing, built on 2023-10-20 once for this module."""
    tmp_path = tmp_path_factory.mktemp("calendar")
    extra = dict(DUTY)
    extra["sources/dc-test.yml"] = (textwrap.dedent(SMALL["sources/dc-test.yml"])
                                    + "stationing:\n  start: 2023-09-18\n  end: 2023-10-18\n"
                                    "feedback_date: 2023-12-20\n")
    data = write_data(tmp_path, {**SMALL, **extra})
    code, site = build(tmp_path, data, today="2023-10-20")
    assert code == 0
    return site


def test_calendar_page(calendar_site):
    html = content_of(page(calendar_site, "calendar"))
    text = text_of(html)
    open_now = text[text.index("正在进行"):text.index("即将开始")]
    assert "公示：洞庭湖总磷浓度偏高" in open_now  # 2023-10-13..10-24 holds 2023-10-20
    assert 'href="../issues/dc-test-01/notice/"' in html
    soon = text[text.index("即将开始"):text.index("近期结束")]
    assert "整改情况月报" not in soon  # an internal duty, listed apart
    ended = text[text.index("近期结束"):text.index("已逾期的问题")]
    assert "督察进驻" in ended and "2023年9月18日至10月18日" in ended
    assert "2023年10月" in text and 'href="2023-10/"' in html
    month = text_of(page(calendar_site, "calendar/2023-10"))
    assert "2023年10月13日" in month and "洞庭湖总磷浓度偏高" in month
    assert 'href="../calendar.ics"' in html


def day_cells(html: str) -> dict[int, str]:
    """A month grid's cells by day of month."""
    cells = re.findall(r'<td class="gs-month__day[^"]*">(.*?)</td>', html, re.S)
    return {int(re.search(r'gs-month__n">(\d+)<', c).group(1)): c for c in cells}


def day_lists(html: str) -> str:
    """The lists under the grid: public events, then the internal duties."""
    return html[html.index("</table>"):]


def test_a_window_is_listed_once_with_its_span(calendar_site):
    html = content_of(page(calendar_site, "calendar/2023-10"))
    lists = day_lists(html)
    assert lists.count("issues/dc-test-01/notice/") == 1  # 12 days, one entry
    assert 'id="d-2023-10-13"' in lists and "（2023年10月13日至10月24日）" in text_of(lists)
    cells = day_cells(html)
    assert len(cells) == 31
    for day in range(1, 32):
        assert ('gs-month__span">公示<' in cells[day]) == (13 <= day <= 24), day
        assert ('gs-month__span">进驻<' in cells[day]) == (day <= 18), day  # stationing 09-18..10-18
    assert 'href="#d-2023-10-13">1 项<' in cells[13] and "项<" not in cells[14]
    # The stationing began in September: listed once, under 接上月, before the month's own days.
    continued = text_of(lists[:lists.index('id="d-2023-10-13"')])
    assert "接上月" in continued and continued.count("【督察进驻】") == 1 and "2023年9月18日至10月18日" in continued


def test_sample_month_lists_the_yylq_notice_once(sample_site):
    html = content_of(page(sample_site, "calendar/2023-10"))
    lists = day_lists(html)
    assert lists.count("issues/yylq-2021-01/notice/") == 1
    assert "2023年10月13日至10月24日" in text_of(lists)
    cells = day_cells(html)
    assert [d for d, c in cells.items() if 'gs-month__span">公示<' in c] == list(range(13, 25))


def test_duties_are_listed_apart_after_the_public_events(calendar_site):
    text = text_of(content_of(page(calendar_site, "calendar")))
    duties = text.index("内部报送要求（供参考）")
    assert "整改情况月报" not in text[:duties]  # open now, starting soon, ended, overdue, this month
    assert duties > text.index("按月查看") > text.index("已逾期的问题")
    section = text[duties:text.index("订阅日历")]
    assert "不是公示" in section
    assert "这是各乡镇、各单位向测试区生态环境保护委员会办公室报送的要求" in section.replace(" ", "")
    assert "日历按每月25日列出，不因节假日调整日期" not in section  # this duty says 提前
    assert "提前到前一个工作日" in section and "2023年10月25日" in section
    month = text_of(content_of(page(calendar_site, "calendar/2023-10")))
    own = month.index("内部报送要求（供参考）")
    assert "整改情况月报" not in month[:own] and "2023年10月25日：整改情况月报" in month[own:].replace(" ", "")
    assert own > month.index("2023年10月13日")


def test_a_duty_without_a_rule_keeps_its_day_and_is_marked_when_projected(tmp_path):
    """No if_not_workday: 2026-10-25 is a Sunday and stays; five years after its notice, with no end,
    the occurrences are marked as projected, on the page and in the .ics."""
    duty = textwrap.dedent(DUTY["duties/monthly.yml"]).replace("if_not_workday: 提前\n", "")
    data = write_data(tmp_path, {**SMALL, "duties/monthly.yml": duty})
    code, site = build(tmp_path, data, today="2026-10-20")
    assert code == 0
    section = text_of(content_of(page(site, "calendar")))
    section = section[section.index("内部报送要求（供参考）"):]
    assert "日历按每月25日列出，不因节假日调整日期" in section and "提前" not in section
    assert "2022年6月29日以后的日子是按原通知推算的，原通知未说明是否仍有效" in section
    assert "2026年10月25日 （按原通知推算）" in section
    month = text_of(content_of(page(site, "calendar/2026-10")))
    assert "2026年10月25日：整改情况月报（按原通知推算，原通知未说明是否仍有效）" in month.replace(" ", "")
    events = {str(e["uid"]): e for e in parse_ics(site / "calendar.ics").walk("VEVENT")}
    sunday = events["duty-monthly-2026-10@gongshi"]
    assert sunday.decoded("dtstart") == D(2026, 10, 25)
    assert "按原通知推算" in str(sunday["summary"])


def test_overdue_on_calendar(small_site):  # built on 2026-09-30
    text = text_of(content_of(page(small_site, "calendar")))
    overdue = text[text.index("已逾期的问题"):]
    assert "秸秆禁烧管控不力" in overdue and "洞庭湖总磷浓度偏高" not in overdue


def parse_ics(path):
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_ics_feeds(calendar_site):
    site_feed = parse_ics(calendar_site / "calendar.ics")
    events = {str(e["uid"]): e for e in site_feed.walk("VEVENT")}
    notice = events["notice-dc-test-01@gongshi"]
    assert notice.decoded("dtstart") == D(2023, 10, 13)
    assert notice.decoded("dtend") == D(2023, 10, 25)  # exclusive end: all-day event through 10-24
    assert str(notice["url"]) == SITE_URL + "issues/dc-test-01/notice/"
    assert events["deadline-dc-test-01@gongshi"].decoded("dtstart") == D(2024, 12, 31)
    assert events["stationing-dc-test@gongshi"].decoded("dtend") == D(2023, 10, 19)
    assert events["feedback-dc-test@gongshi"].decoded("dtstart") == D(2023, 12, 20)
    assert events["duty-monthly-2023-10@gongshi"].decoded("dtstart") == D(2023, 10, 25)
    for event in events.values():
        assert str(event["url"]).startswith(SITE_URL)
        assert "dtstamp" in event
    assert len(events) == len(list(site_feed.walk("VEVENT")))  # UIDs are unique
    unit_feed = parse_ics(calendar_site / "units" / "shuiliju" / "calendar.ics")
    assert {str(e["uid"]) for e in unit_feed.walk("VEVENT")} == {
        "notice-dc-test-01@gongshi", "deadline-dc-test-01@gongshi", "deadline-dc-test-02@gongshi"}
    source_feed = parse_ics(calendar_site / "sources" / "dc-test" / "calendar.ics")
    assert "stationing-dc-test@gongshi" in {str(e["uid"]) for e in source_feed.walk("VEVENT")}
    assert 'href="calendar.ics"' in page(calendar_site, "units/shuiliju")  # urls.unit_calendar


def test_ics_is_stable_across_builds(tmp_path, small_data, small_site):
    first = small_site  # built earlier in the session, elsewhere
    _, second = build(tmp_path / "b", small_data)
    assert (first / "calendar.ics").read_bytes() == (second / "calendar.ics").read_bytes()


def test_issue_page_shows_objection_channel_while_open(calendar_site):
    text = text_of(page(calendar_site, "issues/dc-test-01"))
    assert "公示中" in text and "公示期还剩3个工作日" in text.replace(" ", "")
    assert "监督电话： 0730-1234567" in text.replace("监督电话：0730", "监督电话： 0730")


def test_footer_shows_the_owner_channel(tmp_path):
    settings = "site_name: 测试公示站\nowner: office\n"
    data = write_data(tmp_path, {**SMALL, "settings.yml": settings})
    code, site = build(tmp_path, data)
    assert code == 0
    for path in ("", "issues/dc-test-01", "about"):
        footer = page(site, path).split('<footer class="md-footer">')[1]
        assert "本站主办：测试区生态环境保护委员会办公室" in footer
        assert 'href="tel:07301234567"' in footer and "jiandu@example.cn" in footer


def test_contacts_page_lists_every_seed_contact(sample_site):
    from conftest import SEED_CONTACTS

    html = page(sample_site, "contacts")
    for contact in SEED_CONTACTS:
        assert contact in html, contact
    assert 'href="tel:07302700665"' not in html and 'href="tel:0737-2700665"' not in html
    assert 'href="tel:07372700665"' in html and 'href="mailto:yzshbdc@163.com"' in html


def test_every_ics_in_the_sample_site_parses(sample_site):
    site = sample_site
    paths = sorted(site.rglob("*.ics"))
    assert len(paths) > 5
    for path in paths:
        feed = parse_ics(path)
        uids = [str(e["uid"]) for e in feed.walk("VEVENT")]
        assert uids and len(uids) == len(set(uids)), path
        for event in feed.walk("VEVENT"):
            assert isinstance(event.decoded("dtstart"), dt.date)
            assert event.decoded("dtend") > event.decoded("dtstart")
            target = str(event["url"]).removeprefix(SITE_URL).split("#")[0]
            assert (site / target / "index.html").exists(), (path, target)


def test_a_year_without_holiday_data_is_explained_to_readers_not_to_staff(tmp_path):
    """Built in November 2026 without data/holidays/2027.yml: the calendar says what it cannot show and why,
    without the staff's reminder (that is in the build output: tests/builds/test_sample_data.py)."""
    from conftest import ROOT

    code, site = build(tmp_path, ROOT / "data", today="2026-11-23")
    assert code == 0
    pages = ["calendar/"] + [f"calendar/{p.parent.name}/" for p in site.glob("calendar/2027-*/index.html")]
    for path in pages:
        text = text_of(content_of(page(site, path)))
        assert "2027" in text and "国务院" in text and ("暂不列出" in text or "暂不标注" in text), path
        assert "录入" not in text, path


def test_calendar_links_are_named_for_people(sample_site):
    """Subscription links say what they are, not a file name; each points at its calendar file."""
    for path, href, text in [("calendar/", "../calendar.ics", "订阅全部日程（日历文件 .ics）"),
                             ("units/yylq-gov/", "calendar.ics", "订阅该单位的公示和时限日程（日历文件 .ics）"),
                             ("sources/zydc2-hunan-2021/", "calendar.ics", "订阅该督察来源的日程（日历文件 .ics）")]:
        html = content_of(page(sample_site, path))
        assert f'href="{href}" type="text/calendar">{text}</a>' in html, path
        assert "（calendar.ics）" not in html, path
