"""The visible text of a built page's article, as a reader sees it."""

from __future__ import annotations

from html.parser import HTMLParser

_SKIP = {"script", "style", "template", "noscript", "svg"}
_BLOCK = {"p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "tr", "td", "th", "br", "section", "article", "ol", "ul", "table"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "param", "track"}


class _Article(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag in _VOID:
            if tag == "br" and self.depth:
                self.parts.append("\n")
            return
        attributes = dict(attrs)
        hidden = (
            tag in _SKIP or "hidden" in attributes or attributes.get("aria-hidden") == "true"
            or "data-pagefind-ignore" in attributes
        )
        self.stack.append((tag, hidden))
        if tag in _BLOCK and self.depth:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag in _BLOCK and self.depth:
            self.parts.append("\n")
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self._hidden():
            self.parts.append(data)


def article_text(html: str) -> str:
    parser = _Article()
    parser.feed(html)
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    return "\n".join(line for line in lines if line)
