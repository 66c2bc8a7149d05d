"""The markdown-it ``env`` of one mmark document: every key, in one definition.

:func:`sphinx_mmark.sphinx_ext.read.parse_mmark` writes the first four before
parsing; the syntax rules add theirs while parsing; the renderer reads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from .flavour import Flavour

if TYPE_CHECKING:
    from .front_matter import Block, FrontMatter
    from .includes.expand import Expansion
    from .includes.rule import CodeInclude


class MarkdownEnv(TypedDict, total=False):
    """What the parser and the renderer of one document share."""

    flavour: Flavour
    """The document's mmark flavour (see :mod:`sphinx_mmark.parse.flavour`)."""
    escaped_math: bool
    """Whether ``\\\\(…\\\\)`` and ``\\\\[…\\\\]`` are math in this document."""
    mmark_front_matter: FrontMatter | None
    """The front matter, read once before parsing."""
    mmark_includes: Expansion
    """The text includes spliced into the document, and where each line came from."""
    mmark_code_includes: dict[int, CodeInclude | None]
    """Code include lines: the code, or None when it could not be read."""
    mmark_unclosed_front_matter: Block
    """A front-matter block that never closes (the renderer warns)."""
    mmark_nesting_cut: int
    """The first line where containers were nested too deeply (the renderer warns)."""
    mmark_examples: dict[str, int]
    """Example list labels and their numbers."""
    mmark_example_count: int
    """How many example list items there were so far."""
    v1_callouts: bool
    """Whether a v1 document uses ``{callout=…}`` (callout markers are read then)."""
    footnotes: dict[str, Any]
    """mdit-py-plugins' footnote state: ``refs``, ``list`` (with the inline notes)."""


DEFAULT_FLAVOUR: Flavour = "v2"
"""The flavour of a text parsed without a decision (tests, nested parsers): today's mmark."""


def flavour_of(env: object) -> Flavour:
    """The flavour in a markdown-it ``env`` (any mapping), :data:`DEFAULT_FLAVOUR` if none."""
    value = env.get("flavour") if isinstance(env, dict) else None
    return "v1" if value == "v1" else DEFAULT_FLAVOUR
