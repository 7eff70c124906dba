"""When each data file was published and changed, and what changed, from git.

Two git processes for the whole data folder: one `git log --raw` lists, for every commit, the files it
touched with their blob ids before and after; one `git cat-file --batch` reads those blobs. Each record's
two versions are compared field by field and the changes worded in Chinese ("状态：整改中 → 已完成",
"新增第3条整改措施"). Commit messages are developer text in English: they are never read, so they cannot
be published. The only values of old versions shown are the status and the deadline; one with personal data
(ID or mobile number, a complainant's name: data/privacy.py) is shown as HIDDEN, since history cannot be fixed.
The date of a change is the commit's: this site's date, not a source document's.

Old versions may not validate: the comparison reads them tolerantly (top-level keys split as text, each
changed field parsed alone with every scalar kept as text); a field it cannot read is reported as changed
without detail. Without git, outside a git checkout (a tarball), or in a shallow clone (history cut short:
it would be wrong, not just short), history is unavailable: the build says so.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gongshi.data import privacy
from gongshi.model.field_docs import FIELDS
from gongshi.model.status import status_label

_SEP = "\x1e"  # record separator between commits in our log format
_NULL = "0" * 40
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]|$)")
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar stays text: tolerant of old versions
_YAML = (".yml", ".yaml")
_SIGNOFF = re.compile(r"^signoff[ \t]*:", re.MULTILINE)

NEW_RECORD = "新增本条记录"
DELETED_RECORD = "删除本条记录"
UNREADABLE = "修改"  # a version that cannot be read: a change without detail
FORMAT_ONLY = "修改了格式或注释（内容未变）"
HIDDEN = "（含个人信息，不予显示）"
NOTICE_PUBLISHED = "发布整改销号公示"  # its address must stay (site/kept.py)

# Fields with their own wording; every other field gets "修改了<字段名>".
_SPECIAL = ("status", "deadline", "measures", "progress", "signoff", "withdrawn")


@dataclass(frozen=True)
class Change:
    commit: str
    date: dt.date  # the commit's date: when the change entered this site's data
    lines: tuple[str, ...] = ()  # what changed, in Chinese; never empty for a change read from git
    status_from: str | None = None
    status_to: str | None = None

    @property
    def is_first(self) -> bool:
        return NEW_RECORD in self.lines


@dataclass
class FileHistory:
    changes: list[Change] = field(default_factory=list)  # oldest first
    notice: bool = False  # some version had a sign-off notice: its address was published (site/kept.py)

    @property
    def first(self) -> dt.date | None:
        return self.changes[0].date if self.changes else None

    @property
    def last(self) -> dt.date | None:
        return self.changes[-1].date if self.changes else None

    @property
    def status_changes(self) -> list[Change]:
        return [c for c in self.changes if c.status_to]


@dataclass
class History:
    available: bool
    root: Path | None = None  # the repository's top folder
    files: dict[str, FileHistory] = field(default_factory=dict)  # path relative to the repository root
    shallow: bool = False  # a shallow clone: the history would be incomplete, so none is read
    seconds: float = 0.0  # how long reading it took

    def of(self, path: Path) -> FileHistory:
        """History of a data file given by its absolute path."""
        if self.root is None:
            return FileHistory()
        try:
            key = Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return FileHistory()
        return self.files.get(key, FileHistory())


# --- comparing two versions of a record ------------------------------------------


_SHORT = {"status": "状态", "deadline": "整改时限", "measures": "整改措施", "progress": "整改进展",
          "signoff": "整改销号公示", "withdrawn": "撤回说明"}


def field_name(kind: str, key: str) -> str:
    """A field's short Chinese name ("problem" → "问题原文"), from the field descriptions."""
    if kind == "issues" and key in _SHORT:
        return _SHORT[key]
    text = FIELDS.get(kind, {}).get(key)
    if not text:
        return "其他内容"
    return re.split(r"[（(：:，,]", text, maxsplit=1)[0] or text


def split_fields(text: str) -> dict[str, str]:
    """Top-level key → its lines as text (comments and blank lines go with the key above them)."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        m = _TOP_KEY.match(line)
        if m:
            current = out.setdefault(m.group(1), [])
        if current is not None:
            current.append(line)
    return {key: "\n".join(lines) for key, lines in out.items()}


class _Unreadable:
    """A field whose text cannot be parsed."""


UNREAD = _Unreadable()


def parse_field(key: str, block: str | None) -> Any:
    """The field's value (scalars as text), None when absent, UNREAD when it cannot be parsed."""
    if block is None:
        return None
    try:
        value = yaml.load(block, Loader=_LOADER)
    except yaml.YAMLError:
        return UNREAD
    if not isinstance(value, dict) or key not in value:
        return UNREAD
    found = value[key]
    return None if found in ("", "~", "null") else found


