"""Read every file under data/ into validated records, collecting every problem.

The layout (one file per record, id = file name):
  data/settings.yml
  data/sources/<id>.yml   data/units/<id>.yml   data/issues/**/<id>.yml
  data/petitions/**/<id>.yml   data/duties/<id>.yml   data/holidays/<year>.yml
Sub-folders under a kind are for people only (e.g. issues grouped by source).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from gongshi.data import layout, privacy, strict_yaml
from gongshi.data.messages import field_path, translate
from gongshi.data.problems import Report
from gongshi.data.strict_yaml import Mapping, Node, YamlProblem
from gongshi.model.fields import ID_PATTERN
from gongshi.model.holidays import HolidayFile
from gongshi.model.records import KINDS, Duty, Issue, Petition, Record, Settings, Source, Unit
from gongshi.model.workdays import WorkdayCalendar, YearSchedule


@dataclass
class Dataset:
    root: Path
    settings: Settings
    units: dict[str, Unit] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    issues: dict[str, Issue] = field(default_factory=dict)
    petitions: dict[str, Petition] = field(default_factory=dict)
    duties: dict[str, Duty] = field(default_factory=dict)
    calendar: WorkdayCalendar = field(default_factory=WorkdayCalendar)
    # every data/holidays/<year>.yml there is, valid or not: year -> path relative to the project
    holiday_files: dict[int, str] = field(default_factory=dict)
    # where each record came from: (kind, id) -> path relative to the project
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    nodes: dict[tuple[str, str], Node] = field(default_factory=dict)

    def table(self, kind: str) -> dict[str, Record]:
        return getattr(self, kind)

    def file_of(self, kind: str, record_id: str) -> str:
        return self.files[(kind, record_id)]

    def line_of(self, kind: str, record_id: str, path: tuple) -> int:
        node = self.nodes.get((kind, record_id))
        return strict_yaml.line_of(node, path) if node is not None else 0


_display = layout.display


def read_file(path: Path, shown: str, report: Report, kind: str | None = None) -> Mapping | None:
    """The file's tree, or None (with the problems reported). With `kind` (the record kind, "settings" or
    "holidays": every published file), personal data in its text is reported too (validate.privacy)."""
    soft: list[YamlProblem] = []
    try:
        text = strict_yaml.decode(path.read_bytes())
        node = strict_yaml.parse(text, soft)
    except YamlProblem as e:
        report.add(shown, e.line, "", e.message)
        return None
    for problem in soft:
        report.add(shown, problem.line, "", problem.message)
    if not isinstance(node, Mapping):
        report.add(shown, node.line, "", "文件内容应为若干“字段: 值”，而不是单个值或列表")
        return None
    if "id" in node.items:
        report.add(shown, node.key_lines["id"], "id", "不要写 id 字段：编号就是文件名（不含 .yml）")
        return None
    if kind is not None:
        privacy.check(kind, node, shown, report, text)
    return node


def validate_node(model: type[BaseModel], node: Mapping, shown: str, report: Report, extra: dict):
    data = strict_yaml.to_python(node)
    data.update(extra)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for line, field_name, message in translate(exc, model, node):
            report.add(shown, line, field_name, message)
        return None


def load_dataset(root: Path, base: Path | None = None, kinds=None,
                 keep_nodes: bool = True) -> tuple[Dataset, Report]:
    """Load and schema-check data/ (or only the given kinds). Cross-record rules live in gongshi.rules.

    keep_nodes=False drops each file's YAML node tree once its record is made: the trees only
    give messages their line numbers, and for a large data set they take much of the memory."""
    root = Path(root)
    base = Path(base) if base else root.parent
    report = Report()

    settings_path = root / "settings.yml"
    settings = None
    if root.is_dir():
        layout.check_top(root, base, report)
    if not settings_path.exists() and not settings_path.is_symlink():
        report.add(_display(settings_path, base), 0, "", "缺少网站设置文件 settings.yml")
    elif layout.regular_inside(settings_path, root, _display(settings_path, base), report):
        shown = _display(settings_path, base)
        node = read_file(settings_path, shown, report, "settings")
        if node is not None:
            settings = validate_node(Settings, node, shown, report, {})
    dataset = Dataset(root=root, settings=settings or Settings(site_name="整改公示"))

    for kind in KINDS:
        if kinds is not None and kind not in kinds:
            continue
        seen: dict[str, tuple[str, str]] = {}
        for record_id, path, shown in layout.record_paths(root / kind, root, base, report):
            privacy.check_name(path.relative_to(root).as_posix(), shown, report)
            if usable_id(record_id, path, shown, seen, report):
                add_file(dataset, report, kind, record_id, path, shown, keep_nodes)

    attachments = root / "attachments"
    if attachments.exists() or attachments.is_symlink():
        layout.folder_inside(attachments, root, _display(attachments, base), report)
    dataset.calendar = _load_holidays(root / "holidays", base, report, dataset.holiday_files)
    return dataset, report


def usable_id(record_id: str, path: Path, shown: str, seen: dict[str, tuple[str, str]], report: Report) -> bool:
    """True when a file's name can be its record's id. `seen` (id in lower case -> id, file) holds the
    ids of the kind so far; ids differing only in case are refused: their pages would be one file on a
    case-insensitive disk (Windows, macOS) and one address on some servers."""
    if not ID_PATTERN.match(record_id):
        report.add(shown, 0, "", f"文件名“{path.name}”不能作编号：只能用英文字母、数字、“-”和“_”")
        return False
    earlier = seen.get(record_id.lower())
    if earlier is not None:
        same = "重复" if earlier[0] == record_id else f"只有大小写不同（{earlier[0]}）"
        report.add(shown, 0, "", f"编号“{record_id}”与 {earlier[1]} {same}：编号必须唯一（不区分大小写）")
        return False
    seen[record_id.lower()] = (record_id, shown)
    return True


def add_file(dataset: Dataset, report: Report, kind: str, record_id: str, path: Path, shown: str,
             keep_nodes: bool = True) -> None:
    """Read, schema-check and add one record file to the dataset."""
    node = read_file(path, shown, report, kind)
    if node is None:
        return
    record = validate_node(KINDS[kind], node, shown, report, {"id": record_id})
    dataset.files[(kind, record_id)] = shown
    if keep_nodes:
        dataset.nodes[(kind, record_id)] = node
    if record is not None:
        dataset.table(kind)[record_id] = record


def record_files(root: Path, kind: str, base: Path, report: Report) -> list[tuple[str, Path, str]]:
    """(record id, path, shown) of every record file of a kind, sorted; other files are reported."""
    return layout.record_paths(Path(root) / kind, Path(root), base, report)


def _load_holidays(folder: Path, base: Path, report: Report, files: dict[int, str]) -> WorkdayCalendar:
    """The calendar from data/holidays/; `files` gets every year-named file, valid or not."""
    schedules: dict[int, YearSchedule] = {}
    if not folder.is_dir():
        return WorkdayCalendar(schedules)
    for _, path, shown in layout.record_paths(folder, folder.parent, base, report):
        if not path.stem.isdigit() or len(path.stem) != 4:
            report.add(shown, 0, "", "节假日文件应以年份命名，如 2027.yml")
            continue
        year = int(path.stem)
        files[year] = shown
        schedule = _holiday_schedule(path, shown, year, report)
        if schedule is not None:
            schedules[year] = schedule
    broken = {year: shown for year, shown in files.items() if year not in schedules}
    return WorkdayCalendar(schedules, broken)


def _holiday_schedule(path: Path, shown: str, year: int, report: Report) -> YearSchedule | None:
    """One year's schedule, or None when its file has mistakes (each reported with its line)."""
    node = read_file(path, shown, report, "holidays")
    if node is None:
        return None
    mistakes = 0
    written = node.items.get("year")
    if isinstance(written, strict_yaml.Scalar) and written.value.strip() != str(year):
        report.add(shown, written.line, "year", f"year 写的是“{written.value}”，与文件名 {path.name} 不符："
                                                f"文件名就是年份，请改正其中一个（year 可以不写）")
        mistakes += 1
    parsed = validate_node(HolidayFile, node, shown, report, {"year": year})
    if parsed is None:
        return None
    for at, message in parsed.problems():
        report.add(shown, strict_yaml.line_of(node, at), field_path(at), message)
        mistakes += 1
    return None if mistakes else parsed.schedule()
