"""The markdown-it block rule for include lines (syntax: :mod:`.line`).

An include line is a block of its own, and inside fenced or indented code it
is code. A text include cannot interrupt a paragraph in v2 documents (as in
mmark 2, it needs a blank line or another block before it); in v1 documents
it may end one (mmark 1 expanded includes line by line before parsing).

A code include line ends a paragraph in both flavours: mmark 1 read it as code
there, and mmark 2 would leave ``<{{path}}`` in the paragraph for the reader
to see, which no author means (books written for mmark 1 have such lines in
files that carry no v1 marker, so they are read as v2).

The rule works in two passes:

* **scan** (``env`` holds ``mmark_include_scan``): every include line is recorded
  as a :class:`Hit`, with the container prefixes (``> ``, list indentation)
  that spliced lines need; nothing is rendered;
* **render**: a code include line becomes a ``fence`` token whose ``info``
  is the language and ``content`` the included text (prepared by
  :mod:`.expand` in ``env["mmark_code_includes"]``), so a ``Figure:`` caption after it
  attaches as to any fenced block. ``meta["mmark_include"]`` holds the path.
  A code include that failed (already warned about) renders nothing. Text
  include lines are gone by then (spliced), so any left stay text.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from ..env import MarkdownEnv, env_of, flavour_of, untyped
from ..flavour import Flavour
from .line import IncludeLine, parse_include_line


@dataclass(frozen=True)
class Hit:
    """An include line found by the scan."""

    line: int
    """0-based line of the scanned text."""
    include: IncludeLine
    first_prefix: str
    """Text to put before the first spliced line (the container markers)."""
    next_prefix: str
    """Text to put before every further spliced line."""


@dataclass(frozen=True)
class CodeInclude:
    """A resolved code include."""

    language: str
    text: str
    path: str


def includes_plugin(md: MarkdownIt) -> None:
    """Add the include-line rule (a text include interrupts a paragraph in v1 only, a
    code include in both flavours).

    It comes before the setext-heading rule, as in mmark (an include line and a ``===``
    line under it are not a heading): that rule looks ahead over the rest of the
    paragraph for an underline, and include lines, which do not end a paragraph in v2,
    would be looked over again for each line of a run of them (quadratic).
    """
    md.block.ruler.before("lheading", "mmark_include", _rule, {"alt": ["paragraph"]})


def _container_prefixes(state: StateBlock, line: int, pos: int) -> tuple[str, str]:
    if state.parentType == "root" and state.blkIndent == 0:
        return "", ""
    line_start = state.src.rfind("\n", 0, pos) + 1
    markers = state.src[line_start : max(line_start, state.bMarks[line])]
    kept = "".join(c if c in "> \t" else " " for c in markers)
    return state.src[line_start:pos], kept + " " * state.blkIndent


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    maximum = state.eMarks[start_line]
    if pos >= maximum or state.src[pos] not in "<{":
        return False
    found = parse_include_line(state.src[pos:maximum])
    if found is None:
        return False
    if (
        silent
        and state.parentType == "paragraph"
        and found.kind != "code"
        and flavour_of(state.env) != "v1"
    ):
        # mmark 2 needs a blank line before a text include; mmark 1 took any line
        return False
    env = env_of(state)
    scan = env.get("mmark_include_scan")
    if scan is not None:
        if not silent:
            first, rest = _container_prefixes(state, start_line, pos)
            scan.append(Hit(start_line, found, first, rest))
            state.line = start_line + 1
        return True
    if found.kind != "code":
        return False
    code = env.get("mmark_code_includes", {})
    if start_line not in code:
        return False
    if silent:
        return True
    resolved = code[start_line]
    state.line = start_line + 1
    if resolved is None:
        return True
    token = state.push("fence", "code", 0)
    token.info = resolved.language
    token.markup = "```"
    token.content = resolved.text
    token.map = [start_line, start_line + 1]
    token.meta = {"mmark_include": resolved.path}
    return True


def scan(md: MarkdownIt, text: str, flavour: Flavour) -> list[Hit]:
    """The include lines of ``text`` parsed on its own, in order."""
    hits: list[Hit] = []
    env: MarkdownEnv = {"flavour": flavour, "mmark_include_scan": hits}
    tokens: list[Token] = []
    md.block.parse(text.replace("\r\n", "\n").replace("\r", "\n"), md, untyped(env), tokens)
    return sorted(hits, key=lambda hit: hit.line)
