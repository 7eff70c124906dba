"""Personal data must not be published: ID numbers, mobile numbers, complainants' names.

Every text value of every record is checked, except the declared public
contact channels (a unit's `phones`), where an office's number belongs.
The rules (documented for staff in docs/staff/index.md):

- Resident ID number (GB 11643): 17 digits and a check character (digit or X),
  not part of a longer run of letters or digits, with a valid region digit,
  birth date and ISO 7064 MOD 11-2 check character. Document and case numbers
  that merely have 18 digits fail the checksum or the date and are let through.
- Mobile number: 1[3-9] and 9 more digits (spaces or "-" allowed after the 3rd
  and 7th digit, "+86"/"86" in front), not part of a longer digit run.
- A named complainant: 举报人, 信访人, 投诉人, 来信人, 来访人, 来电人 or 反映人
  (not 被举报人 and the like), then optionally "：", "为", "系", "是", "（",
  "姓名", "名叫" or "叫", then a personal name:
    * a common surname and 某 / 某某 / X / XX / × / * (李某某, 王X) — always, or
    * a common surname and one or two more Chinese characters that end at
      punctuation, the end of the text, or a word that follows a name
      (反映, 称, 举报, 投诉, 来电, 来信, 来访, 表示, 同志, 先生, 女士, 等).
  Words that begin with a surname character but are not names (陈述, 曾多次,
  周边 …) are excepted. So "举报人张三反映", "信访人：李某某" are refused and
  "向举报人反馈", "举报人信息已保密", "举报人陈述，", "举报人对处理结果满意" are not.
"""

from __future__ import annotations

import datetime as dt
import re

from gongshi.data.problems import Report
from gongshi.data.strict_yaml import Mapping, Node, Scalar, Sequence

# Where a phone number is the point: a unit's public contact channels.
CONTACT_FIELDS = {"units": ("phones",)}

_ID = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})((?:18|19|20)\d{2})(\d{2})(\d{2})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])")

# The ~130 commonest surnames (over 90% of people), compound ones first.
_SURNAMES = (
    "欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|长孙|宇文|司徒|夏侯|轩辕|端木|"
    "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫严段雷侯龙史陶黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施"
    "陶洪翟安颜倪严牛温芦季俞章鲁葛伍韦申尤毕聂焦向柳邢骆岳齐梅莫庄辛管祝左涂谷时舒耿牟卜詹关苗凌费纪靳盛童欧"
    "甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强柴华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑邬"
    "臧畅宫苟全褚廉简娄盖符奚木穆党燕郎邸冀谈姬屠连郜晏栾郁商蒙计喻揭窦迟宇敖糜鄢冷卓花仇艾蓝都巩稽井练仲"
    "乐虞卞封竺冼官衣楚佟栗匡宗应台巫鞠僧桑荆谌银扬明沙薄伏岑习胥保和蔺于]"
)
_COMPLAINANT = r"(?<![被])(?:举报人|信访人|投诉人|来信人|来访人|来电人|反映人)"
_LEAD = r"(?P<lead>\s*[：:（(]\s*|\s*(?:姓名|名叫|叫|为|系|是)\s*[：:]?\s*|\s+)?"
_AFTER_NAME = r"(?=[\s，。、；：！？,.;:!?()（）“”\"'《》]|$|反映|称|举报|投诉|来电|来信|来访|表示|同志|先生|女士|等)"
_NAMED = re.compile(
    _COMPLAINANT + _LEAD + "(?:(?P<masked>" + _SURNAMES + r"(?:某某?|[XxＸ×*＊]{1,2}))"
    "|(?P<name>" + _SURNAMES + r"[\u4e00-\u9fff]{1,2}?)" + _AFTER_NAME + ")",
    re.M,
)
# Words after 举报人 that begin with a surname character but name no one.
_NOT_NAMES = re.compile(
    r"陈述|陈情|曾经|曾多|曾向|曾于|曾在|曾被|曾到|曾因|曾就|周边|周围|方面|方式|方向|高度|常年|常住|马上|"
    r"何时|何处|何人|余下|于是|于今|江边|林地|金额|石料|程序|关心|关切|关注|安全|明确|华侨|"
    r"全部|全体|单位|单方|包括|车辆|房屋|强烈|连续|宗教|原来|原因|原籍|原址|官方|多次|一再"
)
# Surnames that are also words written straight after 举报人 (举报人于昨日来访, 举报人和被举报人,
# 举报人向…反映): a name starting with them is taken only after an explicit "：", "姓名" and the like.
_FUNCTION_WORDS = "于和向"


