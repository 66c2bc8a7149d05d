"""Deprecated: import :class:`~sphinx_mmark.Shortcode` from ``sphinx_mmark``.

The renderer moved to :mod:`sphinx_mmark.render`; this name keeps 0.1 projects
working and goes away in the next release.
"""

from __future__ import annotations

import warnings

from .render.shortcodes import Shortcode

warnings.warn(
    "sphinx_mmark.render_shortcodes is deprecated: use `from sphinx_mmark import Shortcode`",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = ["Shortcode"]
