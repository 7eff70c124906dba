"""Engine continuity: ProperDocs (a continuation of MkDocs 1.x) builds the same site as MkDocs.

MkDocs 2.0 drops plugins and hooks, which the whole site is built with. ProperDocs
1.6.x keeps them: its `properdocs build` redirects every `mkdocs.*` import (ours in
hooks/gongshi_hooks.py, material's) to `properdocs.*` (properdocs/replacement.py), reads
material's theme from the `mkdocs.themes` entry point and takes `-f mkdocs.yml` as it is.

The sample data (data/) is built with the same config, the same build date and
--strict, once by our build command on MkDocs and once by `properdocs build`, in two
processes at the same time (ProperDocs must not run inside pytest: it would alias
`mkdocs` to `properdocs` for the rest of the session). Every file's name and bytes
must match, except the generator meta tag of each page: there ProperDocs passes
`mkdocs_version = "ProperDocs <version>"` to the template.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from conftest import ROOT
from sitebuild import SITE_URL, _make_project

BUILD_DATE = "2026-11-30"
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _first_difference(left: bytes, right: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y), min(len(left), len(right)))
    return f"{len(left)} / {len(right)} 字节，第 {at} 字节起：{left[at:at + 80]!r} / {right[at:at + 80]!r}"


def _generator(text: bytes, path: str) -> tuple[str, bytes]:
    """The generator tag's content, and the file with just that tag normalised."""
    found = GENERATOR.findall(text)
    assert len(found) == 1, f"{path}：generator 标签 {len(found)} 个"
    return found[0].decode(), GENERATOR.sub(b'<meta name="generator" content="">', text)


def test_properdocs_builds_the_same_site(tmp_path):
    config = _make_project(tmp_path / "project", ROOT / "data", SITE_URL)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GONGSHI_SITE_URL")}
    env.update(GONGSHI_BUILD_DATE=BUILD_DATE, NO_MKDOCS_2_WARNING="1")
    mkdocs_site, properdocs_site = tmp_path / "mkdocs-site", tmp_path / "properdocs-site"
    commands = {
        "mkdocs": [sys.executable, "-m", "gongshi", "build", "--config", str(config),
                   "--site-dir", str(mkdocs_site), "--strict"],
        # The command a user runs: `properdocs build -f mkdocs.yml`.
        "properdocs": [sys.executable, "-m", "properdocs", "build", "-f", str(config),
                       "-d", str(properdocs_site), "--strict"],
    }
    running = {name: subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True)
               for name, command in commands.items()}
    for name, process in running.items():
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, f"{name} 构建失败：\n{output}"

    one, two = _files(mkdocs_site), _files(properdocs_site)
    only = sorted(set(one) ^ set(two))
    assert not only, f"{len(only)} 个文件只在一次构建中有：{only[:10]}"

    material = version("mkdocs-material")
    expected = (f"mkdocs-{version('mkdocs')}, mkdocs-material-{material}",
                f"mkdocs-ProperDocs {version('properdocs')}, mkdocs-material-{material}")
    differing, tags = [], 0
    for path in one:
        left, right = one[path], two[path]
        if path.endswith(".html") and GENERATOR.search(left):
            (tag_left, left), (tag_right, right) = _generator(left, path), _generator(right, path)
            assert (tag_left, tag_right) == expected, path  # and so each site was built by the engine named
            tags += 1
        if left != right:
            differing.append(f"{path}：{_first_difference(left, right)}")
    assert not differing, f"{len(differing)} 个文件内容不同（generator 标签以外）：\n" + "\n".join(differing[:10])

    # Every kind of output was compared: pages, sitemap, feeds, calendar, open data, the pagefind index.
    assert tags == sum(path.endswith(".html") for path in one) > 100
    for wanted in ("index.html", "404.html", "issues/yj-xc-12/index.html", "sitemap.xml", "sitemap.xml.gz",
                   "feeds/notices.xml", "calendar.ics", "data/issues.json", "pagefind/pagefind-entry.json"):
        assert wanted in one, wanted
    assert any(path.startswith("pagefind/filter/") for path in one)
