"""The one place where sphinx-mmark creates warnings.

Every warning is logged through Sphinx's logger with ``type="mmark"``, a
subtype from :class:`MmarkWarning` and a ``(docname, line)`` location, so that
``suppress_warnings = ["mmark.<subtype>"]`` and ``-W`` behave as users expect.
"""

from __future__ import annotations

from enum import Enum

from docutils import nodes
from sphinx.util import logging

WARNING_TYPE = "mmark"

_LOGGER = logging.getLogger("sphinx_mmark")


class MmarkWarning(Enum):
    """Warning subtypes; the docstring of each member is its documentation."""

    CONFIG = "config"
    """A ``mmark_*`` configuration value is invalid; its default is used instead."""
    FRONT_MATTER = "front_matter"
    """Front matter (YAML, TOML, JSON) or a ``%%%`` title block could not be read."""
    FOOTNOTE = "footnote"
    """A footnote is referenced but not defined, defined but never referenced, defined twice,
    or has no text."""
    REF = "ref"
    """A cross-reference (``(#id)``, ``[](#id)``, ``[text](doc.md#id)``) has no target."""
    DUPLICATE_ID = "duplicate_id"
    """Two headings or targets in one document ask for the same explicit id."""
    SYNTAX = "syntax"
    """An mmark construct is malformed (for example math that is never closed)."""
    SHORTCODE = "shortcode"
    """A Hugo shortcode is unknown, misses an argument, or has no opening tag."""
    HUGO = "hugo"
    """A Hugo site feature could not be honoured (a redirect path taken, a bad date)."""
    INCLUDE = "include"
    """An include (``{{file}}``, ``<{{code}}``) was refused, failed, or hit a cap."""
    MARKDOWN = "markdown"
    """A Markdown-level problem reported by the MyST renderer that sphinx-mmark builds on."""
    CITATION = "citation"
    """A citation has an empty key, or a key that no entry, automatic key or id matches."""
    REFERENCE_XML = "reference_xml"
    """A ``<reference>`` block is malformed, refused (DTD, entities), unclosed or a duplicate."""
    CAPTION = "caption"
    """A ``Table:``, ``Figure:`` or ``Quote:`` caption has no table, code block, figure or
    quote to attach to; its line is kept as text."""
    NESTING = "nesting"
    """Blocks or inline markup nest deeper than sphinx-mmark follows; the deeper part is
    kept as plain text."""
    ENCODING = "encoding"
    """A source file is not valid UTF-8 or holds NUL bytes; the bad bytes are shown as
    U+FFFD and the rest of the page is built. A UTF-16 file is read as UTF-16, and
    byte-order marks repeated at its start are dropped, each with this warning."""
    RAW = "raw"
    """Raw HTML in a document while docutils' ``raw_enabled`` setting is off: it is shown as
    text."""
    URL = "url"
    """A URL from a shortcode (``src``, ``link``, ``attrlink``) or a ``<reference target>``
    is ``javascript:``, ``vbscript:``, ``file:`` or ``data:`` (other than an image), which
    Markdown links refuse too: it is not emitted, the text is kept."""
    DOWNLOAD = "download"
    """A link to a local file (which Sphinx would copy into the site for download) whose
    file lies outside the source directory, the Hugo static folders and
    ``mmark_include_roots``: it is not copied, the link text is shown."""
    IMAGE = "image"
    """A local image (``![](…)``, a ``figure`` shortcode, a figure group) whose file lies
    outside the source directory, the Hugo static folders and ``mmark_include_roots`` (by
    ``..``, an absolute path or a symbolic link): it is not copied, its alt text is shown."""


Location = tuple[str, int | None] | nodes.Node | None
"""``(docname, line)``, a node that carries source and line, or nothing."""


_ONE_LINE = str.maketrans(
    {
        "\n": "\\n",
        "\r": "\\r",
        "\x0b": "\\v",
        "\x0c": "\\f",
        "\x85": "\\x85",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)
"""Line breaks a message may quote from a document, shown as escapes."""


def warn(message: str, subtype: MmarkWarning, *, location: Location) -> None:
    """Log one sphinx-mmark warning at ``location``, on one line (a line break quoted
    from a document is shown as an escape, so the warning stays one ``file:line`` line)."""
    _LOGGER.warning(
        message.translate(_ONE_LINE), type=WARNING_TYPE, subtype=subtype.value, location=location
    )
