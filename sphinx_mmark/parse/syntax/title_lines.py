"""v1 title lines: a title block written as ``% key = value`` lines (mmark 1.x).

At the top of a document (after blank lines), consecutive lines that start
with ``%`` form the block; without the ``%`` and one following space each
line is TOML::

    % title = "DNS Traceroute"
    % [[author]]
    % fullname = "A. Author"

Emits the same ``mmark_front_matter`` token as the other title and front
matter blocks, with a :class:`~sphinx_mmark.parse.front_matter.Block` of kind
``"titlelines"`` whose ``content`` is the TOML. ``%%%`` opens a v2 block
and is left to :mod:`sphinx_mmark.parse.syntax.front_matter`.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ..front_matter import Block
from .front_matter import push_block


def title_lines_plugin(md: MarkdownIt) -> None:
    """Recognise v1 title lines at the start of the document."""
    md.block.ruler.before("table", "mmark_title_lines", _rule)


def find_title_lines(lines: list[str]) -> Block | None:
    """The v1 title block at the top of ``lines``, if there is one."""
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines) or not _is_title_line(lines[first]):
        return None
    last = first
    while last < len(lines) and _is_title_line(lines[last]):
        last += 1
    content = "\n".join(
        line[2:] if line.startswith("% ") else line[1:] for line in lines[first:last]
    )
    return Block("titlelines", first, last, content)


def _is_title_line(line: str) -> bool:
    return line.startswith("%") and not line.startswith("%%%") and line[1:2] in ("", " ", "\t")


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.level != 0 or state.parentType != "root":
        return False
    if any(not state.isEmpty(line) for line in range(0, start_line)):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[begin : begin + 1] != "%" or state.tShift[start_line] != 0:
        return False
    block = find_title_lines(state.src.split("\n", 2_100)[:2_100])
    if block is None or block.start != start_line:
        return False
    if not silent:
        push_block(state, block)
    return True
