"""Figure groups: ``!---`` … ``!---``, one figure around several images or code blocks.

Syntax::

    !---
    ![Array](array.svg "An array")
    ![Slice](slice.svg "A slice")
    !---
    Figure: Arrays and slices. {#fig-arrays}

The opening and closing lines are ``!---`` alone (up to three spaces of
indentation and trailing spaces allowed); the opening line may interrupt a paragraph when the
group is closed. What is between is Markdown blocks:
images, and code blocks that may carry their own ``Figure:`` captions (they
stay numbered listings inside the figure). A ``Figure:`` line directly under
the closing ``!---`` captions the whole group (see
:mod:`sphinx_mmark.parse.syntax.captions`).

Tokens: ``mmark_figure_open`` / ``mmark_figure_close`` around the content.
An opening ``!---`` that is never closed is left to the paragraph rule (so the
text stays); the core rule ``mmark_figures_orphans`` then puts a
``mmark_syntax_warning`` before every paragraph with a ``!---`` line.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .warning_tokens import syntax_warning_token

MARKER = "!---"


def figures_plugin(md: MarkdownIt) -> None:
    """Add the figure group block rule and the orphan check."""
    md.block.ruler.before("fence", "mmark_figure", _block_rule, {"alt": ["paragraph"]})
    md.core.ruler.after("block", "mmark_figures_orphans", _warn_orphans)


def _is_marker(state: StateBlock, line: int) -> bool:
    if state.is_code_block(line) or state.sCount[line] < state.blkIndent:
        return False
    begin = state.bMarks[line] + state.tShift[line]
    return state.src[begin : state.eMarks[line]].rstrip() == MARKER


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if not _is_marker(state, start_line):
        return False
    close = start_line + 1
    while close < end_line and not _is_marker(state, close):
        close += 1
    if close >= end_line:
        return False  # never closed: the paragraph rule keeps the text
    if silent:
        return True
    old_parent, old_line_max = state.parentType, state.lineMax
    state.parentType = "mmark_figure"
    state.lineMax = close
    opener = state.push("mmark_figure_open", "figure", 1)
    opener.block = True
    opener.markup = MARKER
    opener.map = [start_line, close + 1]
    state.md.block.tokenize(state, start_line + 1, close)
    closer = state.push("mmark_figure_close", "figure", -1)
    closer.block = True
    closer.markup = MARKER
    state.parentType, state.lineMax = old_parent, old_line_max
    state.line = close + 1
    return True


def _warn_orphans(state: StateCore) -> None:
    tokens = state.tokens
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if (
            token.type == "paragraph_open"
            and index + 1 < len(tokens)
            and any(line.strip() == MARKER for line in tokens[index + 1].content.split("\n"))
        ):
            message = f"'{MARKER}' figure group is not closed (or not opened); kept as text"
            out.append(syntax_warning_token(message, token.map, token.level))
        out.append(token)
    if len(out) != len(tokens):
        state.tokens = out
