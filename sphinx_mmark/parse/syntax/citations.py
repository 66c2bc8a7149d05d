"""Citations: ``[@key]`` and its variants (mmark v2 and v1).

v2 (mmark 2.x, after Pandoc)::

    [@RFC2119]            informative (the default)
    [@!RFC2119]           normative
    [@?RFC2119]           informative
    [@-RFC2119]           listed in the references, not shown in the text
    [@RFC1034; @RFC1035]  several citations, separated by ";"
    [@RFC2535, section 5] a suffix after the first comma
    [@RFC6840, see, section 5.2]   [@RFC6840, (see) section 5.2]   [@RFC6840, 5.2]
    [@RFC1034@STD13]      RFC 1034 of STD 13 (both are cited)
    [@?I-D.name#06]       a given version of an Internet-Draft

A comma directly followed by ``@`` also separates citations
(``[@!RFC9103,@!RFC9250]``, which mmark itself reads as one citation with an
odd suffix). v1 (Hugo's mmark) adds ``[-@key]`` (suppressed) and a suffix
after white space, ``[@RFC2535 p. 23]``.

The text between the brackets has no line break; nested brackets must
balance. When the closing ``]`` is followed by ``(`` or ``[``, the text is a
link (``[@handle](https://…)``, common in blog posts) and this rule declines,
unless the ``[`` opens another citation: ``[@RFC1122][@RFC1123]`` is two
citations (as in mmark), not a reference-style link labelled ``@RFC1123``.
``[@]`` (no key) is still a citation token, with an empty key, so that the
renderer can warn.

Token: ``mmark_citation`` with ``meta["items"]``, a list of :class:`Cite`, and
``meta["line_offset"]``, the line of the citation within its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from ..env import flavour_of
from ._state_cache import per_state, replace

Kind = Literal["normative", "informative", "suppressed"]
_MODIFIERS: dict[str, Kind] = {"!": "normative", "?": "informative", "-": "suppressed"}


@dataclass(frozen=True)
class Cite:
    """One citation inside the brackets."""

    key: str
    kind: Kind
    explicit: bool
    """Whether the author wrote a modifier (``!``, ``?``, ``-``)."""
    suffix: str = ""
    of: str = ""
    """For ``[@RFC1034@STD13]``: the key after the second ``@`` (``STD13``)."""


def citations_plugin(md: MarkdownIt) -> None:
    """Add the citation rule before links, so ``[@x]`` is not taken for a link's text."""
    md.inline.ruler.before("link", "mmark_citation", _rule)


def _closing(state: StateInline, start: int) -> int:
    """Index of the ``]`` that closes the ``[`` at ``start`` on its line, or -1.

    ``\\`` escapes the next character; nested brackets must balance; the search
    stops at a line break and at ``state.posMax``. One pass over the rest of the
    line finds the closing bracket of every ``[`` in it; the answers are kept on
    the state (see :mod:`._state_cache`), so a line of many unclosed
    ``[@`` is read once, not once per bracket.
    """
    closes: dict[int, int] = per_state(state, "cite_closes", dict)
    if start not in closes:
        _match_brackets(state.src, start, closes)
    close = closes[start]
    return close if close < state.posMax else -1


def _match_brackets(src: str, start: int, closes: dict[int, int]) -> None:
    """Record in ``closes`` the matching ``]`` (or -1) of each ``[`` from ``start`` to the line end.

    The walk from ``start`` visits the same positions as a walk from any ``[`` it
    meets (escapes pair up the same way), so each answer is the one a scan from
    that ``[`` would give; a ``]`` after the line end or ``posMax`` means none.
    """
    open_at: list[int] = []
    pos, end = start, len(src)
    while pos < end:
        char = src[pos]
        if char == "\n":
            break
        if char == "\\":
            pos += 2
            continue
        if char == "[":
            open_at.append(pos)
        elif char == "]" and open_at:
            closes[open_at.pop()] = pos
        pos += 1
    for unclosed in open_at:
        closes[unclosed] = -1


def _rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "[" or not (src.startswith("[@", pos) or src.startswith("[-@", pos)):
        return False
    close = _closing(state, pos)
    if close < 0:
        return False
    if close + 1 < state.posMax and src[close + 1] in "([" and not _citation_at(state, close + 1):
        return False  # a link or a reference-style link: [@handle](https://…)
    items = parse_citations(src[pos + 1 : close], v1=flavour_of(state.env) == "v1")
    if items is None:
        return False
    if not silent:
        token = state.push("mmark_citation", "", 0)
        token.meta = {"items": items, "line_offset": _line_offset(state, pos)}
        token.content = src[pos : close + 1]
    state.pos = close + 1
    return True


def _citation_at(state: StateInline, pos: int) -> bool:
    """Whether a citation starts at ``pos`` (``[@x]`` right after another one).

    Only its brackets and its text are read, not what follows it: ``[@a][@b][@c]`` reads
    each text twice at most (the closing brackets are known from one pass, see
    :func:`_closing`).
    """
    src = state.src
    if not (src.startswith("[@", pos) or src.startswith("[-@", pos)):
        return False
    close = _closing(state, pos)
    if close < 0:
        return False
    return parse_citations(src[pos + 1 : close], v1=flavour_of(state.env) == "v1") is not None


def _line_offset(state: StateInline, pos: int) -> int:
    """Line breaks before ``pos`` in the inline text, counted once per state (linear)."""
    last_pos, last_count = per_state(state, "cite_lines", lambda: (0, 0))
    if pos < last_pos:
        last_pos, last_count = 0, 0
    count = last_count + state.src.count("\n", last_pos, pos)
    replace(state, "cite_lines", (pos, count))
    return count


def parse_citations(text: str, *, v1: bool = False) -> list[Cite] | None:
    """The citations in ``text`` (between the brackets), or None when it is not a citation."""
    parts: list[str] = []
    for chunk in text.split(";"):
        pieces = chunk.split(",@")
        parts.append(pieces[0])
        parts.extend("@" + piece for piece in pieces[1:])
    items: list[Cite] = []
    for raw in parts:
        part = raw.strip()
        if not part:
            continue
        cite = _one(part, v1=v1)
        if cite is None:
            return None
        items.append(cite)
    if not items:
        return None
    return items


def _one(part: str, *, v1: bool) -> Cite | None:
    kind: Kind = "informative"
    explicit = False
    if part.startswith("-@"):  # v1: [-@key]
        kind, explicit, part = "suppressed", True, part[1:]
    if not part.startswith("@"):
        return None
    body = part[1:]
    if body[:1] in _MODIFIERS:
        kind, explicit, body = _MODIFIERS[body[0]], True, body[1:]
    key, _, suffix = body.partition(",")
    key, suffix = key.strip(), suffix.strip()
    if v1 and not suffix and " " in key and not _is_name(key):
        key, _, suffix = key.partition(" ")
        suffix = suffix.strip()
    of = ""
    at = key.find("@")
    if at > 0 and len(key) - at - 1 > 2:
        key, of = key[:at], key[at + 1 :]
    return Cite(key, kind, explicit, suffix, of)


def _is_name(key: str) -> bool:
    """v1 keys have no spaces, except a person's full name (``[@Jeff Rulifson]``)."""
    words = key.split()
    return all(word[:1].isupper() for word in words) and not any(c.isdigit() for c in key)
