"""A "#" link beside each section heading (render/anchors.py), outside the heading itself."""

from gongshi.render.anchors import heading_anchors
from gongshi.render.engine import Renderer


def test_each_h2_gets_a_named_link_beside_it():
    body = '<h2 id="problem">问题</h2>\n<p>文字</p>\n<h2 id="q" class="x">“引号” &amp; <em>强调</em></h2>'
    out = heading_anchors(body)
    assert out == ('<div class="gs-heading"><h2 id="problem">问题</h2>'
                   '<a class="gs-anchor" href="#problem" aria-label="“问题”一节的链接">#</a></div>\n<p>文字</p>\n'
                   '<div class="gs-heading"><h2 id="q" class="x">“引号” &amp; <em>强调</em></h2>'
                   '<a class="gs-anchor" href="#q" aria-label="““引号” &amp; 强调”一节的链接">#</a></div>')
    # The table of contents read from the page is the same with or without them.
    assert Renderer.toc(out) == Renderer.toc(body) == [("problem", "问题"), ("q", "“引号” & 强调")]


def test_headings_without_an_id_and_other_levels_are_left_alone():
    body = "<h1>标题</h1><h2>无编号</h2><h3 id=\"x\">小节</h3>"
    assert heading_anchors(body) == body
