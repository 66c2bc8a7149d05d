"""Which code languages can be highlighted.

mmark documents name languages Pygments does not know (``ascii-art``,
``abnf``, ``mermaid`` …); such a block is shown as plain code instead of
making Sphinx warn that the lexer is unknown.
"""

from __future__ import annotations

from functools import cache

from pygments.lexers import find_lexer_class_by_name  # type: ignore[import-untyped]
from pygments.util import ClassNotFound  # type: ignore[import-untyped]
from sphinx.highlighting import lexers as sphinx_lexers


def highlight_language(name: str) -> str:
    """``name`` if Sphinx can highlight it, else ``"none"`` (no highlighting)."""
    if not name or name in sphinx_lexers or _pygments_knows(name.lower()):
        return name
    return "none"


@cache
def _pygments_knows(name: str) -> bool:
    try:
        find_lexer_class_by_name(name)
    except ClassNotFound:
        return False
    return True
