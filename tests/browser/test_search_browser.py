"""Search in a real browser: literal-phrase precision and recall, facets in the URL."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import quote

import pytest

from conftest import ROOT
from gongshi.dev.browser import serve
from gongshi.runtime.settings import SETTINGS
from gongshi.search.contract import STAFF_TYPE
from gongshi.search.facets import search_pages
from gongshi.search.text import matches, normalize, query_words
from gongshi.site import urls
from gongshi.site.load import check_data
from searchpage import result_paths, run_search, search_again, show_all
from sitebuild import build

BUILD_DATE = "2026-09-30"

# At least 40 literal queries: 2 to 8 Chinese characters, place names, mixed Chinese/ASCII,
# numbers and codes, and two that match nothing.
QUERIES = [
    "总磷", "洞庭湖", "回头看", "南洞庭湖", "秸秆", "秸秆禁烧", "禁燃区", "排污口", "黑臭水体", "稀土开采",
    "乐安河", "重金属污染", "鄱阳湖", "杞麓湖", "乌沙河", "陈埠港", "湘江", "生活污水直排", "雨污分流", "尾矿库",
    "采砂", "欧美黑杨", "夏季攻势", "警示片", "整改销号", "监督电话", "第三方检测", "持证上岗", "烟花爆竹", "黄标车",
    "挥发性有机物", "燃煤锅炉", "河长制", "省环保厅", "宜春市", "沅江市", "零陵区", "岳阳楼区", "信丰县", "永州市",
    "长江大保护", "以案促改", "典型案例", "信访件", "党政同责、一岗双责",
    "COD", "PM2.5", "PM10", "D1YZ202000131", "D1YZ202000142", "0.043mg/L", "2023年10月13日", "0730-8245473",
    "22.84平方公里", "一级A", "10吨以下", "52个排污口", "第15期", "岳楼发〔2022〕2号", "xfxfgwjtk@163.com",
    "核电站", "XYZ123",
    # On most pages: searched a slice of the index at a time (see indexer.SLICES).
    "整改", "问题",
]

# Several words (ANDed): ASCII and full-width spaces, either order, a word found nowhere, quoted phrases.
MULTI_WORD = [
    "沅江 秸秆", "秸秆 沅江", "焚烧 秸秆", "焚烧\u3000秸秆", "岳阳楼区 公示", "公示　岳阳楼区", "鄱阳湖 采砂",
    "洞庭湖 总磷", "湘江 重金属", "宜春市 稀土", "永州市 黑臭水体", "信丰县 稀土", "零陵区 整改", "整改 问题",
    "洞庭湖 北京", "PM2.5 浓度", "COD 排污口", "典型案例 湖南", "警示片 长江", "D1YZ202000131 属实",
    "监督电话 0730-8245473", "乐安河 重金属污染", "回头看 江西", "  沅江   秸秆  ",
    '"岳阳楼区 公示"', "“洞庭 湖”", '"党政同责、一岗双责" 整改',
]

def searchable_paths():
    site = check_data(ROOT / "data", dt.date.fromisoformat(BUILD_DATE), base=ROOT)
    return site, [p.path for p in search_pages(site)] + ["", "about/", "staff/"]


# Each page's article, fetched and put in the place of this page's own: rendered by the browser
# under the same stylesheets as when the page itself is opened, without a navigation per page.
ARTICLE_TEXTS = """async ([root, paths]) => {
  const texts = {};
  let article = document.querySelector("article");
  for (const path of paths) {
    const html = await (await fetch(root + path)).text();
    const theirs = new DOMParser().parseFromString(html, "text/html").querySelector("article");
    const shown = document.importNode(theirs, true);
    for (const cite of shown.querySelectorAll(".gs-cite")) cite.remove();  // not searched (search/extract.py)
    article.replaceWith(shown);
    article = shown;
    texts[path] = shown.innerText;
  }
  return texts;
}"""


def visible_texts(chromium, url) -> dict[str, str]:
    """Each searchable page's article text as the browser renders it (innerText)."""
    _, paths = searchable_paths()
    page = chromium.new_page()
    page.goto(url + "about/")
    texts = page.evaluate(ARTICLE_TEXTS, [url, paths])
    # The same as opening the page itself: checked on a page of each kind.
    for path in ["", "issues/yylq-2021-01/", "issues/yylq-2021-01/notice/", "petitions/D1YZ202000131/",
                 "sources/zydc2-hunan-2021/", "units/yylq-gov/", "staff/"]:
        page.goto(url + path)
        page.evaluate("document.querySelectorAll('article .gs-cite').forEach(c => c.remove())")
        assert page.inner_text("article") == texts[path], path
    page.close()
    return texts


@pytest.fixture(scope="module")
def page_texts(served_sample_site, chromium) -> dict[str, str]:
    """Each searchable page's visible text, normalised: read once for the tests below."""
    _, url = served_sample_site
    return {path: normalize(text) for path, text in visible_texts(chromium, url).items()}


@pytest.fixture(scope="module")
def tab(chromium):
    """One tab for the tests of this module that need no fresh browser state."""
    page = chromium.new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def answers(served_sample_site, tab):
    """The sample site's answer to a query from its search page (pages through every result),
    asked once per query for the tests of this module."""
    _, url = served_sample_site
    known: dict[str, list[str]] = {}

    def answer(query: str) -> list[str]:
        if query not in known:
            known[query] = search_again(tab, url, query)
        return known[query]

    return answer


def test_literal_queries_precision_and_recall(answers, page_texts, record_property):
    texts = page_texts
    true_positive = returned = relevant = 0
    misses = []
    for query in QUERIES + MULTI_WORD:
        words = query_words(query)
        expected = {path for path, text in texts.items() if matches(text, words) and path != urls.STAFF_GUIDE}
        got = answers(query)
        assert len(got) == len(set(got)), query
        got = set(got)
        true_positive += len(got & expected)
        returned += len(got)
        relevant += len(expected)
        if got != expected:
            misses.append((query, sorted(expected - got), sorted(got - expected)))
    precision = true_positive / returned if returned else 1.0
    recall = true_positive / relevant if relevant else 1.0
    record_property("search quality",  # printed at the end of the run (conftest.py)
                    {"queries": len(QUERIES + MULTI_WORD), "multi": len(MULTI_WORD), "relevant": relevant,
                     "precision": precision, "recall": recall})
    print(f"\nsearch: {len(QUERIES + MULTI_WORD)} queries, {relevant} expected hits, precision {precision:.2f}, "
          f"recall {recall:.2f}")
    assert len(QUERIES) >= 40 and len(MULTI_WORD) >= 20 and relevant > 100
    assert answers("沅江 秸秆") and answers("鄱阳湖 采砂") and not answers("洞庭湖 北京")
    assert misses == []
    assert (precision, recall) == (1.0, 1.0)


def test_tokenizers_agree(served_sample_site, tab):
    """The browser's queryTokens/normalize are the twins of the Python ones."""
    from gongshi.search.text import query_tokens

    _, url = served_sample_site
    page = tab
    page.goto(url + "search/")
    got = page.evaluate(
        """async (queries) => {
            const m = await import('../assets/search/tokens.js');
            return queries.map(q => [m.normalize(q), m.queryTokens(q), m.queryWords(q)]);
        }""",
        QUERIES + EXTRA + MULTI_WORD,
    )
    expected = [[normalize(q), query_tokens(q), query_words(q)] for q in QUERIES + EXTRA + MULTI_WORD]
    assert got == expected


EXTRA = ["ＰＭ２．５ 浓度", "Ⅲ类水质", "〇一二", "a\u3000b", "a-b", "2.5", "5.69mg/L", "pm2.5浓度1.2", "湖"]


def test_pagefind_words_agree_and_survive_pagefind_segmenter(served_sample_site, tab):
    """pagefind splits a Chinese query with Intl.Segmenter; the words we give it must come through whole."""
    from gongshi.search.text import pagefind_word, query_tokens

    _, url = served_sample_site
    page = tab
    page.goto(url + "search/")
    tokens = [t for q in QUERIES + EXTRA for t in query_tokens(q)]
    got = page.evaluate(
        """async (tokens) => {
            const m = await import('../assets/search/tokens.js');
            const words = tokens.map(m.pagefindWord);
            const seg = new Intl.Segmenter('zh', { granularity: 'word' });
            return [words, words.map((w) => [...seg.segment(w)].map((s) => s.segment))];
        }""",
        tokens,
    )
    assert got[0] == [pagefind_word(t) for t in tokens]
    assert got[1] == [[w] for w in got[0]]
    assert pagefind_word("总磷") == "\u03d9603b78f7" and pagefind_word("pm2") == "pm2"


def test_candidates_of_a_two_character_query_are_exactly_its_pages(served_sample_site, tab, page_texts):
    """A pair is one index word, so pagefind's candidates for 总磷 are the pages that contain it
    (were it split into the prefixes 总 and 磷, pages with 总体 and 磷肥 would come too)."""
    _, url = served_sample_site
    texts = page_texts
    page = tab
    for query in ["总磷", "湘江", "采砂"]:
        got = run_search(page, url, {"q": query})
        expected = {path for path, text in texts.items() if query in text}
        assert set(got) == expected
        assert page.evaluate("window.gongshiSearchTimings.candidates") == len(expected), query


def facet_expected(filters: dict[str, list[str]]) -> set[str]:
    site, _ = searchable_paths()
    pages = search_pages(site)
    return {p.path for p in pages
            if all(any(v in p.filters.get(k, []) for v in values) for k, values in filters.items())}


@pytest.mark.parametrize("filters", [
    {"status": ["整改中"], "region": ["沅江市"]},
    {"type": ["问题"], "category": ["大气"]},
    {"status": ["公示期满"], "region": ["岳阳楼区"]},
    {"source": ["中央第四环境保护督察组对江西省开展环境保护督察"], "unit": ["省环保厅"]},
    {"type": ["信访件"], "year": ["2020"]},
    {"type": ["地区"], "region": ["益阳市"]},  # 益阳市 and 沅江市: their paths are Chinese
])
def test_filtered_url_in_a_fresh_browser(served_sample_site, chromium, filters):
    _, url = served_sample_site
    context = chromium.new_context()  # fresh: no history, no storage
    page = context.new_page()
    got = run_search(page, url, filters)
    context.close()
    expected = facet_expected(filters)
    assert expected, filters
    assert set(got) == expected


def test_facets_live_in_the_url_and_survive_back_and_forward(served_sample_site, chromium):
    _, url = served_sample_site
    page = chromium.new_page()
    first = run_search(page, url, {"q": "整改"})
    page.check("input[name=region][value='沅江市']")
    page.wait_for_function("location.search.includes('region=')")
    show_all(page)
    narrowed = page.eval_on_selector_all(".gs-result h3 a", "a => a.length")
    assert "q=%E6%95%B4%E6%94%B9" in page.url and "region=%E6%B2%85%E6%B1%9F%E5%B8%82" in page.url
    assert 0 < narrowed < len(first)
    page.go_back()
    page.wait_for_function("!location.search.includes('region=')")
    show_all(page)
    page.wait_for_function(f"document.querySelectorAll('.gs-result h3 a').length === {len(first)}")
    assert not page.is_checked("input[name=region][value='沅江市']")
    page.go_forward()
    show_all(page)
    page.wait_for_function(f"document.querySelectorAll('.gs-result h3 a').length === {narrowed}")
    assert page.is_checked("input[name=region][value='沅江市']")
    page.close()


