"""The post-build safety scan on built sites: the sample site is clean and every page has the policy;
an unsafe page, a hand-written inline script or a copied HTML file fails the build."""

from __future__ import annotations

import shutil
import subprocess
import time

from conftest import ROOT
from gongshi.adapters.mkdocs.plugin import theme_scripts
from gongshi.checks.safety import scan_site
from gongshi.runtime.settings import SETTINGS
from sitebuild import build, wrap


def test_sample_site_is_clean_and_every_page_has_the_policy(tmp_path, sample_site):
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)  # a copy: pages are tampered with below
    started = time.perf_counter()
    pages, findings = scan_site(site, theme_scripts(), "/zhenggai/")
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
    saved, SETTINGS.scan_parallel_from = SETTINGS.scan_parallel_from, 1
    try:
        assert scan_site(site, theme_scripts(), "/zhenggai/", workers=2) == (pages, [])
        (site / "x.html").write_text(wrap('<a href="javascript:x()">x</a>'), encoding="utf-8")
        assert [f.page for f in scan_site(site, theme_scripts(), "/zhenggai/", workers=2)[1]] == ["x.html"]
        (site / "x.html").unlink()
    finally:
        SETTINGS.scan_parallel_from = saved
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
    monkeypatch.setattr(Renderer, "render_footer",
                        lambda self, path: original(self, path) + '<b onmouseover="x()">!</b>')
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
