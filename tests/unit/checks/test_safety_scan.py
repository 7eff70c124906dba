"""The post-build safety scan: each kind of unsafe markup is found; the real site is clean."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from conftest import ROOT
from gongshi.checks.csp import add_policy, is_known_inline, policy_for, sha256, UnknownScript
from gongshi.checks.safety import scan_html, scan_site
from sitebuild import build

THEME_BASE = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
              '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
              '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')


def wrap(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang=zh><head><meta charset=utf-8>{head}<title>t</title></head><body>{body}</body></html>"


UNSAFE = {
    "onclick": '<p onclick="alert(1)">x</p>',
    "upper-case handler": '<p ONMOUSEOVER="alert(1)">x</p>',
    "svg onload": '<svg onload="alert(1)"></svg>',
    "img onerror": "<img src=x onerror=alert(1)>",
    "javascript href": '<a href="javascript:alert(1)">x</a>',
    "mixed case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "entity encoded": '<a href="&#106;avascript:alert(1)">x</a>',
    "hex entity, tab": '<a href="&#x6A;ava&#x09;script:alert(1)">x</a>',
    "leading space": '<a href="  javascript:alert(1)">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data href": '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "data img": '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "form action": '<form action="javascript:alert(1)"><button>x</button></form>',
    "formaction": '<form><button formaction="javascript:alert(1)">x</button></form>',
    "srcset": '<img src="a.png" srcset="a.png 1x, javascript:alert(1) 2x">',
    "xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "style url": '<p style="background:url(javascript:alert(1))">x</p>',
    "style escaped url": '<p style="background:url(\'\\6a avascript:alert(1)\')">x</p>',
    "style element": "<style>p{background:url(data:text/html,x)}</style>",
    "iframe": '<iframe src="https://example.test/"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "frame": "<frameset><frame src=x></frameset>",
    "base": '<base href="https://evil.test/">',
    "meta refresh": '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    "inline script": "<script>alert(1)</script>",
    "inline module": '<script type="module">import("https://evil.test/x.js")</script>',
    "external script": '<script src="https://cdn.example.test/x.js"></script>',
    "protocol-relative script": '<script src="//cdn.example.test/x.js"></script>',
    "script outside assets": '<script src="issues/x.js"></script>',
    "script escaping the site": '<script src="../../../assets/gongshi-page.js"></script>',
    "unknown script type": '<script type="text/ecmascript">alert(1)</script>',
}


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_each_kind_of_unsafe_markup_is_found(name):
    findings = scan_html(wrap(UNSAFE[name]), "issues/x/index.html")
    assert findings, name
    assert all(f.startswith("第 ") for f in findings)  # with the line


SAFE = [
    '<a href="https://www.mee.gov.cn/">部网站</a> <a href="tel:07308245473">电话</a> <a href="mailto:a@b.cn">邮件</a>',
    '<a href="../../units/x/#contact">单位</a> <img src="../../assets/images/favicon.png" alt="">',
    '<p>文字中的 javascript: 和 onclick= 只是文字</p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code>',
    '<p data-copy="cite-gbt" title="onerror">属性值中的字样</p>',
    '<script id="__config" type="application/json">{"base": "../.."}</script>',
    '<script src="../../assets/javascripts/bundle.79ae519e.min.js"></script>',
    '<script type="module" src="../../assets/gongshi-page.js"></script>',
    '<script type="module" src="../../pagefind/pagefind.js"></script>',
    f"<script>{THEME_BASE}</script>",
    '<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>',
    '<svg viewBox="0 0 10 10"><rect width="5" height="5"></rect></svg>',
]


@pytest.mark.parametrize("body", SAFE)
def test_safe_markup_passes(body):
    assert scan_html(wrap(body), "issues/x/index.html") == []


def test_site_absolute_scripts_are_judged_from_the_base_path():
    html = wrap('<script src="/zhenggai/assets/javascripts/bundle.79ae519e.min.js"></script>')
    assert scan_html(html, "404.html", "/zhenggai/") == []
    assert scan_html(html, "404.html", "/other/") != []


def test_theme_scripts_are_read_from_the_installed_theme():
    assert is_known_inline(THEME_BASE)
    assert is_known_inline(THEME_BASE.replace('"../.."', '"."'))
    assert not is_known_inline(THEME_BASE.replace('"../.."', '"x",alert(1),"'))  # no quote may be filled in
    assert not is_known_inline(THEME_BASE + ";alert(1)")


def test_policy_hashes_exactly_the_inline_scripts():
    page = wrap(f"<script>{THEME_BASE}</script><script id=__config type=application/json>{{}}</script>"
                '<script src="../assets/x.js"></script>')
    policy = policy_for(page)
    assert policy.count("'sha256-") == 1 and sha256(THEME_BASE) in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for directive in ("default-src 'self'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'",
                      "form-action 'self'", "img-src 'self' data:"):
        assert directive in policy
    out = add_policy(page)
    assert out.index('http-equiv="Content-Security-Policy"') < out.index("<script")
    with pytest.raises(UnknownScript):
        policy_for(wrap("<script>alert(1)</script>"))


def test_sample_site_is_clean_and_every_page_has_the_policy(tmp_path, sample_site):
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)  # a copy: pages are tampered with below
    started = time.perf_counter()
    pages, findings = scan_site(site, "/zhenggai/")
    per_page = (time.perf_counter() - started) / pages
    print(f"\nsafety scan: {pages} pages, {per_page * 1000:.2f} ms per page")
    assert pages > 100 and findings == []
    assert per_page < 0.01  # 10,000 pages in well under 100 s even on one core
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<head" in html:
            assert html.count('http-equiv="Content-Security-Policy"') == 1, path
            # A meta policy only covers what follows it: it must come before every script.
            assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script"), path
    # Large sites are scanned by worker processes: the same answer.
    from gongshi.checks import safety

    saved, safety.PARALLEL_FROM = safety.PARALLEL_FROM, 1
    try:
        assert scan_site(site, "/zhenggai/", workers=2) == (pages, [])
        (site / "x.html").write_text(wrap('<a href="javascript:x()">x</a>'), encoding="utf-8")
        assert [f.page for f in scan_site(site, "/zhenggai/", workers=2)[1]] == ["x.html"]
        (site / "x.html").unlink()
    finally:
        safety.PARALLEL_FROM = saved
    # The command line gives the same answer, and fails on a tampered page.
    script = ROOT / "scripts" / "check-safety"
    ok = subprocess.run([script, str(site), "--base-path", "/zhenggai/"], capture_output=True, text=True)
    assert ok.returncode == 0 and "0 处问题" in ok.stderr
    about = site / "about" / "index.html"
    about.write_text(about.read_text(encoding="utf-8").replace("</body>", '<a href="javascript:alert(1)">x</a></body>'),
                     encoding="utf-8")
    bad = subprocess.run([script, str(site), "--base-path", "/zhenggai/"], capture_output=True, text=True)
    assert bad.returncode == 1 and "about/index.html" in bad.stdout and "javascript:alert(1)" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_a_build_whose_output_is_unsafe_fails_and_keeps_the_old_site(tmp_path, small_data, capsys, monkeypatch):
    code, site = build(tmp_path, small_data)
    assert code == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    # A template mistake that lets a handler through: the scan stops the build.
    from gongshi.render.engine import Renderer

    original = Renderer.render_footer
    monkeypatch.setattr(Renderer, "render_footer", lambda self, path: original(self, path) + '<b onmouseover="x()">!</b>')
    code, site = build(tmp_path, small_data)
    assert code == 1
    err = capsys.readouterr().err
    assert "安全检查发现" in err and "onmouseover" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_hand_written_page_with_its_own_inline_script_fails_the_build(tmp_path, small_data, capsys):
    from sitebuild import _make_project

    _make_project(tmp_path, small_data)  # writes docs/, then add a page to it
    (tmp_path / "docs" / "extra.md").write_text("# 附加\n\n<script>document.title = 1</script>\n", encoding="utf-8")
    code, _ = build(tmp_path, small_data, strict=False)
    err = capsys.readouterr().err
    assert code == 1
    assert "extra.md: 页面含有不在允许列表中的内嵌脚本" in err and "Traceback" not in err


def test_an_html_file_copied_from_docs_is_swept_after_the_pages(tmp_path, small_data, capsys):
    """Pages are scanned as they are written; any other HTML file (a static copy) by the sweep."""
    from sitebuild import _make_project

    _make_project(tmp_path, small_data)
    (tmp_path / "docs" / "raw.html").write_text(wrap('<a href="#" onclick="steal()">x</a>'), encoding="utf-8")
    code, _ = build(tmp_path, small_data, strict=False)
    err = capsys.readouterr().err
    assert code == 1
    assert "raw.html: 第 1 行 <a> 含有事件属性 onclick=" in err and "Traceback" not in err


def test_deferred_pages_are_read_back_from_disk_by_the_sweep(tmp_path):
    from gongshi.checks.safety import WrittenScan

    bad, good = wrap('<p onclick="x()">x</p>'), wrap("<p>x</p>")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(bad, encoding="utf-8")
    (tmp_path / "b.html").write_text(good, encoding="utf-8")
    scan = WrittenScan("/", defer=1)
    scan.page(good, "a/index.html")  # deferred: what counts is the file written
    scan.page(bad, "b.html")  # scanned now
    pages, findings = scan.sweep(tmp_path)
    assert pages == 2
    assert [f.page for f in findings] == ["a/index.html", "b.html"]
