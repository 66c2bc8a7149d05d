"""Front matter and title blocks at the top of a document.

Syntax (see :mod:`sphinx_mmark.parse.front_matter` for the details)::

    ---            +++            {              %%%
    title: x       title = "x"     "title": "x"   title = "x"
    ---            +++            }              %%%

Only blank lines may come before the opening fence, as in Hugo (which skips
white space) and mmark (for ``%%%``). Emits one ``mmark_front_matter`` token
whose ``content`` is the raw text and whose ``meta["block"]`` is the
:class:`~sphinx_mmark.parse.front_matter.Block`.
A block that is never closed is not a block: its text is parsed as Markdown,
and the block is noted in ``env["mmark_unclosed_front_matter"]`` so that the
renderer can warn.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ..env import env_of
from ..front_matter import Block, head_block
from ._state_cache import per_state

_OPENERS = ("---", "+++", "%%%", "{")
_LEADING_BLANKS = re.compile(r"[ \t\r\n]*")


def _text_start(src: str) -> int:
    """The offset of the first character of ``src`` that is not white space."""
    match = _LEADING_BLANKS.match(src)
    return match.end() if match else 0


def front_matter_plugin(md: MarkdownIt) -> None:
    """Recognise front matter before any other block rule."""
    md.block.ruler.before("table", "mmark_front_matter", _rule)


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.level != 0 or state.parentType != "root":
        return False
    begin = state.bMarks[start_line]
    if not state.src.startswith(_OPENERS, begin):
        return False
    # only blank lines (Hugo: white space) may come before the opening fence
    if begin != per_state(state, "front_matter_start", lambda: _text_start(state.src)):
        return False
    block = head_block(state.src)  # as the reader and the draft scan find it
    if block is None or block.start != start_line:
        return False
    if not block.closed:
        # the text stays Markdown; the renderer warns about the unclosed block
        if not silent:
            env_of(state)["mmark_unclosed_front_matter"] = block
        return False
    if not silent:
        push_block(state, block)
    return True


def push_block(state: StateBlock, block: Block) -> None:
    """Emit the ``mmark_front_matter`` token of ``block`` and move past it."""
    token = state.push("mmark_front_matter", "", 0)
    token.block = True
    token.hidden = True
    token.content = block.content
    token.meta = {"block": block}
    token.map = [block.start, block.end]
    state.line = block.end
