"""Hugo content paths (as ``ref``/``relref`` take them) to Sphinx docnames."""

from __future__ import annotations

import posixpath
from collections.abc import Collection

_SUFFIXES = (".md", ".mmark", ".markdown")


def resolve_content_path(path: str, fromdoc: str, found_docs: Collection[str]) -> str | None:
    """The docname ``path`` names, seen from ``fromdoc``; None when there is none.

    As Hugo does: a path starting with ``/`` is relative to the content root, any
    other is tried relative to the page's own directory and then to the content
    root; a bundle directory means its ``index`` or ``_index`` page; a bare file
    name that matches exactly one page anywhere is that page.
    """
    path = path.strip()
    if not path:
        return None
    stem = path
    for suffix in _SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = stem.rstrip("/")
    bases = [""] if path.startswith("/") else [posixpath.dirname(fromdoc), ""]
    for base in bases:
        joined = posixpath.normpath(posixpath.join(base, stem.lstrip("/")))
        for candidate in (joined, f"{joined}/index", f"{joined}/_index"):
            if candidate in found_docs:
                return candidate
    if "/" not in stem:
        matches = sorted(
            doc
            for doc in found_docs
            if posixpath.basename(doc) == stem
            or (posixpath.basename(doc) in ("index", "_index") and doc.endswith(f"/{stem}/index"))
        )
        if len(matches) == 1:
            return matches[0]
    return None
