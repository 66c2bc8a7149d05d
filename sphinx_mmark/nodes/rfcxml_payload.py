"""Data the renderer leaves on doctree nodes for the ``rfcxml`` builder.

The HTML of a citation or a reference entry is all text; RFC 7991 needs what
it was made from (the citation key, the section suffix, the ``<reference>``
XML). The renderer attaches it as a Python attribute of the node, not as a
docutils attribute: pseudo-XML dumps and the other writers never see it, it is
pickled with the doctree (the builder reads pickled doctrees), and a
``node.deepcopy()`` leaves it behind (then the builder falls back to the text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes

_ATTRIBUTE = "_mmark_rfcxml"

AUTHORS_LANGUAGE = "mmark_language"
"""Docutils attribute of a ``literal_block``: the language its author named (the fence's
first word, a code include's extension) when highlighting uses another one (``none``
for ``ascii-art``); the builder writes ``<sourcecode type=…>`` with it, as mmark."""

XREF_FORMAT = "mmark_xref_format"
"""Docutils attribute of a cross-reference written ``(#id, use title)``: its xml2rfc
``format`` (``title``, ``counter``, ``default``), kept by the resolved reference."""


@dataclass(frozen=True)
class ReferenceData:
    """One entry of a reference section."""

    key: str
    """The citation key as the entry has it (``RFC2119``, ``I-D.ietf-foo-bar``, ``libes``)."""
    normative: bool
    xml: str = ""
    """The ``<reference>``/``<referencegroup>`` XML the entry was read from ("" for an
    automatic entry): inline in the document or a file of ``mmark_bibxml_dirs``."""


@dataclass(frozen=True)
class CitationData:
    """One citation ``[@key, suffix]`` (or ``[@key of @other]``)."""

    key: str
    suffix: str = ""
    of: str = ""


@dataclass(frozen=True)
class PersonCitation:
    """A citation of an author or contact of the title block (``[@Jane Doe]``):
    mmark writes that person's ``<contact>`` in its place."""

    name: str
    """The full name as cited (matched without regard to case)."""


@dataclass(frozen=True)
class BlockAttributes:
    """The ``{key="value"}`` pairs of a block attribute on a list, which docutils' list
    nodes have no place for (``type="Step %d:"``, ``spacing``, ``group``, ``indent``…)."""

    pairs: tuple[tuple[str, str], ...]


def attach(node: nodes.Node, data: Any) -> None:
    """Leave ``data`` on ``node`` for the builder."""
    setattr(node, _ATTRIBUTE, data)


def attached(node: nodes.Node) -> Any:
    """What :func:`attach` left on ``node``, or None."""
    return getattr(node, _ATTRIBUTE, None)
