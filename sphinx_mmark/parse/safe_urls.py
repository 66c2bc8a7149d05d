"""The one check every URL that sphinx-mmark emits goes through.

Markdown links and images are already checked by markdown-it's ``validateLink``:
``javascript:``, ``vbscript:``, ``file:`` and ``data:`` URLs are refused, except
``data:image/gif``, ``png``, ``jpeg`` and ``webp``. URLs that come from elsewhere (a
shortcode's ``src``/``link``/``attrlink``, a ``<reference target=…>``) must meet the
same rule before they become an ``href`` or a ``src``.

markdown-it checks a destination after decoding its entities and percent-encoding
what is left, so ``java&#x09;script:`` reaches its check as ``java\\tscript:`` and
leaves as the harmless ``java%09script:``. Our URLs are emitted as they were written,
so :func:`is_safe_url` first reads them as a browser would, and a little more
(conservative): HTML entities and percent-escapes decoded (repeatedly, so a doubly
encoded form is seen too), and every ASCII control character and space removed
(browsers drop tabs and line breaks anywhere in a URL and control characters and
spaces at its ends). markdown-it-py's own ``validateLink`` then decides, case-
insensitively.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from urllib.parse import unquote

from markdown_it.common.normalize_url import validateLink

_INVISIBLE = dict.fromkeys([*range(0x21), 0x7F])
"""ASCII control characters and the space, for :meth:`str.translate` to remove."""

_MAX_ROUNDS = 8
"""Decoding stops after this many rounds even if the text still changes."""

_SHOWN_CHARS = 60
"""A refused URL longer than this is shortened in warnings."""

RULE = (
    "javascript:, vbscript:, file: and data: URLs (other than GIF, PNG, JPEG and WebP "
    "images) are not emitted"
)
"""The rule a refused URL breaks, as warnings state it."""


def browser_form(url: str) -> str:
    """``url`` with entities and percent-escapes decoded and control characters removed."""
    text = url.translate(_INVISIBLE)
    for _ in range(_MAX_ROUNDS):
        decoded = unquote(html.unescape(text), errors="replace").translate(_INVISIBLE)
        if decoded == text:
            break
        text = decoded
    return text


def is_safe_url(url: str) -> bool:
    """Whether ``url`` may be emitted as an ``href`` or ``src`` (markdown-it's rule)."""
    return validateLink(browser_form(url))


def refused_message(urls: Mapping[str, str], kept: str) -> str:
    """The warning for the refused ``urls`` of one construct, ``{what: url}``
    (``{"figure link": "javascript:…"}``); ``kept`` says what is shown instead."""
    named = " and ".join(f"{what} {_shortened(url)!r}" for what, url in urls.items())
    return f"{named} refused ({RULE}); {kept}"


def _shortened(url: str) -> str:
    return url if len(url) <= _SHOWN_CHARS else url[:_SHOWN_CHARS] + "…"
