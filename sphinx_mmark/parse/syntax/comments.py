"""HTML comments, ``<!-- … -->``, are dropped from the output.

* Inline: a comment inside a paragraph (it may span lines) disappears,
  ``a <!-- note --> b`` renders as ``a  b``.
* Block: a block that starts with ``<!--`` and whose comment ends with
  ``-->`` followed by nothing but white space on that line is dropped;
  it may span several lines, blank ones included, and interrupts a paragraph
  as an HTML block does. A comment followed by more text on its closing line
  is left to CommonMark's HTML block.
* ``<!-->`` and ``<!--->`` are (empty) comments, as in CommonMark. An
  unclosed ``<!--`` is not a comment here (CommonMark's rules decide).

Both flavours. Tokens: ``mmark_comment`` (inline) and ``mmark_comment_block``
(block, ``map`` = lines), both with the comment as ``content``; they render
as nothing.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from ._state_cache import per_state, replace

_OPEN = "<!--"
_CLOSE = "-->"


def comments_plugin(md: MarkdownIt) -> None:
    """Add the inline and block rules before markdown-it's HTML rules."""
    md.inline.ruler.before("html_inline", "mmark_comment", _inline_rule)
    md.block.ruler.before(
        "html_block",
        "mmark_comment_block",
        _block_rule,
        {"alt": ["paragraph", "reference", "blockquote"]},
    )


class _CloseFinder:
    """Finds ``-->`` in one source text; remembers the last search, so that many
    unclosed ``<!--`` in a row cost linear time, not quadratic."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.searched: tuple[int, int, int] | None = None  # (from, end, found)

    def find(self, start: int, end: int) -> int:
        memo = self.searched
        if memo is not None and memo[0] <= start and memo[1] == end:
            found = memo[2]
            if found < 0 or found >= start:
                return found
        found = self.src.find(_CLOSE, start, end)
        self.searched = (start, end, found)
        return found


def comment_end(src: str, start: int, end: int, finder: _CloseFinder | None = None) -> int:
    """End (exclusive) of the comment that starts at ``start``, or -1."""
    if not src.startswith(_OPEN, start):
        return -1
    body = start + len(_OPEN)
    for short in (">", "->"):
        if src.startswith(short, body):
            return body + len(short)
    close = (finder or _CloseFinder(src)).find(body, end)
    return -1 if close < 0 else close + len(_CLOSE)


def _finder(state: StateInline | StateBlock) -> _CloseFinder:
    finder = per_state(state, "comment_close", lambda: _CloseFinder(state.src))
    if finder.src is not state.src:
        finder = _CloseFinder(state.src)
        replace(state, "comment_close", finder)
    return finder


def _inline_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "<" or not state.md.options.get("html"):
        return False
    end = comment_end(state.src, state.pos, state.posMax, _finder(state))
    if end < 0:
        return False
    if not silent:
        token = state.push("mmark_comment", "", 0)
        token.content = state.src[state.pos : end]
    state.pos = end
    return True


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4 or not state.md.options.get("html"):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith(_OPEN, begin):
        return False
    # the comment may run over blank lines, up to the end of the container
    limit = state.eMarks[end_line - 1] if end_line > start_line else state.eMarks[start_line]
    end = comment_end(state.src, begin, limit, _finder(state))
    if end < 0:
        return False
    last = start_line
    while last < end_line - 1 and state.eMarks[last] < end:
        last += 1
        if not state.isEmpty(last) and state.sCount[last] < state.blkIndent:
            return False  # the comment would leave its list item: not ours
    if state.src[end : state.eMarks[last]].strip():
        return False  # more text after the comment: CommonMark's HTML block
    if silent:
        return True
    token = state.push("mmark_comment_block", "", 0)
    token.block = True
    token.content = state.src[begin:end]
    token.map = [start_line, last + 1]
    state.line = last + 1
    return True
