"""HTML that starts inside a paragraph stays in the paragraph, as in mmark.

::

    Some text line
    <details><summary>More</summary>
    [[paper](/about/x.pdf)] and *emph*
    </details>

CommonMark lets an HTML block of kinds 1 to 6 (``<div>``, ``<details>``, ``<pre>``,
``<script>``…) interrupt a paragraph: the paragraph ends at the ``<details>``
line and the lines after it are raw HTML, their Markdown left as typed. Neither
mmark (v2, ``mmark -html -fragment``) nor Hugo's mmark (v1, Blackfriday's
paragraphs without its "lax HTML blocks" extension) ends a paragraph or a lazy
quote line there: the tags are inline HTML of the paragraph and the Markdown
between them is rendered (a link, emphasis). Here markdown-it's ``html_block``
rule is taken out of the ``paragraph`` and ``blockquote`` chains (the rules that
may end a paragraph or a quote's lazy lines); an HTML block still starts after a
blank line, as everywhere. Both flavours.

The tags then render as inline HTML does (:mod:`sphinx_mmark.render.raw_html`):
raw HTML nodes, kept by the HTML builder, left out by the others, while the text
and Markdown between them are ordinary nodes that every builder shows.

Tokens: markdown-it's own (``paragraph_open``, ``inline`` with ``html_inline``
children).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import html_block


def html_blocks_plugin(md: MarkdownIt) -> None:
    """Keep markdown-it's HTML block rule, in no chain that ends a paragraph."""
    md.block.ruler.at("html_block", html_block, {"alt": ["reference"]})
