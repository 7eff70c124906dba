"""Atom feeds of sign-off notices, dated progress and changes to issues, written with feedgen.

One feed for the site, one per source and one per region (province and city
levels). Entry ids are tag URIs built from record ids, so they never change;
entries are newest first; dates are the notices' own dates, so the same data
gives the same feed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from feedgen.feed import FeedGenerator

from gongshi.model.dates import CHINA
from gongshi.site import urls
from gongshi.site.site import Site
from gongshi.site.updates import TAG, Update, updates


def _timestamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=CHINA)


def feed(items: list[Update], title: str, self_path: str, site_url: str | None, today: dt.date,
         author: str, entries: dict[int, bytes] | None = None) -> bytes:
    """One feed. `entries`: each update's <entry> as feedgen writes it, by id(update), shared by the feeds
    of one build: an update is in several feeds (the site's, its source's, its regions'), its entry the same."""
    base = (site_url or "/").rstrip("/") + "/"
    fg = FeedGenerator()
    fg.id(f"{TAG}:feed/{self_path}")
    fg.title(title)
    fg.author({"name": author})  # RFC 4287: a feed whose entries have no author of their own needs one
    fg.language("zh")
    fg.link(href=base, rel="alternate")
    fg.link(href=base + self_path, rel="self")
    fg.updated(_timestamp(items[0].date) if items else _timestamp(today))
    fg.generator("gongshi")
    entries = {} if entries is None else entries
    new = [item for item in items if id(item) not in entries]
    for item in reversed(new):  # feedgen prepends: add oldest first to write newest first
        entry = fg.add_entry()
        entry.id(item.id)
        entry.title(item.title)
        entry.link(href=base + item.path)
        entry.updated(_timestamp(item.date))
        entry.published(_timestamp(item.date))
        entry.summary(item.summary)
    written = fg.atom_str(pretty=True)
    # The entries follow the feed's own elements, each "  <entry>" … "  </entry>\n" (text in them is escaped).
    end = written.rindex(b"</feed>")
    start = written.find(_ENTRY)
    head = written[:start if start >= 0 else end]
    if new:
        blocks = written[start + len(_ENTRY):end].split(_ENTRY)
        entries.update((id(item), _ENTRY + block) for item, block in zip(new, blocks, strict=True))
    return head + b"".join(entries[id(item)] for item in items) + written[end:]


_ENTRY = b"  <entry>"


def grouped(site: Site) -> dict[str, tuple[str, list[Update]]]:
    """Feed path → (title, entries) of every feed that has entries."""
    items = updates(site)
    name = site.data.settings.site_name
    groups: dict[str, tuple[str, list[Update]]] = {urls.NOTICES_FEED: (f"{name}：整改销号公示与进展", items)}
    by_source: dict[str, list[Update]] = defaultdict(list)
    by_region: dict[str, list[Update]] = defaultdict(list)
    for item in items:
        by_source[item.source].append(item)
        for region in item.regions:
            by_region[region].append(item)
    for source_id, group in sorted(by_source.items()):
        groups[urls.source_feed(source_id)] = (f"{name}：{site.data.sources[source_id].name}", group)
    for region, group in sorted(by_region.items()):
        groups[urls.region_feed(region)] = (f"{name}：{region}", group)
    return groups


def author(site: Site) -> str:
    """Who publishes the feeds: the owner unit when the settings name one, else the site."""
    settings = site.data.settings
    if settings.owner and settings.owner in site.data.units:
        return site.data.units[settings.owner].name
    return settings.site_name


def write(site: Site, site_url: str | None, sink, groups=None) -> dict[str, str]:
    """Write every feed that has entries to sink, one at a time; return feed path → title.
    `groups`: grouped(site), if already known."""
    groups = grouped(site) if groups is None else groups
    name = author(site)
    entries: dict[int, bytes] = {}
    for path, (title, group) in groups.items():
        sink.write(path, feed(group, title, path, site_url, site.today, name, entries))
    return {path: title for path, (title, _) in groups.items()}
