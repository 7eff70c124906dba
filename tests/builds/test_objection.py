"""The objection box at the top of a sign-off notice and of its issue's page: days left and until when,
whom to tell and how (a phone that dials from anywhere); before the window, when it opens; after, that it
ended. The printed notice says it is this site's transcription."""

from __future__ import annotations

import pytest

from conftest import SMALL, write_data
from sitebuild import build, page, text_of

# The objection channel's number as a county notice prints it: without its area code (added in the data).
OFFICE = """
    name: 测试区生态环境保护委员会办公室
    region: 测试省测试区
    phones:
      - number: "1234567"
        label: 监督电话
        area_code: "0797"
    emails: [jiandu@example.cn]
    address: 测试区某路1号
    postcode: "414000"
    """
SMALL_WITH_LOCAL_PHONE = {**SMALL, "units/office.yml": OFFICE}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The small data set built on a day before, during and after the notice's window (2023-10-13 to 10-24)."""
    data = write_data(tmp_path_factory.mktemp("data"), SMALL_WITH_LOCAL_PHONE)
    built = {}
    for today in ("2023-10-12", "2023-10-20", "2026-09-30"):
        code, site = build(tmp_path_factory.mktemp(today), data, today=today)
        assert code == 0
        built[today] = site
    return built


def box(html: str) -> str:
    start = html.index('<section class="gs-objection')
    return html[start: html.index("</section>", start)]


def box_text(html: str) -> str:
    """The box's text as read (text_of puts a space between elements)."""
    return text_of(box(html)).replace(" ", "")


@pytest.mark.parametrize("path", ["issues/dc-test-01", "issues/dc-test-01/notice"])
def test_during_the_window_the_box_comes_first_with_days_left_and_whom_to_tell(sites, path):
    html = page(sites["2023-10-20"], path)
    article = html[html.index("<article"):]
    first = article.index('<section class="gs-objection')
    assert first < article.index('class="gs-facts"' if path.endswith("01") else 'id="notice-title"')
    text = box_text(html)
    assert "公示期还剩3个工作日，截至2023年10月24日（含当日）。" in text  # 10-20 (Fri), 10-23, 10-24
    assert "可在公示期内向测试区生态环境保护委员会办公室反映" in text
    assert 'href="tel:07971234567">0797-1234567</a>' in box(html)  # the area code the data adds
    assert 'href="mailto:jiandu@example.cn"' in box(html)
    assert "通信地址：测试区某路1号（邮编414000）" in text


def test_before_the_window_the_box_says_when_it_opens(sites):
    text = box_text(page(sites["2023-10-12"], "issues/dc-test-01/notice"))
    assert "将于2023年10月13日开始公示，至2023年10月24日结束。" in text and "0797-1234567" in text


@pytest.mark.parametrize("path", ["issues/dc-test-01", "issues/dc-test-01/notice"])
def test_after_the_window_the_box_says_it_ended_and_when(sites, path):
    text = box_text(page(sites["2026-09-30"], path))
    assert "公示已于2023年10月24日结束（公示时间2023年10月13日至2023年10月24日）。" in text
    assert "还剩" not in text and "可在公示期内向" not in text
    assert "公示期内受理异议的单位：测试区生态环境保护委员会办公室" in text and "0797-1234567" in text


def test_an_issue_without_a_notice_has_no_box(sites):
    assert "gs-objection" not in page(sites["2023-10-20"], "issues/dc-test-02")


def test_the_notice_keeps_the_number_as_printed_and_says_it_is_a_transcription(sites):
    html = page(sites["2023-10-20"], "issues/dc-test-01/notice")
    notice = html[html.index('<article class="gs-notice"'):]
    assert '监督电话：<a href="tel:07971234567">1234567</a>' in notice  # as the notice printed it
    assert "本站据原文整理，以原件为准。原件：测试区生态环境保护委员会办公室《" in text_of(notice).replace(" ", "")


def test_the_box_on_the_issue_page_keeps_the_address_of_the_section_it_replaced(sites):
    html = page(sites["2023-10-20"], "issues/dc-test-01")
    assert '<section class="gs-objection gs-objection--open gs-screen-only" id="signoff"' in html
