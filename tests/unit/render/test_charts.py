"""Bar charts as HTML text (labels and values) with a stretched SVG bar each."""

import re

from gongshi.render.charts import bar_chart


def test_a_chart_is_text_with_bars_and_a_text_alternative():
    html = str(bar_chart("按状态", [("整改中", 11), ("公示期满", 1), ("未公布", 0), ("<b>&", 22)], "个", "c-1"))
    assert html.startswith('<div class="gs-chart" id="c-1" role="img" '
                           'aria-label="按状态：整改中 11个，公示期满 1个，未公布 0个，&lt;b&gt;&amp; 22个">')
    labels = re.findall(r'<span class="gs-chart__label">([^<]*)</span>', html)
    values = re.findall(r'<span class="gs-chart__value">([^<]*)</span>', html)
    assert labels == ["整改中", "公示期满", "未公布", "&lt;b&gt;&amp;"]  # escaped, never shortened
    assert values == ["11个", "1个", "0个", "22个"]
    # Bar lengths in hundredths of their column: the largest value fills it, a small one shows, zero is empty.
    assert re.findall(r'<rect width="([^"]*)"', html) == ["50", "4.545", "0", "100"]
    assert "style=" not in html  # the Content-Security-Policy allows no inline style


def test_long_labels_are_kept_whole():
    label = "省生态环境厅党组第九巡察组对益阳市生态环境局专项巡察"
    assert f'<span class="gs-chart__label">{label}</span>' in str(bar_chart("按督察来源", [(label, 19)], "个", "c"))


def test_an_empty_chart_has_no_rows():
    empty = '<div class="gs-chart" id="c" role="img" aria-label="按状态"></div>'
    assert str(bar_chart("按状态", [], "个", "c")) == empty
