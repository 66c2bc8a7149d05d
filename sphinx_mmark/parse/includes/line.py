"""The syntax of one include line.

An include line consists of nothing but (after at most three spaces of
indentation inside its block container)::

    {{path}}                 text include
    {{path}}[address]        text include of some lines
    <{{path}}[address]       code include

``path`` is not empty, holds no ``{``, ``}`` or line break, and does not look
like a Hugo shortcode or Go template action: a path starting with ``<``,
``%``, ``-``, ``$``, ``/*``, white space, or ``.`` followed by a letter or
``_`` (``{{< figure >}}``, ``{{% note %}}``, ``{{- if }}``, ``{{ .Title }}``,
``{{.Params.x}}``) is not an include, and its line stays text. ``./x.md`` and
``../x.md`` are paths.

The address runs from the ``[`` right after ``}}`` to the last ``]`` of the
line (so a regular expression may hold ``]``); only white space may follow
it. A line with other text after ``}}`` is not an include line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

IncludeKind = Literal["text", "code"]

_TEMPLATE_STARTS = ("<", "%", "-", "$", "/*", " ", "\t")


@dataclass(frozen=True)
class IncludeLine:
    """A parsed include line."""

    kind: IncludeKind
    path: str
    address: str | None
    """The text between ``[`` and ``]``, or None without brackets."""


def _is_template(path: str) -> bool:
    if path.startswith(_TEMPLATE_STARTS) or path[-1:].isspace():
        return True
    return path[:1] == "." and (path[1:2].isalpha() or path[1:2] == "_")


def parse_include_line(text: str) -> IncludeLine | None:
    """The include on ``text`` (one line, indentation already removed), or None."""
    text = text.rstrip()
    kind: IncludeKind = "text"
    if text.startswith("<{{"):
        kind, text = "code", text[1:]
    if not text.startswith("{{"):
        return None
    close = text.find("}}", 2)
    if close < 0:
        return None
    path = text[2:close]
    if not path or "{" in path or "}" in path or _is_template(path):
        return None
    rest = text[close + 2 :]
    if not rest:
        return IncludeLine(kind, path, None)
    if not rest.startswith("[") or not rest.endswith("]"):
        return None
    return IncludeLine(kind, path, rest[1:-1])
