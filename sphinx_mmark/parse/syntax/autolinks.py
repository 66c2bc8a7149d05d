"""Bare URLs: ``see https://www.iana.org/assignments/x for details``.

A URL written out in the text is a link to itself, in both flavours, as mmark's
``Autolink`` extension and Hugo's mmark v1 (``EXTENSION_AUTOLINK``) made it:

* it starts with ``http://``, ``https://``, ``ftp://`` or ``mailto:`` (any case),
  not preceded by a letter or digit (``xhttp://a.b`` stays text). ``www.example.com``
  without a scheme, a bare ``me@example.com``, ``//host/x`` and ``file:`` URLs stay
  text, as in mmark;
* where it ends is decided by linkify-it (:pypi:`linkify-it-py`, markdown-it's own
  linkify library): at white space or ``<``, without the punctuation that ends a
  sentence (``x.``, ``x,``, ``x;``), without a closing bracket or quote it does not
  open (``(see http://a.b/c)`` links ``http://a.b/c``; ``http://x/A_(b)`` keeps its
  balanced parentheses). mmark keeps an unbalanced ``)`` or ``"`` in the link and cuts
  ``A_(b)`` after ``(b``: those are faults of the reference, not copied;
* a run of ``*``, ``_`` or ``~`` at its end is left to emphasis and strikethrough
  (``_http://a.b/c_`` is an emphasised link, as in mmark);
* never inside a link's text (no nested links), a code span or math, which other
  rules take first; ``http\\://x`` (escaped) stays text;
* the URL is checked like every emitted URL (:mod:`..safe_urls`) and percent-encoded in
  the ``href`` by markdown-it's ``normalizeLink``; its text is shown as written. At
  most :data:`MAX_URL_CHARS` characters are read as one URL.

The rule runs at a ``:``, where the scheme just read is at the end of the pending text;
each attempt reads at most :data:`MAX_URL_CHARS` characters, so the rule is linear.

Tokens: ``link_open`` (``href``, ``markup="linkify"``, ``info="auto"``, like
markdown-it's linkify, so renderers treat it as ``<https://…>``), ``text``,
``link_close``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol, cast

from linkify_it.main import LinkifyIt
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from ..safe_urls import is_safe_url

MAX_URL_CHARS = 2048
"""The longest text read as one URL (longer ones are cut there)."""

_SCHEME_BEFORE = re.compile(r"(?<![0-9A-Za-z])(?:https?|ftp|mailto)\Z", re.IGNORECASE)
"""A scheme that ends where the ``:`` is (the current character)."""

_LONGEST_SCHEME = len("mailto")

_URL_END = re.compile(r"[\s<]")
"""A character no URL holds: the text read stops before it."""

_EMPHASIS_MARKS = "*_~"
"""Characters left to emphasis and strikethrough when they end a URL."""


def autolinks_plugin(md: MarkdownIt) -> None:
    """Add the rule before markdown-it's (disabled) linkify rule, at the start of the
    inline chain: a ``:`` is not the start of any other construct."""
    md.inline.ruler.before("linkify", "mmark_autolink", _rule)


class _Match(Protocol):
    """What linkify-it found: the scheme (``"http:"``) and where the URL ends."""

    schema: str
    last_index: int


class _Linkify(Protocol):
    """The part of linkify-it's (untyped) ``LinkifyIt`` this rule uses."""

    def add(self, schema: str, definition: None) -> object: ...

    def match_at_start(self, text: str) -> _Match | None: ...


def _matcher() -> _Linkify:
    """linkify-it with mmark's schemes only: no fuzzy links, e-mails or IP addresses."""
    make = cast(Callable[..., _Linkify], LinkifyIt)
    linkify = make(options={"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
    linkify.add("//", None)  # protocol-relative URLs: not a link in mmark
    return linkify


_LINKIFY = _matcher()
"""The one matcher of the process (it holds compiled patterns only)."""


def _rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != ":" or state.linkLevel > 0:
        return False
    scheme = _SCHEME_BEFORE.search(state.src, max(0, pos - _LONGEST_SCHEME), pos)
    # the scheme must also be plain text just read (not, say, the end of a code span)
    if scheme is None or not (silent or state.pending.endswith(scheme.group())):
        return False
    start = scheme.start()
    url = _url_at(state, start)
    if url is None:
        return False
    href = state.md.normalizeLink(url)
    if not state.md.validateLink(href) or not is_safe_url(url):
        return False
    if not silent:
        state.pending = state.pending[: len(state.pending) - (pos - start)]
        _push_link(state, href, state.md.normalizeLinkText(url))
    state.pos = start + len(url)
    return True


def _url_at(state: StateInline, start: int) -> str | None:
    """The URL that starts at ``start`` (its scheme), without trailing emphasis marks."""
    limit = min(state.posMax, start + MAX_URL_CHARS)
    end = _URL_END.search(state.src, start, limit)
    window = state.src[start : end.start() if end else limit]
    match = _LINKIFY.match_at_start(window)
    if match is None:
        return None
    url = window[: match.last_index].rstrip(_EMPHASIS_MARKS)
    return url if len(url) > len(match.schema) else None


def _push_link(state: StateInline, href: str, text: str) -> None:
    """The link tokens of one bare URL."""
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": href}
    token.markup = "linkify"
    token.info = "auto"
    token = state.push("text", "", 0)
    token.content = text
    token = state.push("link_close", "a", -1)
    token.markup = "linkify"
    token.info = "auto"
