"""Hostile workbooks: guides that `export` wrote, then damaged the ways workbooks get damaged.

Two layers: cell-level edits through openpyxl (what a person does in Excel or WPS:
retype a cell, delete or copy rows, rename or delete sheets, touch the hidden export
sheet) and byte-level damage to the zip (what a mail gateway, a full disk or another
program does: corrupt headers, missing or junk entries, XML entities).  Each case
also says how many documents the workbook still holds, for the "never exit 0 having
dropped a document" promise.
"""

from __future__ import annotations

import io
import json
import random
import struct
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
META_SHEET = "_catalogtool"
# The sheet each document is read from (負面清单 is part of the access list).
def is_document_sheet(title: str) -> bool:
    """Whether a sheet holds a document of its own: the first section's sheet of a kind, by its name or,
    when an export holds several documents of a kind (townships' plans), its name with （太和镇）."""
    from catalogtool.kinds import KINDS

    firsts = {kind.sections[0].sheet_name for kind in KINDS.values() if kind.sections}
    return any(title == first or (title.startswith(first + "（") and title.endswith("）")) for first in firsts)


EXCEL_MAX_ROW, EXCEL_MAX_COLUMN = 1_048_576, 16_384


@dataclass
class HostileWorkbook:
    content: bytes
    expected_documents: int | None
    notes: list[str] = field(default_factory=list)


@dataclass
class _Base:
    name: str
    content: bytes
    documents: int


_BASES: list[_Base] = []

# The exports the mutations start from: (name, export arguments).
BASE_EXPORTS = [
    ("guide-2025", ["export", "examples/2025"]),
    ("guide-2024", ["export", "examples/2024"]),
    ("guide-2025-since-2024", ["export", "examples/2025", "--since", "examples/2024"]),
]


def base_workbooks() -> list[_Base]:
    """The exported guides (made once per process with the real `export` command)."""
    if _BASES:
        return _BASES
    from fuzz.invoke import run_cli

    with tempfile.TemporaryDirectory(prefix="catalogtool-fuzz-") as folder:
        for name, args in BASE_EXPORTS:
            target = Path(folder) / f"{name}.xlsx"
            run = run_cli([*args, "-o", str(target)], cwd=str(ROOT))
            if run.exit_code != 0:
                raise RuntimeError(f"export for the fuzz base {name} failed: {run.stderr}")
            content = target.read_bytes()
            _BASES.append(_Base(name, content, _documents_in(content)))
    return _BASES


def _documents_in(content: bytes) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), read_only=True)
    return sum(1 for name in wb.sheetnames if is_document_sheet(name))


# ------------------------------------------------------------------ cell level

class _Edit:
    """The workbook being edited and what the edits did to its documents."""

    def __init__(self, content: bytes, documents: int | None) -> None:
        from openpyxl import load_workbook

        self.wb = load_workbook(io.BytesIO(content))
        self.documents: int | None = documents
        self.notes: list[str] = []

    def sheet(self, rnd: random.Random, *, hidden: bool = True) -> Any:
        sheets = [ws for ws in self.wb.worksheets if hidden or ws.title != META_SHEET]
        return rnd.choice(sheets)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.wb.save(buffer)
        return buffer.getvalue()


def _last_row(ws: Any) -> int:
    """The sheet's last row as far as mutations reach: after a far cell (row 1,048,576) a loop to
    max_row would take openpyxl minutes, so edits stay within the table and a little below."""
    return min(max(int(ws.max_row), 1), 5_000)


def _can_move(ws: Any) -> bool:
    """Whether rows or columns of the sheet can be inserted or deleted in reasonable time: openpyxl
    moves cells by visiting every coordinate up to max_row and max_column, so after a far cell it
    would make a million cells (minutes).  Such a sheet keeps its shape."""
    return bool(ws.max_row <= 5_000 and ws.max_column <= 200)


def _cell_value(rnd: random.Random, ws: Any) -> Any:
    other = ws.cell(rnd.randint(1, _last_row(ws)), rnd.randint(1, max(ws.max_column, 1))).value
    return rnd.choice([
        None, "", " ", 0, -1, 1, 2.5, 10**30, -(10**20), 1e308, True, False, date(2025, 2, 30 - 2),
        datetime(1900, 1, 1), time(12, 30), "0101", "NO", "TRUE", "=1+1", "=A1", '=HYPERLINK("http://x","y")',
        "#N/A", "#REF!", "字" * 40000, "a" * 32767, "A0101", "是", "否", "√", "×", "社会组织、企业、个人", "\u3000",
        "1:20", "2025-13-01", "{\"a\": 1}", "[1]", "- x", "kind: x", other, other, str(other) + " ",
    ])


