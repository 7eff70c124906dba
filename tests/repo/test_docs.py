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
