"""mmark math: ``$$`` delimits TeX, and its place says which kind.

* Inline: ``$$…$$`` anywhere in a paragraph is inline math
  (``the sum $$\\sum_i x_i$$ is``).
* Display: a paragraph that is nothing but one ``$$…$$`` (on one line or
  several, closing ``$$`` at the end of the paragraph) is display math.
* A single ``$`` is math only in v2 documents (``state.env["flavour"]``), and
  only when the TeX neither starts nor ends with a space and the closing ``$``
  is not followed by a digit: in Hugo posts and in prose ``$5 and $10`` stays
  text.

Inside the delimiters nothing is Markdown: ``_``, ``*`` and ``\\`` are TeX.
``\\$`` escapes a dollar. An unclosed ``$$`` is left as text.

* Display math whose TeX starts with an environment that is display math of its
  own (``\\begin{align}``, ``gather``, ``multline``, ``equation``, ``alignat``,
  ``flalign``, ``eqnarray``, each also starred) is written as is: wrapping it in
  ``equation*`` / ``split`` again, as Sphinx does for other display math, is an
  error in LaTeX. Such a token has ``meta["nowrap"]`` set
  (:func:`brings_own_environment`).
* Display math that sets its own tag (``\\tag{2}``) is written in an environment
  where a tag is allowed, as is (``meta["nowrap"]``, ``meta["environment"]``, see
  :func:`tag_environment`): Sphinx's ``split`` rejects ``\\tag``.
* TeX that brings its own ``\\[…\\]`` or ``\\(…\\)`` inside the dollars
  (``$$\\[ x^n \\]$$``, which MathJax read as one formula) loses those redundant
  delimiters (:func:`without_own_delimiters`): ``\\(\\[`` is an error in LaTeX.

Tokens: ``math_inline`` (inline, ``content`` = TeX) and ``math_block``
(block, ``content`` = TeX, ``map`` = lines, ``meta["nowrap"]``,
``meta["environment"]``).
"""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..env import flavour_of
from ._lines import paragraph_lines

OWN_ENVIRONMENTS = frozenset(
    {"align", "alignat", "eqnarray", "equation", "flalign", "gather", "multline"}
)
"""LaTeX environments that are display math themselves (amsmath's and LaTeX's):
they cannot stand inside another display (their starred forms count too)."""

_BEGIN = "\\begin"
_LONGEST_NAME = max(len(name) for name in OWN_ENVIRONMENTS) + 1  # "*"


def brings_own_environment(tex: str) -> bool:
    """Whether ``tex`` starts (after white space) with ``\\begin{name}`` of one of
    :data:`OWN_ENVIRONMENTS`, starred or not: then it must be written without a wrapper."""
    start = len(tex) - len(tex.lstrip())
    if not tex.startswith(_BEGIN, start):
        return False
    pos = start + len(_BEGIN)
    while pos < len(tex) and tex[pos] in " \t\n":
        pos += 1
    if not tex.startswith("{", pos):
        return False
    close = tex.find("}", pos + 1, pos + 2 + _LONGEST_NAME)
    if close < 0:
        return False
    return tex[pos + 1 : close].removesuffix("*") in OWN_ENVIRONMENTS


def _control_words(tex: str) -> Iterator[tuple[int, str]]:
    """Each control sequence of ``tex`` with its position, and each brace, ``&`` and
    ``\\\\`` (as the name ``"{"``, ``"}"``, ``"&"``, ``"\\\\"``): one linear scan."""
    pos, end = 0, len(tex)
    while pos < end:
        char = tex[pos]
        if char == "\\":
            stop = pos + 1
            while stop < end and tex[stop].isascii() and tex[stop].isalpha():
                stop += 1
            if stop == pos + 1:  # a control symbol: \\, \{, \[ …
                stop = min(pos + 2, end)
                yield pos, "\\\\" if tex[pos + 1 : stop] == "\\" else tex[pos:stop]
            else:
                yield pos, tex[pos:stop]
            pos = stop
        else:
            if char in "{}&":
                yield pos, char
            pos += 1


