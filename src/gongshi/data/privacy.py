"""Personal data must not be published: ID numbers, mobile numbers, complainants' names.

Every published string is checked: every value and every mapping key of every data file (settings and
holidays too), the path of every record file under data/ (it becomes an id and a URL), and the old values
git history shows (data/history.py) — except the declared public contact channels (a unit's `phones`),
where an office's number belongs. The rules (documented for staff in docs/staff/index.md):

- Digits are compared after full-width digits, dashes, dots and spaces are made ASCII; between groups
  of digits one or two of "-", ".", "—", "–", "·" (spaces around them allowed) or up to three spaces
  may stand, in the groupings below.
- Resident ID number (GB 11643): 17 digits and a check character (digit or X), not part of a longer
  run of letters or digits (6-8-4 or 6-4-4-4), with a valid province code, birth date and ISO 7064
  MOD 11-2 check character; or the old 15-digit number (6-digit region, YYMMDD birth date in the
  1900s, 3 digits; 6-6-3) with a valid province code and birth date. Document and case numbers
  that merely have 18 digits fail the checksum or the date and are let through.
- Mobile number: 1[3-9] and 9 more digits (3-4-4, 3-8, 7-4 or digit by digit; "+86"/"0086"/"86" in
  front), not part of a longer digit run. A landline (0797-7102953) begins with 0 and is let through.
- A named complainant: a role word — 举报, 信访, 投诉, 来信, 来访, 来电, 反映 or 上访 with 人, 者 or
  群众 (not 被举报人 and the like) — then optionally "：", "为", "系", "是", "（", "姓名", "名叫" or
  "叫", then a personal name:
    * a common surname and 某 / 某某 / X / XX / × / * (李某某, 王X) — always, or
    * a common surname and one or two more Chinese characters that end at
      punctuation, the end of the text, or a word that follows a name
      (反映, 称, 举报, 投诉, 来电, 来信, 来访, 表示, 同志, 先生, 女士, 等);
  or a name (a surname and one to three characters) written just before the role word in brackets:
  张三（举报人）, 李某某(信访人，男).
  Words that begin with a surname character but are not names (陈述, 曾多次,
  周边 …) are excepted. So "举报人张三反映", "信访人：李某某", "投诉群众刘某某" are refused and
  "向举报人反馈", "举报人信息已保密", "举报人陈述，", "举报人对处理结果满意", "群众（举报人）" are not.
"""

from __future__ import annotations

import datetime as dt
import re

from gongshi.data.problems import Report
from gongshi.data.strict_yaml import Mapping, Node, Scalar, Sequence

# Where a phone number is the point: a unit's public contact channels.
CONTACT_FIELDS = {"units": ("phones",)}

