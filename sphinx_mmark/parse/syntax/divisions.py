"""Document divisions: ``{frontmatter}``, ``{mainmatter}``, ``{backmatter}``.

::

    {frontmatter}

    .# Abstract
    ...

    {mainmatter}

    # Introduction

* The marker is alone on its line (white space around it is allowed).
* It divides the document at its top level: front matter (abstract,
  preface, unnumbered), main matter, back matter (appendices; generated
  references are placed here).
* Inside a list, block quote or aside the marker cannot divide anything: it
  is kept as text and the renderer warns.

Token: ``mmark_division`` (``meta["kind"]`` = ``frontmatter``, ``mainmatter``
or ``backmatter``; ``meta["nested"]`` when not at the top level). Both
flavours.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ._lines import is_code_indented, line_text

KINDS = ("frontmatter", "mainmatter", "backmatter")


def divisions_plugin(md: MarkdownIt) -> None:
    """Add the division rule first, before any rule that reads ``{…}`` lines."""
    md.block.ruler.before("table", "mmark_division", _rule)


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if is_code_indented(state, start_line):
        return False
    text = line_text(state, start_line).strip()
    if not (text.startswith("{") and text.endswith("}") and text[1:-1] in KINDS):
        return False
    if silent:
        return True
    token = state.push("mmark_division", "", 0)
    token.map = [start_line, start_line + 1]
    token.content = text
    token.meta = {"kind": text[1:-1], "nested": state.level > 0 or state.blkIndent > 0}
    state.line = start_line + 1
    return True
