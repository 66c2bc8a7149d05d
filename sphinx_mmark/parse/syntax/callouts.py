"""Callouts: numbered markers in code blocks that the prose refers to.

v2 (mmark 2):

* In a code block (fenced or indented), ``<<N>>`` (N a whole number from 1)
  written directly after a ``//`` or ``#`` comment starter is a callout: the
  comment starter and the marker are replaced by marker N, so
  ``x := f() //<<1>>`` shows as ``x := f()`` and a marker "1". A ``<<N>>``
  without a comment starter right before it (``# <<2>>``, ``<<3>>``) stays code.
* In prose, ``<<N>>`` is a reference to callout N of the nearest code block
  before it (or, when none before has it, the first one after it).
  ``\\<<1>>``, ``<<0>>`` and ``<<x>>`` stay text.

v1 (Hugo's mmark):

* A code block is searched only when a block attribute asks for it:
  ``{callout="//"}`` makes ``//<N>`` a callout (the comment starter is
  removed); ``{callout="true"}`` (or ``"yes"``) makes a bare ``<N>`` one.
* In prose, ``<N>`` is a reference, in documents that contain
  ``{callout=`` at all (elsewhere ``<1>`` stays text).

Both: ``{callout="false"}`` (or ``"no"``, ``"off"``) before a code block
keeps its text as typed (a sphinx-mmark addition, for showing the syntax).

Tokens: ``mmark_callout_ref`` (inline, ``meta = {"number": N}``). Code blocks
are split by :func:`split_code` when the renderer builds them.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

from ..env import env_of, flavour_of
from ._tokens import consume_match

_V2_REF = re.compile(r"<<([1-9][0-9]*)>>")
_V1_REF = re.compile(r"<([1-9][0-9]*)>")
_V2_CODE = re.compile(r"(?://|#)<<([1-9][0-9]*)>>")
_TRUE = ("true", "yes")
_FALSE = ("false", "no", "off")


def callouts_plugin(md: MarkdownIt) -> None:
    """Add the prose reference rule (before inline HTML) and the v1 scan."""
    md.core.ruler.after("normalize", "mmark_callout_scan", _scan)
    md.inline.ruler.before("html_inline", "mmark_callout_ref", _ref_rule)


def _scan(state: StateCore) -> None:
    env_of(state)["v1_callouts"] = "{callout=" in state.src


def _ref_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "<":
        return False
    if flavour_of(state.env) == "v1":
        if not env_of(state).get("v1_callouts"):
            return False
        pattern = _V1_REF
    else:
        pattern = _V2_REF
    match = pattern.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    meta = {"number": int(match.group(1))}
    return consume_match(state, silent, match, "mmark_callout_ref", meta=meta)


def code_pattern(flavour: str, setting: str | None) -> re.Pattern[str] | None:
    """How callouts look in a code block; None when it has none to look for.

    ``setting`` is the v1 ``callout`` block attribute (ignored in v2).
    """
    if setting is not None and setting.strip().lower() in _FALSE:
        return None
    if flavour != "v1":
        return _V2_CODE
    if not setting:
        return None
    prefix = "" if setting.strip().lower() in _TRUE else re.escape(setting.strip())
    return re.compile(prefix + _V1_REF.pattern)


def split_code(text: str, pattern: re.Pattern[str]) -> list[str | int]:
    """``text`` cut at its callouts: code as ``str``, each callout as its number."""
    pieces: list[str | int] = []
    start = 0
    for match in pattern.finditer(text):
        if match.start() > start:
            pieces.append(text[start : match.start()])
        pieces.append(int(match.group(1)))
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces
