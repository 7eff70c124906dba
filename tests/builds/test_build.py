"""End to end: build a real site from a small Chinese dataset and read the HTML."""

import re
import textwrap

import pytest

from sitebuild import build, content_of, event_handler_attributes, page, text_of


@pytest.fixture
def built(small_site):
    """The small dataset's site, built once per session (conftest.py)."""
    return small_site


def test_issue_page(built):
    html = page(built, "issues/dc-test-01")
    text = text_of(html)
    assert '<html lang="zh"' in html
    assert "<title>洞庭湖总磷浓度偏高" in html
    assert "洞庭湖总磷浓度偏高，生活污水直排。" in text
    assert "总磷浓度稳定下降。" in text  # target
    assert "2024年12月底" in text  # deadline as published
    assert 'id="measure-1"' in html and 'id="measure-2"' in html
    assert "牵头单位： 测试区水利局" in text
    assert "2023年9月1日" in text and "52个排污口已全部整治。" in text  # progress
    # Status in words (a shape and colour are extra), relative to the build date.
    assert "公示期满" in text
    assert 'href="../../units/shuiliju/"' in html
    assert 'href="tel:07301234567"' in html
    assert 'href="notice/"' in html


def test_notice_page_official_format(built):
    html = page(built, "issues/dc-test-01/notice")
    text = text_of(html)
    assert "测试区生态环境保护委员会办公室" in text
    assert "关于问题编号一整改销号情况的公示" in text
    for heading in ("一、反馈问题", "二、整改目标", "三、整改措施", "四、整改落实情况"):
        assert heading in text
    assert "公示时间：2023年10月13日至2023年10月24日，共8个工作日。" in html
    assert "监督电话：" in text and "0730-1234567" in text
    assert "2023年10月13日" in text
    assert "本站核对" not in text  # the count is right here


def test_listings(built):
    index = text_of(page(built, "issues"))
    assert "洞庭湖总磷浓度偏高" in index and "秸秆禁烧管控不力" in index
    assert "2 个问题" in index
    unit = text_of(page(built, "units/shuiliju"))
    assert "洞庭湖总磷浓度偏高" in unit and "秸秆禁烧管控不力" in unit
    source = text_of(page(built, "sources/dc-test"))
    assert "第二轮中央生态环境保护督察（测试省）" in source and "D1YZ202000131" in source
    petitions = text_of(page(built, "petitions"))
    assert "D1YZ202000131" in petitions and "办理中" in petitions
    assert "举报内容属实。" in text_of(page(built, "petitions/D1YZ202000131"))
    notices = text_of(page(built, "notices"))
    assert "关于问题编号一整改销号情况的公示" in notices
    home = text_of(page(built, ""))
    assert "整改总体情况" in home and "关于问题编号一整改销号情况的公示" in home


def test_notice_state_follows_build_date(tmp_path, small_data):
    code, site = build(tmp_path, small_data, today="2023-10-20")
    assert code == 0
    text = text_of(page(site, "issues/dc-test-01"))
    assert "公示中" in text and "公示期还剩3个工作日" in text.replace(" ", "")  # 10-20 (Fri), 10-23, 10-24


def test_overdue_flag(built):
    # dc-test-02: 整改中 with a 2025-06-30 deadline, build date 2026-11-23.
    assert "已逾期" in text_of(page(built, "issues/dc-test-02"))
    assert "已逾期" not in text_of(page(built, "issues/dc-test-01"))


def test_generated_pages_are_not_in_the_nav(built):
    html = page(built, "about")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index('<div class="md-sidebar md-sidebar--secondary"')]
    assert 'href="../issues/"' in nav  # listings are in the nav
    assert "dc-test-01" not in nav and "shuiliju" not in nav  # record pages are not


def test_no_external_assets(built):
    # Google Fonts and public CDNs are blocked or stall in mainland China.
    offenders = []
    for path in built.rglob("*"):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', text):
            if "rel=\"canonical\"" not in m.group(0):
                offenders.append((path.name, m.group(1)))
        for m in re.finditer(r'(?:@import|url\()\s*["\']?((?:https?:)?//[^"\')]+)', text):
            offenders.append((path.name, m.group(1)))
    assert offenders == []


def test_invalid_data_fails_with_file_line_and_keeps_old_site(tmp_path, small_data, capsys):
    code, site = build(tmp_path, small_data)
    assert code == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    issue = small_data / "issues" / "dc-test-02.yml"
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("responsible_units: [shuiliju]", "responsible_units: [nobody]"), encoding="utf-8")
    code, site = build(tmp_path, small_data)
    assert code == 1
    err = capsys.readouterr().err
    assert "issues/dc-test-02.yml:9: responsible_units[1]: 单位“nobody”不存在" in err
    assert "Traceback" not in err
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".site-*"))  # no half-written staging directory left


def test_markdown_from_data_is_sanitised(tmp_path, small_data):
    issue = small_data / "issues" / "dc-test-02.yml"
    issue.write_text(issue.read_text(encoding="utf-8").replace(
        "problem: 秸秆焚烧现象普遍。",
        "problem: |\n  秸秆<script>alert(1)</script>焚烧 [点我](javascript:alert(2)) <img src=x onerror=alert(3)>\n"
        "  {: onclick=\"alert(4)\" }",
    ).replace("title: 秸秆禁烧管控不力", """title: '秸秆 & "禁烧"'"""), encoding="utf-8")
    code, site = build(tmp_path, small_data)
    assert code == 0
    html = page(site, "issues/dc-test-02")
    assert "<script>alert" not in html and "javascript:" not in html
    assert event_handler_attributes(html) == []
    assert ("<title>秸秆 &amp; &#34;禁烧&#34;" in html or "<title>秸秆 &amp; &quot;禁烧&quot;" in html
            or '<title>秸秆 & "禁烧"' in html)
    assert "<h1>秸秆 &amp; &quot;禁烧&quot;</h1>" in html
    meta = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert "alert(4)" in meta and "&quot;" in meta  # quotes escaped inside the attribute


def test_angle_brackets_in_titles_are_refused(tmp_path, small_data, capsys):
    issue = small_data / "issues" / "dc-test-02.yml"
    issue.write_text(issue.read_text(encoding="utf-8").replace(
        "title: 秸秆禁烧管控不力", "title: </title><script>alert(1)</script>"), encoding="utf-8")
    code, _ = build(tmp_path, small_data)
    assert code == 1
    assert "issues/dc-test-02.yml:3: title: 标题中不能含有“<”或“>”" in capsys.readouterr().err


def test_edit_this_page_opens_the_data_file(tmp_path, small_data, monkeypatch):
    monkeypatch.setenv("GONGSHI_REPO_URL", "https://git.example.test/org/gongshi")
    code, site = build(tmp_path, small_data)
    assert code == 0
    edit = 'href="https://git.example.test/org/gongshi/edit/main/'
    assert edit + 'data/issues/dc-test-01.yml"' in page(site, "issues/dc-test-01")
    assert edit + 'data/units/shuiliju.yml"' in page(site, "units/shuiliju")
    assert edit + 'docs/about.md"' in page(site, "about")
    assert edit not in page(site, "issues")  # a listing has no single file behind it


def test_every_internal_link_and_anchor_resolves(built):
    from urllib.parse import urlsplit

    from gongshi.checks.links import check_site
    from sitebuild import SITE_URL

    assert [b.text() for b in check_site(built, urlsplit(SITE_URL).path)] == []


def test_citation_anchors_and_open_graph(built):
    from sitebuild import SITE_URL

    html = page(built, "issues/dc-test-01/notice")
    gbt = re.search(r'id="cite-gbt">(.*?)</span>\s*<button', html).group(1)
    # The notice's own date in (); the date of citing is the reader's (filled in by the page's script).
    assert gbt == ("测试区生态环境保护委员会办公室. 关于问题编号一整改销号情况的公示[EB/OL]. "
                   f'(2023-10-13)[<span data-cite="today">引用日期</span>]. {SITE_URL}issues/dc-test-01/notice/.')
    plain = re.search(r'id="cite-plain">(.*?)</span>\s*<button', html).group(1)
    assert "关于问题编号一整改销号情况的公示" in plain
    assert "原文：测试区生态环境保护委员会办公室发布，2023年10月13日" in plain
    assert plain.endswith('引用于<span data-cite="today-cn">引用当日</span>。')
    assert f'<meta property="og:url" content="{SITE_URL}issues/dc-test-01/notice/">' in html
    assert '<meta property="article:published_time" content="2023-10-13">' in html
    assert f'<link rel="canonical" href="{SITE_URL}issues/dc-test-01/notice/">' in html
    issue = page(built, "issues/dc-test-01")
    for anchor in ("measure-1", "measure-2", "progress-2023-09-01-1", "signoff", "problem", "target", "measures",
                   "cite", "history"):
        assert issue.count(f'id="{anchor}"') == 1, anchor
    assert 'href="#measure-2"' in issue
    for anchor in ("notice-problem", "notice-target", "notice-measures", "notice-implementation", "notice-window"):
        assert html.count(f'id="{anchor}"') == 1, anchor


def test_renamed_issue_keeps_its_old_url(tmp_path):
    from conftest import SMALL, write_data
    from sitebuild import SITE_URL

    files = dict(SMALL)
    files["issues/dc-test-02b.yml"] = ("old_ids: [dc-test-02]\n"
                                       + textwrap.dedent(files.pop("issues/dc-test-02.yml")).lstrip())
    data = write_data(tmp_path / "d", files)
    code, site = build(tmp_path, data)
    assert code == 0
    old = page(site, "issues/dc-test-02")
    assert '<meta http-equiv="refresh" content="0; url=../dc-test-02b/">' in old
    assert f'<link rel="canonical" href="{SITE_URL}issues/dc-test-02b/">' in old
    assert 'href="../dc-test-02b/"' in content_of(old)
    assert "秸秆禁烧管控不力" in page(site, "issues/dc-test-02b")


def test_withdrawn_issue_leaves_a_tombstone(tmp_path):
    from conftest import SMALL, write_data

    files = dict(SMALL)
    files["issues/dc-test-02.yml"] = (textwrap.dedent(files["issues/dc-test-02.yml"])
                                      + "withdrawn:\n  date: 2025-03-01\n  reason: 与问题一重复，合并办理。\n")
    data = write_data(tmp_path / "d", files)
    code, site = build(tmp_path, data)
    assert code == 0
    text = text_of(content_of(page(site, "issues/dc-test-02")))
    assert "本记录已于2025年3月1日撤回" in text and "与问题一重复，合并办理。" in text and "已撤回" in text


def test_the_official_number_first_and_the_page_id_small(sample_site):
    """原文编号 as the source document writes it, without double brackets; the site's id small and last."""
    from sitebuild import content_of, page

    html = content_of(page(sample_site, "issues/yylq-2021-01/"))
    assert "本站编号" not in html and "（原文编号：（" not in html
    facts = html[html.index('<dl class="gs-facts">'):html.index("</dl>")]
    last = '<dt>页面编号</dt><dd><small>yylq-2021-01</small></dd>'
    assert facts.rstrip().endswith(last)
    number = content_of(page(sample_site, "issues/yj-xc-10/"))
    assert "<dt>原文编号</dt>" in number


def test_the_staff_guide_is_out_of_the_menu_and_linked_from_every_footer(built):
    for path in ("", "issues/dc-test-01", "about", "staff"):
        html = page(built, path)
        nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
        nav = nav[: nav.index("</nav>", nav.rindex('class="md-nav__item'))]
        assert "员工指南" not in nav and "staff/" not in nav, path
        footer = html[html.index('<footer class="md-footer">'):]
        assert re.search(r'维护本站数据的工作人员：<a href="[./]*staff/">员工指南</a>', footer), path
    assert "员工指南" in page(built, "staff")  # the guide itself is still built

# Inline markup a line break can sit beside in a paragraph: the break still renders as a space.
_INLINE_TAGS = re.compile(r"</?(?:a|strong|em|b|i|code|span|small|time|abbr|sup|sub|mark|kbd)\b[^>]*>")


def cjk_break_spaces(html: str) -> list[str]:
    """The line breaks between two Chinese characters (or Chinese punctuation) in a page's article outside
    code: each shows as a space, which Chinese text has none of."""
    from gongshi.render.cjk import CJK_CHARS

    article = re.sub(r"<pre\b.*?</pre>", "", content_of(html), flags=re.S)
    return re.findall(rf"[{CJK_CHARS}][ \t]*\n\s*[{CJK_CHARS}]", _INLINE_TAGS.sub("", article))


def test_hand_written_pages_join_chinese_lines(built):
    """docs/*.md wrap their paragraphs between Chinese characters (18 such breaks in the home page, about
    and the staff guide); the built pages show none of them as a space."""
    from conftest import ROOT
    from gongshi.render.cjk import CJK_BREAK

    wrapped = sum(len(CJK_BREAK.findall((ROOT / "docs" / name).read_text(encoding="utf-8")))
                  for name in ("index.md", "about.md", "staff/index.md"))
    assert wrapped >= 10  # the check below has something to find
    for path in ("", "about", "staff"):
        assert cjk_break_spaces(page(built, path)) == [], path
    # The check finds such a space where there is one.
    assert cjk_break_spaces("<article><p>问题，\n<strong>地方</strong></p></article>") == ["，\n地"]


def test_sections_have_anchor_links_beside_their_headings(built):
    """Record pages and the hand-written pages (not the home page) get a "#" beside each h2; the table of
    contents is read without them; every page loads the script that copies them."""
    issue = page(built, "issues/dc-test-01")
    assert ('<div class="gs-heading"><h2 id="measures">整改措施</h2>'
            '<a class="gs-anchor" href="#measures" aria-label="“整改措施”一节的链接">#</a></div>') in issue
    assert '<a class="gs-anchor" href="#measure-2" aria-label="第2条整改措施的链接">#</a>' in issue
    toc = issue[issue.index('<nav class="md-nav md-nav--secondary"'):]
    link = toc[toc.index('<a href="#measures" class="md-nav__link">'):]
    assert text_of(link[:link.index("</a>")]).strip() == "整改措施"
    about = page(built, "about")
    assert about.count('<div class="gs-heading"><h2 id=') == about.count("<h2 ") >= 3
    assert 'class="gs-heading"' not in page(built, "")
    for path in ("", "about", "issues", "issues/dc-test-01", "issues/dc-test-01/notice"):
        assert re.search(r'<script type="module" src="[./]*assets/gongshi-anchors\.js"></script>', page(built, path))
