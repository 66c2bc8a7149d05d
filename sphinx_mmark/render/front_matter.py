"""What front matter means to Sphinx: page title, metadata, HTML ``<meta>``.

Hugo keys and where they go:

* ``title`` → the page title (returned to the renderer, which makes it the
  document's single top section);
* ``description`` (else ``summary``) → ``<meta name="description">``;
* ``keywords`` (else ``tags``) → ``<meta name="keywords">``;
* every key (``date``, ``lastmod``, ``tags``, ``categories``, ``author``,
  ``authors``, …) → ``env.metadata[docname]``, where templates and extensions
  such as ABlog read it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment

_SPHINX_KEYS = frozenset({"orphan", "nocomments", "nosearch", "tocdepth"})
"""Metadata keys Sphinx itself acts on; Hugo front matter does not mean them."""


def apply_front_matter(
    document: nodes.document, env: BuildEnvironment, data: dict[str, Any], line: int
) -> str | None:
    """Record ``data`` for ``document``; return the page title, if any."""
    metadata = env.metadata[env.docname]
    for key, value in data.items():
        if key not in _SPHINX_KEYS:
            metadata[key] = value
    description = _text(data.get("description")) or _text(data.get("summary"))
    if description:
        _add_meta(document, "description", description, line)
    keywords = _text(data.get("keywords")) or _text(data.get("tags"))
    if keywords:
        _add_meta(document, "keywords", keywords, line)
    return _text(data.get("title"))


def _text(value: Any) -> str | None:
    """A one-line string for a scalar or a list of scalars; None for nothing."""
    if isinstance(value, list):
        parts = [_text(item) for item in value if not isinstance(item, dict | list)]
        return ", ".join(part for part in parts if part) or None
    if value is None or isinstance(value, dict | bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def _add_meta(document: nodes.document, name: str, content: str, line: int) -> None:
    meta = nodes.meta()
    meta["name"] = name
    meta["content"] = content
    meta.source, meta.line = document["source"], line
    document += meta
