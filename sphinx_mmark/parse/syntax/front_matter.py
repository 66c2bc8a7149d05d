"""Front matter and title blocks at the top of a document.

Syntax (see :mod:`sphinx_mmark.parse.front_matter` for the details)::

    ---            +++            {              %%%
    title: x       title = "x"     "title": "x"   title = "x"
    ---            +++            }              %%%

Emits one ``mmark_front_matter`` token whose ``content`` is the raw text and
whose ``meta["block"]`` is the :class:`~sphinx_mmark.parse.front_matter.Block`.
A block that is never closed is not a block: its text is parsed as Markdown,
and the block is noted in ``env["mmark_unclosed_front_matter"]`` so that the
renderer can warn.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ..env import env_of
from ..front_matter import Block, find_block


def front_matter_plugin(md: MarkdownIt) -> None:
    """Recognise front matter before any other block rule."""
    md.block.ruler.before("table", "mmark_front_matter", _rule)


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.level != 0 or state.parentType != "root":
        return False
    if start_line != 0:
        # only a %%% title block may follow blank lines at the top of the document
        begin = state.bMarks[start_line] + state.tShift[start_line]
        if not state.src.startswith("%%%", begin) or state.src[: state.bMarks[start_line]].strip():
            return False
    if state.src.startswith(("---", "+++", "%%%", "{")) or state.src[:1].isspace():
        block = find_block(state.src.split("\n", 2_100)[:2_100])
    else:
        return False
    if block is None:
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
