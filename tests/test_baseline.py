"""validate --baseline: record a repository's problems once, then report only new ones.

Issue 11 acceptance: a baseline made before adding 3 new problems and moving 20
lines reports exactly the 3.  Here on a copy of the examples, with old problems of
several rules (a duplicate code whose message cites a line, text hygiene, a missing
funding source, and the plans' references the duplicate breaks).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from catalogtool.baseline import message_key
from catalogtool.cli.main import app
from catalogtool.problems import Level, Message, Problem

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CATALOG = Path("2025/purchase-catalog.yaml")
ACCESS = Path("2025/access-list.yaml")
ASSISTANCE = Path("2025/assistance-list.yaml")

# Twenty lines that move everything below them: a new first item of A01 (so list indexes
# move too) and thirteen comment lines at the top of the file.
NEW_ITEM = """          - code: A0105
            name: 老年人紧急呼叫服务
            content: 为独居、空巢老年人安装紧急呼叫设备并提供二十四小时应急响应服务
            township: true
            providers: [企业, 社会组织]
            basis:
              - {level: 法律, title: 中华人民共和国老年人权益保障法, article: 第三十七条}
"""
TOP_COMMENTS = "".join(f"# 修订说明第 {n} 条：按2025年区财政局意见调整\n" for n in range(1, 14))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: {old!r} is not there exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def validate(*args: str) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(app, ["validate", "--format", "json", "--jobs", "1", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    data = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, data, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the examples with four old problems of three rules (and what they break in the plans)."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root)
    monkeypatch.chdir(root)
    edit(CATALOG, "          - code: A0102\n", "          - code: A0101\n")  # duplicate-code, cites line 22
    edit(CATALOG, "            name: 长者饭堂助餐服务\n", '            name: "长者饭堂助餐服务 "\n')  # text-hygiene
    edit(ACCESS, "funding: {required: true, source: 区财政专项经费, amount: 6000}", "funding: {required: true, amount: 6000}")
    return root


def old_problems() -> list[dict[str, Any]]:
    code, data, _ = validate(".")
    assert code == 1
    return data["problems"]


def test_a_baseline_made_before_3_new_problems_and_20_moved_lines_reports_exactly_the_3(repo: Path) -> None:
    old = old_problems()
    assert {"duplicate-code", "text-hygiene", "funding-source"} <= {p["rule"] for p in old}
    assert any("首次出现在第 22 行" in p["message"] for p in old)

    code, data, stderr = validate(".", "--baseline", "baseline.json")
    assert code == 0 and data["problems"] == [] and data["ok"] is True
    assert data["summary"]["baselined"] == len(old) and data["summary"]["baseline_fixed"] == 0
    assert "baseline.json" in stderr and Path("baseline.json").is_file()

    # Move 20 lines: thirteen comments at the top, a seven-line item before the old problems.
    text = CATALOG.read_text(encoding="utf-8")
    CATALOG.write_text(TOP_COMMENTS + text.replace("        children:\n          - code: A0101\n",
                                                   "        children:\n" + NEW_ITEM + "          - code: A0101\n", 1),
                       encoding="utf-8")
    # Three new problems: a second repeat of A0101 (the baseline holds one), text hygiene in
    # another file, a second missing funding source.
    edit(CATALOG, "          - code: A0103\n", "          - code: A0101\n")
    edit(ASSISTANCE, "    name: 社会救助协助\n", '    name: "社会救助协助 "\n')
    edit(ACCESS, "funding: {required: true, source: 区财政专项经费, amount: 12000}", "funding: {required: true, amount: 12000}")

    moved = old_problems()
    assert any("首次出现在第 42 行" in p["message"] for p in moved), "the cited line moved with the file"
    code, data, _ = validate(".", "--baseline", "baseline.json")
    new = data["problems"]
    assert sorted((p["file"], p["rule"]) for p in new) == [
        (ACCESS.as_posix(), "funding-source"), (ASSISTANCE.as_posix(), "text-hygiene"),
        (CATALOG.as_posix(), "duplicate-code")], new
    assert code == 1 and data["summary"]["baselined"] == len(old) and data["summary"]["baseline_fixed"] == 0
    assert len(moved) == len(old) + 3


def test_fixed_problems_are_counted_and_update_baseline_shrinks_the_file(repo: Path) -> None:
    old = old_problems()
    validate(".", "--baseline", "baseline.json")
    edit(ACCESS, "funding: {required: true, amount: 6000}", "funding: {required: true, source: 区财政专项经费, amount: 6000}")
    code, data, _ = validate(".", "--baseline", "baseline.json")
    assert code == 0 and data["summary"]["baseline_fixed"] == 1 and data["summary"]["baselined"] == len(old) - 1
    text = CliRunner().invoke(app, ["validate", ".", "--baseline", "baseline.json", "--lang", "en"]).stdout
    assert "1 baseline entry fixed since: shrink the baseline with --update-baseline" in text

    code, data, _ = validate(".", "--baseline", "baseline.json", "--update-baseline")
    assert code == 0 and data["summary"]["baseline_fixed"] == 0
    entries = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["problems"]
    assert sum(e["count"] for e in entries) == len(old) - 1
    assert not any(e["rule"] == "funding-source" for e in entries)
    # Now the fixed problem coming back is new again.
    edit(ACCESS, "funding: {required: true, source: 区财政专项经费, amount: 6000}", "funding: {required: true, amount: 6000}")
    code, data, _ = validate(".", "--baseline", "baseline.json")
    assert code == 1 and [p["rule"] for p in data["problems"]] == ["funding-source"]


def test_the_baseline_file_is_sorted_stable_and_keyed_without_lines(repo: Path) -> None:
    validate(".", "--baseline", "baseline.json")
    first = Path("baseline.json").read_bytes()
    validate(".", "--baseline", "baseline.json", "--update-baseline")
    assert Path("baseline.json").read_bytes() == first, "the same problems write the same bytes"
    data = json.loads(first)
    assert data["format"] == "catalogtool-baseline" and data["version"] == 1
    rows = [(e["file"], e["rule"], e["where"], e["message"]) for e in data["problems"]]
    assert rows == sorted(rows) and len(rows) == len(set(rows))
    dup = next(e for e in data["problems"] if e["rule"] == "duplicate-code")
    assert dup["where"] == "/categories/[A]/children/[A01]/children/[A0101]/code"
    assert "第 N 行" in dup["message"] and "22" not in dup["message"]
    assert first.decode("utf-8").count("\n") > len(rows) * 5, "one key per line: reviewable diffs"


def test_a_baseline_counts_identical_problems(repo: Path) -> None:
    # Two identical keys in the baseline hide two problems; a third is new.
    edit(CATALOG, "          - code: A0103\n", "          - code: A0101\n")
    validate(".", "--baseline", "baseline.json")
    entry = next(e for e in json.loads(Path("baseline.json").read_text("utf-8"))["problems"] if e["rule"] == "duplicate-code")
    assert entry["count"] == 2
    edit(CATALOG, "          - code: A0104\n", "          - code: A0101\n")
    _, data, _ = validate(".", "--baseline", "baseline.json")
    assert [p["rule"] for p in data["problems"] if p["rule"] == "duplicate-code"] == ["duplicate-code"]


def test_checking_part_of_the_repository_keeps_and_does_not_count_the_rest(repo: Path) -> None:
    validate(".", "--baseline", "baseline.json")
    before = json.loads(Path("baseline.json").read_text("utf-8"))["problems"]
    code, data, _ = validate(str(ACCESS), "--baseline", "baseline.json")
    assert code == 0 and data["summary"]["baseline_fixed"] == 0
    validate(str(ACCESS), "--baseline", "baseline.json", "--update-baseline")
    assert json.loads(Path("baseline.json").read_text("utf-8"))["problems"] == before
    # From another working directory the same baseline matches: paths are relative to its folder.
    code, data, _ = validate("2025", "--baseline", "baseline.json")
    assert code == 0


@pytest.mark.parametrize(("content", "says"), [
    (b"{not json", "JSON"),
    (b'{"problems": []}', "format"),
    (b'{"format": "catalogtool-baseline", "version": 9, "problems": []}', "版本 9"),
    (b'{"format": "catalogtool-baseline", "version": 1, "problems": [{"file": 1}]}', "count"),
    (b"\xff\xfe", "UTF-8"),
])
def test_a_corrupt_or_foreign_baseline_is_a_usage_error(repo: Path, content: bytes, says: str) -> None:
    Path("baseline.json").write_bytes(content)
    code, data, stderr = validate(".", "--baseline", "baseline.json")
    assert code == 2 and data == {}
    assert "baseline.json" in stderr and says in stderr and "Traceback" not in stderr
    assert Path("baseline.json").read_bytes() == content, "a file that is not a baseline is never overwritten"


def test_update_baseline_needs_a_file(repo: Path) -> None:
    code, _, stderr = validate(".", "--update-baseline")
    assert code == 2 and "--baseline" in stderr


def test_line_numbers_in_messages_do_not_make_a_new_problem() -> None:
    def problem(zh: str) -> Problem:
        return Problem("a.yaml", 1, 1, "", "duplicate-code", Level.ERROR, Message(zh, "x"))

    assert message_key(problem("编码 A0101 重复（首次出现在第 9 行）")) == message_key(problem("编码 A0101 重复（首次出现在第 29 行）"))
    assert message_key(problem("引号没有闭合（相关结构从第 7 行第 8 列开始）")) == message_key(problem("引号没有闭合（相关结构从第 27 行第 8 列开始）"))
    assert message_key(problem("编码 A0101 重复")) != message_key(problem("编码 A0102 重复"))


def test_a_baseline_run_keeps_using_the_results_cache(repo: Path) -> None:
    cache = repo.parent / "cache"
    files = len([p for p in Path(".").rglob("*.yaml") if p.name not in ("catalogtool.yaml", "townships.yaml")])
    code, data, _ = validate(".", "--baseline", "baseline.json", "--cache-dir", str(cache))
    assert code == 0 and len(list((cache / "results").rglob("*.json"))) == files, "every file's result was cached"
    # Served from the cache, the problems still match the baseline by code, not index.
    text = CATALOG.read_text(encoding="utf-8")
    CATALOG.write_text(text.replace("        children:\n          - code: A0101\n",
                                    "        children:\n" + NEW_ITEM + "          - code: A0101\n", 1), encoding="utf-8")
    code, data, _ = validate(".", "--baseline", "baseline.json", "--cache-dir", str(cache))
    assert code == 0 and data["problems"] == [] and data["summary"]["baselined"] == len(old_problems())
