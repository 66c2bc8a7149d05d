r"""Math written with Markdown-escaped MathJax delimiters, as Hugo posts did.

Under Blackfriday (and Hugo's mmark), ``\\(`` in the source reached the HTML
as ``\(``, which MathJax then read as a math delimiter. Posts therefore say::

    the run time is \\(O(2^n)\\) for an input \\(n\\)      inline math
    \\[ F_n = F_{n-1} + F_{n-2} \\]                       display math

* Inline: ``\\(`` … ``\\)`` in a paragraph is inline math; ``\\[`` … ``\\]``
  inside a paragraph with other text is inline math too.
* Display: a paragraph that is nothing but one ``\\[`` … ``\\]`` is display math.
* The TeX is what MathJax saw: Markdown backslash escapes inside are undone
  (``\_`` → ``_``, ``\\`` → ``\``, ``\{`` → ``{``).
* An unclosed delimiter is left as text.
* Display math that brings its own environment (``\\[ \\begin{align} …``) is
  written as is, and display math with a ``\\tag`` in an environment that allows
  it, as in :mod:`sphinx_mmark.parse.syntax.math`.

Whether the rules apply is ``env["escaped_math"]``, decided from the
``mmark_escaped_math`` setting before parsing: ``"v1"`` (the default) in Hugo
documents only, ``True`` always, ``False`` never.

Tokens: ``math_inline`` and ``math_block``, as :mod:`sphinx_mmark.parse.syntax.math`.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from ..env import escaped_math_of
from ._lines import paragraph_lines
from .math import set_display_meta

_PAIRS = {"\\\\(": "\\\\)", "\\\\[": "\\\\]"}


def escaped_math_plugin(md: MarkdownIt) -> None:
    """Add the inline rule before backslash escapes, the block rule before paragraphs."""
    md.inline.ruler.before("escape", "mmark_escaped_math", _inline_rule)
    md.block.ruler.before("paragraph", "mmark_escaped_math_block", _block_rule)


def _inline_rule(state: StateInline, silent: bool) -> bool:
    opener = state.src[state.pos : state.pos + 3]
    if opener not in _PAIRS or not escaped_math_of(state.env):
        return False
    start = state.pos + 3
    close = state.src.find(_PAIRS[opener], start, state.posMax)
    if close <= start:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = unescapeAll(state.src[start:close]).strip()
        token.markup = opener
    state.pos = close + 3
    return True


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("\\\\[", begin) or not escaped_math_of(state.env):
        return False
    text, last = paragraph_lines(state, start_line, end_line)
    if not text.endswith("\\\\]") or text.find("\\\\]", 3) != len(text) - 3:
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = unescapeAll(text[3:-3]).strip()
    token.markup = "\\\\["
    set_display_meta(token)
    token.map = [start_line, last + 1]
    state.line = last + 1
    return True
