"""Pipe tables with mmark's extensions (replaces markdown-it's ``table`` rule).

Syntax::

    Name    | Age          header row (optional: a table may start with the
    --------|----:         delimiter row; it then has no header)
    Bob     ||             "||": Bob spans two columns (each extra "|" one more)
    Alice   | 23
    ========|=====         footer delimiter: the rows after it are footer rows
    Total   | 50

* The delimiter row has one cell per column, each ``-`` characters with
  optional ``:`` at either end for alignment (``:--`` left, ``--:`` right,
  ``:-:`` centre), at least three characters long as in mmark, and at least
  one ``|`` in the line. Leading and trailing pipes are optional.
* A header row must have as many columns (counting spans) as the delimiter.
* Body rows run to a blank line, a line without ``|``, or a line that starts
  another block (a ``Table:`` caption among them). ``\\|`` is a literal pipe.
* Rows with fewer cells are padded with empty cells, extra cells are dropped.
* A table with a header may interrupt a paragraph; a headerless one may not.

Tokens (as markdown-it's, plus the footer): ``table_open``,
``thead_open``/``tbody_open``/``tfoot_open``, ``tr_open``, ``th_open`` or
``td_open`` (``attrs["style"]`` = ``text-align:…``, ``attrs["colspan"]`` when
above 1), ``inline``, and the matching ``*_close`` tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_DELIMITER_CELL = re.compile(r":?-+:?")
_FOOTER_CELL = re.compile(r":?=+:?")
MAX_PADDED_CELLS = 0x10000
"""Empty cells added to short rows before a table stops growing (bounds the output)."""


@dataclass(frozen=True)
class Cell:
    """One cell of a row: its source text and how many columns it spans."""

    text: str
    span: int = 1


def tables_plugin(md: MarkdownIt) -> None:
    """Replace markdown-it's table rule by mmark's."""
    md.block.ruler.at("table", _rule, {"alt": ["paragraph", "reference"]})


def split_row(line: str) -> list[Cell]:
    """The cells of a row; a run of ``n`` pipes after a cell makes it span ``n`` columns."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    cells: list[Cell] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            nxt = text[index + 1]
            current.append("|" if nxt == "|" else char + nxt)
            index += 2
            continue
        if char == "|":
            end = index
            while end < len(text) and text[end] == "|":
                end += 1
            cells.append(Cell("".join(current).strip(), end - index))
            current = []
            index = end
            continue
        current.append(char)
        index += 1
    rest = "".join(current).strip()
    if rest or not cells:
        cells.append(Cell(rest))
    return cells


def _has_pipe(line: str) -> bool:
    return re.search(r"(?<!\\)\|", line) is not None


def _delimiter(line: str, pattern: re.Pattern[str]) -> list[str] | None:
    """Alignments (``""``, ``left``, ``right``, ``center``) of a delimiter row, or None."""
    if not _has_pipe(line):
        return None
    text = line.strip().strip("|")
    aligns: list[str] = []
    for raw in text.split("|"):
        cell = raw.strip()
        if len(cell) < 3 or not pattern.fullmatch(cell):
            return None
        if cell.startswith(":") and cell.endswith(":"):
            aligns.append("center")
        elif cell.endswith(":"):
            aligns.append("right")
        elif cell.startswith(":"):
            aligns.append("left")
        else:
            aligns.append("")
    return aligns


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _fit(cells: list[Cell], columns: int) -> tuple[list[Cell], int]:
    """Cells trimmed or padded to ``columns``; also how many empty cells were added."""
    fitted: list[Cell] = []
    used = 0
    for cell in cells:
        if used >= columns:
            break
        span = min(cell.span, columns - used)
        fitted.append(Cell(cell.text, span))
        used += span
    padding = columns - used
    fitted.extend(Cell("") for _ in range(padding))
    return fitted, padding


