"""The strict reader keeps text as typed and refuses surprising YAML, with lines."""

import pytest

from gongshi.data.strict_yaml import Mapping, YamlProblem, decode, line_of, parse, to_python


def problem_of(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as info:
        parse(text)
    return info.value


def test_scalars_stay_text():
    data = to_python(parse("id: NO\nnum: 012\nday: 2023-10-13\nflag: yes\nempty:\nq: ''\n"))
    assert data == {"id": "NO", "num": "012", "day": "2023-10-13", "flag": "yes", "empty": None, "q": ""}


def test_lines_are_kept():
    root = parse("a: 1\nb:\n  - x\n  - y: 2\n    z: 3\n")
    assert isinstance(root, Mapping)
    assert line_of(root, ("b", 1, "z")) == 5
    assert line_of(root, ("b", 0)) == 3
    assert line_of(root, ("a",)) == 1


def test_duplicate_key_reported_with_both_lines_and_reading_goes_on():
    soft: list = []
    root = parse("title: 甲\nstatus: 整改中\ntitle: 乙\n", soft)
    assert [(p.line, p.message) for p in soft] == [(3, "字段“title”重复出现（第 1 行已有）：请删除其中一个")]
    assert to_python(root)["title"] == "甲"
    assert problem_of("a: 1\na: 2\n").line == 2


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("a: &x 1\nb: *x\n", 1, "锚点"),
        ("a:\n  <<: {b: 1}\n", 2, "合并键"),
        ("a: !!str 1\n", 1, "类型标签"),
        ("a: 1\n---\nb: 2\n", 2, "一个文件只能写一条记录"),
        ("title：洞庭湖\n", 1, "全角冒号"),
        ("a:\n\t- b\n", 2, "制表符"),
        ("a: \u202e反向\n", 1, "文字方向"),
        ("a: x\x07y\n", 1, "控制字符"),
        ("a: 'x\n", 1, "第 1 行的引号或括号没有闭合"),
        ("a: ok\nb: [1, 2\nc: 3\n", 2, "第 2 行的引号或括号没有闭合"),
        ("a: 1\nb: 前\ufeff后\n", 2, "U+FEFF"),
        ("", 1, "文件是空的"),
    ],
)
def test_refused_constructs(text, line, words):
    problem = problem_of(text)
    assert problem.line == line
    assert words in problem.message


def test_encodings():
    assert decode("\ufeffa: 1".encode("utf-8")) == "a: 1"  # BOM is fine
    with pytest.raises(YamlProblem, match="GBK"):
        decode("title: 洞庭湖".encode("gbk"))
    with pytest.raises(YamlProblem, match="UTF-16"):
        decode("a: 1".encode("utf-16"))
    with pytest.raises(YamlProblem, match="文件过大") as info:
        decode(b"a: 1\n" * 300_000)
    assert info.value.line == 200_001  # the line that crosses the limit
