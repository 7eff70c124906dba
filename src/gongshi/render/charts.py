"""Accessible SVG bar charts drawn at build time (no chart library, no CDN).

Each chart has a text alternative (role="img", <title>, aria-labelledby) and
the template puts the same numbers in a table beside it.
"""

from __future__ import annotations

from markupsafe import Markup, escape

ROW = 30
LABEL_WIDTH = 170
BAR_WIDTH = 380
WIDTH = LABEL_WIDTH + BAR_WIDTH + 70
MAX_LABEL = 11  # characters that fit in LABEL_WIDTH at 14px

def bar_chart(title: str, rows: list[tuple[str, int]], unit: str, chart_id: str) -> Markup:
    """Horizontal bars, largest value full width; each value printed as text too.

    chart_id comes from the caller (unique on the page): a process-wide counter
    would number charts differently in every build of a `mkdocs serve` session."""
    top = max((value for _, value in rows), default=0) or 1
    height = ROW * max(len(rows), 1) + 10
    parts = [
        f'<svg class="gs-chart" role="img" aria-labelledby="{chart_id}" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}">{escape(title)}：'
        f'{escape("，".join(f"{label} {value}{unit}" for label, value in rows))}</title>',
    ]
    for i, (label, value) in enumerate(rows):
        y = 5 + i * ROW
        # Long names are shortened in the drawing only; the <title> and the table beside carry them in full.
        label = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
        width = round(BAR_WIDTH * value / top)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end" class="gs-chart__label">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{max(width, 1)}" height="{ROW - 10}" '
            'class="gs-chart__bar"></rect>'
            f'<text x="{LABEL_WIDTH + max(width, 1) + 6}" y="{y + 19}" '
            f'class="gs-chart__value">{value}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
