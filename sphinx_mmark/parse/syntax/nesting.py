"""Nesting limits that keep deep input linear and every word of it in the page.

markdown-it stops tokenising a container nested deeper than ``maxNesting`` and
drops the rest of it; emphasis pairs are matched after that check and can nest
as deep as the input asks, which later recursion cannot follow. So:

* blocks: inside a container nested :data:`MAX_BLOCK_DEPTH` levels deep, the
  remaining lines of that container become one plain paragraph (its inner
  ``>`` or list markers stay as text);
* inline: emphasis, strikethrough and other paired markup deeper than
  :data:`MAX_INLINE_DEPTH` turns back into the characters that were typed.

Either way ``env["mmark_nesting_cut"]`` records the first line where it
happened, and the renderer warns once.
"""

from __future__ import annotations

from typing import Final

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..env import env_of

MAX_BLOCK_DEPTH = 40
"""Open container tokens (a quote is one, a list item two) before the rest is plain text."""

MAX_INLINE_DEPTH = 40
"""Nested paired inline markup kept as markup."""

ENV_KEY: Final = "mmark_nesting_cut"
"""The :class:`~sphinx_mmark.parse.env.MarkdownEnv` key of the first line cut."""


def nesting_plugin(md: MarkdownIt) -> None:
    """Add the block guard (before every block rule) and the inline depth cap."""
    md.options["maxNesting"] = MAX_BLOCK_DEPTH + 10
    first = md.block.ruler.get_all_rules()[0]
    md.block.ruler.before(first, "mmark_nesting_guard", _block_guard)
    md.core.ruler.after("inline", "mmark_inline_depth", _inline_depth)


def _block_guard(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.level < MAX_BLOCK_DEPTH or silent:
        return False
    text = state.getLines(start_line, end_line, state.blkIndent, False).strip()
    env_of(state).setdefault(ENV_KEY, start_line + 1)
    token = state.push("paragraph_open", "p", 1)
    token.map = [start_line, end_line]
    token = state.push("inline", "", 0)
    token.content = text
    token.map = [start_line, end_line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    state.line = end_line
    return True


def _inline_depth(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        depth = 0
        cut: list[bool] = []
        for index, token in enumerate(block.children):
            if token.nesting == 1:
                depth += 1
                too_deep = depth > MAX_INLINE_DEPTH
                cut.append(too_deep)
                if too_deep:
                    block.children[index] = _as_text(token)
                    if block.map:
                        env_of(state).setdefault(ENV_KEY, block.map[0] + 1)
            elif token.nesting == -1 and cut:
                depth -= 1
                if cut.pop():
                    block.children[index] = _as_text(token)


def _as_text(token: Token) -> Token:
    text = Token("text", "", 0)
    text.content = token.markup
    return text
