"""The GitHub workflows and Dependabot: linted by actionlint and audited by zizmor, and facts about them."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# What the full test suite is run by: the daily rebuild runs neither.
TEST_COMMANDS = ("./.ci/run", ".ci/run", "./scripts/test", "scripts/test")


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
    # The workflows and dependabot.yml, with the pedantic persona (e.g. every write permission explained).
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", "--persona=pedantic", str(ROOT / ".github")],
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
    assert (build_steps.index("./scripts/validate --format github") < build_steps.index("./.ci/run")
            < build_steps.index("./scripts/build --strict") < build_steps.index("./scripts/check-links"))
    assert deploy["jobs"]["deploy"]["needs"] == "build"
    assert deploy["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_pushes_and_pull_requests_run_the_whole_suite():
    for name, job in (("deploy.yml", "build"), ("pr.yml", "check")):
        steps = [s for s in load(name)["jobs"][job]["steps"] if s.get("run") == "./.ci/run"]
        assert len(steps) == 1, name
        assert steps[0].get("if", "github.event_name != 'schedule'") == "github.event_name != 'schedule'", name


def test_daily_rebuild_only_validates_builds_and_checks_links():
    # The scheduled run changes notice states with the date; one flaky browser test must not hold that up.
    deploy = load("deploy.yml")
    assert deploy["on"]["schedule"] == [{"cron": "10 16 * * *"}]  # 00:10 Beijing time
    ran = []
    for job in deploy["jobs"].values():
        assert "schedule" not in str(job.get("if", "")), "a job that only runs on schedule"
        for step in job.get("steps", []):
            run = step.get("run", "").strip()
            if not run:
                continue
            if run.split()[0] in TEST_COMMANDS:
                assert step.get("if") == "github.event_name != 'schedule'", run
            else:
                assert "if" not in step, run
                ran.append(run)
    assert ran == ["./scripts/validate --format github", "./scripts/build --strict", "./scripts/check-links"]


def test_only_main_is_deployed():
    # Also a manual run (workflow_dispatch) started on another branch builds but does not deploy.
    deploy = load("deploy.yml")
    assert "workflow_dispatch" in deploy["on"]
    assert deploy["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main'"
    assert [name for name, job in deploy["jobs"].items() if "deploy-pages@" in str(job.get("steps"))] == ["deploy"]


def test_deploy_sets_the_site_and_repository_urls():
    steps = load("deploy.yml")["jobs"]["build"]["steps"]
    assert next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))["id"] == "pages"
    build = next(s for s in steps if s.get("run") == "./scripts/build --strict")
    assert build["env"] == {"GONGSHI_SITE_URL": "${{ steps.pages.outputs.base_url }}",
                            "GONGSHI_REPO_URL": "${{ github.server_url }}/${{ github.repository }}"}
    links = next(s for s in steps if s.get("run") == "./scripts/check-links")
    assert links["env"]["GONGSHI_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"


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
        checkouts = [step for job in load(path.name)["jobs"].values() for step in job.get("steps", [])
                     if step.get("uses", "").startswith("actions/checkout@")]
        assert checkouts, path.name
        for step in checkouts:
            assert step["with"]["fetch-depth"] == 0, path.name


def test_dependabot_keeps_actions_and_python_pins_current():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) >= {"github-actions", "pip"}
    for ecosystem in ("github-actions", "pip"):
        assert updates[ecosystem]["directory"] == "/"
        assert updates[ecosystem]["schedule"]["interval"] == "weekly"
