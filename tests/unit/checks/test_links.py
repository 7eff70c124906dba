"""The internal link checker (on built sites: tests/builds/test_build.py and test_sample_data.py)."""


def test_link_checker_finds_broken_links(tmp_path):
    from gongshi.checks.links import check_site

    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#x">ok</a><a href="b/">gone</a><a href="a/#nope">bad</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">x</h2>')
    assert sorted(b.href for b in check_site(tmp_path)) == ["a/#nope", "b/"]
