"""Generate a large synthetic catalog repository for benchmarks.

Each file is a valid purchase catalog (or list) of the given size, so the numbers
measure the normal path: load, schema, every rule.  The `national` scale is a
country's worth: 2,850 county catalogs and, for each of 31,755 townships, its
access list and its assistance list (about 3.6 million items, 1.4 GB).  It is
made in pieces (one per county, each from its own seed), so any fraction of it is
the same files as the whole, and a benchmark can generate, check and delete it.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SERVICES = ["养老服务", "助残服务", "就业指导", "法律援助", "心理疏导", "社区矫正", "文化活动", "体育健身",
            "环境卫生保洁", "食品安全抽检辅助", "矛盾纠纷调解", "未成年人保护", "数据处理", "信息系统运维"]
PROVIDERS = ["企业", "社会组织", "事业单位", "农村集体经济组织", "基层群众性自治组织", "个人"]


def catalog(region: str, year: int, items: int, rng: random.Random) -> str:
    lines = [
        "kind: purchase-catalog", "schema: 1",
        f"title: 第 {region} 号县乡镇政府购买服务指导性目录（{year}年版）",
        f'region: {{code: "{region}", name: 某某县}}', f"year: {year}", "issuer: 某某县财政局",
        f"effective: {year}-01-01", "categories:",
    ]
    per_dir = 10
    dirs = max(1, items // per_dir)
    for top_index, (top_code, top_name) in enumerate((("A", "公共服务"), ("B", "政府履职所需辅助性服务"))):
        lines += [f"  - code: {top_code}", f"    name: {top_name}", "    children:"]
        for d in range(1 + top_index * dirs // 2, 1 + (top_index + 1) * dirs // 2):
            lines += [f"      - code: {top_code}{d:02d}", f"        name: 第{d}类服务", "        children:"]
            for i in range(1, per_dir + 1):
                service = rng.choice(SERVICES)
                lines += [
                    f"          - code: {top_code}{d:02d}{i:02d}",
                    f"            name: {service}{top_code}{d:02d}{i:02d}",
                    f"            content: 为辖区居民提供{service}，包括上门服务、信息登记和定期回访",
                    f"            township: {'true' if rng.random() < 0.6 else 'false'}",
                    f"            providers: [{', '.join(rng.sample(PROVIDERS, 2))}]",
                    "            basis:",
                    "              - {level: 行政法规, title: 社会救助暂行办法, article: 第十三条}",
                ]
    return "\n".join(lines) + "\n"


CATEGORIES = ["社会保障", "社会保险", "养老服务", "残疾人服务", "劳动就业", "卫生健康", "平安建设", "文化体育"]
DEPARTMENTS = ["民政局", "人力资源和社会保障局", "卫生健康局", "司法局", "残疾人联合会", "文化广电旅游体育局"]


def task_list(kind: str, township: str, county: str, year: int, items: int, rng: random.Random) -> str:
    """A township's access list or assistance list (`kind`) of `items` tasks."""
    access = kind == "access-list"
    lines = [
        f"kind: {kind}", "schema: 1",
        f"title: 第 {township} 号镇村（社区）工作事项{'准入清单' if access else '协助清单'}",
        f'region: {{code: "{township}", name: 某某镇}}', f"year: {year}", "issuer: 某某镇人民政府",
        f"effective: {year}-02-01",
    ]
    if access:
        lines.append(f"approval: {{body: 中共某某县委常委会, date: {year}-01-10, document_number: 某委办〔{year}〕3号}}")
    else:
        lines.append("scope: 村（居）民委员会")
    lines.append("items:")
    prefix = "ZR" if access else "XZ"
    for i in range(1, items + 1):
        service = rng.choice(SERVICES)
        department = f"某某县{rng.choice(DEPARTMENTS)}"
        lines += [
            f"  - code: {prefix}-{i:03d}",
            f"    name: {service}事项{i:03d}",
            f"    category: {rng.choice(CATEGORIES)}",
            f"    content: 协助{department}做好{service}的信息登记、宣传引导和定期回访",
            f"    department: {department}",
            "    basis:",
            "      - {level: 行政法规, title: 社会救助暂行办法, article: 第十三条}",
        ]
        if access:
            lines += [
                "    term: 长期",
                f"    funding: {{required: true, source: 县财政专项经费, amount: {rng.randrange(10, 200) * 100}}}",
                "    premises_required: false",
                "    staff_required: false",
            ]
        else:
            lines += [
                "    guidance: 县有关部门每季度组织业务培训，统一提供表格和模板",
                f"    funding: {{source: 县财政按户籍人口拨付工作经费, amount: {rng.randrange(10, 200) * 100}}}",
                "    evaluation: 镇人民政府年终组织双向评估",
            ]
    return "\n".join(lines) + "\n"