def _put(ws: Any, row: int, col: int, value: Any) -> bool:
    """Write one cell; False where openpyxl refuses (a merged cell, an illegal character)."""
    try:
        ws.cell(row, col).value = value
    except (AttributeError, ValueError, TypeError):
        return False
    return True


def set_cell(edit: _Edit, rnd: random.Random) -> None:
    ws = edit.sheet(rnd, hidden=False)
    row = rnd.randint(1, _last_row(ws) + 2)
    col = rnd.randint(1, max(ws.max_column + 1, 1))
    value = _cell_value(rnd, ws)
    if not _put(ws, row, col, value):
        return
    edit.notes.append(f"{ws.title}!{ws.cell(row, col).coordinate} = {str(value)[:40]!r}")


def delete_rows(edit: _Edit, rnd: random.Random) -> None:
    ws = edit.sheet(rnd, hidden=False)
    if not _can_move(ws):
        return
    row = rnd.randint(1, _last_row(ws))
    count = rnd.choice([1, 1, 2, 5, _last_row(ws)])
    ws.delete_rows(row, count)
    edit.notes.append(f"{ws.title}: deleted {count} row(s) from {row}")


def duplicate_row(edit: _Edit, rnd: random.Random) -> None:
    ws = edit.sheet(rnd, hidden=False)
    if not _can_move(ws):
        return
    source = rnd.randint(1, _last_row(ws))
    values = [cell.value for cell in ws[source]]
    target = rnd.randint(1, _last_row(ws) + 1)
    ws.insert_rows(target)
    source_after = source + 1 if source >= target else source
    for col, value in enumerate(values, 1):
        _put(ws, target, col, value)
    edit.notes.append(f"{ws.title}: row {source_after} copied to a new row {target}")


def delete_column(edit: _Edit, rnd: random.Random) -> None:
    ws = edit.sheet(rnd, hidden=False)
    if not _can_move(ws):
        return
    col = rnd.randint(1, max(ws.max_column, 1))
    ws.delete_cols(col)
    edit.notes.append(f"{ws.title}: deleted column {col}")


def clear_rows(edit: _Edit, rnd: random.Random) -> None:
    ws = edit.sheet(rnd, hidden=False)
    start = rnd.randint(1, _last_row(ws))
    for row in range(start, _last_row(ws) + 1):
        for col in range(1, ws.max_column + 1):
            _put(ws, row, col, None)
    edit.notes.append(f"{ws.title}: cleared rows from {start}")


def delete_sheet(edit: _Edit, rnd: random.Random) -> None:
    ws = edit.sheet(rnd, hidden=False)
    if len(edit.wb.worksheets) == 1:
        return
    if is_document_sheet(ws.title) and edit.documents is not None:
        edit.documents -= 1
    edit.wb.remove(ws)
    edit.notes.append(f"deleted sheet {ws.title}")


_NEW_NAMES = ["Sheet1", "目录", "_catalogtool2", "catalogtool", "隐藏", "准入清单(2)", "购买服务目录 ", "协助事项",
              "x" * 31, "统计1"]


def rename_sheet(edit: _Edit, rnd: random.Random) -> None:
    ws = edit.sheet(rnd, hidden=False)
    old = ws.title
    with warnings.catch_warnings():  # a taken name gets a digit, past the 31 characters openpyxl warns of
        warnings.simplefilter("ignore", UserWarning)
        ws.title = rnd.choice(_NEW_NAMES)
    edit.notes.append(f"renamed sheet {old} -> {ws.title}")


def lose_meta(edit: _Edit, rnd: random.Random) -> None:
    """The hidden export sheet deleted, renamed, or its mark in A1 changed: import must
    still recognise the documents by their content, or fail."""
    if META_SHEET not in edit.wb.sheetnames:
        return
    ws = edit.wb[META_SHEET]
    choice = rnd.choice(["delete", "rename", "mark"])
    if choice == "delete":
        edit.wb.remove(ws)
        edit.notes.append("deleted the export sheet")
    elif choice == "rename":
        ws.title = rnd.choice(_NEW_NAMES)
        edit.notes.append(f"renamed the export sheet to {ws.title}")
    else:
        _put(ws, 1, 1, rnd.choice(["catalogtool-export ", "CATALOGTOOL-EXPORT", None, 1]))
        edit.notes.append(f"export mark A1 = {ws['A1'].value!r}")


