"""The Content-Security-Policy in a real browser: every page kind works with no violation."""

from __future__ import annotations

import re

import pytest

from searchpage import run_search

# Recorded before any page script runs (playwright's init scripts are not subject to the page's CSP).
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""

PAGES = ["", "issues/", "issues/yylq-2021-01/", "issues/yylq-2021-01/notice/", "notices/", "calendar/",
         "contacts/", "units/", "sources/", "petitions/D1YZ202000131/", "stats/", "opendata/", "about/",
         "staff/"]


@pytest.fixture
def watched(chromium):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors: list[str] = []
    # Console errors other than failed loads (those are named by URL below).
    page.on("console",
            lambda m: errors.append(m.text) if m.type == "error" and "Failed to load" not in m.text else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_every_page_kind_has_the_policy_and_no_violation(served_sample_site, watched):
    _site, url = served_sample_site
    page, errors = watched
    for path in PAGES:
        page.goto(url + path)
        page.wait_for_load_state("load")
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert "script-src 'self' 'sha256-" in policy and "object-src 'none'" in policy, path
        # The theme's script ran (it marks the document), so its hash was accepted.
        assert page.evaluate("typeof __md_get") == "function", path
        assert violations(page) == [], path
    assert errors == []
    # The 404 page links its assets from the site's public path (/zhenggai/), absent on this
    # server: only its inline scripts are checked here.
    page.goto(url + "404.html")
    assert page.evaluate("typeof __md_get") == "function"
    assert violations(page) == []


def test_search_and_filters_run_under_the_policy(served_sample_site, watched):
    _, url = served_sample_site
    page, errors = watched
    results = run_search(page, url, {"q": "洞庭湖"})
    assert results  # pagefind's WebAssembly ran
    page.check("input[name=type][value='问题']")
    page.wait_for_function("location.search.includes('type=')")
    page.wait_for_selector("#gs-search[data-ready=true]")
    assert violations(page) == []
    assert errors == []


def test_copy_and_print_helpers_run_under_the_policy(served_sample_site, watched):
    _, url = served_sample_site
    page, errors = watched
    page.goto(url + "issues/yylq-2021-01/notice/")
    page.click("button.gs-copy[data-copy]")
    page.wait_for_function("[...document.querySelectorAll('button.gs-copy')].some(b => b.textContent !== '复制')")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.eval_on_selector_all(".gs-print-url", "n => n.length") > 0
    assert violations(page) == []
    assert errors == []


def test_an_injected_inline_script_is_blocked(served_sample_site, watched, tmp_path):
    """The policy is enforced, not decorative: a script the theme did not write does not run."""
    site, url = served_sample_site
    page, _ = watched
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    (site / "about" / "injected.html").write_text(
        re.sub("</body>",
               "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"></body>", html),
        encoding="utf-8")
    try:
        page.goto(url + "about/injected.html")
        page.wait_for_load_state("load")
        assert page.title() != "pwned"
        assert len(violations(page)) >= 2
    finally:
        (site / "about" / "injected.html").unlink()


def test_payloads_shown_as_text_stay_text_in_the_page_and_in_search(tmp_path, chromium):
    """Data text that looks like markup is shown as text on its page and in search results,
    and nothing runs: no dialog, no CSP violation."""
    import shutil

    from conftest import ROOT
    from gongshi.dev.browser import serve
    from sitebuild import build

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(ROOT / "tests" / "bad_inputs" / "xss-plain-fields.yml", data / "issues" / "xss-plain-fields.yml")
    code, site = build(tmp_path, data)
    assert code == 0
    context = chromium.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(site) as url:
        page.goto(url + "issues/xss-plain-fields/")
        assert "<img src=x onerror=alert(3)><svg onload=alert(4)>" in page.inner_text("article")
        results = run_search(page, url, {"q": "onerror=alert(3)"})
        assert results == ["issues/xss-plain-fields/"]
        # Found by a label (the excerpt is the record's own text): the title's payload is shown as text.
        assert '标题" onmouseover="alert(1)" x="' in page.inner_text(".gs-result h3")
        assert page.eval_on_selector_all(".gs-result img, .gs-result svg[onload], .gs-result script",
                                         "n => n.length") == 0
        assert violations(page) == []
    assert dialogs == []
    context.close()