# The national scale: counties, townships, and the items of each file.
NATIONAL_COUNTIES = 2850
NATIONAL_TOWNSHIPS = 31755
NATIONAL_CATALOG_ITEMS = 600
NATIONAL_LIST_ITEMS = 30
# The 31 provincial-level codes of the mainland (GB/T 2260).
PROVINCES = (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
             50, 51, 52, 53, 54, 61, 62, 63, 64, 65)


def national_piece(out: Path, county_index: int, seed: int = 1, year: int = 2025) -> tuple[int, int]:
    """County `county_index` of the national scale: its catalog and its townships' lists -> (files, items)."""
    rng = random.Random(seed * 1_000_003 + county_index)
    province = PROVINCES[county_index % 31]
    city = (county_index // 31) % 70 + 1  # a prefecture's digits are 01-70 (or 90): region-code checks them
    county = f"{province:02d}{city:02d}{county_index // (31 * 70) + 1:02d}"
    folder = out / f"{province:02d}" / county
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "purchase-catalog.yaml").write_text(
        catalog(county, year, NATIONAL_CATALOG_ITEMS, rng), encoding="utf-8")
    # Townships are shared out evenly: the first counties take one more where it does not divide.
    base, extra = divmod(NATIONAL_TOWNSHIPS, NATIONAL_COUNTIES)
    townships = base + (1 if county_index < extra else 0)
    for t in range(1, townships + 1):
        code = f"{county}{t:03d}"
        place = folder / code
        place.mkdir(exist_ok=True)
        for kind in ("access-list", "assistance-list"):
            (place / f"{kind}.yaml").write_text(task_list(kind, code, county, year, NATIONAL_LIST_ITEMS, rng),
                                                encoding="utf-8")
    return 1 + 2 * townships, NATIONAL_CATALOG_ITEMS + 2 * townships * NATIONAL_LIST_ITEMS


def national(out: Path, fraction: float = 1.0, seed: int = 1) -> tuple[int, int]:
    """The first `fraction` of the national scale's counties (1.0: all of it) -> (files, items)."""
    files = items = 0
    for county_index in range(max(1, round(NATIONAL_COUNTIES * fraction))):
        f, i = national_piece(out, county_index, seed)
        files += f
        items += i
    return files, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--items", type=int, default=300, help="items per file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--national", type=float, metavar="FRACTION",
                        help="the national scale instead (1 = all 2,850 counties; 0.01 = the first 28)")
    args = parser.parse_args()
    if args.national is not None:
        files, items = national(args.out, args.national, args.seed)
        print(f"{files} files, {items} items")
    else:
        generate(args.out, args.files, args.items, args.seed)


def generate(out: Path, files: int, items: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for n in range(files):
        county = 440100 + (n % 90) + 1  # 4401xx: districts of one city
        folder = out / f"{county}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"catalog-{n:05d}.yaml").write_text(catalog(str(county), 2025, items, rng), encoding="utf-8")


if __name__ == "__main__":
    main()
