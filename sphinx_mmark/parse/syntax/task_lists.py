"""Task lists (v1 only): ``[ ]`` or ``[x]`` at the start of a list item.

::

    - [ ] write the draft
    - [x] choose a title

* ``[ ]`` is an open task, ``[x]`` or ``[X]`` a done one; a space or tab must
  follow. Bullet and ordered lists alike; only the item's first paragraph.
* v2 (mmark 2) shows the brackets as text, so v2 documents keep them.

A core rule between block and inline parsing: it removes the box from the
item's first inline and sets ``meta["mmark_task"]`` (``True`` when done) on
``list_item_open``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from ..env import flavour_of

_BOXES = {"[ ]": False, "[x]": True, "[X]": True}


def task_lists_plugin(md: MarkdownIt) -> None:
    """Add the core rule after block parsing."""
    md.core.ruler.after("block", "mmark_task_lists", _rule)


def _rule(state: StateCore) -> None:
    if flavour_of(state.env) != "v1":
        return
    tokens = state.tokens
    for index, token in enumerate(tokens[:-2]):
        if token.type != "list_item_open" or tokens[index + 1].type != "paragraph_open":
            continue
        inline = tokens[index + 2]
        box = inline.content[:3]
        if box not in _BOXES or inline.content[3:4] not in (" ", "\t"):
            continue
        token.meta = {**(token.meta or {}), "mmark_task": _BOXES[box]}
        inline.content = inline.content[4:]