def meta_cell(edit: _Edit, rnd: random.Random) -> None:
    """A cell of the export sheet retyped, or its rows deleted (the mark in A1 among them)."""
    if META_SHEET not in edit.wb.sheetnames:
        return
    ws = edit.wb[META_SHEET]
    if rnd.random() < 0.3 and _can_move(ws):
        row = rnd.randint(1, _last_row(ws))
        ws.delete_rows(row, rnd.choice([1, 2]))
        edit.notes.append(f"export sheet: deleted rows from {row}")
        return
    row, col = rnd.randint(1, _last_row(ws) + 1), rnd.choice([1, 1, 1, 2])
    value = _cell_value(rnd, ws)
    if _put(ws, row, col, value):
        edit.notes.append(f"{META_SHEET}!{ws.cell(row, col).coordinate} = {str(value)[:40]!r}")


def unhide_meta(edit: _Edit, rnd: random.Random) -> None:
    if META_SHEET in edit.wb.sheetnames:
        edit.wb[META_SHEET].sheet_state = rnd.choice(["visible", "veryHidden"])
        edit.notes.append(f"export sheet state {edit.wb[META_SHEET].sheet_state}")


def _meta_json(ws: Any) -> tuple[str, int]:
    parts = []
    row = 3
    while ws.cell(row, 1).value not in (None, ""):
        parts.append(str(ws.cell(row, 1).value))
        row += 1
    return "".join(parts), row


def meta_format(edit: _Edit, rnd: random.Random) -> None:
    """The export sheet's `format` retyped (null, "2", [1] ...)."""
    mangle_meta(edit, rnd, format_only=True)


def mangle_meta(edit: _Edit, rnd: random.Random, *, format_only: bool = False) -> None:
    """Change the JSON on the hidden export sheet: a field retyped, a document dropped, a path escaped."""
    if META_SHEET not in edit.wb.sheetnames:
        return
    ws = edit.wb[META_SHEET]
    text, end = _meta_json(ws)
    try:
        meta = json.loads(text)
    except ValueError:
        return
    if format_only:
        meta["format"] = rnd.choice([None, "2", [1], {}, -1, 1.5, True, "1", "", 10**30])
        what = f"format = {meta['format']!r}"
        new_text = json.dumps(meta, ensure_ascii=False)
    elif rnd.random() < 0.1:
        new_text = text[: rnd.randrange(len(text))]
        what = "truncated"
    else:
        what = _mangle_meta_data(meta, rnd, edit)
        new_text = json.dumps(meta, ensure_ascii=False)
    for row in range(3, end):
        _put(ws, row, 1, None)
    step = rnd.choice([len(new_text) + 1, 32767, 1000, 7])
    for index, start in enumerate(range(0, len(new_text), step)):
        _put(ws, 3 + index, 1, new_text[start:start + step])
    edit.notes.append(f"export sheet JSON: {what}")


