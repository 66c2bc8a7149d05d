"""Link and image targets with spaces: ``[slides](/files/Intro to X.pptx)``.

CommonMark ends a link destination at the first space, so ``[a](x y)`` is text
there; mmark (both flavours, and Hugo's mmark v1) makes it a link to ``x y``. This
rule runs after CommonMark's link and image rules, so every link CommonMark reads
(``[a](x)``, ``[a](<x y>)``, ``[a](x "t")``) is still read by them; it reads the
rest of ``[label](target)`` and ``![alt](target)`` where the target holds a space
or tab:

* the target is everything between ``(`` and its matching ``)`` (parentheses
  balanced, ``\\(`` and ``\\)`` not counted), on the same line, without the white
  space around it; a target that goes on past the end of the line stays text
  (mmark reads on into the next line: a ``(`` in prose is too often never closed);
* the title, as mmark splits it: the target's first ``"`` or ``'`` opens it and the
  last character of the target, if it is the same quote, closes it:
  ``[a](x y "t")`` and ``[a](x y"t")`` are ``x y`` titled ``t``,
  ``[a](x "y" "z")`` is ``x`` titled ``y" "z``. When something other than white
  space follows the last such quote the whole target is the URL
  (``[a](x "t" z)`` links ``x "t" z``); a quote that only opens (``[a](x y ")``,
  ``[a](x "t)``) leaves the whole construct text, as in mmark. ``(t)`` is not a title
  here (``[a](x y (t))`` links ``x y (t)``), as in mmark;
* backslash escapes are undone, then the URL is percent-encoded by markdown-it's
  ``normalizeLink`` (``Intro%20to%20X.pptx``) and checked like every emitted URL
  (:mod:`..safe_urls`); a refused URL leaves the construct text, as CommonMark
  leaves ``[a](javascript:x)``;
* the label is read as a link's label (no link inside a link; images may hold
  anything).

The matching ``)`` of every ``(`` of the inline text is found in one pass and kept
for the text's parse, so the rule is linear however many ``](`` it meets.

Tokens: CommonMark's ``link_open`` (``href``, ``title``) / ``link_close``, and
``image`` (``src``, ``alt``, ``title``, its label's tokens as children).
"""

from __future__ import annotations

from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..safe_urls import is_safe_url
from ._state_cache import per_state

_QUOTES = "\"'"
"""The characters that open and close a title."""


class Target(NamedTuple):
    """What ``(…)`` after a label holds: the URL (normalised), the title, and the
    position just after the ``)``."""

    href: str
    title: str
    end: int


def spaced_links_plugin(md: MarkdownIt) -> None:
    """Add the rule after CommonMark's links and images and the footnote references."""
    md.inline.ruler.before("autolink", "mmark_spaced_link", _rule)


def _rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    image = state.src.startswith("![", pos)
    if not image and state.src[pos] != "[":
        return False
    label_start = pos + 2 if image else pos + 1
    label_end = state.md.helpers.parseLinkLabel(state, label_start - 1, not image)
    if label_end < 0:
        return False
    target = _target(state, label_end + 1)
    if target is None:
        return False
    if not silent:
        if image:
            _push_image(state, state.src[label_start:label_end], target)
        else:
            _push_link(state, label_start, label_end, target)
    state.pos = target.end
    return True


def _target(state: StateInline, start: int) -> Target | None:
    """The target in parentheses at ``start``, if it holds white space and is a link's."""
    if not state.src.startswith("(", start):
        return None
    close = per_state(state, "spaced_links.closing", lambda: closing_parens(state.src)).get(start)
    if close is None or close >= state.posMax:
        return None
    text = state.src[start + 1 : close].strip(" \t")
    if (" " not in text and "\t" not in text) or text.startswith("<"):
        return None
    split = split_title(text)
    if split is None or not split[0]:
        return None
    url = unescapeAll(split[0])
    href = state.md.normalizeLink(url)
    if not state.md.validateLink(href) or not is_safe_url(url):
        return None
    return Target(href, unescapeAll(split[1]), close + 1)


def closing_parens(text: str) -> dict[int, int]:
    """Where the ``)`` matching each ``(`` of ``text`` is, for pairs on one line
    (a backslash escapes the character after it)."""
    found: dict[int, int] = {}
    opened: list[int] = []
    escaped = False
    for pos, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            opened.append(pos)
        elif char == ")" and opened:
            found[opened.pop()] = pos
        elif char == "\n":
            opened.clear()
    return found


def split_title(text: str) -> tuple[str, str] | None:
    """``text`` (a stripped target) as URL and title, mmark's way (module docstring);
    None when a quote opens a title that nothing closes."""
    opening = next((pos for pos, char in enumerate(text) if char in _QUOTES), None)
    if opening is None:
        return text, ""
    closing = text.rfind(text[opening])
    if closing == opening:
        return None
    if text[closing + 1 :].strip(" \t"):
        return text, ""
    return text[:opening].rstrip(" \t"), text[opening + 1 : closing]


def _push_link(state: StateInline, label_start: int, label_end: int, target: Target) -> None:
    """The link tokens, with the label read as inline text in between."""
    old_max = state.posMax
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": target.href}
    if target.title:
        token.attrSet("title", target.title)
    state.pos, state.posMax = label_start, label_end
    state.linkLevel += 1
    state.md.inline.tokenize(state)
    state.linkLevel -= 1
    state.posMax = old_max
    state.push("link_close", "a", -1)


def _push_image(state: StateInline, label: str, target: Target) -> None:
    """The image token; its children are the tokens of ``label`` (the alt text)."""
    children: list[Token] = []
    state.md.inline.parse(label, state.md, state.env, children)
    token = state.push("image", "img", 0)
    token.attrs = {"src": target.href, "alt": ""}
    token.children = children or None
    token.content = label
    if target.title:
        token.attrSet("title", target.title)
