"""A strict YAML reader for staff-edited data files.

PyYAML's safe_load silently keeps the last of duplicate keys, turns `NO` into
False, `012` into 10 and fails on `2024-02-30` without a line number. We use
PyYAML only as a parser (its event stream) and build our own tree in which
every scalar stays the text the staff member typed, every node knows its line,
and the constructs that surprise non-programmers are refused: duplicate keys,
anchors, aliases, merge keys, tags and multi-document files. The schema layer
converts the text to dates, numbers and enums later, with the line in hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml


class YamlProblem(Exception):
    """A file that cannot be read; `line` is 1-based (0 when unknown)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Scalar:
    value: str
    line: int
    quoted: bool = False
    style: str | None = None  # "|" literal block, ">" folded, quotes, or None/"" for plain


@dataclass
class Mapping:
    items: dict[str, Node]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Sequence:
    items: list[Node]
    line: int


Node = Scalar | Mapping | Sequence

# One record per file: the longest sample file is about 10 KB. A file over 1 MB is a
# mistake (a pasted document, a generated dump) and would slow every build.
MAX_FILE_BYTES = 1_000_000
# libyaml's parser when PyYAML was built with it (much faster), else the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Characters that are invisible or reorder text: they make a file look right
# while meaning something else (Trojan-source style), so we refuse them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0, DEL and C1
# A byte-order mark anywhere but at the start (files pasted together): invisible, breaks search.
_INNER_BOM = "\ufeff"
# Zero-width characters (invisible: a word that looks the same is not found by search) and
# noncharacters (never text; libyaml refuses some of them with an English message).
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060-\u2064\u00ad\u180e]")
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)) + "]")
# Lists and mappings nested deeper than this are a mistake (our records nest four levels at
# most); far deeper nesting would exhaust Python's stack while reading.
MAX_DEPTH = 20
# `标题：内容` with a full-width colon: YAML sees no key at all.
_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：")


def decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        line = raw[:MAX_FILE_BYTES].count(b"\n") + 1
        raise YamlProblem(line, f"文件过大（{len(raw)} 字节，上限 {MAX_FILE_BYTES} 字节，从第 {line} 行起超出）："
                                "一个文件只写一条记录，长篇原文请作为附件放在 data/attachments/ 下")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 BOM is harmless; Windows editors add it
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(1, "文件是 UTF-16 编码，请用 UTF-8 编码另存")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise YamlProblem(line, "文件不是 UTF-8 编码（可能是 GBK），请在编辑器中选择“UTF-8”编码另存") from None


_FULLWIDTH_ANYWHERE = re.compile(r"[A-Za-z0-9_]\s*：")


def _precheck(text: str) -> None:
    """Catch the common editor mistakes before YAML gives a cryptic error."""
    # Cheap whole-file scans first; the line-by-line pass below only runs to name the line.
    if not ("\t" in text or ("：" in text and _FULLWIDTH_ANYWHERE.search(text)) or invisible(text)):
        return
    # split("\n"), not splitlines(): that also splits at U+001C-U+001E, U+0085, U+2028…, miscounting lines.
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlProblem(number, "行首使用了制表符（Tab），YAML 只能用空格缩进，请把 Tab 换成两个空格")
        m = _FULLWIDTH_KEY.match(line)
        if m:
            raise YamlProblem(number, f"“{m.group(2)}”后面是全角冒号“：”，请改为半角冒号加空格“: ”")
        found = invisible(line)
        if found:
            raise YamlProblem(number, f"{found}，请删除后重新输入该行")


def invisible(text: str) -> str | None:
    """What is wrong with the first character in `text` that no reader can see, or None."""
    if not _ANY_INVISIBLE.search(text):  # one scan for the usual case: nothing to name
        return None
    for pattern, what in _INVISIBLE:
        m = pattern.search(text)
        if m:
            return what.format(code=f"U+{ord(m.group()):04X}")
    return None


def without_invisible(text: str) -> str:
    """`text` with every character `invisible` would name removed."""
    for pattern, _ in _INVISIBLE:
        text = pattern.sub("", text)
    return text


