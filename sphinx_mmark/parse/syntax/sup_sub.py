"""Superscript and subscript: ``2^10^`` and ``H~2~O``.

* ``^text^`` is superscript, ``~text~`` is subscript (a single ``~``; a
  double ``~~`` is strikethrough, see :mod:`.strikethrough`).
* The text may not contain unescaped white space: ``P~a\\ cat~`` is the
  subscript "a cat", ``P~a cat~`` stays text. Backslash escapes are
  resolved (``h~20\\\\\\ ~`` is "20\\ ").
* The content is plain text: no further Markdown inside.

Both flavours. Tokens: ``sup_open``/``text``/``sup_close`` and
``sub_open``/``text``/``sub_close`` (mdit-py-plugins' rules, which match
mmark's).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin


def sup_sub_plugin(md: MarkdownIt) -> None:
    """Add the superscript and subscript rules (after emphasis)."""
    md.use(superscript_plugin)
    md.use(sub_plugin)
