"""Generate realistic synthetic data of any size (for benchmarks).

Text is assembled from the sentences of the real sample data in data/ (the
seeds' vocabulary: 洞庭湖, 总磷, 秸秆禁烧, 排污口 ...) with place names and
numbers varied, so search indexes and pages have the size and shape of real
ones. Notice windows are computed with the official calendar, so the data
is valid. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from pathlib import Path

from gongshi.data.strict_yaml import decode, parse, to_python
from gongshi.dev import PROJECT as ROOT
from gongshi.model.workdays import WorkdayCalendar

PROVINCES = ["湖南省", "江西省", "湖北省", "安徽省", "云南省", "四川省", "贵州省", "重庆市", "江苏省", "浙江省"]
CITIES = ["岳阳市", "益阳市", "永州市", "常德市", "株洲市", "赣州市", "九江市", "宜春市", "上饶市", "南昌市",
          "吉安市", "景德镇市", "玉溪市", "宜昌市", "荆州市", "芜湖市", "安庆市", "遵义市", "泸州市", "湖州市"]
COUNTIES = ["沅江市", "岳阳楼区", "零陵区", "冷水滩区", "信丰县", "东安县", "祁阳县", "道县", "宁远县", "通海县",
            "鄱阳县", "余干县", "进贤县", "乐平市", "万年县", "铅山县", "君山区", "汨罗市", "湘阴县", "华容县"]
DEPARTMENTS = ["生态环境局", "水利局", "农业农村局", "自然资源局", "住房和城乡建设局", "林业局", "交通运输局",
               "城市管理局", "工业和信息化局", "发展和改革局", "公安局", "人民政府"]
KINDS = ["督察反馈问题", "巡察反馈问题", "交办信访件", "警示片披露问题", "典型案例"]
CATEGORIES = ["水", "大气", "土壤", "生态", "噪声", "其他"]
BENCH_DATE = dt.date(2026, 9, 30)  # the build date the benchmarks use (GONGSHI_BUILD_DATE)
SOURCE_TYPES = [("督察", "中央"), ("督察回头看", "省"), ("巡察", "省"), ("警示片", "中央"), ("专项督察", "市")]
# Named places in the seed sentences, replaced per issue so that a name matches a
# realistic share of pages (real issues each name their own lake, river or town).
SEED_NAMES = ["南洞庭湖", "洞庭湖", "鄱阳湖", "乐安河", "杞麓湖", "乌沙河", "陈埠港", "湘江", "赣江", "沅江市",
              "岳阳楼区", "南昌市", "株洲市", "玉溪市", "通海县", "宜春市", "景德镇", "乐平市", "万年县", "铅山县",
              "赣州市", "巴南湖"]
_NAME_PARTS = "青白黄清长丰金石龙凤安平东西南北新桃柳松竹梅兰溪泉桥塘湾滩岭峰山水川源"
_NAME_KINDS = ["湖", "河", "江", "港", "溪", "水库", "湿地", "镇", "村", "工业园"]
DEADLINES = ["立行立改、长期坚持", "持续改善", "{y}年{m}月底", "{y}年底", "立行立改、{y}年{m}月底"]


def _sentences(data_dir: Path) -> list[str]:
    out: list[str] = []
    for path in sorted((data_dir / "issues").rglob("*.yml")):
        record = to_python(parse(decode(path.read_bytes())))
        texts = [record.get("problem") or "", record.get("target") or ""]
        texts += [m.get("text", "") for m in record.get("measures") or []]
        texts += [p.get("text", "") for p in record.get("progress") or []]
        for text in texts:
            out.extend(s.strip() + "。" for s in re.split(r"[。\n]", text) if len(s.strip()) > 8)
    return sorted(set(out))


def _invented_name(rng: random.Random) -> str:
    return rng.choice(_NAME_PARTS) + rng.choice(_NAME_PARTS) + rng.choice(_NAME_KINDS)


_SEED_NAME = re.compile("|".join(sorted(SEED_NAMES, key=len, reverse=True)))
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _paragraph(rng: random.Random, sentences: list[str], n: int, place: str) -> str:
    picked = rng.sample(sentences, min(n, len(sentences)))
    text = "".join(picked)
    # Vary names and figures: a seed's lake becomes this issue's own water body,
    # most of the time an invented one; figures change too.
    text = _SEED_NAME.sub(lambda m: place if rng.random() < 0.3 else _invented_name(rng), text)
    return _NUMBER.sub(lambda m: str(rng.randint(1, 2025)) if "." not in m.group() else f"{rng.random() * 10:.2f}",
                       text)


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(out: Path, issues: int, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    sentences = _sentences(ROOT / "data")
    calendar = WorkdayCalendar()
    if out.exists():
        shutil.rmtree(out)
    for sub in ("sources", "units", "issues", "petitions", "duties"):
        (out / sub).mkdir(parents=True)
    (out / "settings.yml").write_text("site_name: 生态环境保护督察整改公示（合成数据）\nmin_window_days: 5\n",
                                      encoding="utf-8")

    n_sources = max(5, issues // 200)
    n_units = max(20, issues // 50)
    sources = []
    for i in range(n_sources):
        kind, level = SOURCE_TYPES[i % len(SOURCE_TYPES)]
        province = PROVINCES[i % len(PROVINCES)]
        year = 2019 + i % 7
        sid = f"src-{i + 1:04d}"
        sources.append(sid)
        start = dt.date(year, 3 + i % 8, 1 + i % 20)
        (out / "sources" / f"{sid}.yml").write_text(
            f"name: {year}年第{i % 5 + 1}轮{level}生态环境保护{kind}（{province}）\nlevel: {level}\ntype: {kind}\n"
            f"region: {province}\nstationing:\n  start: {start}\n  end: {start + dt.timedelta(days=30)}\n"
            f"feedback_date: {start + dt.timedelta(days=90)}\nsummary: {_q(_paragraph(rng, sentences, 3, province))}\n",
            encoding="utf-8")
    units = []
    for i in range(n_units):
        uid = f"unit-{i + 1:05d}"
        units.append(uid)
        county = COUNTIES[i % len(COUNTIES)]
        city = CITIES[i % len(CITIES)]
        phone = f"07{30 + i % 70:02d}-{8000000 + i:07d}"
        office = "" if i < len(COUNTIES) * len(DEPARTMENTS) else f"第{i}办"
        (out / "units" / f"{uid}.yml").write_text(
            f"name: {county}{DEPARTMENTS[i % len(DEPARTMENTS)]}{office}\n"
            f"region: {PROVINCES[i % len(PROVINCES)]}{city}{county}\n"
            f"phones:\n  - number: {phone}\n    label: 监督电话\nemails: [jiandu{i}@example.cn]\n",
            encoding="utf-8")

    notices = 0
    for i in range(issues):
        iid = f"gen-{i + 1:06d}"
        source = sources[i % n_sources]
        province = PROVINCES[(i % n_sources) % len(PROVINCES)]
        city, county = CITIES[i % len(CITIES)], COUNTIES[(i * 7) % len(COUNTIES)]
        region = f"{province}{city}{county}"
        cats = rng.sample(CATEGORIES, rng.choice([1, 1, 2]))
        year = 2020 + i % 7
        deadline = rng.choice(DEADLINES).format(y=year, m=1 + i % 12)
        lead = rng.sample(units, 2)
        status = rng.choice(["整改中", "整改中", "已完成", "已销号", "未公布", "反弹"])
        title = _paragraph(rng, sentences, 1, county)[:40].rstrip("。，、；") or "问题"
        measures = "".join(
            f"  - text: {_q(_paragraph(rng, sentences, 2, county))}\n    lead: [{lead[m % 2]}]\n"
            for m in range(rng.randint(2, 5)))
        progress_date = dt.date(2021 + i % 5, 1 + i % 12, 1 + i % 27)
        lines = [
            f"source: {source}", f"number: \"{i % 60 + 1}\"", f"kind: {KINDS[i % len(KINDS)]}", f"title: {_q(title)}",
            f"region: {region}", f"category: [{', '.join(cats)}]", f"status: {status}",
            f"problem: {_q(_paragraph(rng, sentences, rng.randint(2, 5), county))}",
            f"target: {_q(_paragraph(rng, sentences, 1, county))}", f"deadline: {deadline}",
            "measures:", measures.rstrip("\n"), f"responsible_units: [{', '.join(lead)}]",
            "progress:", f"  - date: {progress_date}", f"    text: {_q(_paragraph(rng, sentences, 2, county))}",
        ]
        if status in ("已完成", "已销号") and i % 3 == 0:
            start = calendar.next_workday(dt.date(2023 + i % 4, 1 + (i // 3) % 10, 1 + i % 25))
            days = rng.choice([5, 7, 10])
            end = calendar.end_after(start, days)
            if end.year <= 2026:
                notices += 1
                if status == "已销号" and end >= BENCH_DATE:
                    # Signed off only once the window has ended (the validator refuses it before).
                    lines[6] = "status: 已完成"
                lines += [
                    "signoff:", f"  title: {_q(f'关于{title}整改销号情况的公示')}", f"  date: {start}",
                    f"  office: {lead[0]}",
                    "  window:", f"    start: {start}", f"    end: {end}", f"    working_days: {days}",
                    "  implementation:", f"    - {_q(_paragraph(rng, sentences, 2, county))}",
                    "  conclusion: 截至目前，各项整改措施均已完成，符合办结销号要求。",
                ]
        folder = out / "issues" / source
        folder.mkdir(exist_ok=True)
        (folder / f"{iid}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    petitions = issues // 5
    for i in range(petitions):
        pid = f"D{1 + i % 9}GEN{2020 + i % 6}{i:06d}"
        (out / "petitions" / f"{pid}.yml").write_text(
            f"source: {sources[i % n_sources]}\n"
            f"region: {PROVINCES[i % len(PROVINCES)]}{CITIES[i % len(CITIES)]}{COUNTIES[i % len(COUNTIES)]}\n"
            f"pollution: [{rng.choice(['大气', '水', '噪声', '生态', '土壤'])}]\n"
            f"important: {'true' if i % 5 == 0 else 'false'}\n"
            f"channel: {rng.choice(['来电', '来信'])}\nfinding: {rng.choice(['属实', '部分属实', '不属实'])}\n"
            f"handling: {_q(_paragraph(rng, sentences, 2, COUNTIES[i % len(COUNTIES)]))}\n"
            f"status: {rng.choice(['办理中', '已办结'])}\nreported: {dt.date(2020 + i % 6, 1 + i % 12, 1 + i % 27)}\n",
            encoding="utf-8")
    (out / "duties" / "monthly.yml").write_text(
        f"title: 整改情况月报\ntext: 每月25日前报送整改情况\nday_of_month: 25\nif_not_workday: 提前\n"
        f"office: {units[0]}\nstart: 2021-06-29\n",
        encoding="utf-8")
    return {"issues": issues, "notices": notices, "petitions": petitions, "sources": n_sources, "units": n_units}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/gen", description="生成任意规模的合成数据（用于性能测试）。")
    parser.add_argument("issues", type=int, help="问题数量，如 10000")
    parser.add_argument("--out", default="/tmp/gongshi-gen/data", help="输出的数据目录（会被清空重建）")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = generate(Path(args.out), args.issues, args.seed)
    print(f"已生成 {args.out}：" + "，".join(f"{k} {v}" for k, v in counts.items()))
    return 0