def cn_day(text: Any) -> str | None:
    try:
        day = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return None
    return f"{day.year}年{day.month}月{day.day}日"


def _public(text: str) -> str:
    """An old version's value as it may be published: personal data never (the current data is checked;
    git history is not, and cannot be corrected)."""
    return HIDDEN if privacy.worth_checking(text) and privacy.problems_in(text) else text


def _shown(value: Any) -> str:
    if value is None:
        return "（无）"
    return _public(" ".join(str(value).split())) if isinstance(value, str) else "（见原文）"


def _progress_label(entry: Any) -> str:
    date = cn_day(entry.get("date")) if isinstance(entry, dict) else None
    return date or "原文未注明日期"


def _list_changes(old: Any, new: Any, added: str, removed: str, changed: str, label) -> list[str]:
    """Entries added, removed or changed between two lists, by their place in the new list."""
    old_list = old if isinstance(old, list) else []
    new_list = new if isinstance(new, list) else []
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=[repr(x) for x in old_list], b=[repr(x) for x in new_list], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = max(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            if k < i2 - i1 and k < j2 - j1:
                out.append(changed.format(n=j1 + k + 1, label=label(new_list[j1 + k])))
            elif k < j2 - j1:
                out.append(added.format(n=j1 + k + 1, label=label(new_list[j1 + k])))
            else:
                out.append(removed.format(n=i1 + k + 1, label=label(old_list[i1 + k])))
        if op == "insert":
            out += [added.format(n=j + 1, label=label(new_list[j])) for j in range(j1, j2)]
        if op == "delete":
            out += [removed.format(n=i + 1, label=label(old_list[i])) for i in range(i1, i2)]
    return out


def _special(key: str, old: Any, new: Any) -> list[str]:
    if key == "status":
        return [f"状态：{status_label(_shown(old))} → {status_label(_shown(new))}"]
    if key == "deadline":
        return [f"整改时限：{_shown(old)} → {_shown(new)}"]
    if key == "measures":
        return _list_changes(old, new, "新增第{n}条整改措施", "删除原第{n}条整改措施", "修改第{n}条整改措施",
                             lambda _: "")
    if key == "progress":
        return _list_changes(old, new, "新增一条整改进展（{label}）", "删除一条整改进展（{label}）",
                             "修改一条整改进展（{label}）", _progress_label)
    if key == "signoff":
        return [NOTICE_PUBLISHED if old is None else "撤下整改销号公示" if new is None else "修改整改销号公示"]
    # withdrawn
    return ["撤回本条记录" if old is None else "取消撤回本条记录" if new is None else "修改撤回说明"]


def compare(kind: str, old_text: str | None, new_text: str | None) -> tuple[list[str], str | None, str | None]:
    """What changed between two versions of a record file (None: no such version), worded in Chinese,
    with the status before and after. The first version is "新增本条记录"."""
    new_fields = split_fields(new_text) if new_text is not None else {}
    new_status = parse_field("status", new_fields.get("status"))
    new_status = _public(new_status) if isinstance(new_status, str) else None
    if old_text is None:
        return [NEW_RECORD], None, new_status
    old_fields = split_fields(old_text)
    old_status = parse_field("status", old_fields.get("status"))
    old_status = _public(old_status) if isinstance(old_status, str) else None
    if new_text is None:
        return [DELETED_RECORD], old_status, None
    if not old_fields or not new_fields:
        return ([UNREADABLE] if old_text != new_text else []), old_status, new_status
    lines: list[str] = []
    generic: list[str] = []
    keys = list(dict.fromkeys([*new_fields, *old_fields]))
    for key in (*[k for k in _SPECIAL if k in keys], *[k for k in keys if k not in _SPECIAL]):
        old_block, new_block = old_fields.get(key), new_fields.get(key)
        if old_block == new_block:
            continue
        old, new = parse_field(key, old_block), parse_field(key, new_block)
        if old == new:
            continue  # a comment or the layout changed
        if UNREAD in (old, new) or (kind != "issues" and key in _SPECIAL) or key not in _SPECIAL:
            generic.append(field_name(kind, key))
        else:
            lines += _special(key, old, new)
    if generic:
        lines.append("修改了" + "、".join(dict.fromkeys(generic)))
    if not lines and old_text != new_text:
        lines.append(FORMAT_ONLY)
    return lines, old_status, new_status


# --- reading git ----------------------------------------------------------------------


def _git(root: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", *args],
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=timeout)


def _blobs(root: Path, wanted: list[str]) -> Iterator[str | None]:
    """The text of each blob in `wanted`, in order (None for a missing or undecodable one), read by one
    `git cat-file --batch` as it writes them (never all in memory)."""
    proc = subprocess.Popen(["git", "-C", str(root), "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None
    stdin, stdout = proc.stdin, proc.stdout

    def feed() -> None:
        try:
            for sha in wanted:
                stdin.write(f"{sha}\n".encode())
            stdin.close()
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for _ in wanted:
            header = stdout.readline().split()
            if len(header) != 3:
                yield None  # "<sha> missing"
                continue
            content = stdout.read(int(header[2]))
            stdout.read(1)  # the newline after the content
            try:
                yield content.decode("utf-8-sig")
            except UnicodeDecodeError:
                yield None
    finally:
        stdout.close()
        proc.wait()
        writer.join()


def read_history(data_dir: Path) -> History:
    started = time.perf_counter()
    data_dir = Path(data_dir).resolve()
    try:
        top = _git(data_dir, "rev-parse", "--show-toplevel", "--is-shallow-repository", timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return History(False)
    if top.returncode != 0:
        return History(False)
    toplevel, _, shallow = top.stdout.strip().partition("\n")
    root = Path(toplevel).resolve()
    if shallow.strip() == "true":
        return History(False, shallow=True)
    data_rel = data_dir.relative_to(root).as_posix()
    log = _git(root, "log", "--reverse", "--no-renames", "--raw", "--no-abbrev",
               f"--format={_SEP}%H%x09%ad", "--date=short", "--", data_rel)
    if log.returncode != 0:
        return History(False)
    # path → [(commit, date, old blob, new blob)], oldest first
    touched: dict[str, list[tuple[str, dt.date, str | None, str | None]]] = {}
    for block in log.stdout.split(_SEP)[1:]:
        header, _, raw = block.partition("\n")
        commit, _, date = header.partition("\t")
        day = dt.date.fromisoformat(date.strip())
        for line in raw.splitlines():
            if not line.startswith(":"):
                continue
            meta, _, path = line.partition("\t")
            _, _, old, new, _ = meta.split(" ", 4)
            touched.setdefault(path, []).append((commit, day, None if old == _NULL else old,
                                                 None if new == _NULL else new))
    history = History(True, root)
    prefix = data_rel.strip("/") + "/" if data_rel not in ("", ".") else ""

    # The blobs to read, in the order the comparison below needs them: a record's versions one after
    # the other, each read once (the version before a change is usually the one after the last).
    def plan() -> Iterator[tuple[str, tuple[str, dt.date, str | None, str | None], bool]]:
        for path, changes in touched.items():
            if not path.endswith(_YAML):
                continue
            last: str | None = None
            for change in changes:
                _, _, old, new = change
                yield path, change, old is not None and old != last
                last = new

    wanted: list[str] = []
    for _, (_, _, old, new), read_old in plan():
        if read_old:
            assert old is not None
            wanted.append(old)
        if new is not None:
            wanted.append(new)
    texts = _blobs(root, wanted)
    last_sha: str | None = None
    last_text: str | None = None
    for path, changes in touched.items():
        history.files[path] = FileHistory()
        if not path.endswith(_YAML):  # attachments: a change, without detail
            history.files[path].changes = [Change(c, d, (UNREADABLE,)) for c, d, _, _ in changes]
    for path, (commit, day, old, new), read_old in plan():
        kind = path[len(prefix):].split("/", 1)[0] if path.startswith(prefix) else ""
        if read_old:
            last_sha, last_text = old, next(texts)
        old_text = last_text if old is not None and old == last_sha else None
        new_text = next(texts) if new is not None else None
        if (old is not None and old_text is None) or (new is not None and new_text is None):  # unreadable blob
            lines, before, after = [NEW_RECORD if old is None else UNREADABLE], None, None
        else:
            lines, before, after = compare(kind, old_text, new_text)
        last_sha, last_text = new, new_text
        if NOTICE_PUBLISHED in lines or (old is None and new_text is not None and _SIGNOFF.search(new_text)):
            history.files[path].notice = True
        if not lines:
            continue  # the same content (a mode change)
        # A status that appears in a version after one whose status could not be read is no change
        # we can name (not "（新建）").
        status_to = after if after != before and (before is not None or old is None) else None
        history.files[path].changes.append(Change(commit, day, tuple(lines), before if status_to else None,
                                                  status_to))
    for _ in texts:  # let the reader finish
        pass
    history.seconds = time.perf_counter() - started
    return history
