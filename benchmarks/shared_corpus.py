"""The shared corpus of real mmark documents, and which of them MyST-Parser reads alike.

The corpus lives beside the repository (``../shared/corpus``, or ``$SPHINX_MMARK_SHARED/corpus``,
the rule the tests use). A document counts as *shared syntax* when sphinx-mmark's own
markdown-it parser finds in it only constructs that MyST-Parser (with ``dollarmath`` and
``deflist``) reads the same way: CommonMark, footnotes, math, tables, definition lists.
Only those documents give a fair parse ratio; the others are timed through sphinx-mmark alone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

REPO = Path(__file__).resolve().parent.parent
SUFFIXES = (".md", ".mmark")

# Token types of constructs both parsers read alike. Everything else sphinx-mmark's parser
# produces (citations, cross references, attributes, captions, asides, index entries, Hugo
# shortcodes and ``<!--more-->``, mmark comments, sub/superscript, strikethrough, …) is
# mmark-only: MyST-Parser would read that text as something else, so a document holding
# any of it is left out of the ratio.
#
# Raw HTML (``html_inline``/``html_block``) is allowed: it is CommonMark, and both parsers
# pass it through as raw HTML nodes. (HTML comments are not in this set: sphinx-mmark turns
# them into ``mmark_comment*`` tokens, which are mmark-only.)
SHARED_TOKENS = frozenset(
    {
        # CommonMark blocks
        "paragraph_open",
        "paragraph_close",
        "heading_open",
        "heading_close",
        "blockquote_open",
        "blockquote_close",
        "bullet_list_open",
        "bullet_list_close",
        "ordered_list_open",
        "ordered_list_close",
        "list_item_open",
        "list_item_close",
        "fence",
        "code_block",
        "hr",
        "html_block",
        # CommonMark inline
        "inline",
        "text",
        "softbreak",
        "hardbreak",
        "code_inline",
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
        "link_open",
        "link_close",
        "image",
        "html_inline",
        # tables (GFM pipe tables)
        "table_open",
        "table_close",
        "thead_open",
        "thead_close",
        "tbody_open",
        "tbody_close",
        "tr_open",
        "tr_close",
        "th_open",
        "th_close",
        "td_open",
        "td_close",
        # footnotes
        "footnote_ref",
        "footnote_reference_open",
        "footnote_reference_close",
        "footnote_block_open",
        "footnote_block_close",
        "footnote_open",
        "footnote_close",
        "footnote_anchor",
        # math (``$`` and ``$$`` only: see is_shared_syntax)
        "math_inline",
        "math_block",
        # definition lists
        "dl_open",
        "dl_close",
        "dt_open",
        "dt_close",
        "dd_open",
        "dd_close",
        # front matter (YAML only: see is_shared_syntax)
        "mmark_front_matter",
    }
)
_DOLLAR_MATH = ("$", "$$")
_CELL_ATTRS = frozenset({"style"})  # alignment; a colspan is mmark-only
_MARKER = re.compile(r"^(?:markup|markdown)[ \t]*:[ \t]*[\"']?mmark[\"']?[ \t]*\n", re.M | re.I)


def corpus_dir() -> Path:
    """Where the shared corpus is expected (it may be absent)."""
    shared = Path(os.environ.get("SPHINX_MMARK_SHARED", str(REPO.parent / "shared")))
    return shared / "corpus"


def corpus_files(root: Path) -> list[Path]:
    """Every mmark document of the corpus (its README and non-markdown files left out)."""
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix in SUFFIXES and path.is_file() and path != root / "README.md"
    )


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _shared_token(token: Token) -> bool:
    if token.type not in SHARED_TOKENS:
        return False
    if token.type == "heading_open":
        return not token.attrs  # ``{#id}``/``{.class}`` heading attributes are mmark-only
    if token.type == "fence":
        return not token.info.startswith("{")  # MyST reads ```{name} as a directive
    if token.type in ("th_open", "td_open"):
        return set(token.attrs) <= _CELL_ATTRS
    if token.type.startswith("math_"):
        return token.markup in _DOLLAR_MATH  # not v1's ``\\(…\\)``, which MyST reads as text
    if token.type == "mmark_front_matter":
        block = token.meta.get("block")
        return getattr(block, "kind", None) == "yaml"  # not TOML, JSON or title blocks
    return True


def is_shared_syntax(md: MarkdownIt, text: str) -> bool:
    """Whether ``text`` uses only constructs MyST-Parser reads alike, in either flavour.

    ``md`` is sphinx-mmark's parser (``sphinx_mmark.parse.markdown.build_parser()``). The check
    runs for both flavours (v1 and v2 differ on ``$`` math and a few rules) and keeps a
    document only when both pass. Include lines are spliced in before tokens are built,
    so they are looked for separately.
    """
    from sphinx_mmark.parse.includes.rule import scan

    for flavour in ("v1", "v2"):
        if scan(md, text, flavour):
            return False
        if not all(_shared_token(t) for t in _walk(md.parse(text, {"flavour": flavour}))):
            return False
    return True


def as_myst(text: str) -> str:
    """``text`` without the front-matter key that makes sphinx-mmark claim a ``.md`` file."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---", 3)
    if end < 0:
        return text
    return _MARKER.sub("", text[: end + 1]) + text[end + 1 :]
