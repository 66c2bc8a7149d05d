"""Example lists (v1 only): numbered examples that continue across lists.

::

    (@good)  This is a good example.
    (@)  An example without a label.

    As (@good) shows, ...

    (@bad)  The numbering goes on here: this is example (3).

* An item starts with ``(@label)`` or ``(@)`` (up to three spaces of
  indentation), then **two** spaces or a tab, as in mmark 1. The label is
  letters, digits, ``_`` and ``-``.
* Every example of the document gets the next number, whichever list it is in.
* Its content is Markdown, like a list item's: lazy lines continue the
  paragraph; after a blank line, lines indented by four spaces (or to the
  content, if that is less) belong to it.
* ``(@label)`` in text, anywhere in the document, becomes the example's number
  ``(2)``, linked to it. In a document with examples, an unknown label is kept
  as text and the renderer warns.

Tokens: ``mmark_example_list_open``/``_close`` (tag ``ol``), around
``mmark_example_item_open``/``_close`` (tag ``li``, ``meta`` = ``label``
(``""`` for ``(@)``), ``number``, ``duplicate``); inline
``mmark_example_ref`` (``meta`` = ``label``, ``number`` or ``None``).
The numbers live in ``env["mmark_examples"]`` (label → number) and
``env["mmark_example_count"]``.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from ..env import env_of, flavour_of
from ._lines import MAX_DEPTH, is_code_indented
from ._tokens import consume_match

_MARKER = re.compile(r"\(@([A-Za-z0-9_-]*)\)(?:  |\t)")
_REFERENCE = re.compile(r"\(@([A-Za-z0-9_-]+)\)")


def example_lists_plugin(md: MarkdownIt) -> None:
    """Add the example list block rule and the ``(@label)`` inline rule."""
    md.block.ruler.before(
        "list", "mmark_example_list", _block_rule, {"alt": ["paragraph", "reference", "blockquote"]}
    )
    md.inline.add_terminator_char("(")
    md.inline.ruler.before("link", "mmark_example_ref", _inline_rule)


def _marker(state: StateBlock, line: int) -> re.Match[str] | None:
    if is_code_indented(state, line):
        return None
    start = state.bMarks[line] + state.tShift[line]
    return _MARKER.match(state.src, start, state.eMarks[line])


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if flavour_of(state.env) != "v1" or state.level >= MAX_DEPTH:
        return False
    if _marker(state, start_line) is None:
        return False
    if silent:
        return True
    env = env_of(state)
    numbers = env.setdefault("mmark_examples", {})
    count = env.get("mmark_example_count", 0)

    list_open = state.push("mmark_example_list_open", "ol", 1)
    list_open.markup = "(@)"
    list_open.meta = {"start": count + 1}
    line = start_line
    old_parent = state.parentType
    state.parentType = "list"
    while line < end_line:
        match = _marker(state, line)
        if match is None:
            break
        label = match.group(1)
        count += 1
        item = state.push("mmark_example_item_open", "li", 1)
        item.markup = match.group(0).rstrip()
        item.map = [line, line]
        item.meta = {"label": label, "number": count, "duplicate": bool(label) and label in numbers}
        if label and label not in numbers:
            numbers[label] = count
        line = _item_content(state, line, match.end(), end_line)
        item.map[1] = line
        state.push("mmark_example_item_close", "li", -1)
        # blank lines between items keep the list going
        next_line = line
        while next_line < end_line and state.isEmpty(next_line):
            next_line += 1
        if next_line >= end_line or _marker(state, next_line) is None:
            break
        line = next_line
    state.parentType = old_parent
    env["mmark_example_count"] = count
    list_open.map = [start_line, line]
    state.push("mmark_example_list_close", "ol", -1)
    state.line = line
    return True


def _item_content(state: StateBlock, line: int, content_start: int, end_line: int) -> int:
    """Tokenize one item whose content starts at ``content_start`` on ``line``."""
    begin = state.bMarks[line]
    # content lines after a blank line need the content's indentation, or four
    # columns more than the marker's when the content starts further right
    indent = min(
        state.sCount[line] + (content_start - begin - state.tShift[line]),
        state.sCount[line] + 4,
    )
    # the first line starts at the content: the marker is out of sight
    saved = (state.bMarks[line], state.tShift[line], state.sCount[line], state.blkIndent)
    state.bMarks[line] = content_start
    state.tShift[line] = 0
    state.sCount[line] = indent
    state.blkIndent = indent
    state.md.block.tokenize(state, line, end_line)
    state.bMarks[line], state.tShift[line], state.sCount[line], state.blkIndent = saved
    if state.line <= line:  # an empty item: nothing was consumed
        state.line = line + 1
    return state.line


def _inline_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("(@", state.pos):
        return False
    numbers = env_of(state).get("mmark_examples")
    if not numbers:
        return False
    match = _REFERENCE.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    meta = {"label": match.group(1), "number": numbers.get(match.group(1))}
    return consume_match(state, silent, match, "mmark_example_ref", meta=meta)