def tag_environment(tex: str) -> str | None:
    """The environment to write display math ``tex`` in when it sets its own tag
    (``\\tag``, which Sphinx's ``split`` rejects), else ``None``: ``align*`` when it has
    an ``&`` outside braces and environments, ``gather*`` when it has a ``\\\\`` line
    break there, ``equation*`` otherwise (each allows ``\\tag``)."""
    tagged = ampersand = line_break = False
    depth = 0
    for _pos, word in _control_words(tex):
        if word == "\\tag":  # (also \tag*)
            tagged = True
        elif word in ("{", "\\begin"):
            depth += 1
        elif word in ("}", "\\end"):
            depth -= 1
        elif depth == 0 and word == "&":
            ampersand = True
        elif depth == 0 and word == "\\\\":
            line_break = True
    if not tagged:
        return None
    # \begin{x} counts as two openings and one closing ({x} closes itself): balanced
    # environments leave depth where it was, as do balanced braces
    return "align*" if ampersand else "gather*" if line_break else "equation*"


def without_own_delimiters(tex: str) -> str:
    """``tex`` without a ``\\[…\\]`` or ``\\(…\\)`` pair that encloses all of it (and
    that no other such delimiter stands inside); any other TeX as it is."""
    stripped = tex.strip()
    closers = {"\\[": "\\]", "\\(": "\\)"}
    closer = closers.get(stripped[:2])
    if closer is None or len(stripped) < 4 or not stripped.endswith(closer):
        return tex
    inner = stripped[2:-2]
    delimiters = {"\\[", "\\]", "\\(", "\\)"}
    if any(word in delimiters for _pos, word in _control_words(inner)):
        return tex
    if inner.endswith("\\") and (len(inner) - len(inner.rstrip("\\"))) % 2:
        return tex  # the closer's backslash was escaped: "\\\\]" is a line break and "]"
    return inner.strip()


def set_display_meta(token: Token) -> None:
    """Mark a display ``math_block`` token: ``nowrap`` when its TeX brings its own
    environment, ``nowrap`` and the ``environment`` to write it in when it has a tag."""
    if brings_own_environment(token.content):
        token.meta["nowrap"] = True
        return
    environment = tag_environment(token.content)
    if environment is not None:
        token.meta["nowrap"] = True
        token.meta["environment"] = environment


def math_plugin(md: MarkdownIt) -> None:
    """Add the inline and display math rules."""
    md.inline.ruler.before("escape", "mmark_math_inline", _inline_rule)
    # not in any "alt" chain: a $$ line inside a paragraph is inline math
    md.block.ruler.before("paragraph", "mmark_math_block", _block_rule)


def _find_closing(src: str, start: int, end: int, delimiter: str) -> int:
    """Index of the closing ``delimiter`` at or after ``start``, or -1."""
    pos = start
    while True:
        found = src.find(delimiter, pos, end)
        if found < 0:
            return -1
        # an escaped dollar does not close
        backslashes = 0
        while found - 1 - backslashes >= start and src[found - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return found
        pos = found + 1


_NO_CLOSER = "_mmark_math_no_closer"
"""Attribute of an inline state: (delimiter, end of the text searched) → position
after which that delimiter never closes (link text is searched with a nearer end)."""


def _inline_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "$":
        return False
    if src.startswith("$$", pos):
        delimiter = "$$"
    elif flavour_of(state.env) == "v2":
        delimiter = "$"
    else:
        return False
    start = pos + len(delimiter)
    # a delimiter that found no closer from some position finds none later:
    # remembering that keeps a line of unclosed dollars linear
    hopeless: dict[tuple[str, int], int] = getattr(state, _NO_CLOSER, None) or {}
    key = (delimiter, state.posMax)
    if start >= hopeless.get(key, state.posMax + 1):
        return False
    close = _find_closing(src, start, state.posMax, delimiter)
    if close < 0:
        hopeless[key] = start
        setattr(state, _NO_CLOSER, hopeless)
        return False
    if close == start:
        return False
    content = src[start:close]
    if delimiter == "$" and (
        content[0].isspace() or content[-1].isspace() or src[close + 1 : close + 2].isdigit()
    ):
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = without_own_delimiters(content).strip()
        token.markup = delimiter
    state.pos = close + len(delimiter)
    return True


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("$$", begin):
        return False
    text, last = paragraph_lines(state, start_line, end_line)
    if len(text) < 4 or not text.endswith("$$"):
        return False
    if _find_closing(text, 2, len(text), "$$") != len(text) - 2:
        return False  # a $$ closes earlier: inline math followed by more text
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = without_own_delimiters(text[2:-2]).strip()
    token.markup = "$$"
    set_display_meta(token)
    token.map = [start_line, last + 1]
    state.line = last + 1
    return True
