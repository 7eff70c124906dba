"""scripts/new: scaffold a data file with every field listed and explained."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from gongshi.model.field_docs import describe
from gongshi.model.fields import ID_PATTERN
from gongshi.model.records import KINDS

KIND_NAMES = {"issue": "issues", "source": "sources", "unit": "units", "petition": "petitions", "duty": "duties"}
# Nested fields shown as an example block rather than a single line.
BLOCKS = {
    "measures": "  # - text: 第一条整改措施原文\n  #   lead: [单位编号]",
    "progress": "  # - date: 2025-10-15\n  #   text: 整改进展原文\n  #   document: 出处",
    # Every field of a notice, commented out: delete the "# " in front of each line when the notice is
    # published, and replace the example values (see the staff guide: 发布整改销号公示).
    "signoff": "\n".join([
        "  # title: 关于……整改销号情况的公示",
        "  # date: 2023-10-13  # 落款日期",
        "  # number: 文号  # 没有文号时删去这一行",
        "  # office: 请填写发布单位编号  # data/units/ 下的文件名",
        "  # contact: 请填写受理异议的单位编号  # 与发布单位相同时删去这一行",
        "  # intro: 根据……，现将……整改销号情况公示如下：",
        "  # window:",
        "  #   start: 2023-10-13  # 公示开始日期",
        "  #   end: 2023-10-24  # 公示结束日期",
        "  #   working_days: 8  # 公示原文写的工作日数",
        "  # implementation:  # 四、整改落实情况，每条一项",
        "  #   - 第一条整改落实情况原文",
        "  # conclusion: 截至目前，各项整改措施均已完成，符合办结销号要求。",
    ]),
    "documents": "  # - title: 文件名称\n  #   number: 文号\n  #   date: 2025-01-01",
    "phones": "  # - number: 0730-1234567\n  #   label: 监督电话",
    "stationing": "  # start: 2024-08-22\n  # end: 2024-09-29",
    "petition_summary": "  # 工作简报公布的信访件统计，格式见 data/sources/hn-hdsh5-yongzhou-2020.yml",
    "document": "  # title: 文件名称\n  # number: 文号",
}


def next_free_id(folder: Path, prefix: str) -> str:
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    digits = [m.group(1) for p in folder.rglob("*.yml") if (m := pattern.fullmatch(p.stem))]
    width = max([len(d) for d in digits] or [2])
    return f"{prefix}{max((int(d) for d in digits), default=0) + 1:0{width}d}"


def common_prefix(ids: list[str]) -> str | None:
    prefixes = [m.group(1) for i in ids if (m := re.fullmatch(r"(.*?)\d+", i))]
    return max(set(prefixes), key=prefixes.count) if prefixes else None


def scaffold(kind: str, known: dict[str, str], schema_path: str) -> str:
    model = KINDS[kind]
    lines = [f"# yaml-language-server: $schema={schema_path}",
             "# 逐项填写后运行 ./scripts/validate 检查；标“必填”的字段不能为空，其余不用的字段可以删除。"]
    for name, field in model.model_fields.items():
        if name == "id":
            continue
        note = describe(kind, name) + ("（必填）" if field.is_required() else "")
        if name in known:
            lines.append(f"{name}: {known[name]}  # {note}")
        elif name in BLOCKS:
            lines.append(f"{name}:  # {note}" if field.is_required() else f"# {name}:  # {note}")
            lines.append(BLOCKS[name])
        elif field.is_required():
            lines.append(f"{name}:  # {note}")
        else:
            lines.append(f"# {name}:  # {note}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/new", description="新建一个数据文件，列出全部字段并附说明。")
    parser.add_argument("kind", choices=list(KIND_NAMES),
                        help="issue 问题 / source 督察来源 / unit 单位 / petition 信访件 / duty 定期报送")
    parser.add_argument("id", nargs="?", help="编号（文件名）；问题可省略，自动取该来源下一个空闲编号")
    parser.add_argument("--source", help="督察来源编号（问题、信访件必填）")
    parser.add_argument("--data", default="data", help="数据目录")
    args = parser.parse_args(argv)
    data = Path(args.data)
    kind = KIND_NAMES[args.kind]
    known: dict[str, str] = {}
    folder = data / kind
    if kind in ("issues", "petitions"):
        if not args.source:
            parser.error("请用 --source 指明督察来源编号")
        if not (data / "sources" / f"{args.source}.yml").exists():
            print(f"错误：督察来源“{args.source}”不存在（data/sources/{args.source}.yml）", file=sys.stderr)
            return 1
        known["source"] = args.source
    if kind == "issues":
        folder = data / "issues" / args.source
        record_id = args.id
        if not record_id:
            existing = [p.stem for p in folder.rglob("*.yml")] if folder.exists() else []
            prefix = common_prefix(existing) or f"{args.source}-"
            record_id = next_free_id(data / "issues", prefix)
    else:
        record_id = args.id
        if not record_id:
            parser.error("请给出编号（文件名），如 scripts/new unit yylq-shuiliju")
    if not ID_PATTERN.match(record_id):
        print(f"错误：“{record_id}”不能作编号：只能用英文字母、数字、“-”和“_”", file=sys.stderr)
        return 1
    clash = list((data / kind).rglob(f"{record_id}.yml")) if (data / kind).exists() else []
    if clash:
        print(f"错误：{clash[0]} 已存在，不会覆盖", file=sys.stderr)
        return 1
    target = folder / f"{record_id}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    depth = len(target.relative_to(data.parent).parts) - 1
    schema = "../" * depth + f"schemas/{kind}.schema.json"
    target.write_text(scaffold(kind, known, schema), encoding="utf-8")
    print(target)
    return 0

