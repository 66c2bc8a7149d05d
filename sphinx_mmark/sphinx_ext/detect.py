"""Which documents are mmark.

* A ``.mmark`` file always is.
* A ``.md`` file is mmark when MyST-Parser is not loaded by the project.
* With MyST-Parser loaded too, a ``.md`` file is mmark when its front matter
  says ``markup: mmark`` (Hugo's key) or ``markdown: mmark``, or when its
  path matches one of ``mmark_md_patterns``; every other ``.md`` file is MyST.
"""

from __future__ import annotations

from collections.abc import Iterable

from sphinx.util.matching import Matcher

from ..parse import front_matter as fm

MMARK_SUFFIX = ".mmark"
MYST_EXTENSIONS = frozenset({"myst_parser", "myst_nb"})
_MARKER_KEYS = ("markup", "markdown")


def myst_loaded(extensions: Iterable[str]) -> bool:
    """Whether the project itself loads MyST-Parser (or MyST-NB)."""
    return any(name in MYST_EXTENSIONS for name in extensions)


def head_data(text: str) -> dict[str, object]:
    """The front-matter data of ``text``, or ``{}`` when it has none or it is unreadable."""
    block = fm.head_block(text)
    front = fm.read_or_none(block)
    return front.data if front is not None else {}


def declares_mmark(data: dict[str, object]) -> bool:
    """Whether front-matter ``data`` marks the page as mmark."""
    return any(str(data.get(key, "")).strip().lower() == "mmark" for key in _MARKER_KEYS)


def is_mmark(relpath: str, data: dict[str, object], *, myst: bool, patterns: list[str]) -> bool:
    """Whether the document at ``relpath`` (relative to the source dir) is mmark."""
    if relpath.endswith(MMARK_SUFFIX) or not myst:
        return True
    return declares_mmark(data) or (bool(patterns) and Matcher(patterns)(relpath))
