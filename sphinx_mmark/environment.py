"""The build environment: what sphinx-mmark keeps on it and reads from it, in one place."""

from __future__ import annotations

from collections.abc import MutableMapping, Set
from typing import Any

from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder running now (``SphinxTransform.app`` is deprecated in Sphinx 9)."""
    app = getattr(env, "_app", None) or env.app
    return app.builder


def take_documents(
    mine: MutableMapping[str, Any], theirs: MutableMapping[str, Any], docnames: Set[str]
) -> None:
    """Copy the entries of ``docnames`` that a ``-j`` worker's environment recorded."""
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]
