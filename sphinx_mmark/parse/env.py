"""The markdown-it ``env`` of one mmark document: every key, in one definition.

:func:`sphinx_mmark.sphinx_ext.read.parse_mmark` writes the keys it decides
before parsing (flavour, escaped math, front matter, includes); the syntax
rules add theirs while parsing; the renderer reads them. Rules read the env
through :func:`env_of` (typed) and the flavour through :func:`flavour_of`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, cast

from .flavour import Flavour

if TYPE_CHECKING:
    from markdown_it.ruler import StateBase

    from .front_matter import Block, FrontMatter
    from .includes.expand import Expansion
    from .includes.rule import CodeInclude, Hit


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
    mmark_include_scan: list[Hit]
    """Set only while scanning a text for include lines: the lines found so far."""
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

DEFAULT_ESCAPED_MATH = "v1"
"""The ``mmark_escaped_math`` setting of a text parsed without a decision."""


def flavour_of(env: object) -> Flavour:
    """The flavour in a markdown-it ``env`` (any mapping), :data:`DEFAULT_FLAVOUR` if none."""
    value = env.get("flavour") if isinstance(env, dict) else None
    return "v1" if value == "v1" else DEFAULT_FLAVOUR


def escaped_math_for(setting: object, flavour: Flavour) -> bool:
    """Whether escaped math applies to a ``flavour`` document under the ``mmark_escaped_math``
    ``setting``: ``"v1"`` in v1 documents only, ``True`` always, anything else never."""
    if setting == "v1":
        return flavour == "v1"
    return setting is True


def escaped_math_of(env: object) -> bool:
    """``escaped_math`` of a markdown-it ``env``; without it, as the default setting says."""
    value = env.get("escaped_math") if isinstance(env, dict) else None
    if isinstance(value, bool):
        return value
    return escaped_math_for(DEFAULT_ESCAPED_MATH, flavour_of(env))


def untyped(env: MarkdownEnv) -> dict[str, Any]:
    """``env`` itself, as the mapping markdown-it's functions take."""
    return cast("dict[str, Any]", env)


def env_of(state: StateBase) -> MarkdownEnv:
    """The env of a rule's ``state``, typed (markdown-it types it as any mapping)."""
    return cast("MarkdownEnv", state.env)
