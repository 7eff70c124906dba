"""The post-build safety scan and the Content-Security-Policy: each kind of unsafe markup is found, the
policy hashes exactly the known inline scripts. (On built sites: tests/builds/test_safety_builds.py.)"""

from __future__ import annotations

import pytest

from gongshi.adapters.mkdocs.plugin import theme_scripts
from gongshi.checks.csp import UnknownScript, add_policy, policy_for, sha256
from gongshi.checks.safety import scan_html
from sitebuild import wrap

THEME = theme_scripts()

THEME_BASE = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
              '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
              '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')


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
    "script in another assets folder": '<script src="../../assets/javascripts/x.js"></script>',
    "script below assets/search/": '<script src="../../assets/search/x/ui.js"></script>',
    "unknown script type": '<script type="text/ecmascript">alert(1)</script>',
}


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_each_kind_of_unsafe_markup_is_found(name):
    findings = scan_html(wrap(UNSAFE[name]), THEME, "issues/x/index.html")
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
    '<script type="module" src="../../assets/search/ui.js"></script>',
    '<script type="module" src="../../pagefind/pagefind.js"></script>',
    f"<script>{THEME_BASE}</script>",
    '<script>var target=document.getElementById(location.hash.slice(1));'
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>',
    '<svg viewBox="0 0 10 10"><rect width="5" height="5"></rect></svg>',
]


@pytest.mark.parametrize("body", SAFE)
def test_safe_markup_passes(body):
    assert scan_html(wrap(body), THEME, "issues/x/index.html") == []


def test_site_absolute_scripts_are_judged_from_the_base_path():
    html = wrap('<script src="/zhenggai/assets/javascripts/bundle.79ae519e.min.js"></script>')
    assert scan_html(html, THEME, "404.html", "/zhenggai/") == []
    assert scan_html(html, THEME, "404.html", "/other/") != []


def test_theme_scripts_are_read_from_the_installed_theme():
    assert THEME.is_known_inline(THEME_BASE)
    assert THEME.is_known_inline(THEME_BASE.replace('"../.."', '"."'))
    assert not THEME.is_known_inline(THEME_BASE.replace('"../.."', '"x",alert(1),"'))  # no quote may be filled in
    assert not THEME.is_known_inline(THEME_BASE + ";alert(1)")


def test_policy_hashes_exactly_the_inline_scripts():
    page = wrap(f"<script>{THEME_BASE}</script><script id=__config type=application/json>{{}}</script>"
                '<script src="../assets/x.js"></script>')
    policy = policy_for(page, THEME)
    assert policy.count("'sha256-") == 1 and sha256(THEME_BASE) in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for directive in ("default-src 'self'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'",
                      "form-action 'self'", "img-src 'self' data:"):
        assert directive in policy
    out = add_policy(page, THEME)
    assert out.index('http-equiv="Content-Security-Policy"') < out.index("<script")
    with pytest.raises(UnknownScript):
        policy_for(wrap("<script>alert(1)</script>"), THEME)


def test_the_sweep_reads_back_the_files_not_seen_when_written(tmp_path):
    from gongshi.checks.safety import WrittenScan

    bad, good = wrap('<p onclick="x()">x</p>'), wrap("<p>x</p>")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(bad, encoding="utf-8")  # e.g. copied from docs/: never seen
    (tmp_path / "b.html").write_text(good, encoding="utf-8")
    (tmp_path / "c.html").write_text(good, encoding="utf-8")
    scan = WrittenScan(THEME, "/")
    scan.page(bad, "b.html")  # scanned as written
    scan.page(good, "c.html")
    pages, findings = scan.sweep(tmp_path)
    assert pages == 3
    assert [f.page for f in findings] == ["a/index.html", "b.html"]