_INVISIBLE = [
    (_BIDI, "含有不可见的文字方向控制字符（{code}）"),
    (_CONTROL, "含有不可见的控制字符（{code}）"),
    (re.compile(_INNER_BOM), "含有不可见的字符 U+FEFF（字节顺序标记，常见于拼接的文件）"),
    (_ZERO_WIDTH, "含有不可见的零宽或格式字符（{code}），会使搜索找不到这段文字"),
    (_NONCHARACTER, "含有不是文字的字符（{code}，Unicode 非字符）"),
]
_ANY_INVISIBLE = re.compile("|".join(pattern.pattern for pattern, _ in _INVISIBLE))


def parse(text: str, problems: list | None = None) -> Node:
    """Parse one YAML document into a tree of Scalar/Mapping/Sequence.

    Fatal problems raise YamlProblem; problems after which reading can go on
    (duplicate keys) are appended to `problems`, or raised when it is None.
    """
    _precheck(text)
    try:
        events = _events(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or ""
        if e.context_mark and ("end of stream" in problem or "did not find expected ','" in problem):
            # An unclosed quote or bracket: where it opened, not the end of the file.
            opened = e.context_mark.line + 1
            raise YamlProblem(opened, f"YAML 格式错误：第 {opened} 行的引号或括号没有闭合") from None
        # The end of a file without a final newline is reported on the line after it.
        line = min(mark.line + 1, text.count("\n") + 1) if mark else 0
        raise YamlProblem(line, f"YAML 格式错误：{_explain(e)}") from None
    except yaml.reader.ReaderError as e:  # a character YAML refuses that the precheck let through
        line = text[: e.position].count("\n") + 1
        raise YamlProblem(line, f"含有 YAML 不允许的字符（U+{e.character:04X}），请删除后重新输入该行") from None
    except yaml.YAMLError:  # pragma: no cover - PyYAML marks nearly all errors
        raise YamlProblem(0, "YAML 格式错误：文件无法读取，请检查引号、括号和缩进") from None
    builder = _Builder(events)
    root = builder.document()
    if builder.problems:
        if problems is None:
            raise builder.problems[0]
        problems.extend(builder.problems)
    return root


def _events(text: str) -> list:
    parser = _LOADER(text)
    try:
        events = []
        depth = 0
        while True:
            event = parser.get_event()
            events.append(event)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:  # stop here: the parser slows down with depth
                    line = event.start_mark.line + 1 if event.start_mark else 0
                    raise YamlProblem(line, f"列表或字段嵌套超过 {MAX_DEPTH} 层：请检查方括号“[”、"
                                            "花括号“{”是否多写了，或缩进是否有误")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                return events
    finally:
        parser.dispose()


def _explain(e: yaml.MarkedYAMLError) -> str:
    problem = e.problem or ""
    hints = {
        "could not find expected ':'": "缺少“键: 值”中的冒号，或上一行的引号没有闭合",
        "mapping values are not allowed": "此处不能再写“键: 值”：值里含有“: ”时请给整个值加引号，或检查缩进",
        "found character '\\t' that cannot start any token": "使用了制表符（Tab），请改用空格",
        "found character that cannot start any token":
            "含有不能出现在此处的字符（如 Tab、@、`），请检查该行或给值加引号",
        "did not find expected node content": "缺少内容：检查括号、引号是否成对",
        "did not find expected key": "缩进不一致，同一层的字段必须左对齐",
        "did not find expected '-' indicator": "列表项缩进不一致，每项都应以“- ”开头并对齐",
        "found undefined alias": "使用了未定义的引用（*），本项目不支持引用",
        "found unexpected end of stream": "文件在引号或括号闭合前结束",
    }
    for key, hint in hints.items():
        if key in problem:
            return hint
    # Never PyYAML's English text: staff could not act on it.
    return "此处的写法无法识别，请检查该行的引号、括号、冒号和缩进"


class _Builder:
    def __init__(self, events: list):
        self.events = events
        self.pos = 0
        self.problems: list[YamlProblem] = []  # problems that do not stop reading

    def _next(self):
        event = self.events[self.pos]
        self.pos += 1
        return event

    def document(self) -> Node:
        self._next()  # StreamStart
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            raise YamlProblem(1, "文件是空的")
        root = self._node(self._next())
        self._next()  # DocumentEnd
        event = self._next()
        if not isinstance(event, yaml.StreamEndEvent):
            raise YamlProblem(event.start_mark.line + 1, "一个文件只能写一条记录：请删除“---”分隔的第二部分，另建文件")
        return root

    def _check(self, event) -> int:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(line, f"不支持引用“*{event.anchor}”：请把内容直接写出来")
        if getattr(event, "anchor", None):
            raise YamlProblem(line, f"不支持锚点“&{event.anchor}”：请删除它，把内容直接写出来")
        tag = getattr(event, "tag", None)
        if tag and not (isinstance(event, yaml.ScalarEvent) and tag == "!" ):
            raise YamlProblem(line, f"不支持类型标签“{tag}”：请删除它")
        return line

    def _node(self, event) -> Node:
        line = self._check(event)
        if isinstance(event, yaml.ScalarEvent):
            if event.style == '"':  # only double quotes have escapes
                _check_escaped(event.value, line)
            return Scalar(event.value, line, quoted=event.style in ("'", '"'), style=event.style)
        if isinstance(event, yaml.SequenceStartEvent):
            entries: list[Node] = []
            while not isinstance(self.events[self.pos], yaml.SequenceEndEvent):
                entries.append(self._node(self._next()))
            self._next()
            return Sequence(entries, line)
        if isinstance(event, yaml.MappingStartEvent):
            items: dict[str, Node] = {}
            key_lines: dict[str, int] = {}
            while not isinstance(self.events[self.pos], yaml.MappingEndEvent):
                key_event = self._next()
                key_line = self._check(key_event)
                if not isinstance(key_event, yaml.ScalarEvent):
                    raise YamlProblem(key_line, "字段名必须是简单文字")
                key = key_event.value
                if key_event.style == '"':
                    _check_escaped(key, key_line)
                if key == "<<" and not key_event.style:  # plain style: None (Python) or "" (libyaml)
                    raise YamlProblem(key_line, "不支持合并键“<<”：请把字段逐个写出来")
                value = self._node(self._next())
                if key in items:
                    # Keep the first value and go on, so every other problem is reported too.
                    self.problems.append(YamlProblem(
                        key_line, f"字段“{key}”重复出现（第 {key_lines[key]} 行已有）：请删除其中一个"
                    ))
                    continue
                items[key] = value
                key_lines[key] = key_line
            self._next()
            return Mapping(items, line, key_lines)
        raise YamlProblem(line, "无法识别的 YAML 结构")  # pragma: no cover


def _check_escaped(value: str, line: int) -> None:
    # Raw invisible characters were refused before parsing; these were written as escapes
    # ("\x07", "\u202e" in double quotes) and would otherwise be published.
    if value.isprintable():  # fast path: no control, format or unassigned character
        return
    found = invisible(value)
    if found:
        raise YamlProblem(line, f"{found}：在引号内用“\\”转义写出，请删除该转义")


def to_python(node: Node):
    """Plain Python (dict/list/str) for the schema layer."""
    if isinstance(node, Scalar):
        return _scalar_value(node)
    if isinstance(node, Sequence):
        return [to_python(n) for n in node.items]
    return {k: to_python(v) for k, v in node.items.items()}


def _scalar_value(node: Scalar):
    # An unquoted `~`, `null` or empty value means "not given"; everything else
    # stays text, including `NO`, `yes`, `012` and `2023-10-13`.
    if not node.quoted and node.value in ("", "~", "null", "Null", "NULL"):
        return None
    return node.value


def line_of(node: Node, path: tuple) -> int:
    """Line of the deepest node reachable along `path` (keys and indexes)."""
    line = node.line
    for step in path:
        if isinstance(node, Mapping) and isinstance(step, str) and step in node.items:
            line = node.key_lines.get(step, node.line)
            node = node.items[step]
            if not isinstance(node, Scalar):
                continue
            line = node.line
        elif isinstance(node, Sequence) and isinstance(step, int) and 0 <= step < len(node.items):
            node = node.items[step]
            line = node.line
        else:
            break
    return line
