"""Fonts, fills and borders of the exported workbooks, chosen for printing and for Excel and WPS.

Fonts: 宋体 (SimSun) for body text and 黑体 (SimHei) for titles and column headers,
the pairing of Chinese government tables.  Both ship with every Chinese Windows
since XP, so Excel and WPS on Windows render them as intended, and WPS on
domestic Linux desktops maps them to its bundled equivalents; LibreOffice falls
back to any installed CJK font (Noto/思源).  等线 (DengXian) or 微软雅黑 would look
more modern on screen, but 等线 exists only with Office 2016+, and both print
lighter than 宋体 at 10.5 pt (五号, the usual size of official tables).  The
charset 134 (GB2312) tells Excel which script the font is for.

Shading is light grey, so headers stay readable on the black-and-white laser
printers of township offices; change types in the comparison sheet get light
colours that still differ in grey.
"""

from __future__ import annotations

import copy
import weakref
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

BODY_FONT_NAME = "宋体"
HEADING_FONT_NAME = "黑体"
BODY_SIZE = 10.5
GB2312 = 134

THIN = Side(style="thin", color="000000")
HAIR = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

COVER_TITLE_FONT = Font(name=HEADING_FONT_NAME, size=20, charset=GB2312)
TITLE_FONT = Font(name=HEADING_FONT_NAME, size=16, charset=GB2312)
SUBTITLE_FONT = Font(name=BODY_FONT_NAME, size=10, charset=GB2312, color="404040")
HEADER_FONT = Font(name=HEADING_FONT_NAME, size=11, bold=True, charset=GB2312)
BODY_FONT = Font(name=BODY_FONT_NAME, size=BODY_SIZE, charset=GB2312)
BOLD_FONT = Font(name=BODY_FONT_NAME, size=BODY_SIZE, bold=True, charset=GB2312)
SECTION_FONT = Font(name=HEADING_FONT_NAME, size=12, charset=GB2312)
LABEL_FONT = Font(name=HEADING_FONT_NAME, size=BODY_SIZE, charset=GB2312)
LINK_FONT = Font(name=BODY_FONT_NAME, size=BODY_SIZE, charset=GB2312, color="0563C1", underline="single")
NOTE_FONT = Font(name=BODY_FONT_NAME, size=9, charset=GB2312, color="595959")

HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
DIRECTORY_FILLS = (
    PatternFill("solid", fgColor="E7E6E6"),  # 一级目录
    PatternFill("solid", fgColor="F2F2F2"),  # 二级目录
    PatternFill("solid", fgColor="F7F7F7"),  # 三级目录 with 四级 items
)
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")

CHANGE_FILLS = {
    "added": PatternFill("solid", fgColor="E2EFDA"),    # green: 新增
    "removed": PatternFill("solid", fgColor="FCE4D6"),  # red: 删除
    "changed": PatternFill("solid", fgColor="FFF2CC"),  # yellow: 修改
    "recoded": PatternFill("solid", fgColor="DDEBF7"),  # blue: 重新编码
    "header": PatternFill("solid", fgColor="EDEDED"),   # grey: 文档信息
}

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)
LEFT_TOP = Alignment(horizontal="left", vertical="top", wrap_text=True)
TITLE_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
SUBTITLE_ALIGN = Alignment(horizontal="left", vertical="center", wrap_text=False)

# The styles already made in a workbook, by the objects that make them: openpyxl hashes every style object a
# cell is given, which took most of the time of a county's plans, so each combination is made once per workbook.
_MADE: weakref.WeakKeyDictionary[Any, dict[tuple[int, int, int, int, str | None], Any]] = weakref.WeakKeyDictionary()


def apply(cell: Any, font: Font, alignment: Alignment, *, border: Border | None = None, fill: PatternFill | None = None,
          number_format: str | None = None) -> None:
    """Give a cell these (module-level, never changed) style objects, as setting each would."""
    made = _MADE.setdefault(cell.parent.parent, {})
    key = (id(font), id(alignment), id(border), id(fill), number_format)
    if key in made:
        # cells.put's quote prefix, for text Excel would read as a formula or number (a new cell has no style yet)
        quoted = cell._style.quotePrefix if cell._style is not None else 0
        cell._style = copy.copy(made[key])
        cell._style.quotePrefix = quoted
        return
    cell.font = font
    if border is not None:
        cell.border = border
    cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    if cell._style is not None:
        made[key] = copy.copy(cell._style)
