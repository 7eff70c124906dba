"""What may be under data/: settings.yml, the record folders, holidays/ and attachments/, each file a
regular file inside data/ once symlinks are resolved (a pull request must not publish a file of the build
machine). Anything else is reported, never skipped in silence: a misspelt folder (data/Issues/) or an
extension in capitals (.YML) would otherwise drop records without a word."""

from __future__ import annotations

import os
from pathlib import Path

from gongshi.data.problems import Report
from gongshi.model.records import KINDS

FOLDERS = (*KINDS, "holidays", "attachments")
_KIND_LIST = "、".join(f"{k}/" for k in FOLDERS)


def display(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _ignored(name: str) -> bool:
    # Notes for people (README.md) and the tools' own files (.gitkeep, .DS_Store).
    return name.startswith(".") or name.lower().endswith(".md")


def inside(path: Path, root: Path) -> bool:
    """True when `path`, symlinks resolved, is `root` (resolved) or under it."""
    real, top = path.resolve(), root.resolve()
    return real == top or top in real.parents


def regular_inside(path: Path, root: Path, shown: str, report: Report) -> bool:
    """True when `path` is a regular file inside data/ (`root`) after resolving symlinks; else reported.
    Found by walking data/ without entering symlinked folders, only a symlink itself can lead out."""
    if path.is_symlink() and not inside(path, root):
        report.add(shown, 0, "", "数据文件是指向 data/ 以外的符号链接：请把真实文件放在 data/ 下")
        return False
    if not path.is_file():
        report.add(shown, 0, "", "这不是普通文件（可能是失效的符号链接或特殊文件）：请放真实的 .yml 文件")
        return False
    return True


def folder_inside(folder: Path, root: Path, shown: str, report: Report) -> bool:
    """True when a folder of data/ stays inside data/ after resolving symlinks; else reported."""
    if not inside(folder, root) or folder.resolve() == root.resolve():
        report.add(shown, 0, "", "文件夹是指向 data/ 以外的符号链接：请把真实的文件夹放在 data/ 下")
        return False
    return True


def check_top(root: Path, base: Path, report: Report) -> None:
    """Report every entry directly under data/ that the build would not read."""
    for entry in sorted(root.iterdir()):
        if _ignored(entry.name) or (entry.name in FOLDERS and entry.is_dir()) or entry.name == "settings.yml":
            continue
        shown = display(entry, base)
        if entry.is_dir():
            report.add(shown, 0, "", f"data/ 下不认识的文件夹“{entry.name}”：其中的文件不会被读取。"
                                     f"数据只能放在 {_KIND_LIST} 下（注意拼写和大小写）")
        else:
            report.add(shown, 0, "", f"data/ 下不认识的文件“{entry.name}”：记录文件应放在 {_KIND_LIST} 下")


def record_paths(folder: Path, root: Path, base: Path, report: Report) -> list[tuple[str, Path, str]]:
    """(id, path, shown) of every record file under a kind's folder, sorted; every other file reported."""
    if not folder.is_dir() or not folder_inside(folder, root, display(folder, base), report):
        return []
    found = []
    for top, dirs, files in os.walk(folder):  # symlinked folders are not entered: reported below
        here = Path(top)
        for name in sorted(dirs):
            if (here / name).is_symlink():  # os.walk does not enter it: its files would be skipped unseen
                report.add(display(here / name, base), 0, "", "文件夹是符号链接，不会被读取：请放真实的文件夹")
        dirs.sort()
        for name in files:
            path = here / name
            shown = display(path, base)
            suffix = path.suffix
            if _ignored(name):
                continue
            if suffix == ".yaml":
                report.add(shown, 0, "", "文件扩展名请用 .yml")
            elif suffix.lower() in (".yml", ".yaml") and suffix != ".yml":
                report.add(shown, 0, "", f"文件扩展名“{suffix}”请改为小写的 .yml，否则不会被读取")
            elif suffix != ".yml":
                report.add(shown, 0, "", f"不认识的文件“{name}”：这里只放 .yml 记录文件（说明文字可放 .md 文件）")
            elif regular_inside(path, root, shown, report):
                found.append((path.stem, path, shown))
    return sorted(found, key=lambda item: item[1])