def _may_be_delimiter(state: StateBlock, line: int) -> bool:
    """Cheap first test: a delimiter row starts with ``|``, ``-`` or ``:``.

    The rule runs at every paragraph line (tables interrupt paragraphs), so it
    looks at one character before it builds any string.
    """
    pos = state.bMarks[line] + state.tShift[line]
    return pos < state.eMarks[line] and state.src[pos] in "|-:"


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.is_code_block(start_line):
        return False
    headerless = _may_be_delimiter(state, start_line)
    second_starts = start_line + 1 < end_line and _may_be_delimiter(state, start_line + 1)
    if not headerless and not second_starts:
        return False
    first = _line(state, start_line)
    aligns = _delimiter(first, _DELIMITER_CELL) if headerless else None
    header: list[Cell] | None = None
    if aligns is not None:
        # headerless: needs a body row, and never interrupts a paragraph
        body_start = start_line + 1
        if silent or body_start >= end_line or not _is_row(state, body_start):
            return False
    else:
        second = start_line + 1
        if second >= end_line or state.sCount[second] < state.blkIndent:
            return False
        if state.is_code_block(second) or not _has_pipe(first):
            return False
        aligns = _delimiter(_line(state, second), _DELIMITER_CELL)
        if aligns is None:
            return False
        header = split_row(first)
        if sum(cell.span for cell in header) != len(aligns):
            return False
        body_start = second + 1
    if silent:
        return True

    terminators = [
        *state.md.block.ruler.getRules("blockquote"),
        *state.md.block.ruler.getRules("table"),
    ]
    body: list[list[Cell]] = []
    footer: list[list[Cell]] = []
    in_footer = False
    padded = 0
    line = body_start
    while line < end_line:
        if state.isEmpty(line) or state.sCount[line] < state.blkIndent:
            break
        if any(rule(state, line, end_line, True) for rule in terminators):
            break
        text = _line(state, line)
        if not in_footer and _delimiter(text, _FOOTER_CELL) is not None:
            in_footer = True
            line += 1
            continue
        if not _has_pipe(text):
            break
        row, added = _fit(split_row(text), len(aligns))
        padded += added
        if padded > MAX_PADDED_CELLS:
            break
        (footer if in_footer else body).append(row)
        line += 1

    _push_table(state, [start_line, line], aligns, header, body, footer)
    state.line = line
    return True


def _is_row(state: StateBlock, line: int) -> bool:
    return (
        not state.isEmpty(line)
        and state.sCount[line] >= state.blkIndent
        and not state.is_code_block(line)
        and _has_pipe(_line(state, line))
    )


def _push_table(
    state: StateBlock,
    line_map: list[int],
    aligns: list[str],
    header: list[Cell] | None,
    body: list[list[Cell]],
    footer: list[list[Cell]],
) -> None:
    table = state.push("table_open", "table", 1)
    table.map = list(line_map)
    if header is not None:
        head = state.push("thead_open", "thead", 1)
        head.map = [line_map[0], line_map[0] + 1]
        _push_row(state, header, aligns, "th", line_map[0])
        state.push("thead_close", "thead", -1)
    row_line = line_map[0] + (2 if header is not None else 1)
    for part, rows in (("tbody", body), ("tfoot", footer)):
        if not rows:
            continue
        if part == "tfoot":
            row_line += 1  # the "===" line
        group = state.push(f"{part}_open", part, 1)
        group.map = [row_line, row_line + len(rows)]
        for row in rows:
            _push_row(state, row, aligns, "td", row_line)
            row_line += 1
        state.push(f"{part}_close", part, -1)
    state.push("table_close", "table", -1)


def _push_row(state: StateBlock, cells: list[Cell], aligns: list[str], tag: str, line: int) -> None:
    row = state.push("tr_open", "tr", 1)
    row.map = [line, line + 1]
    column = 0
    for cell in cells:
        opener = state.push(f"{tag}_open", tag, 1)
        opener.map = [line, line + 1]
        if aligns[column]:
            opener.attrs["style"] = f"text-align:{aligns[column]}"
        if cell.span > 1:
            opener.attrs["colspan"] = cell.span
        inline = state.push("inline", "", 0)
        inline.content = cell.text
        inline.map = [line, line + 1]
        inline.children = []
        state.push(f"{tag}_close", tag, -1)
        column += cell.span
    state.push("tr_close", "tr", -1)
