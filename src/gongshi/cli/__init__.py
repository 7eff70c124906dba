"""The `gongshi` command: one sub-command per staff or developer task (scripts/* call these)."""

from __future__ import annotations

import importlib
import sys

# sub-command → (module, function, what it does); modules are imported only when used.
COMMANDS = {
    "validate": ("gongshi.cli.validate", "validate", "检查数据"),
    "build": ("gongshi.cli.build", "build", "生成网站"),
    "serve": ("gongshi.cli.serve", "serve", "本地预览（保存后自动更新）"),
    "import": ("gongshi.cli.ledger", "import_ledger", "从台账导入"),
    "export": ("gongshi.cli.ledger", "export_ledger", "导出台账"),
    "new": ("gongshi.cli.new_record", "main", "新建数据文件"),
    "schemas": ("gongshi.cli.schemas", "main", "重写 schemas/ 中的 JSON Schema"),
    "check-links": ("gongshi.cli.checks", "check_links", "检查站内链接"),
    "check-safety": ("gongshi.cli.checks", "check_safety", "检查页面安全"),
    "gen": ("gongshi.dev.gen_data", "main", "生成合成数据"),
    "bench-build": ("gongshi.dev.bench_build", "main", "构建性能测试"),
    "bench-search": ("gongshi.dev.bench_search", "main", "搜索性能测试"),
    "bench-validate": ("gongshi.dev.bench_validate", "main", "检查性能测试"),
    "bench-preview": ("gongshi.dev.bench_preview", "main", "本地预览性能测试"),
    "bench-hostile": ("gongshi.dev.bench_hostile", "main", "恶意输入性能测试"),
    "lighthouse": ("gongshi.dev.run_lighthouse", "main", "Lighthouse 评分"),
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in COMMANDS:
        listing = "\n".join(f"  {name:<15}{label}" for name, (_, _, label) in COMMANDS.items())
        print(f"用法：gongshi 命令 [参数]\n命令：\n{listing}", file=sys.stderr)
        return 2
    module, function, _ = COMMANDS[args[0]]
    return getattr(importlib.import_module(module), function)(args[1:])
