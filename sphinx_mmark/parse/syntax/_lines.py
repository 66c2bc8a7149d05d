"""Small helpers shared by the block rules of :mod:`sphinx_mmark.parse.syntax`."""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

MAX_DEPTH = 16
"""Nested containers (asides in asides, …) deeper than this stay text."""

TRAILING_ID = re.compile(r"[ \t]*\{#([^\s{}]+)\}[ \t]*$")
"""``{#id}`` at the end of a title line (find it with :func:`search_trailing_braces`)."""


def search_trailing_braces(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a ``pattern`` that matches spaces and tabs, ``{``, text
    without braces, ``}``, spaces and tabs, and the end of ``text``; tried only where such a
    match can start: the spaces and tabs before the last ``{``. One pass over ``text``, where
    a search would try every place of a run of white space and scan the rest of the run
    from each (quadratic in the run's length).
    """
    body = text.removesuffix("\n").rstrip(" \t")
    opening = body.rfind("{") if body.endswith("}") else -1
    if opening < 0:
        return None
    return pattern.match(text, len(body[:opening].rstrip(" \t")))


def line_text(state: StateBlock, line: int) -> str:
    """The text of ``line`` after its indentation, without the line end."""
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def is_code_indented(state: StateBlock, line: int) -> bool:
    """Whether ``line`` is indented enough (4 columns) to be an indented code block."""
    return state.sCount[line] - state.blkIndent >= 4


def opening_line(state: StateBlock, line: int, opener: str) -> str | None:
    """The text of ``line`` after its indentation, without the line end, when it starts
    with ``opener`` and is not indented as code (the start of most block rules); else None.
    """
    if is_code_indented(state, line):
        return None
    begin = state.bMarks[line] + state.tShift[line]
    end = state.eMarks[line]
    return state.src[begin:end] if state.src.startswith(opener, begin, end) else None


def marked_title(state: StateBlock, line: int, marker: str) -> str | None:
    """The title after ``marker`` on ``line`` (``-# Title``, ``.# Title``): the marker is
    followed by a space or tab and some text. None for any other line.
    """
    text = opening_line(state, line, marker)
    after = len(marker)
    if text is None or len(text) <= after + 1 or text[after] not in " \t":
        return None
    title = text[after + 1 :]
    return title if title.strip() else None


def paragraph_lines(state: StateBlock, start_line: int, end_line: int) -> tuple[str, int]:
    """The text of the paragraph starting at ``start_line`` (container markers removed,
    stripped) and its last line: it runs until a blank line or the end of the container."""
    last = start_line
    while last + 1 < end_line and not state.isEmpty(last + 1):
        if state.sCount[last + 1] < state.blkIndent:
            break
        last += 1
    return state.getLines(start_line, last + 1, state.blkIndent, False).strip(), last


def parse_nested(state: StateBlock, text: str, first_line: int) -> list[Token]:
    """Block tokens of ``text`` (a container's content, one source line per line).

    Line maps are shifted so that line 0 of ``text`` is ``first_line`` of the
    document; nesting levels continue from ``state`` (call it after pushing the
    container's opening token).
    """
    tokens: list[Token] = []
    inner = StateBlock(text, state.md, state.env, tokens)
    inner.level = state.level
    state.md.block.tokenize(inner, inner.line, inner.lineMax)
    for token in tokens:
        if token.map is not None:
            token.map = [token.map[0] + first_line, token.map[1] + first_line]
    return tokens


def push_title(state: StateBlock, kind: str, tag: str, title: str, line: int) -> None:
    """Push ``<kind>_open``, an inline token holding ``title``, and ``<kind>_close``.

    A trailing ``{#id}`` in ``title`` becomes the ``id`` attribute.
    """
    token = state.push(f"{kind}_open", tag, 1)
    token.map = [line, line + 1]
    match = search_trailing_braces(TRAILING_ID, title)
    if match is not None:
        token.attrs["id"] = match.group(1)
        title = title[: match.start()]
    inline = state.push("inline", "", 0)
    inline.content = title.strip()
    inline.map = [line, line + 1]
    inline.children = []
    state.push(f"{kind}_close", tag, -1)
    state.line = line + 1
