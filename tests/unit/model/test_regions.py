"""Places in a region's text, and the tree of places (model/regions.py)."""

import pytest

from gongshi.model.regions import RegionTree, region_levels, region_places, region_segments


@pytest.mark.parametrize(("text", "places"), [
    ("湖南省益阳市沅江市", [("湖南省", "益阳市", "沅江市")]),
    ("湖南省", [("湖南省",)]),
    # Text after the last level (an office's name) names no place.
    ("湖南省益阳市生态环境局及所属分局", [("湖南省", "益阳市")]),
    # No administrative suffix: one place, named by its text.
    ("长江经济带", [("长江经济带",)]),
    (" 洞庭湖 ", [("洞庭湖",)]),
    # Several places: a later one that leaves out the upper levels takes them from the one before.
    ("湖南省岳阳市、益阳市", [("湖南省", "岳阳市"), ("湖南省", "益阳市")]),
    ("安徽省、江西省、湖南省、云南省", [("安徽省",), ("江西省",), ("湖南省",), ("云南省",)]),
    ("湖南省益阳市沅江市、赫山区", [("湖南省", "益阳市", "沅江市"), ("湖南省", "益阳市", "赫山区")]),
    ("湖南省岳阳市、益阳市沅江市、赫山区",
     [("湖南省", "岳阳市"), ("湖南省", "益阳市", "沅江市"), ("湖南省", "益阳市", "赫山区")]),
    ("湖南省长沙市浏阳市、宁乡市", [("湖南省", "长沙市", "浏阳市"), ("湖南省", "长沙市", "宁乡市")]),
    ("北京市朝阳区、海淀区", [("北京市", "朝阳区"), ("北京市", "海淀区")]),
    ("内蒙古自治区呼伦贝尔市、兴安盟", [("内蒙古自治区", "呼伦贝尔市"), ("内蒙古自治区", "兴安盟")]),
    ("江西省赣州市、湖南省", [("江西省", "赣州市"), ("湖南省",)]),  # a province starts afresh
    ("湖南省、洞庭湖、益阳市", [("湖南省",), ("洞庭湖",), ("湖南省", "益阳市")]),
    ("湖南省益阳市、湖南省益阳市", [("湖南省", "益阳市")]),  # once
    # A 乡 or 镇 inside a name is not a level of its own.
    ("湖南省常德市安乡县", [("湖南省", "常德市", "安乡县")]),
    ("湖南省湘潭市湘乡市", [("湖南省", "湘潭市", "湘乡市")]),
    ("江苏省镇江市", [("江苏省", "镇江市")]),
    ("湖南省益阳市沅江市琼湖街道", [("湖南省", "益阳市", "沅江市", "琼湖街道")]),
    ("", []),
    (None, []),
])
def test_places(text, places):
    assert region_places(text) == places


def test_levels_are_every_level_of_every_place_once():
    assert region_levels("湖南省益阳市沅江市") == ["湖南省", "益阳市", "沅江市"]
    assert region_levels("湖南省岳阳市、益阳市") == ["湖南省", "岳阳市", "益阳市"]
    assert region_levels("洞庭湖、鄱阳湖") == ["洞庭湖", "鄱阳湖"]
    assert region_levels(None) == []


@pytest.mark.parametrize("text", [
    "湖南省益阳市沅江市", "湖南省岳阳市、益阳市", "湖南省益阳市生态环境局及所属分局", " 洞庭湖 、 湖南省 益阳市",
    "、湖南省、", "长江经济带",
])
def test_segments_are_the_text(text):
    assert "".join(t for t, _ in region_segments(text)) == text


def test_segments_name_each_place_by_its_levels():
    assert region_segments("湖南省岳阳市、益阳市") == [
        ("湖南省", ("湖南省",)), ("岳阳市", ("湖南省", "岳阳市")), ("、", None), ("益阳市", ("湖南省", "益阳市"))]
    assert region_segments("湖南省益阳市生态环境局") == [
        ("湖南省", ("湖南省",)), ("益阳市", ("湖南省", "益阳市")), ("生态环境局", None)]
    # White space is not part of a place's name (nor of its link).
    assert region_segments(" 湖南省 益阳市") == [
        (" ", None), ("湖南省", ("湖南省",)), (" ", None), ("益阳市", ("湖南省", "益阳市"))]


def tree(*records):
    t = RegionTree()
    for kind, record_id, region in records:
        t.add(kind, record_id, region)
    return t


def test_a_place_holds_the_records_of_the_places_under_it():
    t = tree(("issues", "a", "湖南省益阳市沅江市"), ("issues", "b", "湖南省益阳市"), ("issues", "c", "湖南省"),
             ("petitions", "p", "湖南省永州市零陵区"))
    assert t.get(["湖南省"]).ids("issues") == ["a", "b", "c"]
    assert t.get(["湖南省", "益阳市"]).ids("issues") == ["a", "b"]
    assert t.get(["湖南省", "益阳市", "沅江市"]).ids("issues") == ["a"]
    # An issue of 湖南省 alone is in no city.
    assert all("c" not in city.ids("issues") for city in t.get(["湖南省"]).children.values())
    assert t.get(["湖南省"]).count("petitions") == 1 and t.get(["湖南省", "益阳市"]).count("petitions") == 0
    assert t.get(["湖南省", "永州市", "零陵区"]).ids("petitions") == ["p"]
    assert t.get(["湖南省", "长沙市"]) is None and t.get(["益阳市"]) is None


def test_a_record_in_several_places_is_in_each_and_counted_once_above_them():
    t = tree(("issues", "a", "湖南省岳阳市、益阳市"))
    assert t.get(["湖南省", "岳阳市"]).ids("issues") == ["a"]
    assert t.get(["湖南省", "益阳市"]).ids("issues") == ["a"]
    assert t.get(["湖南省"]).count("issues") == 1


def test_text_without_a_suffix_is_a_top_place():
    t = tree(("issues", "a", "长江经济带"), ("issues", "b", "湖南省"))
    assert list(t.roots) == ["长江经济带", "湖南省"]
    assert t.get(["长江经济带"]).path == ("长江经济带",) and not t.get(["长江经济带"]).children


def test_region_names_and_parents():
    t = tree(("issues", "a", "湖南省益阳市沅江市"))
    county = t.get(["湖南省", "益阳市", "沅江市"])
    assert county.name == "沅江市" and county.full_name == "湖南省益阳市沅江市"
    assert county.parents == [("湖南省",), ("湖南省", "益阳市")]


def test_order_most_records_first_then_name_and_parents_before_children():
    t = tree(("issues", "1", "湖南省益阳市"), ("issues", "2", "江西省南昌市"), ("issues", "3", "江西省赣州市"),
             ("petitions", "p", "湖南省永州市"), ("units", "u", "云南省"))
    t.sort(("issues", "petitions"))
    assert list(t.roots) == ["江西省", "湖南省", "云南省"]
    assert list(t.get(["湖南省"]).children) == ["益阳市", "永州市"]
    assert [r.path for r in t] == [
        ("江西省",), ("江西省", "南昌市"), ("江西省", "赣州市"), ("湖南省",), ("湖南省", "益阳市"),
        ("湖南省", "永州市"), ("云南省",)]
    assert len(t) == 7
