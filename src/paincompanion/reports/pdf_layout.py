"""Page primitives for the printed summary (fpdf2): fonts, headings, a key-number strip, tables and
images that are never split across a page break, and the page footer.

Units are PostScript points. Body text is 10 pt, notes 9 pt dark grey; everything is black, grey and white.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import partial
from pathlib import Path
from typing import cast

from fpdf import FPDF, FontFace
from fpdf.enums import Align, TableBordersLayout, XPos, YPos

FONT = "DejaVu"
TITLE_PT = 15.0
HEADING_PT = 11.5
BODY_PT = 10.0
SMALL_PT = 9.0
MARGIN = 40.0
LINE = 1.2  # line height as a multiple of the font size (120 %, as usual in print)
GREY = 64  # dark grey for notes (0 black, 255 white): still easy to read on paper
RULE_GREY = 150
FILL_GREY = 236
#: A table or block longer than a page starts where at least this much of it fits (heading row + a few rows).
MIN_FLOW = 120.0
#: Space a section heading takes (gap above, title, rule, gap below).
HEADING_HEIGHT = 3 + HEADING_PT * LINE + 3

#: Drawn in place of a character DejaVu Sans does not have (e.g. emoji, CJK).
MISSING_GLYPH = "\ufffd"
#: fpdf2's page format names.
FORMATS = {"a4": "A4", "letter": "Letter"}


def dejavu_paths() -> tuple[Path, Path]:
    """DejaVu Sans regular and bold as shipped with matplotlib (imported lazily, only for its data path)."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class KeyNumber:
    """One box of the key-number strip: a big value over a short label (and an optional small note)."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class TableSpec:
    """A table to place: heading row, body rows, relative column widths and per-column alignment."""

    headings: Sequence[str]
    rows: Sequence[Sequence[str]]
    col_widths: Sequence[float] | None = None
    align: Sequence[str] | None = None


class SummaryPdf(FPDF):
    """An FPDF page set-up with DejaVu Sans, a running header after page 1 and a 'Page X of Y' footer."""

    def __init__(
        self, paper: str, *, footer: str, running_header: str, made_at: datetime, title: str, author: str = ""
    ) -> None:
        super().__init__(orientation="portrait", unit="pt", format=FORMATS[paper])
        self.footer_text = footer
        self.running_header = running_header
        regular, bold = dejavu_paths()
        self.add_font(FONT, "", str(regular))
        self.add_font(FONT, "B", str(bold))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 6)
        self.set_creation_date(made_at)
        self.set_title(title)
        if author:
            self.set_author(author)
        self.set_subject("Patient-reported pain summary for a clinical appointment")
        self.set_creator("Pain Companion")
        self.set_producer("Pain Companion")
        self.set_lang("en")
        self.set_font(FONT, size=BODY_PT)
        self.set_text_color(0)
        self.set_draw_color(0)
        self._measuring = False
        self._pending_heading = ""

    def normalize_text(self, text: str) -> str:
        """Every character the font cannot draw becomes U+FFFD, a visible mark (never silently dropped)."""
        text = super().normalize_text(text)
        cmap = getattr(self.current_font, "cmap", None)
        if not cmap or all(ord(ch) in cmap or ch in "\n\r\t" for ch in text):
            return text
        return "".join(ch if ord(ch) in cmap or ch in "\n\r\t" else MISSING_GLYPH for ch in text)

    # fpdf2 calls these on every page.
    def header(self) -> None:
        if self.page_no() == 1 or not self.running_header:
            return
        self.set_font(FONT, size=SMALL_PT)
        self.set_text_color(GREY)
        self.cell(0, SMALL_PT * LINE, self.running_header, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.set_font(FONT, size=BODY_PT)
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-MARGIN + 4)
        self.set_font(FONT, size=SMALL_PT)
        self.set_text_color(GREY)
        text = f"Page {self.page_no()} of {{nb}} · {self.footer_text}"
        self.cell(0, SMALL_PT * LINE, text, align=Align.C)
        self.set_text_color(0)

    # --- measuring and keeping together ---------------------------------------------------------

    @property
    def room(self) -> float:
        """Height left on this page above the bottom margin."""
        return self.page_break_trigger - self.get_y()

    @property
    def page_height_for_content(self) -> float:
        """Height of a whole fresh page's content area (below the running header)."""
        header = SMALL_PT * LINE + 4 if self.running_header else 0.0
        return self.page_break_trigger - self.t_margin - header

    def measure(self, draw: Callable[[], None]) -> float:
        """Height that `draw()` would use: drawn on the current page, then taken back.

        Cheaper than fpdf2's `offset_rendering()` (which deep-copies the whole document each time):
        drawing only appends to this page's content stream and changes plain attributes and the
        graphics state, so those are saved and restored. Fonts keep the glyphs they saw, which is
        harmless as every measured block is drawn afterwards.
        """
        page, start_page, start_y = self.pages[self.page], self.page, self.get_y()
        contents = page.contents
        assert isinstance(contents, bytearray)  # a page's stream until the document is output (as fpdf2 asserts)
        length = len(contents)
        plain = {k: v for k, v in vars(self).items() if isinstance(v, (int, float, str, bool, Enum, type(None)))}
        # fpdf2's graphics state (font, colours, line width); private and name-mangled, so not in its types
        stack = self._GraphicsStateMixin__statestack  # type: ignore[attr-defined]
        saved_stack = [state.copy() for state in stack]
        self.set_auto_page_break(False)
        self._measuring = True
        self._pending_heading = ""
        try:
            draw()
            height = self.get_y() - start_y
            if self.page != start_page:  # cannot happen without page breaks; be loud if it ever does
                raise RuntimeError("a measured block started a new page")
        finally:
            del contents[length:]
            vars(self).update(plain)
            stack[:] = saved_stack
        return height

    def place(self, height: float) -> None:
        """Make room for a block of `height` that must stay whole, then draw the pending section heading.

        A new page is started when the block (with the heading waiting for it) does not fit in the room
        left; a block taller than a page just starts. A heading is therefore never left alone at a page end.
        """
        if self._measuring:
            return
        title = self._pending_heading
        need = height + (HEADING_HEIGHT if title else 0.0)
        if need > self.room and self.get_y() > self.t_margin + 30:
            self.add_page()
        if title:
            self._pending_heading = ""
            self._draw_heading(title)

    def block(self, draw: Callable[[], None]) -> None:
        """Draw `draw()` on this page if it fits, else at the top of the next one (never split).

        A block taller than a whole page starts here when its first `MIN_FLOW` points fit, and flows on.
        """
        height = self.measure(draw)
        self.place(height if height <= self.page_height_for_content else MIN_FLOW)
        draw()

    # --- text -----------------------------------------------------------------------------------

    def _text_height(self, width: float, line_height: float, text: str) -> float:
        """Height `multi_cell` would use for `text` (its return type covers every `output`, hence the cast)."""
        return cast(float, self.multi_cell(width, line_height, text, dry_run=True, output="HEIGHT"))

    def _text_lines(self, width: float, line_height: float, text: str) -> list[str]:
        """The lines `multi_cell` would wrap `text` into."""
        return cast(list[str], self.multi_cell(width, line_height, text, dry_run=True, output="LINES"))

    def text_line(self, text: str, *, size: float = BODY_PT, bold: bool = False, grey: bool = False) -> None:
        """A paragraph (wrapped, left-aligned), kept whole."""
        self.set_font(FONT, "B" if bold else "", size)
        self.place(self._text_height(0, size * LINE, text))
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(GREY if grey else 0)
        self.multi_cell(0, size * LINE, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.set_font(FONT, "", BODY_PT)

    def heading(self, title: str) -> None:
        """A section title with a rule under it, drawn with (and on the same page as) the next block."""
        self._pending_heading = title

    def _draw_heading(self, title: str) -> None:
        self.ln(3)
        self.set_font(FONT, "B", HEADING_PT)
        self.cell(0, HEADING_PT * LINE, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(RULE_GREY)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_draw_color(0)
        self.ln(3)
        self.set_font(FONT, "", BODY_PT)

    def bullet_lines(self, lines: Sequence[str | tuple[str, str]], *, size: float = BODY_PT) -> None:
        """One bulleted paragraph per line, with a hanging indent; each kept whole.

        A line may be (lead, rest): the lead is printed in bold, e.g. ("Major:", "tramadol + …").
        """
        indent = 10.0
        for line in lines:
            lead, rest = line if isinstance(line, tuple) else ("", line)
            text = f"{lead} {rest}" if lead else rest
            self.set_font(FONT, "B" if lead else "", size)
            self.place(self._text_height(self.epw - indent, size * LINE, text))
            self.set_x(self.l_margin)
            self.set_font(FONT, "", size)
            self.cell(indent, size * LINE, "•")
            self.set_left_margin(self.l_margin + indent)
            if lead:
                self.set_font(FONT, "B", size)
                self.write(size * LINE, lead + " ")
                self.set_font(FONT, "", size)
            self.write(size * LINE, rest)
            self.set_left_margin(self.l_margin - indent)
            self.ln(size * LINE)
        self.set_font(FONT, "", BODY_PT)

    # --- key numbers ----------------------------------------------------------------------------

    def key_numbers(self, items: Sequence[KeyNumber]) -> None:
        """A row of equal boxes: value large and bold, label below; boxes grow to the tallest label."""
        if not items:
            return
        gap = 6.0
        slots = max(len(items), 4)  # one or two boxes keep a box's width instead of spanning the page
        width = (self.epw - gap * (slots - 1)) / slots
        pad = 5.0
        value_pt = 14.0
        label_lines = []
        for item in items:
            self.set_font(FONT, "", SMALL_PT)
            text = item.label + (f"\n{item.note}" if item.note else "")
            label_lines.append(len(self._text_lines(width - 2 * pad, SMALL_PT * 1.2, text)))
        height = pad * 2 + value_pt * 1.25 + max(label_lines) * SMALL_PT * 1.2
        self.place(height + 4)
        top = self.get_y()
        self.set_line_width(0.7)
        for i, item in enumerate(items):
            x = self.l_margin + i * (width + gap)
            self.rect(x, top, width, height)
            self.set_xy(x + pad, top + pad)
            self.set_font(FONT, "B", value_pt)
            self.cell(width - 2 * pad, value_pt * 1.25, item.value, new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_x(x + pad)
            self.set_font(FONT, "", SMALL_PT)
            text = item.label + (f"\n{item.note}" if item.note else "")
            self.multi_cell(width - 2 * pad, SMALL_PT * 1.2, text, align=Align.L)
        self.set_xy(self.l_margin, top + height + 4)
        self.set_font(FONT, "", BODY_PT)

    # --- tables ---------------------------------------------------------------------------------

    def ruled_table(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        col_widths: Sequence[float] | None = None,
        align: Sequence[str] | None = None,
        size: float = SMALL_PT,
        width: float | None = None,
        caption: str = "",
        pad: float = 4.0,
    ) -> None:
        """A ruled table (with an optional small caption above). Kept on one page when it fits on one;
        a longer one flows on and repeats its heading row on the next page."""

        def draw() -> None:
            if caption:
                self.text_line(caption, size=SMALL_PT, grey=True)
            self._table(headings, rows, col_widths=col_widths, align=align, size=size, width=width, pad=pad)
            self.ln(3)

        height = self.measure(draw)
        self.place(height if height <= self.page_height_for_content else MIN_FLOW)
        draw()

    def tables_side_by_side(self, tables: Sequence[TableSpec], *, gap: float = 14.0) -> None:
        """Up to two tables next to each other, each half the width, kept on one page together."""
        if not tables:
            return
        width = (self.epw - gap) / 2

        def draw_one(spec: TableSpec, side: str = "LEFT") -> None:
            self._table(spec.headings, spec.rows, col_widths=spec.col_widths, align=spec.align, width=width,
                        table_align=side)  # fmt: skip

        heights = [self.measure(partial(draw_one, spec)) for spec in tables]
        self.place(max(heights) + 3)
        top, bottoms = self.get_y(), []
        for spec, side in zip(tables, ("LEFT", "RIGHT")):
            self.set_y(top)
            draw_one(spec, side)
            bottoms.append(self.get_y())
        self.set_y(max(bottoms) + 3)

    def _table(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        col_widths: Sequence[float] | None,
        align: Sequence[str] | None,
        size: float = SMALL_PT,
        width: float | None = None,
        table_align: str = "LEFT",
        pad: float = 4.0,
    ) -> None:
        self.set_font(FONT, "", size)
        self.set_line_width(0.4)
        self.set_draw_color(RULE_GREY)
        with self.table(
            col_widths=tuple(col_widths) if col_widths else None,
            width=width or self.epw,
            align=table_align,
            text_align=tuple(align) if align else Align.L,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            headings_style=FontFace(emphasis="BOLD", fill_color=FILL_GREY),
            line_height=size * LINE,
            padding=(1.5, pad, 1.5, pad),
            repeat_headings=1,
            v_align="TOP",
        ) as table:
            for row in (headings, *rows):
                line = table.row()
                for value in row:
                    line.cell(value)
        self.set_draw_color(0)
        self.set_font(FONT, "", BODY_PT)

    # --- images ---------------------------------------------------------------------------------

    def png(self, data: bytes, *, width: float, height: float, alt_text: str) -> None:
        """Place a PNG at the left margin, moving to the next page first if it does not fit."""
        self.place(height + 4)
        self.image(io.BytesIO(data), x=self.l_margin, y=self.get_y(), w=width, h=height, alt_text=alt_text)
        self.set_y(self.get_y() + height + 4)

    # --- boxes ----------------------------------------------------------------------------------

    def boxed_text(self, title: str, text: str, *, empty_lines: int = 3) -> None:
        """A ruled box with a bold title; with no text, empty writing lines to fill in by hand."""

        def draw() -> None:
            top = self.get_y()
            pad = 6.0
            self.set_xy(self.l_margin + pad, top + pad)
            self.set_font(FONT, "B", HEADING_PT)
            self.cell(0, HEADING_PT * LINE, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_font(FONT, "", BODY_PT)
            if text.strip():
                self.set_left_margin(self.l_margin + pad)
                self.set_right_margin(self.r_margin + pad)
                self.multi_cell(0, BODY_PT * LINE, text.strip(), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.set_left_margin(self.l_margin - pad)
                self.set_right_margin(self.r_margin - pad)
            else:
                self.set_draw_color(RULE_GREY)
                for _ in range(empty_lines):
                    y = self.get_y() + 19
                    self.line(self.l_margin + pad, y, self.w - self.r_margin - pad, y)
                    self.set_y(y)
                self.set_draw_color(0)
            bottom = self.get_y() + pad
            self.set_line_width(0.8)
            self.rect(self.l_margin, top, self.epw, bottom - top)
            self.set_xy(self.l_margin, bottom + 4)

        self.block(draw)
