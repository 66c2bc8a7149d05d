"""Strikethrough: ``~~deleted text~~``.

markdown-it's own GFM rule (two tildes on each side, the same delimiter
rules as ``**``). A single ``~`` is a subscript (:mod:`.sup_sub`).

Both flavours. Token: ``s_open``/``s_close`` (tree type ``s``).
"""

from __future__ import annotations

from markdown_it import MarkdownIt


def strikethrough_plugin(md: MarkdownIt) -> None:
    """Enable markdown-it's strikethrough rule (off in the CommonMark preset)."""
    md.enable("strikethrough")