def valid_id_number(digits17: str, check: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == check.upper()


def find_id_numbers(text: str) -> list[re.Match]:
    found = []
    for m in _ID.finditer(text):
        _region, year, month, day, _seq, check = m.groups()
        try:
            born = dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
        if born > dt.date.today() or not valid_id_number(m.group(0)[:17], check):
            continue
        found.append(m)
    return found


def find_named_complainants(text: str) -> list[tuple[int, str]]:
    """(position, the words as written) of each named complainant."""
    found = []
    for m in _NAMED.finditer(text):
        name = m.group("name")
        if name is not None:
            if _NOT_NAMES.match(name):
                continue
            if name[0] in _FUNCTION_WORDS and not (m.group("lead") or "").strip():
                continue
        found.append((m.start(), m.group(0).strip()))
    return found


def problems_in(text: str) -> list[tuple[int, str]]:
    """(position, message) for every piece of personal data in a text."""
    out = []
    for m in find_id_numbers(text):
        out.append((m.start(), f"含有居民身份证号码“{m.group(0)[:6]}…”：身份证号请删除或只保留前6位"))
    for m in _MOBILE.finditer(text):
        shown = re.sub(r"\D", "", m.group(0))[-11:]
        out.append((m.start(), f"含有手机号码“{shown[:3]}****{shown[-4:]}”："
                               "请删除；公开的联系电话请填在单位文件 data/units/*.yml 的 phones 中"))
    for position, words in find_named_complainants(text):
        role_match = re.match(_COMPLAINANT, words)
        assert role_match is not None  # the words begin with the complainant word _NAMED matched
        role = role_match.group(0)
        out.append((position, f"“{words}”写出了{role}的姓名：请改为“{role}（已隐去姓名）”"))
    return sorted(out)


# Nothing can be found in a text without 11 digits in a row (separators allowed) or a
# complainant word: one cheap look at the whole file skips the walk for nearly all files.
_DIGITS = re.compile(r"[0-9][0-9][0-9][- ]?[0-9][0-9][0-9][0-9][- ]?[0-9][0-9][0-9][0-9]")
_WORDS = ("举报人", "信访人", "投诉人", "来信人", "来访人", "来电人", "反映人")


def worth_checking(text: str) -> bool:
    return bool(_DIGITS.search(text)) or ("人" in text and any(w in text for w in _WORDS))


def check(kind: str, node: Node, shown: str, report: Report, text: str | None = None) -> None:
    """Report the personal data in one record file (`text`: the whole file, to skip clean files fast)."""
    if text is not None and not worth_checking(text):
        return
    skip = CONTACT_FIELDS.get(kind, ())
    for path, scalar in _scalars(node, ()):
        if path and path[0] in skip:
            continue
        if not worth_checking(scalar.value):
            continue
        for position, message in problems_in(scalar.value):
            report.add(shown, _line_at(scalar, position), _field_name(path), message)


def _scalars(node: Node, path: tuple):
    if isinstance(node, Scalar):
        yield path, node
    elif isinstance(node, Sequence):
        for i, item in enumerate(node.items):
            yield from _scalars(item, (*path, i))
    elif isinstance(node, Mapping):
        for key, item in node.items.items():
            yield from _scalars(item, (*path, key))


def _line_at(scalar: Scalar, position: int) -> int:
    # A literal block (|) keeps its line breaks: the exact line is known.
    if scalar.style == "|":
        return scalar.line + 1 + scalar.value.count("\n", 0, position)
    return scalar.line


def _field_name(path: tuple) -> str:
    return "".join(f"[{p + 1}]" if isinstance(p, int) else ("." if i else "") + p for i, p in enumerate(path))
