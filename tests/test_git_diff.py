"""`catalogtool git-diff`: git's external diff driver shows catalogs item by item and never hides a change."""

from __future__ import annotations

import difflib
import random
import re
from pathlib import Path

from typer.testing import CliRunner

from catalogtool.cli.main import app
from catalogtool.diff.unified import unified_lines

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "examples" / "2024" / "purchase-catalog.yaml"
NEW = ROOT / "examples" / "2025" / "purchase-catalog.yaml"
HEX, MODE = "0" * 40, "100644"


def _run(path: str, old: Path | str, new: Path | str, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["git-diff", path, str(old), HEX, MODE, str(new), HEX, MODE, *extra])
    return result.exit_code, result.output


def test_a_catalog_is_shown_item_by_item() -> None:
    code, out = _run("2025/purchase-catalog.yaml", OLD, NEW)
    assert code == 0
    assert out.startswith("diff --catalogtool a/2025/purchase-catalog.yaml b/2025/purchase-catalog.yaml\n")
    assert "新增" in out and "A020104" in out  # an item added in 2025
    assert "@@" not in out  # not a line diff


def test_an_added_file_lists_every_item_as_added() -> None:
    code, out = _run("2025/purchase-catalog.yaml", "/dev/null", NEW)
    assert code == 0
    assert "删除" not in out and out.count("新增") > 10


def test_a_comment_only_edit_says_no_item_changed(tmp_path: Path) -> None:
    edited = tmp_path / "new.yaml"
    edited.write_text(NEW.read_text(encoding="utf-8") + "# 一条说明\n", encoding="utf-8")
    code, out = _run("x.yaml", NEW, edited)
    assert code == 0 and "事项没有变化" in out
    assert "+# 一条说明\n" in out  # and the line that did change is shown


def test_control_characters_are_shown_escaped_never_sent_to_the_terminal(tmp_path: Path) -> None:
    edited = tmp_path / "new.yaml"
    text = NEW.read_text(encoding="utf-8")
    edited.write_text(text.replace("name: 居家养老上门服务", 'name: "居家\\e[31m红\\e]0;pwned\\a"', 1), encoding="utf-8")
    code, out = _run("x.yaml", NEW, edited)
    assert code == 0 and "\x1b" not in out and "\a" not in out
    assert "\\x1b[31m红" in out  # ESC shown as text


def test_a_binary_file_is_only_said_to_differ(tmp_path: Path) -> None:
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    old.write_bytes(b"\x00\x01\r\x0cbinary")
    new.write_bytes(b"\x00\x02binary")
    code, out = _run("blob.yaml", old, new)
    assert code == 0 and out.endswith("Binary files a/blob.yaml and b/blob.yaml differ\n")


def test_files_that_are_not_documents_get_a_unified_diff(tmp_path: Path) -> None:
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    old.write_text("townships:\n  - {code: \"441803100\", name: 太和镇}\n", encoding="utf-8")
    new.write_text("townships:\n  - {code: \"441803100\", name: 太和镇}\n  - {code: \"441803101\", name: 山塘镇}\n",
                   encoding="utf-8")
    code, out = _run("townships.yaml", old, new)
    assert code == 0
    assert "--- a/townships.yaml\n+++ b/townships.yaml\n" in out
    assert '+  - {code: "441803101", name: 山塘镇}\n' in out


def test_a_broken_side_falls_back_to_the_line_diff(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(NEW.read_text(encoding="utf-8").replace("categories:", "categories: [", 1), encoding="utf-8")
    code, out = _run("2025/purchase-catalog.yaml", NEW, broken)
    assert code == 0
    assert "+categories: [" in out


def test_a_rename_is_named_with_both_paths() -> None:
    code, out = _run("old/purchase-catalog.yaml", OLD, NEW, "new/purchase-catalog.yaml", "similarity index 90%\n")
    assert code == 0
    assert out.startswith("diff --catalogtool a/old/purchase-catalog.yaml b/new/purchase-catalog.yaml\n")


def test_wrong_arguments_are_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["git-diff", "a.yaml", "b.yaml"])
    assert result.exit_code == 2
    assert "7 个参数" in result.output


def test_catalogtool_diff_escapes_control_characters_in_text_and_markdown(tmp_path: Path) -> None:
    edited = tmp_path / "new.yaml"
    text = NEW.read_text(encoding="utf-8")
    edited.write_text(text.replace("name: 居家养老上门服务", 'name: "居家\\e[31m红\\u202e"', 1), encoding="utf-8")
    for fmt in ("text", "markdown"):
        result = CliRunner().invoke(app, ["diff", str(NEW), str(edited), "--format", fmt, "--no-cache"])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\u202e" not in result.output, fmt
        assert "x1b" in result.output and "u202e" in result.output, fmt  # shown as text (markdown escapes more)
    as_json = CliRunner().invoke(app, ["diff", str(NEW), str(edited), "--format", "json", "--no-cache"])
    assert "\\u001b[31m" in as_json.output  # JSON keeps the text as it is, escaped by JSON itself


def _patched(old: list[str], diff: list[str]) -> list[str]:
    """Apply a unified diff's hunks to `old` (what `patch` would do), checking each hunk's counts."""
    out: list[str] = []
    at = 0
    hunks = [i for i, line in enumerate(diff) if line.startswith("@@")]
    for start, end in zip(hunks, [*hunks[1:], len(diff)][:len(hunks)], strict=True):
        head = re.match(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", diff[start])
        assert head is not None
        first, count = int(head.group(1)), int(head.group(2) or 1)
        begin = first - 1 if count else first
        out += old[at:begin]
        body = diff[start + 1:end]
        assert sum(1 for line in body if line[0] in " -") == count
        assert sum(1 for line in body if line[0] in " +") == int(head.group(4) or 1)
        for line in body:
            if line[0] in " -":
                assert old[begin] == line[1:]
                begin += 1
            if line[0] in " +":
                out.append(line[1:])
        at = begin
    return out + old[at:]


def test_the_line_diff_is_a_correct_patch_and_difflibs_own_for_one_edit() -> None:
    rnd = random.Random(12)
    for _ in range(1500):
        old = [f"{rnd.randint(0, 6)}\n" for _ in range(rnd.randint(0, 30))]
        new = list(old)
        for _ in range(rnd.randint(0, 5)):
            where = rnd.randint(0, len(new))
            if rnd.random() < 0.5 and where < len(new):
                del new[where]
            else:
                new.insert(where, f"{rnd.randint(0, 9)}\n")
        diff = unified_lines(old, new, "a/x", "b/x")
        assert _patched(old, diff) == new
        assert (diff == []) == (old == new)
    # one edit in a long file: exactly difflib's output (only the unchanged ends are set aside)
    old = [f"  - code: '{n:05d}'\n" for n in range(30_000)]
    new = [*old[:12_345], "  - code: '99999'\n", *old[12_346:]]
    assert unified_lines(old, new, "a/x", "b/x") == list(difflib.unified_diff(old, new, "a/x", "b/x"))
