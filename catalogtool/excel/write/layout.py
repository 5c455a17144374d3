"""Column widths, sheet names and print setup: what makes a sheet readable on screen and on A4.

Widths are in Excel's unit (the width of one digit of the default font).  A
Chinese character or a full-width sign is about two of them at the body size, so
`display_width` counts East Asian wide and full-width characters as 2.  Each
column is sized to its longest line, within the column's own bounds, and then the
wrapped text columns give way until the table fits the printable width of an A4
landscape page, so "fit to page width" does not have to shrink the print.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from catalogtool.kinds.columns import Bounds

# A4 landscape is 11.69 in wide; with 0.4 in side margins about 10.9 in remain,
# which holds roughly 140 width units of the default font (7 px each plus cell padding) at 100 %.
PRINT_WIDTH_UNITS = 140.0
SHEET_NAME_MAX = 31
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
FOOTER = "第 &P 页 共 &N 页"
# The earliest time a zip entry can hold, used by reproducible builds for "no date"; no program shows it as the document's.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_UNDATED_RE = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _CharWidths(dict[str, int]):
    """char_width of each character met, worked out once: a province's workbook measures millions of them."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = char_width(ch) if ch != "\n" else 0
        return width


_WIDTHS = _CharWidths()


def display_width(text: str) -> int:
    """Width of the longest line of `text`, CJK and full-width characters counting 2."""
    if "\n" not in text:
        return total_width(text)
    return max((total_width(line) for line in text.split("\n")), default=0)


def total_width(text: str) -> int:
    if text.isascii():
        return len(text) - text.count("\n")
    return sum(map(_WIDTHS.__getitem__, text))


def fit_widths(
    headers: Sequence[str],
    bounds: Sequence[Bounds],
    rows: Iterable[Sequence[object]],
    *,
    hidden: Sequence[bool] | None = None,
    budget: float = PRINT_WIDTH_UNITS,
) -> list[float]:
    """Column widths from the content, within bounds, shrunk to `budget` where wrapping allows."""
    count = len(headers)
    need = header_need(headers)
    for row in rows:
        for index in range(min(count, len(row))):
            value = row[index]
            if value is None:
                continue
            text = value if isinstance(value, str) else str(value)
            need[index] = max(need[index], float(display_width(text)))
    return widths_for(need, bounds, hidden=hidden, budget=budget)


def header_need(headers: Sequence[str]) -> list[float]:
    """What each column's header asks for: headers wrap onto two lines if needed, so they ask for half their width."""
    need = [0.0] * len(headers)
    for index, header in enumerate(headers):
        need[index] = (display_width(header) + 1) / 2 + 1 if display_width(header) > 8 else display_width(header)
    return need


def widths_for(need: Sequence[float], bounds: Sequence[Bounds], *, hidden: Sequence[bool] | None = None,
               budget: float = PRINT_WIDTH_UNITS) -> list[float]:
    """The widths of columns whose content asks for `need`: within bounds, shrunk to `budget` where wrapping allows.

    A column asking for `bounds.high - 2` or more gets `bounds.high`, whatever it asks.
    """
    count = len(need)
    widths = [min(max(need[i] + 2, bounds[i].low), bounds[i].high) for i in range(count)]
    shown = [not (hidden and hidden[i]) for i in range(count)]
    excess = sum(w for w, s in zip(widths, shown, strict=True) if s) - budget
    if excess > 0:
        slack = [
            (widths[i] - bounds[i].low) if shown[i] and bounds[i].wrap else 0.0 for i in range(count)
        ]
        total_slack = sum(slack)
        if total_slack > 0:
            ratio = min(1.0, excess / total_slack)
            widths = [widths[i] - slack[i] * ratio for i in range(count)]
    return [round(w, 1) for w in widths]


def apply_widths(ws: Worksheet, widths: Sequence[float], hidden: Sequence[bool] | None = None) -> None:
    for index, width in enumerate(widths, start=1):
        dim = ws.column_dimensions[get_column_letter(index)]
        dim.width = width
        if hidden and hidden[index - 1]:
            dim.hidden = True


