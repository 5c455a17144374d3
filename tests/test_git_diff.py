"""`catalogtool git-diff`: git's external diff driver shows catalogs item by item and never hides a change."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from catalogtool.cli.main import app

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
