"""Browse by area: a page per place the records name, built from the sample data and read back."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from urllib.parse import unquote, urljoin

import lxml.html
import pytest

from conftest import ROOT, SMALL, TODAY, write_data
from gongshi.model.regions import region_places
from gongshi.pages.entry import PAGE_SIZE
from gongshi.site.load import check_data
from sitebuild import SITE_URL, build, content_of, page, text_of


@pytest.fixture(scope="module")
def data():
    return check_data(ROOT / "data", TODAY, base=ROOT).data


def places_of(data) -> set[tuple[str, ...]]:
    """Every place (with every place above it) that a record of the data names."""
    found = set()
    for kind in ("issues", "petitions", "units", "sources"):
        for record in data.table(kind).values():
            for place in region_places(record.region):
                found.update(place[:n] for n in range(1, len(place) + 1))
    return found


def in_place(data, kind: str, place: tuple[str, ...]) -> set[str]:
    return {record_id for record_id, record in data.table(kind).items()
            if any(p[:len(place)] == place for p in region_places(record.region))}


def links(html: str, page_path: str) -> list[tuple[str, str]]:
    """(text, site path) of each link in the page's article; page_path: the page's folder."""
    doc = lxml.html.fromstring(content_of(html))
    base = "https://x/" + page_path
    return [(a.text_content(), unquote(urljoin(base, a.get("href")))[len("https://x/"):])
            for a in doc.iter("a") if a.get("href") and not a.get("href").startswith("#")]


def issue_links(html: str) -> set[str]:
    return set(re.findall(r'href="(?:\.\./)+issues/([^/"]+)/"', content_of(html)))


def test_every_place_has_a_page_and_no_other(sample_site, data):
    expected = places_of(data)
    assert ("湖南省", "益阳市", "沅江市") in expected and ("安徽省",) in expected  # from a source: 安徽省、江西省…
    for place in expected:
        assert (sample_site / "regions" / Path(*place) / "index.html").exists(), place
    built = {p.parent.relative_to(sample_site / "regions").parts for p in (sample_site / "regions").rglob("index.html")}
    assert built - {()} == expected  # the index itself is regions/index.html
    assert len(expected) == 23


def test_counts_and_issues_of_a_county_and_the_places_above_it(sample_site, data):
    county = page(sample_site, "regions/湖南省/益阳市/沅江市")
    yj = {i for i, issue in data.issues.items() if issue.source == "xuncha-yiyang-2024"}
    assert len(yj) == 19
    assert issue_links(county) == yj
    text = text_of(content_of(county))
    assert "19 个问题" in text
    assert "<title>湖南省益阳市沅江市" in county
    # A parent counts its children's issues, and its own.
    for place in [("湖南省", "益阳市"), ("湖南省",), ("江西省",)]:
        html = page(sample_site, "regions/" + "/".join(place))
        ids = in_place(data, "issues", place)
        assert issue_links(html) == ids, place
        assert f"{len(ids)} 个问题" in text_of(content_of(html)), place
    assert yj <= issue_links(page(sample_site, "regions/湖南省"))
    # An issue of 江西省 alone is on the province's page, and on none of its cities'.
    assert "zydc-jx-01" in issue_links(page(sample_site, "regions/江西省"))
    for city in (sample_site / "regions" / "江西省").iterdir():
        if city.is_dir():
            assert "zydc-jx-01" not in issue_links((city / "index.html").read_text(encoding="utf-8")), city.name
    # By status, as the issues' own pages say.
    statuses = [data.issues[i].status for i in yj]
    assert f"整改中 {statuses.count('整改中')}" in text


def test_a_place_page_links_up_down_and_its_feed(sample_site):
    path = "regions/湖南省/益阳市/"
    found = links(page(sample_site, path), path)
    assert ("全部地区", "regions/") in found and ("湖南省", "regions/湖南省/") in found
    assert ("沅江市", "regions/湖南省/益阳市/沅江市/") in found  # the place under it
    assert ("订阅本地区的更新（Atom）", "feeds/regions/益阳市.xml") in found
    assert (sample_site / "feeds" / "regions" / "益阳市.xml").exists()
    # Petitions: 永州市 has two (in 零陵区), listed with links to their pages.
    html = page(sample_site, "regions/湖南省/永州市")
    assert "交办信访件 2 件" in text_of(content_of(html))
    assert {t for t, p in links(html, "regions/湖南省/永州市/") if p.startswith("petitions/")} == {
        "D1YZ202000122", "D1YZ202000142"}


def test_index_shows_the_whole_tree_with_counts(sample_site, data):
    html = page(sample_site, "regions")
    doc = lxml.html.fromstring(content_of(html))
    county = doc.xpath('//a[text()="沅江市"]')[0]
    # 湖南省 > 益阳市 > 沅江市 as nested lists.
    ancestors = [li.find("a").text for li in county.iterancestors("li")]
    assert ancestors == ["沅江市", "益阳市", "湖南省"]
    for place in places_of(data):
        assert doc.xpath(f'//a[@href="{"/".join(place)}/"]'), place
    hunan = in_place(data, "issues", ("湖南省",))
    assert f"湖南省 {len(hunan)} 个问题" in text_of(content_of(html))


def test_record_pages_link_each_level_of_their_region(sample_site):
    for path, label in [("issues/yj-xc-01/", "地区"), ("petitions/D1YZ202000122/", "地区"),
                        ("units/yiyang-yuanjiang-fenju/", "地区"), ("sources/zydc2-3-dianxing/", "对象"),
                        ("sources/xuncha-yiyang-2024/", "对象")]:
        html = page(sample_site, path)
        dd = lxml.html.fromstring(content_of(html)).xpath(f'//dt[text()="{label}"]/following-sibling::dd[1]')[0]
        shown = [(a.text_content(), unquote(urljoin("https://x/" + path, a.get("href")))[len("https://x/"):])
                 for a in dd.iter("a")]
        for _, target in shown:
            assert (sample_site / target / "index.html").exists(), (path, target)
        if path.startswith("issues/"):
            assert shown == [("湖南省", "regions/湖南省/"), ("益阳市", "regions/湖南省/益阳市/"),
                             ("沅江市", "regions/湖南省/益阳市/沅江市/")]
            assert dd.text_content() == "湖南省益阳市沅江市"  # reads as one name: no space between the links
        if path == "sources/zydc2-3-dianxing/":
            assert dd.text_content() == "安徽省、江西省、湖南省、云南省" and len(shown) == 4
        if path == "sources/xuncha-yiyang-2024/":  # the office's name after the places is text
            assert dd.text_content() == "湖南省益阳市生态环境局及所属分局"
            assert [t for t, _ in shown] == ["湖南省", "益阳市"]


def test_home_page_links_the_tree(sample_site):
    found = links(page(sample_site, ""), "")
    assert ("查看全部地区（省、市、县）", "regions/") in found
    assert ("湖南省", "regions/湖南省/") in found and ("益阳市", "regions/湖南省/益阳市/") in found
    html = content_of(page(sample_site, ""))
    section = html[html.index('id="home-regions"'):]
    assert "19 个问题" in text_of(section)  # 益阳市
    assert "上饶市" not in section  # a city with a unit but no issue or petition: in the full tree only


def test_sitemap_lists_the_place_pages(sample_site, data):
    locs = {unquote(loc) for loc in re.findall(r"<loc>([^<]+)</loc>",
                                                (sample_site / "sitemap.xml").read_text(encoding="utf-8"))}
    assert SITE_URL + "regions/" in locs
    for place in places_of(data):
        assert SITE_URL + "regions/" + "".join(f"{name}/" for name in place) in locs, place


def test_place_pages_are_searchable_as_places(data):
    from gongshi.search.facets import REGION_TYPE, search_pages

    site = check_data(ROOT / "data", TODAY, base=ROOT)
    pages = {p.path: p for p in search_pages(site)}
    county = pages["regions/湖南省/益阳市/沅江市/"]
    assert county.title == "湖南省益阳市沅江市"
    assert county.filters == {"type": [REGION_TYPE], "region": sorted(["湖南省", "益阳市", "沅江市"])}
    assert sum(p.filters.get("type") == [REGION_TYPE] for p in pages.values()) == len(places_of(data))


# A small dataset with an open notice, an issue in two places and more petitions than a page lists.
TWO_PLACES = textwrap.dedent(SMALL["issues/dc-test-02.yml"]).replace("region: 测试省测试区", "region: 测试省甲市、乙市")
PETITION = """\
source: dc-test
region: 测试省乙市
pollution: [水]
status: 办理中
"""


@pytest.fixture(scope="module")
def open_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("regions")
    files = {**SMALL, "issues/dc-test-02.yml": TWO_PLACES}
    files.update({f"petitions/D1CS2023{n:05d}.yml": PETITION for n in range(PAGE_SIZE + 5)})
    code, site = build(tmp, write_data(tmp, files), today="2023-10-20")
    assert code == 0
    return site


def test_open_notices_with_working_days_left(open_site):
    text = text_of(content_of(page(open_site, "regions/测试省")))
    assert "关于问题编号一整改销号情况的公示" in text
    assert "还剩 3 个工作日（至2023年10月24日）" in text  # 10-20 (Fri), 10-23, 10-24
    assert 'href="../../issues/dc-test-01/notice/"' in page(open_site, "regions/测试省")
    assert "没有正在公示" in text_of(content_of(page(open_site, "regions/测试省/甲市")))


def test_a_record_in_two_places_is_on_both_pages(open_site):
    for city in ("甲市", "乙市"):
        assert issue_links(page(open_site, f"regions/测试省/{city}")) == {"dc-test-02"}, city
    province = page(open_site, "regions/测试省")
    assert issue_links(province) == {"dc-test-01", "dc-test-02"}
    assert "2 个问题" in text_of(content_of(province))  # counted once on the province's page
    issue = lxml.html.fromstring(content_of(page(open_site, "issues/dc-test-02")))
    dd = issue.xpath('//dt[text()="地区"]/following-sibling::dd[1]')[0]
    assert dd.text_content() == "测试省甲市、乙市"
    assert [a.get("href") for a in dd.iter("a")] == [
        "../../regions/测试省/", "../../regions/测试省/甲市/", "../../regions/测试省/乙市/"]


def test_more_petitions_than_a_page_lists_go_to_their_own_listing(open_site):
    total = PAGE_SIZE + 5
    html = page(open_site, "regions/测试省/乙市")
    shown = [p for _, p in links(html, "regions/测试省/乙市/") if p.startswith("petitions/")]
    assert len(shown) == PAGE_SIZE
    assert f"查看该地区全部 {total} 件信访件" in text_of(content_of(html))
    assert 'href="petitions/"' in html
    first = page(open_site, "regions/测试省/乙市/petitions")
    second = page(open_site, "regions/测试省/乙市/petitions/page/2")
    listed = [p for page_html, at in ((first, "regions/测试省/乙市/petitions/"),
                                      (second, "regions/测试省/乙市/petitions/page/2/"))
              for _, p in links(page_html, at) if p.startswith("petitions/")]
    assert len(listed) == len(set(listed)) == total
    assert ("乙市", "regions/测试省/乙市/") in links(first, "regions/测试省/乙市/petitions/")  # back to the place
    assert "<title>测试省乙市：信访件" in first
    # The province's page lists them too (a page's worth), and says there are more.
    assert f"查看该地区全部 {total} 件信访件" in text_of(content_of(page(open_site, "regions/测试省")))
