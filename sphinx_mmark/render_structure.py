"""Render methods for mmark document structure: asides, lists, definition lists, special sections,
divisions, v1-only block syntax (issue 3).

A mixin of :class:`sphinx_mmark.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of the matching syntax module into docutils nodes.
"""

from __future__ import annotations


class StructureRenderMixin:
    """``render_*`` methods; see the module docstring."""
