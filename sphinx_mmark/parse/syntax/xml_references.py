"""XML references: ``<reference anchor='x'>…</reference>`` blocks anywhere in a document.

A block starts with a line that begins (at most three spaces in) with
``<reference `` or ``<referencegroup `` and runs to the line holding the
matching closing tag (``</reference>`` / ``</referencegroup>``). The XML is
not interpreted here: :mod:`sphinx_mmark.bibliography.xml` reads it safely.
A block whose closing tag never comes covers lines up to the next blank line
and is marked unclosed, so the renderer warns instead of showing raw XML.

Token: ``mmark_reference`` (block) with ``content`` = the XML,
``meta = {"closed": bool, "tag": "reference" | "referencegroup"}``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ._lines import opening_line

_MAX_LINES = 5_000


def xml_references_plugin(md: MarkdownIt) -> None:
    """Add the block rule before raw HTML blocks; it may interrupt a paragraph."""
    md.block.ruler.before(
        "html_block", "mmark_reference", _rule, {"alt": ["paragraph", "blockquote"]}
    )


def _tag(line: str) -> str | None:
    for prefix in ("<referencegroup", "<reference"):
        if line.startswith(prefix) and line[len(prefix) : len(prefix) + 1] in (" ", "\t", ">", ""):
            return prefix[1:]
    return None


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    first = opening_line(state, start_line, "<reference")
    tag = None if first is None else _tag(first)
    if tag is None:
        return False
    if silent:
        return True
    closer = f"</{tag}>"
    last, closed = start_line, False
    line = start_line
    while line < end_line and line - start_line < _MAX_LINES:
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        if line > start_line and not text.strip():
            break
        if closer in text:
            last, closed = line, True
            break
        last = line
        line += 1
    token = state.push("mmark_reference", "", 0)
    token.block = True
    token.content = state.getLines(start_line, last + 1, state.blkIndent, False)
    token.meta = {"closed": closed, "tag": tag}
    token.map = [start_line, last + 1]
    state.line = last + 1
    return True
