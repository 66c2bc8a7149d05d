"""Per-document data that sphinx-mmark's collectors keep on the build environment."""

from __future__ import annotations

from collections.abc import MutableMapping, Set
from typing import Any


def take_documents(
    mine: MutableMapping[str, Any], theirs: MutableMapping[str, Any], docnames: Set[str]
) -> None:
    """Copy the entries of ``docnames`` that a ``-j`` worker's environment recorded."""
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]