def sheet_name(wanted: str, taken: Iterable[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, not blank, at most 31 characters."""
    base = _SHEET_NAME_BAD.sub("_", wanted).strip().strip("'") or "Sheet"
    if base.lower() == "history":
        base = "History_"
    lowered = {t.lower() for t in taken}
    candidate = base[:SHEET_NAME_MAX]
    counter = 2
    while candidate.lower() in lowered:
        suffix = f"({counter})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        counter += 1
    return candidate


def quote_sheet(name: str) -> str:
    """A sheet name as it appears in a reference: 'name' with quotes doubled."""
    return "'" + name.replace("'", "''") + "'"


def header_footer_text(text: str) -> str:
    """Text safe inside an Excel header or footer: `&` doubled, within its 255-character limit."""
    return text.replace("&", "&&")[:200]


def setup_print(
    ws: Worksheet,
    *,
    title_rows: str | None,
    header_text: str = "",
    landscape: bool = True,
    freeze: str | None = None,
    filter_ref: str | None = None,
    print_area: str | None = None,
) -> None:
    """A4, landscape, fit to one page wide, repeated title rows, 第 N 页 共 M 页 in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = 0.4
    ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.6
    ws.page_margins.header = 0.25
    ws.page_margins.footer = 0.25
    if title_rows:
        ws.print_title_rows = title_rows
    if print_area:
        ws.print_area = print_area
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.size = 9
    ws.evenFooter.center.text = FOOTER
    ws.evenFooter.center.size = 9
    if header_text:
        ws.oddHeader.right.text = header_footer_text(header_text)
        ws.oddHeader.right.size = 9
        ws.evenHeader.right.text = header_footer_text(header_text)
        ws.evenHeader.right.size = 9
    if freeze:
        ws.freeze_panes = freeze
        for selection in ws.sheet_view.selection:
            selection.activeCell = freeze
            selection.sqref = freeze
    if filter_ref:
        ws.auto_filter.ref = filter_ref


def line_count(text: str, width: float) -> int:
    """How many lines `text` takes when wrapped in a column `width` units wide (erring on more)."""
    usable = max(int(width - 1.5), 2)
    lines = 0
    for line in text.split("\n"):
        lines += max(1, -(-total_width(line) // usable))
    return lines


LINE_POINTS = 15.0  # one line of 10.5 pt 宋体, with room for the wider line spacing of fallback fonts
ROW_PADDING = 5.0


def row_height(values: Sequence[object], widths: Sequence[float], *, minimum: float = 20.0,
               hidden: Sequence[bool] | None = None) -> float:
    """The height in points that shows every wrapped line of a row.

    Rows get explicit heights because LibreOffice (and Excel, for rows it did not
    lay out itself) does not grow rows for wrapped text when it opens a file.
    """
    lines = 1
    for index, value in enumerate(values):
        if value is None or index >= len(widths) or (hidden and hidden[index]):
            continue
        text = value if isinstance(value, str) else str(value)
        lines = max(lines, line_count(text, widths[index]))
    return max(minimum, round(lines * LINE_POINTS + ROW_PADDING, 1))


def row_heights(rows: Iterable[Sequence[object]], widths: Sequence[float], *, minimum: float = 20.0,
                hidden: Sequence[bool] | None = None) -> list[float]:
    """row_height of each row (tests compare them), measuring only the cells that could take more lines.

    A character is at most 2 units wide, so a cell of one line whose text is at most
    half as long as the column's usable width takes one line, and a cell whose bound
    cannot pass the row's most lines so far cannot change the row's height.
    """
    shown = [index for index in range(len(widths)) if not (hidden and hidden[index])]
    usable = [max(int(width - 1.5), 2) for width in widths]
    heights = []
    for row in rows:
        lines = 1
        for index in shown:
            if index >= len(row):
                break
            value = row[index]
            if value is None:
                continue
            text = value if isinstance(value, str) else str(value)
            room = usable[index]
            if "\n" not in text:
                if 2 * len(text) <= room * lines:
                    continue
                lines = max(lines, max(1, -(-total_width(text) // room)))
            else:
                lines = max(lines, line_count(text, widths[index]))
        heights.append(max(minimum, round(lines * LINE_POINTS + ROW_PADDING, 1)))
    return heights


def save_workbook_bytes(wb: Workbook, when: _dt.datetime | None) -> bytes:
    """The workbook as XLSX bytes that depend only on its content and `when`.

    openpyxl stamps the document properties and every zip entry with the current
    time; here the properties get `when` (or no dates at all when there is none:
    file properties show them, so an invented date would be printed there), and
    every entry is written with fixed times and attributes as it is added (_FixedZip),
    so the same workbook always gives the same bytes.
    """
    from catalogtool.excel.write.streamed import Writer

    wb.properties.created = when or _dt.datetime(1980, 1, 1)  # openpyxl cannot leave them out; removed below
    wb.properties.modified = when or _dt.datetime(1980, 1, 1)
    if when is not None and 1980 <= when.year <= 2107:  # what a zip entry's DOS date can hold
        stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    else:
        stamp = ZIP_EPOCH
    out = io.BytesIO()
    Writer(wb, _FixedZip(out, stamp, undated=when is None)).save()  # closes the archive; keeps `modified`
    return out.getvalue()


class _FixedZip(zipfile.ZipFile):
    """A zip archive whose entries all get the same time and attributes, whatever openpyxl asks for.

    Entries are compressed and written by one thread of their own, in the order they
    are given (so the bytes are those of writing them in turn), while the caller goes
    on to make the next sheet: zlib lets go of the interpreter while it compresses.
    At most a few entries wait at a time.
    """

    def __init__(self, file: io.BytesIO, stamp: tuple[int, int, int, int, int, int], *, undated: bool) -> None:
        from concurrent.futures import ThreadPoolExecutor

        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.stamp = stamp
        self.undated = undated
        self._writer: ThreadPoolExecutor | None = ThreadPoolExecutor(max_workers=1)
        self._pending: list[Any] = []

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, compress_type: int | None = None,
                 compresslevel: int | None = None) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        if self._writer is None:
            self._write_entry(name, data)
            return
        while len(self._pending) >= 3:
            self._pending.pop(0).result()
        self._pending.append(self._writer.submit(self._write_entry, name, data))

    def _write_entry(self, name: str, data: Any) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        if self.undated and name == "docProps/core.xml":
            data = _UNDATED_RE.sub(b"", data)
        fixed = zipfile.ZipInfo(name, date_time=self.stamp)
        fixed.compress_type = zipfile.ZIP_DEFLATED
        fixed.external_attr = 0o644 << 16
        fixed.create_system = 0
        super().writestr(fixed, data, compresslevel=6)

    def write(self, filename: str | os.PathLike[str], arcname: str | os.PathLike[str] | None = None,
              compress_type: int | None = None, compresslevel: int | None = None) -> None:
        with open(filename, "rb") as source:
            self.writestr(str(arcname if arcname is not None else filename), source.read())

    def close(self) -> None:
        writer, self._writer = self._writer, None
        failed: BaseException | None = None
        if writer is not None:
            for job in self._pending:
                try:
                    job.result()
                except BaseException as error:  # raised below, once the archive is closed
                    failed = failed or error
            self._pending.clear()
            writer.shutdown()
        super().close()
        if failed is not None:
            raise failed
