"""Where each line of an expanded document came from.

Expansion turns a document and its text includes into one text; every line
of that text has an :class:`Origin`: a file, a line in it, and the include
line that brought the file in (a chain up to the document). Two uses:

* warnings point at the document's own line -- for a line from an included
  file, the include line in the document -- and name the chain, e.g.
  ``(in chapters/a.md:3, included from book/part.md:7)``;
* nodes get the included file as ``source`` and its line as ``line`` (as
  docutils' ``include`` directive does), so later warnings show the real
  place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Site:
    """One file being expanded, and the include line that brought it in."""

    path: Path
    display: str
    """The path as shown in messages (relative to the source directory)."""
    parent: Origin | None = None


@dataclass(frozen=True)
class Origin:
    """A line (1-based) of a file."""

    site: Site
    line: int

    def top(self) -> Origin:
        """The line of the document itself that this line comes from."""
        origin = self
        while origin.site.parent is not None:
            origin = origin.site.parent
        return origin

    def chain(self) -> str:
        """`` (in a.md:3, included from b.md:7)`` for included lines, else ``""``."""
        if self.site.parent is None:
            return ""
        parts = [f"in {self.site.display}:{self.line}"]
        origin = self.site.parent
        while origin.site.parent is not None:
            parts.append(f"included from {origin.site.display}:{origin.line}")
            origin = origin.site.parent
        return " (" + ", ".join(parts) + ")"


def origin_of(origins: Sequence[Origin], line: int) -> Origin | None:
    """The origin of expanded ``line`` (1-based); past the end, of the last line."""
    if not origins or line < 1:
        return None
    return origins[min(line, len(origins)) - 1]


def warning_location(md_env: Mapping[str, Any], line: int | None) -> tuple[int | None, str]:
    """``(line in the document, chain text)`` for a warning at expanded ``line``."""
    expansion = md_env.get("mmark_includes")
    if expansion is None or line is None:
        return line, ""
    origin = origin_of(expansion.origins, line)
    if origin is None:
        return line, ""
    return origin.top().line, origin.chain()
