"""scripts/check-links and scripts/check-safety: checks of a built site."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from gongshi.adapters.mkdocs.plugin import theme_scripts
from gongshi.checks.links import check_site
from gongshi.checks.safety import report, scan_site


def check_links(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/check-links", description="检查已生成网站中的每个站内链接和锚点。")
    parser.add_argument("site", nargs="?", default="site", help="网站目录（默认 site/）")
    parser.add_argument("--base-path", default=None, help="网站地址中的路径部分（默认取自 GONGSHI_SITE_URL，否则为 /）")
    args = parser.parse_args(argv)
    base_path = args.base_path or urlsplit(os.environ.get("GONGSHI_SITE_URL") or "/").path or "/"
    broken = check_site(Path(args.site), base_path)
    for link in broken:
        print(link.text())
    pages = sum(1 for _ in Path(args.site).rglob("*.html"))
    print(f"检查了 {pages} 个页面：{len(broken)} 个失效链接。", file=sys.stderr)
    return 1 if broken else 0


def check_safety(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/check-safety",
                                     description="检查已生成网站的每个页面：不得有事件属性、javascript:/data: 网址、"
                                                 "iframe/object/base 等元素或未列入允许列表的脚本。")
    parser.add_argument("site", nargs="?", default="site", help="网站目录（默认 site/）")
    parser.add_argument("--base-path", default=None, help="网站地址中的路径部分（默认取自 GONGSHI_SITE_URL，否则为 /）")
    args = parser.parse_args(argv)
    if not Path(args.site).is_dir():
        print(f"错误：网站目录 {args.site} 不存在", file=sys.stderr)
        return 2
    base_path = args.base_path or urlsplit(os.environ.get("GONGSHI_SITE_URL") or "/").path or "/"
    pages, findings = scan_site(Path(args.site), theme_scripts(), base_path, workers=os.cpu_count() or 1)
    if findings:
        print(report(findings, limit=len(findings)))
    print(f"安全检查了 {pages} 个页面：{len(findings)} 处问题。", file=sys.stderr)
    return 1 if findings else 0
