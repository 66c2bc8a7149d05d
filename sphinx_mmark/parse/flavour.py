"""Which mmark a document is written in: v1 (Hugo, miekg/mmark) or v2 (mmark 2.x).

They differ in a few places (single ``$`` math, smart quotes, citation and
index syntax, callouts, include base, …). The decision, per document:

1. ``mmark_flavour`` in the document's front matter (``v1`` or ``v2``);
2. the ``mmark_flavour`` configuration value, unless it is ``"auto"``;
3. markers in the text: Hugo front matter (``---``, ``+++``, ``{``), the
   ``.mmark`` suffix, ``% key = value`` title lines, ``[-@ref]``,
   ``(((index)))`` and ``{callout="…"}`` mean v1; a ``%%%`` title block means
   v2;
4. otherwise v2, today's mmark.

The decision and its reason are logged at verbose level (``sphinx-build -v``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Flavour = Literal["v1", "v2"]
FLAVOURS: tuple[Flavour, ...] = ("v1", "v2")

_V1_MARKERS = re.compile(r'^% \w+ *=|\[-@|\(\(\(|\{callout="(?!false")', re.MULTILINE)


@dataclass(frozen=True)
class Decision:
    """The flavour chosen for a document, and why."""

    flavour: Flavour
    reason: str


def decide(
    text: str,
    *,
    front_matter_kind: str | None,
    front_matter_value: object,
    configured: str,
    suffix: str,
) -> Decision:
    """Choose the flavour of one document (see the module docstring for the order)."""
    if front_matter_value in FLAVOURS:
        return Decision(front_matter_value, "front matter mmark_flavour")
    if configured in FLAVOURS:
        return Decision(configured, "configuration mmark_flavour")
    if front_matter_kind in ("yaml", "toml", "json"):
        return Decision("v1", "Hugo front matter")
    if suffix == ".mmark":
        return Decision("v1", "the .mmark suffix (Hugo)")
    if front_matter_kind == "titleblock":
        return Decision("v2", "a %%% title block")
    marker = _V1_MARKERS.search(text)
    if marker is not None:
        return Decision("v1", f"v1 syntax {marker.group(0).strip()!r}")
    return Decision("v2", "no v1 markers")
