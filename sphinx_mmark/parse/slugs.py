"""mmark's automatic heading ids.

mmark (v1 and v2) lower-cases the heading text, keeps letters and digits and
turns every other run of characters into one ``-`` (none at either end);
a title with no letter or digit gets ``empty``. Repeats get ``-1``, ``-2``…
(the renderer hands those out, see ``RendererBase._claim_id`` in :mod:`sphinx_mmark.render.base`)
"""

from __future__ import annotations


def slugify(text: str) -> str:
    """The id mmark gives a heading with text ``text``."""
    out: list[str] = []
    dash = False
    for char in text:
        if char.isalpha() or char.isdigit():
            if dash and out:
                out.append("-")
            dash = False
            out.append(char.lower())
        else:
            dash = True
    return "".join(out) or "empty"
