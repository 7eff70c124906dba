"""Accessible bar charts drawn at build time (no chart library, no CDN).

Labels and values are HTML text, laid out by CSS (gongshi.css, "Typography and anchors"): they keep
the page's font size on any screen, where an SVG drawing scaled into a phone's width shrank its text
to 7–9 px. Only each bar is a small SVG, stretched across its column: its length is an SVG attribute,
as the site's Content-Security-Policy allows no inline style. Each chart has a text alternative
(role="img" and an aria-label with every number) and the template puts the same numbers in a table
beside it.
"""

from __future__ import annotations

from markupsafe import Markup, escape


def bar_chart(title: str, rows: list[tuple[str, int]], unit: str, chart_id: str) -> Markup:
    """Horizontal bars, the largest value full width; each label and value printed as text beside its bar.

    chart_id comes from the caller (unique on the page): a process-wide counter
    would number charts differently in every build of a `mkdocs serve` session."""
    top = max((value for _, value in rows), default=0) or 1
    summary = f"{title}：" + "，".join(f"{label} {value}{unit}" for label, value in rows) if rows else title
    parts = [f'<div class="gs-chart" id="{escape(chart_id)}" role="img" aria-label="{escape(summary)}">']
    for label, value in rows:
        # A hair's width for the smallest non-zero values, so that they are seen to be there.
        share = 0 if value <= 0 else max(100 * value / top, 0.5)
        parts.append(
            f'<span class="gs-chart__label">{escape(label)}</span>'
            '<svg class="gs-chart__bar" viewBox="0 0 100 1" preserveAspectRatio="none">'
            f'<rect width="{share:.4g}" height="1"></rect></svg>'
            f'<span class="gs-chart__value">{value}{escape(unit)}</span>'
        )
    parts.append("</div>")
    return Markup("".join(parts))
