"""What `catalogtool init` was asked for, checked: a county's region code and name, a year, a hook source.

Every mistake is a CatalogToolError (exit 2) that says what a good value looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message
from catalogtool.rules.region_code import MESSAGES, problems_of
from catalogtool.townships import TOWNSHIP_CODE, Township

# A plain name, safe in YAML, Markdown and file names: Chinese, letters, digits, middle dot, brackets.
_NAME = re.compile(r"^[\u3400-\u9fffA-Za-z0-9·（）()]{2,40}$")
FIRST_YEAR, LAST_YEAR = 2000, 2099


@dataclass(frozen=True, slots=True)
class Params:
    """A checked request: the county, the year of the starter documents, and where the pre-commit hook comes from."""

    region_code: str
    region_name: str
    year: int
    hook_repo: str | None = None
    hook_rev: str | None = None

    @property
    def townships(self) -> tuple[Township, ...]:
        """Placeholders for the roster (a street office and a town), valid codes under the county."""
        return (Township(f"{self.region_code}001", "示例街道"), Township(f"{self.region_code}100", "示例镇"))

    @property
    def plan_township(self) -> Township:
        return self.townships[-1]


def parse_params(region: str, name: str, year: int, hook_repo: str | None = None,
                 hook_rev: str | None = None) -> Params:
    """Check the request; the first mistake found is raised."""
    region = region.strip()
    if not re.fullmatch(r"[0-9]{6}", region):
        raise CatalogToolError(Message(
            f"--region {region}：请给出六位县级行政区划代码，例如 --region 441803（清远市清新区）",
            f"--region {region}: give a six-digit county region code, e.g. --region 441803"))
    problem = problems_of(region)
    if problem is not None:
        key, part = problem
        message = MESSAGES[key]
        raise CatalogToolError(Message(f"--region：{message.zh.format(code=region, part=part)}",
                                       f"--region: {message.en.format(code=region, part=part)}"))
    if region.endswith("00"):
        raise CatalogToolError(Message(
            f"--region {region} 是地市或省级代码：目录仓库按县（市、区）建立，乡镇代码在县级代码之下，"
            "请给出县级代码（后两位不是 00），例如 441803",
            f"--region {region} is a city or province code: a catalog repository is a county's, and township "
            "codes sit under the county's code; give a county code (not ending in 00), e.g. 441803"))
    name = name.strip()
    if not _NAME.match(name) or not re.search(r"[\u3400-\u9fff]", name):  # 'null', 'No', '123456' would not read as text
        raise CatalogToolError(Message(
            f"--name {name!r}：请给出行政区划的中文全称，2-40 个字（可含字母、数字和括号），不含空格和标点，"
            "例如 --name 清远市清新区",
            f"--name {name!r}: give the region's full Chinese name, 2-40 characters (Chinese, letters, digits, brackets), "
            "no spaces or punctuation, e.g. --name 清远市清新区"))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CatalogToolError(Message(
            f"--year {year}：年度应为 {FIRST_YEAR} 到 {LAST_YEAR} 之间的四位数字，例如 --year 2026",
            f"--year {year}: the year must be a four-digit year from {FIRST_YEAR} to {LAST_YEAR}, e.g. --year 2026"))
    if (hook_repo is None) != (hook_rev is None):
        raise CatalogToolError(Message(
            "--hook-repo 和 --hook-rev 要一起给出（catalogtool 仓库的地址和版本标签），或者都不给（使用本机安装的 catalogtool）",
            "--hook-repo and --hook-rev go together (the catalogtool repository and a tag), or neither "
            "(use the catalogtool installed on the machine)"))
    for option, value in (("--hook-repo", hook_repo), ("--hook-rev", hook_rev)):
        if value is not None and (not value.strip() or re.search(r"[\s\"'#]", value)):
            raise CatalogToolError(Message(f"{option} {value!r}：不能为空，也不能含空格、引号或 #",
                                           f"{option} {value!r}: must not be empty or contain spaces, quotes or #"))
    params = Params(region, name, year, hook_repo, hook_rev)
    assert all(TOWNSHIP_CODE.match(t.code) for t in params.townships)
    return params
