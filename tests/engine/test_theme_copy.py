"""Our copy of mkdocs-material's base.html must follow the installed theme: after an
upgrade a stale copy would link asset files (bundle.<hash>.js, main.<hash>.css) the
new theme no longer ships, and no build step would notice."""

from __future__ import annotations

from pathlib import Path

import material

from conftest import ROOT

OURS = ROOT / "src" / "gongshi" / "adapters" / "mkdocs" / "theme" / "base.html"
THEIRS = Path(material.__file__).parent / "templates" / "base.html"
GENERATED_NOTE = "{#-\n  This file was automatically generated - do not edit\n-#}\n"


def test_base_html_is_materials_with_only_the_documented_change():
    ours = OURS.read_text(encoding="utf-8")
    assert ours.startswith("{#- Full copy of mkdocs-material ")
    body = ours.split("-#}\n", 1)[1]  # our leading comment says why it is a copy
    theirs = THEIRS.read_text(encoding="utf-8").replace(GENERATED_NOTE, "", 1)
    for toggle in ("drawer", "search"):
        before = (f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{toggle}" '
                  'autocomplete="off">')
        assert before in theirs, f"material's __{toggle} toggle changed: re-copy base.html"
        theirs = theirs.replace(before, before.replace(' autocomplete="off"', ""))
    assert body == theirs, "base.html differs from the installed mkdocs-material's: re-copy it (see its first comment)"


def test_base_html_names_the_installed_version():
    from importlib.metadata import version

    assert f"mkdocs-material {version('mkdocs-material')} base.html" in OURS.read_text(encoding="utf-8")
