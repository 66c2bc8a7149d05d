"""Render methods for mmark inline constructs: super/subscript, strikethrough, BCP 14 keywords,
breaks, comments, callouts, index entries (issues 3 and 5).

A mixin of :class:`sphinx_mmark.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of the matching syntax module into docutils nodes.
"""

from __future__ import annotations


class InlineRenderMixin:
    """``render_*`` methods; see the module docstring."""