def _mangle_meta_data(meta: Any, rnd: random.Random, edit: _Edit) -> str:
    odd: Any = rnd.choice([None, "2", [1], {}, 2, -1, 1.5, True, "1", "", 10**30])
    documents = meta.get("documents") if isinstance(meta, dict) else None
    choice = rnd.choice(["documents", "drop-document", "duplicate-document", "path", "kind",
                         "header", "header-field", "delete-key", "township", "date"])
    if choice == "documents":
        meta["documents"] = odd
        edit.documents = None
        return f"documents = {odd!r}"
    if not isinstance(documents, list) or not documents:
        return "no documents to change"
    doc = rnd.choice(documents)
    if not isinstance(doc, dict):  # an earlier edit of this case replaced the entry
        return "a document entry that is no mapping left as it is"
    if choice == "drop-document":
        documents.remove(doc)
        edit.documents = None
        return f"document {doc.get('path')} dropped from the list"
    if choice == "duplicate-document":
        documents.append(doc)
        return f"document {doc.get('path')} listed twice"
    if choice == "path":
        doc["path"] = rnd.choice(["../escape.yaml", str(Path(tempfile.gettempdir()) / "catalogtool-fuzz-absolute.yaml"), "", "a/b/c.yaml", "x.txt",
                                  "CON.yaml", ".", "..", None, 1, "a" * 300 + ".yaml", "子目录/清单.yaml"])
        return f"path = {doc['path']!r}"
    if choice == "kind":
        doc["kind"] = rnd.choice(["purchase-plan", "catalog", None, 1, "", "access-list", "purchase-catalog"])
        return f"kind = {doc['kind']!r}"
    if choice == "header":
        doc["header"] = odd
        return f"header = {odd!r}"
    header = doc.get("header")
    if choice == "header-field" and isinstance(header, dict) and header:
        key = rnd.choice(list(header))
        header[key] = odd
        return f"header.{key} = {odd!r}"
    if choice == "township":
        meta["township"] = rnd.choice([None, "441803100", 441803100, {"code": "x"}, ""])
        return f"township = {meta['township']!r}"
    if choice == "date":
        meta["date"] = rnd.choice([None, "2025-02-30", 20250101, "", "x"])
        return f"date = {meta['date']!r}"
    key = rnd.choice(list(doc)) if isinstance(doc, dict) and doc else None
    if key is not None:
        del doc[key]
    return f"document key {key!r} deleted"


def far_cell(edit: _Edit, rnd: random.Random) -> None:
    """One value at the edge of the sheet: the last row or the last column Excel allows."""
    ws = edit.sheet(rnd)
    row, col = rnd.choice([(EXCEL_MAX_ROW, 1), (EXCEL_MAX_ROW, 3), (5, EXCEL_MAX_COLUMN), (100_000, 2)])
    _put(ws, row, col, rnd.choice(["x", 1, "A0101"]))
    edit.notes.append(f"{ws.title}: a value at row {row}, column {col}")


def merge_cells(edit: _Edit, rnd: random.Random) -> None:
    ws = edit.sheet(rnd, hidden=False)
    row, col = rnd.randint(1, _last_row(ws)), rnd.randint(1, max(ws.max_column, 1))
    ws.merge_cells(start_row=row, start_column=col, end_row=row + rnd.choice([0, 1, 3]), end_column=col + rnd.choice([0, 1, 2]))
    edit.notes.append(f"{ws.title}: merged cells at row {row}, column {col}")


CELL_MUTATIONS: dict[str, Callable[[_Edit, random.Random], None]] = {
    "set-cell": set_cell,
    "delete-rows": delete_rows,
    "duplicate-row": duplicate_row,
    "delete-column": delete_column,
    "clear-rows": clear_rows,
    "delete-sheet": delete_sheet,
    "rename-sheet": rename_sheet,
    "lose-meta": lose_meta,
    "meta-cell": meta_cell,
    "unhide-meta": unhide_meta,
    "meta-format": meta_format,
    "mangle-meta": mangle_meta,
    "far-cell": far_cell,
    "merge-cells": merge_cells,
}
CELL_WEIGHTS = {"set-cell": 10, "delete-rows": 3, "duplicate-row": 3, "mangle-meta": 4, "meta-format": 1,
                "lose-meta": 1, "far-cell": 0.3}


# ------------------------------------------------------------------ zip level

_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"


def corrupt_header(content: bytes, rnd: random.Random) -> tuple[bytes, str]:
    """Overwrite one field of a local or central zip header (version needed, flags, method, sizes, CRC)."""
    signature = rnd.choice([_LOCAL, _CENTRAL])
    spots = [i for i in range(len(content)) if content.startswith(signature, i)]
    if not spots:
        return content, "no zip header"
    at = rnd.choice(spots)
    fields = {  # name: (offset in a local header, offset in a central header, width)
        "version needed": (4, 6, 2), "flags": (6, 8, 2), "method": (8, 10, 2), "crc": (14, 16, 4),
        "compressed size": (18, 20, 4), "size": (22, 24, 4), "name length": (26, 28, 2),
    }
    name = rnd.choice(list(fields))
    local, central, width = fields[name]
    offset = at + (local if signature == _LOCAL else central)
    value = rnd.choice([0, 1, 0xFF, 0xFFFF, 99, 12, 14, 63, 0x14]) if width == 2 else rnd.choice([0, 1, 0xFFFFFFFF, 2**31])
    data = bytearray(content)
    data[offset:offset + width] = struct.pack("<H" if width == 2 else "<I", value & (0xFFFF if width == 2 else 0xFFFFFFFF))
    where = "local" if signature == _LOCAL else "central"
    return bytes(data), f"zip {where} header at {at}: {name} = {value}"