def test_header_search_form_works_without_javascript(served_sample_site, chromium):
    _, url = served_sample_site
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "issues/yylq-2021-01/")
    page.fill("#gs-header-q", "洞庭湖")
    page.press("#gs-header-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert "%E6%B4%9E%E5%BA%AD%E6%B9%96" in page.url
    context.close()


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    """The sample site indexed in shards of 2 pages, as a large site is: more than 32 shards
    (100,000 issues make 70; the browser's shard sets once were 32-bit masks)."""

    saved = SETTINGS.shard_size
    SETTINGS.shard_size = 2
    try:
        code, site = build(tmp_path_factory.mktemp("sharded"), ROOT / "data", today=BUILD_DATE)
    finally:
        SETTINGS.shard_size = saved
    assert code == 0
    assert len(json.loads((site / "pagefind" / "shards.json").read_text())) > 32
    with serve(site) as url:
        yield site, url


def test_sharded_index_gives_the_same_answers(answers, sharded_site, chromium):
    # "洞庭湖北京": 北京 is nowhere; pagefind alone would drop that word and answer for 洞庭湖.
    queries = [*QUERIES[:12], "洞庭湖北京", "D1YZ202000131", "COD", "核电站"]
    page, sharded_page = chromium.new_page(), chromium.new_page()
    for query in queries:
        whole = set(answers(query))
        sharded = set(search_again(sharded_page, sharded_site[1], query))
        assert sharded == whole, query
    sharded_page.close()
    assert run_search(page, sharded_site[1], {"q": "洞庭湖北京"}) == []
    filters = {"status": ["整改中"], "region": ["沅江市"]}
    assert set(run_search(page, sharded_site[1], filters)) == facet_expected(filters)
    page.close()


def test_shards_are_started_only_as_far_as_the_results_shown_need(sharded_site, chromium):
    site, url = sharded_site
    shards = json.loads((site / "pagefind" / "shards.json").read_text())
    context = chromium.new_context()
    page = context.new_page()
    started: list[str] = []
    programs: list[str] = []
    # Each shard searched is a pagefind instance, which reads its shard's entry file first.
    page.on("request", lambda r: "/pagefind-entry.json?" in r.url and started.append(r.url[len(url):]))
    page.on("request", lambda r: "/pagefind.js" in r.url and programs.append(r.url[len(url):].split("#")[0]))
    page.goto(url + "search/?q=整改")
    page.wait_for_selector("#gs-search[data-ready=true]", timeout=20000)
    assert page.eval_on_selector_all(".gs-result", "r => r.length") == 20
    status = page.inner_text(".gs-search__status")
    assert "还有更多待核对" in status
    # Before every candidate is checked, an estimate from the vocabulary.
    about = int(re.search(r"估计共约 ([0-9,]+) 个", status).group(1).replace(",", ""))
    first = len(started)
    assert 1 <= first < len(shards)  # enough pages for the first 20 results are in the first shards
    show_all(page)
    assert len(started) > first  # the others are searched when the reader asks for more
    total = page.eval_on_selector_all(".gs-result", "r => r.length")
    assert total > 20 and about > 20 and abs(about - total) <= total  # an estimate, in the right range
    assert f"共找到 {total} 个" in page.inner_text(".gs-search__status")
    assert set(programs) == {"pagefind/pagefind.js"}  # one pagefind program for every shard
    context.close()


def status_of(page) -> str:
    return page.inner_text(".gs-search__status")


def test_a_typo_gets_suggestions_that_find_pages(served_sample_site, tab):
    """乌沙湖 and 黑臭水休 find nothing; each suggestion is a link to its own search, which finds pages."""
    _, url = served_sample_site
    for typo, meant in [("乌沙湖", "乌沙河"), ("黑臭水休", "黑臭水体")]:
        assert run_search(tab, url, {"q": typo}) == []
        assert "没有找到" in status_of(tab)
        links = tab.eval_on_selector_all(".gs-search__suggest a", "a => a.map(x => [x.textContent, x.href])")
        assert "您是不是要找" in tab.inner_text(".gs-search__suggest") and links[0][0] == meant, links
        tab.click(f".gs-search__suggest a >> text={meant}")
        tab.wait_for_url(f"**q={quote(meant)}*")
        show_all(tab)
        assert tab.input_value("#gs-q") == meant and result_paths(tab), meant
        assert tab.is_hidden(".gs-search__suggest")


def test_records_first_and_the_staff_guide_only_when_picked(served_sample_site, tab):
    _, url = served_sample_site
    got = run_search(tab, url, {"q": "D1YZ202000131"})
    assert got[0] == "petitions/D1YZ202000131/" and "staff/" not in got, got
    assert tab.is_visible(".gs-search__order") and "排列顺序" in tab.inner_text(".gs-search__order")
    # Groups in order: records, then listings, then hand-written pages; newest first within a group.
    got = run_search(tab, url, {"q": "整改"})
    listings = ("sources/", "units/", "regions/")
    groups = [0 if p.startswith(("issues/", "petitions/")) else 1 if p.startswith(listings) else 2 for p in got]
    assert groups == sorted(groups) and "staff/" not in got
    assert "regions/湖南省/益阳市/沅江市/" in got  # a place's page, among the listings
    assert "staff/" in run_search(tab, url, {"q": "整改", "type": [STAFF_TYPE]})


def test_excerpts_are_prose_around_the_match(served_sample_site, tab):
    _, url = served_sample_site
    run_search(tab, url, {"q": "秸秆 沅江"})
    excerpts = tab.eval_on_selector_all(".gs-result__excerpt",
                                        "e => e.map(x => [x.textContent, x.querySelectorAll('mark').length])")
    assert excerpts
    for text, marked in excerpts:
        assert ("秸秆" in text or "沅江" in text) and marked, text
        assert "本站编号" not in text and "状态" not in text and "#" not in text, text


def test_an_exact_count_once_every_candidate_is_checked(served_sample_site, tab):
    """The estimate shown before that is checked on the sharded site (test_shards_are_started_…)."""
    _, url = served_sample_site
    expected = len(run_search(tab, url, {"q": "秸秆"}))
    assert f"共找到 {expected} 个" in status_of(tab)


def test_a_result_names_its_place_and_source_in_one_line(served_sample_site, tab):
    """As in the listings: an issue found says where it is and which inspection found it."""
    _, url = served_sample_site
    run_search(tab, url, {"q": "秸秆 沅江"})
    shown = tab.eval_on_selector_all(".gs-result", """r => r.map(x => [x.querySelector("a").href,
        (x.querySelector(".gs-result__meta") || {}).textContent])""")
    issues = [meta for href, meta in shown if "/issues/" in href]
    assert len(issues) >= 3 and all(m.startswith("湖南省益阳市沅江市 · ") for m in issues), shown
    assert all("巡察" in meta for meta in issues), shown
