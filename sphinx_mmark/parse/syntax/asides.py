"""Asides: ``A>`` at the start of each line, like a block quote.

::

    A> An aside: text that is related to the main text
    A> but stands beside it.

* ``A>`` may be indented by up to three spaces and is followed by an optional
  space; what follows is Markdown (paragraphs, lists, code, nested asides).
* A line without the marker continues the aside lazily when it continues its
  last paragraph (as in block quotes); a blank line ends it.
* An aside may interrupt a paragraph. Deeper than
  :data:`~sphinx_mmark.parse.syntax._lines.MAX_DEPTH` nested containers, ``A>``
  stays text.

Tokens: ``aside_open`` (``map`` = lines, ``markup`` = ``"A>"``), the content's
block tokens, ``aside_close``. Both flavours.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ._lines import MAX_DEPTH, is_code_indented, line_text, parse_nested

MARKER = "A>"


def asides_plugin(md: MarkdownIt) -> None:
    """Add the aside block rule before block quotes."""
    md.block.ruler.before(
        "blockquote",
        "mmark_aside",
        _rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )


def _marked(state: StateBlock, line: int) -> bool:
    return not is_code_indented(state, line) and line_text(state, line).startswith(MARKER)


def _lazy(state: StateBlock, line: int, end_line: int) -> bool:
    """Whether ``line`` (without a marker) continues the aside's paragraph."""
    if state.isEmpty(line) or state.sCount[line] < state.blkIndent:
        return False
    terminators = state.md.block.ruler.getRules("blockquote")
    old_parent = state.parentType
    state.parentType = "blockquote"
    try:
        return not any(rule(state, line, end_line, True) for rule in terminators)
    finally:
        state.parentType = old_parent


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if not _marked(state, start_line) or state.level >= MAX_DEPTH:
        return False
    if silent:
        return True
    lines: list[str] = []
    line = start_line
    in_paragraph = False
    while line < end_line:
        if _marked(state, line):
            content = line_text(state, line)[len(MARKER) :]
            if content.startswith(" "):
                content = content[1:]
            lines.append(content)
            in_paragraph = bool(content.strip()) and not content.startswith(("```", "~~~"))
        elif in_paragraph and _lazy(state, line, end_line):
            lines.append(line_text(state, line))
        else:
            break
        line += 1

    token = state.push("aside_open", "aside", 1)
    token.markup = MARKER
    token.map = [start_line, line]
    state.tokens.extend(parse_nested(state, "\n".join(lines) + "\n", start_line))
    token = state.push("aside_close", "aside", -1)
    token.markup = MARKER
    state.line = line
    return True
