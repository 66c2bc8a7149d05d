"""Access to Sphinx internals that have no public spelling yet, kept in one place."""

from __future__ import annotations

from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder running now (``SphinxTransform.app`` is deprecated in Sphinx 9)."""
    app = getattr(env, "_app", None) or env.app
    return app.builder
