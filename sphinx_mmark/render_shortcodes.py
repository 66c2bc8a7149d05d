"""Render methods for Hugo shortcodes (issue 6).

A mixin of :class:`sphinx_mmark.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of the matching syntax module into docutils nodes.
"""

from __future__ import annotations


class ShortcodeRenderMixin:
    """``render_*`` methods; see the module docstring."""