# Before matching, a copy of the text has full-width digits, dashes, dots and spaces replaced by their
# ASCII forms, one character for one (positions stay the same): "１３８—１２３４·５６７８" is a mobile number.
_NORMAL = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)}, "Ｘ": "X", "ｘ": "x", "＋": "+",
    **dict.fromkeys("－‐‑‒–—―−﹣", "-"), **dict.fromkeys("．·・•∙", "."), "\u3000": " ", "\u00a0": " ",
})
# A separator between groups of digits: one or two dashes or dots (two spaces around them allowed), or
# up to three spaces. Only the groupings numbers are written in count (a mobile number 3-4-4, 3-8, 7-4 or
# digit by digit; an ID number 6-8-4 or 6-4-4-4, an old one 6-6-3): a row of counts ("13 15 20 18 12 5")
# is not a number.
_S = r"(?:[ \t]{0,2}[-.]{1,2}[ \t]{0,2}|[ \t]{1,3})"
_ID = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:[0-9]{11}|" + _S + r"[0-9]{8}" + _S + r"[0-9]{3}|"
                 + r"(?:" + _S + r"[0-9]{4}){2}" + _S + r"[0-9]{3})[0-9Xx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:[0-9]{9}|" + _S + r"[0-9]{6}" + _S + r"[0-9]{3})(?![0-9A-Za-z])")
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53,
              54, 61, 62, 63, 64, 65, 71, 81, 82}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86" + _S + r"?)?(?:1[3-9](?:[0-9]{9}|[0-9]" + _S + r"[0-9]{4}"
                     + _S + r"[0-9]{4}|[0-9]" + _S + r"[0-9]{8}|[0-9]{5}" + _S + r"[0-9]{4})|1"
                     + _S + r"[3-9](?:" + _S + r"[0-9]){9})(?![0-9])")

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
_ROLE = r"(?:举报|信访|投诉|来信|来访|来电|反映|上访)(?:人|者|群众)"
_COMPLAINANT = r"(?<![被])" + _ROLE
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
# A name written before the role word in brackets: 张三（举报人）, 李某某(信访人，男).
_ROLE_AFTER = re.compile(r"\s*[（(]\s*(" + _ROLE + r")\s*[）)，,、：:]")
_NAME_BEFORE = re.compile(_SURNAMES + r"(?:某某?|[XxＸ×*＊]{1,2}|[\u4e00-\u9fff]{1,2})")
# Surnames that are also words written straight after 举报人 (举报人于昨日来访, 举报人和被举报人,
# 举报人向…反映): a name starting with them is taken only after an explicit "：", "姓名" and the like.
_FUNCTION_WORDS = "于和向"


def valid_id_number(digits17: str, check: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == check.upper()


def normalised(text: str) -> str:
    """The text with full-width digits and separators in ASCII, character for character."""
    return text.translate(_NORMAL)


def _born(year: int, month: int, day: int) -> bool:
    try:
        return dt.date(year, month, day) <= dt.date.today()
    except ValueError:
        return False


def find_id_numbers(text: str) -> list[re.Match]:
    """18-digit numbers with a valid region, birth date and check character; 15-digit ones (before 1999)
    with a valid region and birth date."""
    text = normalised(text)
    found = []
    for m in _ID.finditer(text):
        digits = re.sub(r"[^0-9Xx]", "", m.group(0))
        if (int(digits[:2]) in _PROVINCES and _born(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
                and valid_id_number(digits[:17], digits[17])):
            found.append(m)
    for m in _ID15.finditer(text):
        digits = re.sub(r"[^0-9]", "", m.group(0))
        if int(digits[:2]) in _PROVINCES and _born(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12])):
            found.append(m)
    return found


def find_mobile_numbers(text: str) -> list[re.Match]:
    return list(_MOBILE.finditer(normalised(text)))


def find_named_complainants(text: str) -> list[tuple[int, str, str]]:
    """(position, the words as written, the role word) of each named complainant."""
    found = []
    for m in _NAMED.finditer(text):
        name = m.group("name")
        if name is not None:
            if _NOT_NAMES.match(name):
                continue
            if name[0] in _FUNCTION_WORDS and not (m.group("lead") or "").strip():
                continue
        words = m.group(0).strip()
        role = re.match(_COMPLAINANT, words)
        assert role is not None  # the words begin with the complainant word _NAMED matched
        found.append((m.start(), words, role.group(0)))
    for m in _ROLE_AFTER.finditer(text):
        name = _name_before(text, m.start())
        if name:
            end = m.end() if text[m.end() - 1] in "）)" else m.end(1)
            found.append((m.start() - len(name), text[m.start() - len(name):end], m.group(1)))
    return found


def _name_before(text: str, end: int) -> str | None:
    """The shortest name (surname and one to three characters) that ends at `end`, if any."""
    for length in (2, 3, 4):
        if length > end:
            return None
        candidate = text[end - length:end]
        if _NOT_NAMES.match(candidate):
            return None
        if _NAME_BEFORE.fullmatch(candidate) and candidate[0] not in _FUNCTION_WORDS:
            return candidate
    return None


def problems_in(text: str) -> list[tuple[int, str]]:
    """(position, message) for every piece of personal data in a text."""
    out = []
    ids = find_id_numbers(text)
    for m in ids:
        out.append((m.start(), f"含有居民身份证号码“{re.sub(r'[^0-9]', '', m.group(0))[:6]}…”："
                               "身份证号请删除或只保留前6位"))
    for m in find_mobile_numbers(text):
        if any(i.start() <= m.start() < i.end() for i in ids):
            continue  # digits inside an ID number ("110105 19491231 002X")
        shown = re.sub(r"\D", "", m.group(0))[-11:]
        out.append((m.start(), f"含有手机号码“{shown[:3]}****{shown[-4:]}”："
                               "请删除；公开的联系电话请填在单位文件 data/units/*.yml 的 phones 中"))
    for position, words, role in find_named_complainants(text):
        out.append((position, f"“{words}”写出了{role}的姓名：请改为“{role}（已隐去姓名）”"))
    return sorted(out)


# Nothing can be found in a text without 11 digits (ASCII or full-width, separators allowed) or a
# complainant word: one cheap look at the whole file skips the walk for nearly all files.
_SEPARATOR_CHARS = "-.－‐‑‒–—―−﹣．·・•∙ \t\u3000\u00a0"
_DIGITS = re.compile(r"[0-9０-９](?:[" + _SEPARATOR_CHARS + r"]{0,6}[0-9０-９]){10}")
_WORDS = re.compile(_ROLE)


def worth_checking(text: str) -> bool:
    return bool(_DIGITS.search(text)) or bool(_WORDS.search(text))


def check(kind: str, node: Node, shown: str, report: Report, text: str | None = None) -> None:
    """Report the personal data in one data file, in its values and its keys (a key can be published:
    e.g. a region in statistics by region). `text`: the whole file, to skip clean files fast."""
    if text is not None and not worth_checking(text):
        return
    skip = CONTACT_FIELDS.get(kind, ())
    for path, scalar, is_key in _scalars(node, ()):
        if path and path[0] in skip:
            continue
        if not worth_checking(scalar.value):
            continue
        for position, message in problems_in(scalar.value):
            report.add(shown, _line_at(scalar, position), _field_name(path), ("键名" if is_key else "") + message)


def check_name(relative: str, shown: str, report: Report) -> None:
    """Report personal data in a data file's path under data/ (its name becomes a record id and a URL)."""
    if not worth_checking(relative):
        return
    for _, message in problems_in(relative):
        report.add(shown, 0, "", f"文件名或文件夹名{message}（文件名会成为网址，请改名）")


def _scalars(node: Node, path: tuple):
    """(path, scalar, whether it is a mapping key) of every text in a tree; a key's path is its mapping's."""
    if isinstance(node, Scalar):
        yield path, node, False
    elif isinstance(node, Sequence):
        for i, item in enumerate(node.items):
            yield from _scalars(item, (*path, i))
    elif isinstance(node, Mapping):
        for key, item in node.items.items():
            yield path, Scalar(key, node.key_lines.get(key, node.line)), True
            yield from _scalars(item, (*path, key))


def _line_at(scalar: Scalar, position: int) -> int:
    # A literal block (|) keeps its line breaks: the exact line is known.
    if scalar.style == "|":
        return scalar.line + 1 + scalar.value.count("\n", 0, position)
    return scalar.line


def _field_name(path: tuple) -> str:
    return "".join(f"[{p + 1}]" if isinstance(p, int) else ("." if i else "") + p for i, p in enumerate(path))
