"""The GitHub workflows: linted by actionlint and audited by zizmor, and facts about them."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); normalise it back.
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_actionlint():
    node = shutil.which("node")
    assert node, "需要 Node.js 运行 actionlint"
    result = subprocess.run([node, str(ROOT / "tests" / "tools" / "actionlint.cjs"), *map(str, WORKFLOWS)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_zizmor():
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_are_read_only():
    pr = load("pr.yml")
    assert "pull_request" in pr["on"] and "pull_request_target" not in pr["on"]
    assert pr["permissions"] == {}
    for job in pr["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
    text = (ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8")
    assert "--format github" in text and "upload-artifact" in text


def test_deploy_depends_on_validation_tests_and_build():
    deploy = load("deploy.yml")
    assert deploy["permissions"] == {}
    assert "schedule" in deploy["on"] and deploy["on"]["push"]["branches"] == ["main"]
    build_steps = [s.get("run", "") for s in deploy["jobs"]["build"]["steps"]]
    assert (build_steps.index("./scripts/validate --format github") < build_steps.index("./scripts/test")
            < build_steps.index("./scripts/build --strict"))
    assert deploy["jobs"]["deploy"]["needs"] == "build"
    assert deploy["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_actions_pinned_and_no_event_data_in_run():
    # Every action by the full commit SHA of a release, its tag in a comment (Dependabot updates both).
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        uses = re.findall(r"^\s*(?:-\s+)?uses:.*$", text, re.MULTILINE)
        assert uses, path.name
        for line in uses:
            assert re.fullmatch(r"\s*(?:-\s+)?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line
        assert len(uses) == text.count("uses:"), path.name
        for run in re.findall(r"run:\s*(.+)", text):
            assert "${{" not in run, run


def test_checkouts_do_not_keep_the_token():
    for path in WORKFLOWS:
        for job in load(path.name)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_checkouts_fetch_the_whole_history():
    # Issue pages list every change from git: a shallow clone would make the history wrong (the build fails).
    for path in WORKFLOWS:
        for job in load(path.name)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["fetch-depth"] == 0, path.name
