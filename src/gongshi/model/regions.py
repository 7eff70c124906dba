"""Places in a region's text, and the tree of places the records are in.

A region's text names one place from the top down (湖南省益阳市沅江市 → 湖南省, 益阳市, 沅江市:
its levels), or several separated by "、" (湖南省岳阳市、益阳市). A later place that leaves out
the upper levels takes them from the place before it: 湖南省岳阳市、益阳市 is 湖南省岳阳市 and
湖南省益阳市. Text without an administrative suffix (a lake, 长江经济带) is one place of one level,
named by its text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

# A 乡 or 镇 right before 市, 县 or 区 is part of the name: 宁乡市, 湘乡市, 安乡县 (not 宁乡 + 市).
_ADMIN = re.compile(r".+?(?:自治区|自治州|特别行政区|地区|省|市|县|区|盟|旗|(?:镇|乡)(?![市县区旗])|街道)")
SEPARATOR = "、"

# Rank of a level: 0 province (and the four municipalities), 1 prefecture, 2 county, 3 township.
_PROVINCE = ("省", "自治区", "特别行政区")
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_PREFECTURE = ("自治州", "地区", "盟")
_COUNTY = ("县", "区", "旗")


def _rank(name: str, above: int | None) -> int:
    """A level's rank; `above`: the rank of the level before it in the same place (None: first).
    A 市 is a prefecture-level city, or a county-level one when it follows a city or prefecture."""
    if name.endswith(_PROVINCE) or name in _MUNICIPALITIES:
        return 0
    if name.endswith(_PREFECTURE):
        return 1
    if name.endswith("市"):
        return 2 if above is not None and above >= 1 else 1
    if name.endswith(_COUNTY):
        return 2
    return 3


def _name(text: str) -> str:
    """A level's name as it is used in paths and filters: without white space."""
    return "".join(text.split())


Segment = tuple[str, tuple[str, ...] | None]  # (text as written, the place it names or None)


@functools.lru_cache(maxsize=16384)  # records share their regions; each is asked for many times
def _parse(region: str | None) -> tuple[tuple[Segment, ...], tuple[tuple[str, ...], ...]]:
    """The region's segments (see region_segments) and the place each part names."""
    segments: list[Segment] = []
    places: list[tuple[str, ...]] = []
    if not region:
        return (), ()
    previous: list[tuple[str, int]] = []  # the levels and ranks of the last place with administrative levels
    for number, part in enumerate(region.split(SEPARATOR)):
        if number:
            segments.append((SEPARATOR, None))
        matches = list(_ADMIN.finditer(part))
        if not matches:
            name = _name(part)
            if name:
                start, end = len(part) - len(part.lstrip()), len(part.rstrip())
                segments += [(part[:start], None), (part[start:end], (name,)), (part[end:], None)]
                places.append((name,))
            else:
                segments.append((part, None))
            continue
        levels: list[tuple[str, int]] = []
        for index, match in enumerate(matches):
            text = match.group()
            name = _name(text)
            if index == 0:
                rank = _rank(name, None)
                if name.endswith("市") and rank == 1 and any(r == 2 for _, r in previous):
                    rank = 2  # 湖南省长沙市浏阳市、宁乡市: a county-level city beside the one before
                if rank > 0:  # the upper levels it leaves out: those of the place before it
                    levels = [(n, r) for n, r in previous if r < rank]
            else:
                rank = _rank(name, levels[-1][1])
            levels.append((name, rank))
            lead = len(text) - len(text.lstrip())
            if lead:
                segments.append((text[:lead], None))
            segments.append((text[lead:], tuple(n for n, _ in levels)))
        rest = part[matches[-1].end():]
        if rest:
            segments.append((rest, None))
        places.append(tuple(n for n, _ in levels))
        previous = levels
    return tuple(s for s in segments if s[0]), tuple(places)


def region_segments(region: str | None) -> list[Segment]:
    """The region's text cut into its levels, each with the place it names (the levels up to and
    including it), and the text between or after them (None): joined, the segments are the text.

    湖南省岳阳市、益阳市 → 湖南省 (湖南省), 岳阳市 (湖南省, 岳阳市), 、 (None), 益阳市 (湖南省, 益阳市)."""
    return list(_parse(region)[0])


def region_places(region: str | None) -> list[tuple[str, ...]]:
    """Each place the region's text names, as its levels from the top, in order and once:
    湖南省岳阳市、益阳市 → [(湖南省, 岳阳市), (湖南省, 益阳市)]."""
    return list(dict.fromkeys(_parse(region)[1]))


def region_levels(region: str | None) -> list[str]:
    """湖南省益阳市沅江市 → [湖南省, 益阳市, 沅江市]: every level of every place, once, so that a
    filter (or a feed) on any level finds it; 湖南省岳阳市、益阳市 → [湖南省, 岳阳市, 益阳市]."""
    names: dict[str, None] = {}
    for place in region_places(region):
        names.update(dict.fromkeys(place))
    return list(names)


@dataclass(eq=False)
class Region:
    """A place in the tree: its levels from the top, the places under it, and the records
    (by kind: record ids, in the order added) in it or in any place under it."""

    path: tuple[str, ...]
    children: dict[str, Region] = field(default_factory=dict)
    members: dict[str, dict[str, None]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def full_name(self) -> str:
        """湖南省益阳市沅江市: the names of its levels, as written together."""
        return "".join(self.path)

    @property
    def parents(self) -> list[tuple[str, ...]]:
        """The places above it, from the top."""
        return [self.path[:n] for n in range(1, len(self.path))]

    def ids(self, kind: str) -> list[str]:
        return list(self.members.get(kind, ()))

    def count(self, kind: str) -> int:
        return len(self.members.get(kind, ()))


class RegionTree:
    """Every place the records name, under the places above it (省 → 市 → 县 …)."""

    def __init__(self) -> None:
        self.roots: dict[str, Region] = {}

    def add(self, kind: str, record_id: str, region: str | None) -> None:
        """The record is in every place its region's text names, and in each place above them."""
        for place in region_places(region):
            children = self.roots
            for depth in range(1, len(place) + 1):
                node = children.get(place[depth - 1])
                if node is None:
                    node = children[place[depth - 1]] = Region(place[:depth])
                node.members.setdefault(kind, {})[record_id] = None
                children = node.children

    def get(self, path: Iterable[str]) -> Region | None:
        node: Region | None = None
        children = self.roots
        for name in path:
            node = children.get(name)
            if node is None:
                return None
            children = node.children
        return node

    def sort(self, kinds: tuple[str, ...]) -> None:
        """Order the places under each place (and the top ones): most records of the first kind
        first, then of the next kind …, then by name."""
        def key(node: Region):
            return (*(-node.count(k) for k in kinds), node.name)

        def ordered(children: dict[str, Region]) -> dict[str, Region]:
            for node in children.values():
                node.children = ordered(node.children)
            return {node.name: node for node in sorted(children.values(), key=key)}

        self.roots = ordered(self.roots)

    def __iter__(self) -> Iterator[Region]:
        """Every place, each before the places under it."""
        stack = list(reversed(self.roots.values()))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children.values()))

    def __len__(self) -> int:
        return sum(1 for _ in self)
