"""Generate a large synthetic catalog repository for benchmarks.

Each file is a valid purchase catalog (or list) of the given size, so the numbers
measure the normal path: load, schema, every rule.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--items", type=int, default=300, help="items per file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
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
