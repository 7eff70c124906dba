"""The staff guide's examples are real: they pass the validator's schema."""

import re

from conftest import ROOT
from gongshi.data.strict_yaml import parse, to_python
from gongshi.model.holidays import HolidayFile
from gongshi.model.records import Issue, Unit

GUIDE = (ROOT / "docs" / "staff" / "index.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", GUIDE, re.S)


def block_with(key: str) -> dict:
    [text] = [b for b in BLOCKS if b.startswith(key)]
    return to_python(parse(text))


def test_guide_examples_validate():
    issue = block_with("source:")
    Issue.model_validate({**issue, "id": "yylq-2021-02"})
    Unit.model_validate({**block_with("name:"), "id": "example"})
    holidays = HolidayFile.model_validate({**block_with("notice:"), "year": 2027})
    assert holidays.problems() == []
    # the sign-off example fits into the issue example
    signoff = block_with("status: 已完成")
    Issue.model_validate({**issue, **signoff, "id": "yylq-2021-02"})
    Issue.model_validate({**issue, **block_with("old_ids:"), **block_with("withdrawn:"), **block_with("attachments:"),
                          "id": "yylq-2021-02"})


def _example(first_line: str) -> str:
    [text] = [b for b in BLOCKS if b.splitlines()[0].startswith(first_line)]
    return text


def test_every_guide_example_passes_the_whole_validator_in_the_sample_data(sample_copy):
    """Each YAML example of the staff guide, put where the guide says into a copy of the sample data, passes
    every check validate makes (schema, references, rules): the examples are consistent with each other and
    with the sample data (a Hunan issue names Hunan units). An example no rule below places fails the test."""
    import datetime as dt

    import yaml

    from gongshi.site.load import check_data

    placed: set[str] = set()

    def use(first_line: str) -> dict:
        text = _example(first_line)
        placed.add(text)
        return to_python(parse(text))

    issue = {**use("source:"), **use("progress:"), **use("status: 已完成"), **use("old_ids:")}
    withdrawn = use("withdrawn:")
    use("attachments:")  # its file would be the staff member's own PDF: the schema is checked above
    unit = use("name:")
    unit["phones"] = [*unit["phones"], *use("phones:")["phones"]]
    holidays = use("notice:")
    duty = use("title:")
    documents_text = use("# data/sources/")
    source_part, issue_part = documents_text["documents"], documents_text["from_documents"]
    files = {
        "issues/zydc2-hunan-2021/yylq-2021-02.yml": issue,
        "issues/zydc2-hunan-2021/yylq-2021-03.yml": {**issue, "old_ids": ["yylq-2021-3"], **withdrawn},
        "units/example-office.yml": unit,
        "holidays/2027.yml": holidays,
        "duties/example-duty.yml": duty,
    }
    for relative, record in files.items():
        target = sample_copy / relative
        target.parent.mkdir(exist_ok=True)
        target.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    source = sample_copy / "sources" / "zydc-jiangxi.yml"
    raw = to_python(parse(source.read_text(encoding="utf-8")))
    by_id = {d["id"]: d for d in raw["documents"]}
    raw["documents"] = [{**by_id.get(d["id"], {}), **d, "url": "https://www.example.cn/a.html"} for d in source_part]
    raw["documents"] += [d for i, d in by_id.items() if i not in {x["id"] for x in source_part}]
    source.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    target = sample_copy / "issues" / "zydc-jiangxi" / "zydc-jx-08.yml"
    target.write_text(target.read_text(encoding="utf-8") + f"from_documents: [{', '.join(issue_part)}]\n",
                      encoding="utf-8")
    site = check_data(sample_copy, dt.date(2026, 11, 23), base=sample_copy.parent)
    assert [p.text() for p in site.report.errors] == []
    # The units an example issue names are of its province (the guide once put Jiangxi units in a Hunan issue).
    named = {*issue["responsible_units"], *(u for m in issue["measures"] for u in m.get("lead", []))}
    province = issue["region"][:3]
    assert named and all(site.data.units[u].region.startswith(province) for u in named), named
    assert set(BLOCKS) == placed, [b.splitlines()[0] for b in BLOCKS if b not in placed]


def test_committed_schemas_are_current():
    """schemas/ (used by editors) matches the data model; regenerate with scripts/schemas."""

    from gongshi.cli.schemas import schemas

    for name, text in schemas().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, \
            f"请运行 scripts/schemas 更新 schemas/{name}"


def test_editor_and_pre_commit_wiring():
    import json

    import yaml

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema, pattern in settings["yaml.schemas"].items():
        assert (ROOT / schema).exists() and pattern.startswith("data/")
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hooks[0]["entry"] == "./scripts/validate"


# Different fields that rightly say the same: (schema, model, field) pairs ("" is the record itself).
# None so far: add a pair here only when two fields really mean the same.
SAME_DESCRIPTION: set[frozenset[tuple[str, str, str]]] = set()


def test_committed_schemas_describe_every_field_by_its_own_model():
    """Each property has a description, and two different fields (model + name) of a schema never share one
    (as a notice's title once got the issue's "问题标题") unless listed in SAME_DESCRIPTION."""
    import json

    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        models = [("", schema), *schema.get("$defs", {}).items()]
        seen: dict[str, tuple[str, str, str]] = {}
        for model, definition in models:
            for name, prop in (definition.get("properties") or {}).items():
                field = (path.name, model, name)
                text = prop.get("description")
                assert text, f"{path.name}: {model or '记录'}.{name} 没有说明"
                earlier = seen.setdefault(text, field)
                assert earlier == field or frozenset({earlier, field}) in SAME_DESCRIPTION, \
                    f"{path.name}: {earlier[1] or '记录'}.{earlier[2]} 与 {model or '记录'}.{name} 的说明相同：“{text}”"
