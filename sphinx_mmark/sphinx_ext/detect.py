"""Which documents are mmark.

* A ``.mmark`` file always is.
* A ``.md`` file is mmark when MyST-Parser is not loaded by the project.
* With MyST-Parser loaded too, a ``.md`` file is mmark when its front matter
  says ``markup: mmark`` (Hugo's key) or ``markdown: mmark``, or when its
  path matches one of ``mmark_md_patterns``; every other ``.md`` file is MyST.

Front matter that cannot be read (a YAML typo, a block never closed) still counts
as a draft when its raw text says so (:func:`scan_head`): Hugo stops a build on
such a page, sphinx-mmark leaves the page out, with a warning, rather than publish
a draft. The parser failed, so the block's structure is unknown and a tolerant
line scan (``draft: true``, ``draft = true``, ``"draft": true`` on a line of its
own, at any indentation) decides: leaving a page out by mistake is told and undone
by fixing the block, publishing a draft cannot be undone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sphinx.util.matching import Matcher

from ..parse import front_matter as fm

MMARK_SUFFIX = ".mmark"
MYST_EXTENSIONS = frozenset({"myst_parser", "myst_nb"})
_MARKER_KEYS = ("markup", "markdown")


def myst_loaded(extensions: Iterable[str]) -> bool:
    """Whether the project itself loads MyST-Parser (or MyST-NB)."""
    return any(name in MYST_EXTENSIONS for name in extensions)


_DRAFT_LINE = re.compile(
    r"""[ \t]*["']?draft["']?[ \t]*[:=][ \t]*["']?(?:true|yes|on)["']?[ \t]*,?[ \t]*(?:\#.*)?""",
    re.IGNORECASE,
)
"""A line of a front-matter block (YAML, TOML or JSON) that sets ``draft`` to true
(matched line by line: no part of the pattern crosses a line)."""


def _says_draft(raw: str) -> bool:
    return any(_DRAFT_LINE.fullmatch(line) for line in raw.splitlines())


@dataclass(frozen=True)
class BrokenDraft:
    """A front-matter block that cannot be read but whose raw text says ``draft``."""

    line: int
    """The 1-based line of the block's opening fence."""
    reason: str
    """Why the block cannot be read (the parser's message)."""


def head_data(text: str) -> dict[str, object]:
    """The front-matter data of ``text``, or ``{}`` when it has none or it is unreadable."""
    return scan_head(text)[0]


def scan_head(text: str) -> tuple[dict[str, object], BrokenDraft | None]:
    """The front-matter data of ``text`` (``{}`` when there is none or it is unreadable),
    and, for an unreadable block whose raw text sets ``draft``, what is wrong with it."""
    block = fm.head_block(text)
    if block is None:
        return {}, None
    try:
        return fm.read(block).data, None
    except fm.FrontMatterError as error:
        raw = block.content if block.closed else _unclosed_text(text, block)
        if not _says_draft(raw):
            return {}, None
        reason = f"{fm.describe(block.kind)} cannot be read: {error}"
        return {}, BrokenDraft(block.start + 1, reason)


def _unclosed_text(text: str, block: fm.Block) -> str:
    """The lines after the opening fence of a block that is never closed, up to the
    first blank line (where front matter that lost its closing fence most likely ended)."""
    lines = text.split("\n", fm.MAX_SCAN_LINES + block.start + 2)[block.start + 1 :]
    head: list[str] = []
    for line in lines[: fm.MAX_SCAN_LINES]:
        if not line.strip():
            break
        head.append(line)
    return "\n".join(head)


def declares_mmark(data: dict[str, object]) -> bool:
    """Whether front-matter ``data`` marks the page as mmark."""
    return any(str(data.get(key, "")).strip().lower() == "mmark" for key in _MARKER_KEYS)


def is_mmark(relpath: str, data: dict[str, object], *, myst: bool, patterns: list[str]) -> bool:
    """Whether the document at ``relpath`` (relative to the source dir) is mmark."""
    if relpath.endswith(MMARK_SUFFIX) or not myst:
        return True
    return declares_mmark(data) or (bool(patterns) and Matcher(patterns)(relpath))
