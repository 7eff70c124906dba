"""Running mkdocs itself: load its configuration, build into a folder, show its log."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError


class EngineError(Exception):
    """The engine stopped; the message is for staff ("" when the log already said why)."""


def load(config_file: str, strict: bool) -> MkDocsConfig:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        return load_config(config_file, strict=strict or None)
    except (ConfigurationError, Abort) as e:
        raise EngineError(f"配置文件有误：{e}") from None


def site_dir(config: MkDocsConfig) -> Path:
    return Path(config["site_dir"])


def build(config: MkDocsConfig, into: Path) -> None:
    """Build the site into the folder `into`; EngineError when the build fails."""
    config["site_dir"] = str(into)
    try:
        mkdocs_build(config)
    except (Abort, SystemExit) as e:
        message = str(e)
        raise EngineError("" if not message or message.startswith("Aborted with a BuildError") else message) from None


class _StderrHandler(logging.StreamHandler):
    # Always the current sys.stderr (tests and callers may swap it).
    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def show_log() -> None:
    """Show mkdocs' log (and ours: "mkdocs.gongshi", "gongshi") as the mkdocs command would."""
    for name in ("mkdocs", "gongshi"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
            handler = _StderrHandler()
            handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
