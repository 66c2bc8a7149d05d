"""Includes: ``{{path}}`` splices mmark text, ``<{{path}}`` includes a file as code.

The work is split by concern:

* :mod:`.line` -- which lines are include lines (pure syntax);
* :mod:`.address` -- ``[N,M]``, ``[N,]``, ``[/re1/,/re2/]`` and ``prefix="…"``;
* :mod:`.paths` -- resolving a path against its base, confining it to the
  allowed roots, and reading the file safely;
* :mod:`.origin` -- where each line of the expanded text came from, and how
  warnings and nodes are pointed back at it;
* :mod:`.expand` -- the splice itself, with the cycle, depth and size caps;
* :mod:`.rule` -- the markdown-it block rule that finds include lines and
  turns a code include into a ``fence`` token.
"""

from __future__ import annotations

from .expand import Expansion, IncludeSettings, expand_document
from .origin import warning_location
from .rule import includes_plugin

__all__ = [
    "Expansion",
    "IncludeSettings",
    "expand_document",
    "includes_plugin",
    "warning_location",
]