def _rebuild(content: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                target.writestr(info.filename, data)
    return out.getvalue()


def _entry(content: bytes, rnd: random.Random, prefer: str = "") -> str:
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    preferred = [n for n in names if prefer and prefer in n]
    return rnd.choice(preferred or names)


def drop_entry(content: bytes, rnd: random.Random) -> tuple[bytes, str]:
    name = _entry(content, rnd)
    return _rebuild(content, lambda n, data: None if n == name else data), f"zip entry {name} removed"


_XML_JUNK = [
    b"", b"not xml", b"<?xml version='1.0'?><worksheet", b"\xff\xfe<\x00",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]><x>&f;</x>',
]


def _xxe(data: bytes) -> bytes:
    """The entry with a DOCTYPE that pulls /etc/passwd into its first text value."""
    text = data.decode("utf-8", "replace")
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
    root = body.lstrip().split(None, 1)[0].lstrip("<").rstrip(">")
    doctype = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    body = body.replace("<t>", "<t>&xxe;", 1).replace('<t xml:space="preserve">', '<t xml:space="preserve">&xxe;', 1)
    body = body.replace("<v>", "<v>&xxe;", 1) if "&xxe;" not in body else body
    return (head + doctype + body).encode("utf-8")


def replace_entry(content: bytes, rnd: random.Random) -> tuple[bytes, str]:
    name = _entry(content, rnd, prefer=rnd.choice(["worksheets/sheet", "workbook.xml", "sharedStrings", "styles",
                                                   "Content_Types", ""]))
    choice = rnd.random()
    if choice < 0.35:
        junk = rnd.choice(_XML_JUNK)
        return _rebuild(content, lambda n, data: junk if n == name else data), f"zip entry {name} replaced by {junk[:30]!r}"
    if choice < 0.6:
        return _rebuild(content, lambda n, data: _xxe(data) if n == name else data), f"zip entry {name} given an external entity"
    return (_rebuild(content, lambda n, data: data[: rnd.randrange(len(data) + 1)] if n == name else data),
            f"zip entry {name} truncated")


def flip_bytes(content: bytes, rnd: random.Random) -> tuple[bytes, str]:
    data = bytearray(content)
    spots = [rnd.randrange(len(data)) for _ in range(rnd.choice([1, 3, 20]))]
    for spot in spots:
        data[spot] = rnd.randrange(256)
    return bytes(data), f"{len(spots)} random byte(s) changed"


def truncate_zip(content: bytes, rnd: random.Random) -> tuple[bytes, str]:
    cut = rnd.randrange(len(content) + 1)
    return content[:cut], f"file cut at byte {cut}"


ZIP_MUTATIONS: dict[str, Callable[[bytes, random.Random], tuple[bytes, str]]] = {
    "zip-header": corrupt_header,
    "zip-drop-entry": drop_entry,
    "zip-replace-entry": replace_entry,
    "zip-flip-bytes": flip_bytes,
    "zip-truncate": truncate_zip,
}
MUTATIONS = [*CELL_MUTATIONS, *ZIP_MUTATIONS]


def hostile_workbook(rnd: random.Random, *, skip: frozenset[str] = frozenset()) -> HostileWorkbook:
    """An exported guide with one to four cell-level edits, and sometimes damage to its zip."""
    base = rnd.choice(base_workbooks())
    notes = [f"base {base.name}"]
    content: bytes = base.content
    documents: int | None = base.documents
    cell_names = [n for n in CELL_MUTATIONS if n not in skip]
    if cell_names and rnd.random() < 0.85:
        edit = _Edit(content, documents)
        for _ in range(rnd.choice([1, 1, 2, 3, 4])):
            name = rnd.choices(cell_names, [CELL_WEIGHTS.get(n, 1) for n in cell_names])[0]
            CELL_MUTATIONS[name](edit, rnd)
        notes += edit.notes
        content, documents = edit.save(), edit.documents
    zip_names = [n for n in ZIP_MUTATIONS if n not in skip]
    if zip_names and rnd.random() < 0.3:
        name = rnd.choice(zip_names)
        content, note = ZIP_MUTATIONS[name](content, rnd)
        notes.append(note)
    return HostileWorkbook(content, documents, notes)
