"""Page summaries, as Hugo's ``.Summary`` gives them to feeds.

A page's summary is, in Hugo's order of preference:

* its front-matter ``summary``;
* the paragraphs before ``<!--more-->`` (the renderer counts them in the
  document attribute ``mmark_summary_paragraphs``);
* the first ``summaryLength`` words (70) of its text, carried on to the end of
  the sentence that is under way (a word ending in ``.``, ``?`` or ``!``).

The text is plain (no markup), without the title that came from the front
matter and the date and terms shown under it. Summaries are found while
documents are read (a ``doctree-read`` handler) and kept on the environment by
document name, so the feeds never read doctrees again; ``-j`` workers'
summaries are merged, a removed or changed document's is purged.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..config import mmark_settings
from ..environment import kept_on, take_documents
from ..sphinx_ext.source_scan import scanned_front_matter
from .post_meta import CLASS as POST_META_CLASS

_SKIPPED = (
    nodes.comment,
    nodes.raw,
    nodes.system_message,
    nodes.docinfo,
    nodes.meta,
    nodes.substitution_definition,
    nodes.target,
    addnodes.toctree,
    addnodes.only,
    nodes.image,
)
"""Nodes whose text is no part of the page's visible text."""


def _skipped(node: nodes.Node) -> bool:
    """Whether ``node`` holds no text of the page: a :data:`_SKIPPED` node, or the
    post's date and terms that sphinx-mmark shows under its title (:mod:`.post_meta`)."""
    if isinstance(node, _SKIPPED):
        return True
    return isinstance(node, nodes.Element) and POST_META_CLASS in node["classes"]


_WORD = re.compile(r"\S+")
_SENTENCE_END = (".", "?", "!")


def summaries(env: BuildEnvironment) -> dict[str, str]:
    """Document name → its summary, for every document read with a Hugo site."""
    return kept_on(env, "mmark_summaries", dict)


def summary_of(env: BuildEnvironment, docname: str) -> str:
    """The summary of ``docname`` (``""`` when none was found)."""
    return summaries(env).get(docname, "")


def truncated(text: str, length: int) -> str:
    """``text`` cut after ``length`` words, carried on to the end of the sentence."""
    words = list(_WORD.finditer(text))
    if length <= 0 or len(words) <= length:
        return text.strip()
    for word in words[length - 1 :]:
        if word.group().endswith(_SENTENCE_END):
            return text[: word.end()].strip()
    return text.strip()


def text_blocks(doctree: nodes.Node, *, skip_title: bool) -> Iterator[nodes.TextElement]:
    """The outermost text elements of ``doctree`` (paragraphs, titles, code…) in order,
    without :data:`_SKIPPED` nodes and, when ``skip_title``, the document's first title."""
    pending_title = skip_title
    stack: list[nodes.Node] = [doctree]
    while stack:
        node = stack.pop()
        if _skipped(node):
            continue
        if isinstance(node, nodes.title) and pending_title:
            pending_title = False
            continue
        if isinstance(node, nodes.TextElement):
            yield node
        elif isinstance(node, nodes.Element):
            stack.extend(reversed(node.children))


def plain_text(node: nodes.Node) -> str:
    """The visible text of ``node``: its text nodes outside :data:`_SKIPPED` nodes
    (so no image's alternative text)."""
    if isinstance(node, nodes.Text):
        return node.astext()
    if _skipped(node) or not isinstance(node, nodes.Element):
        return ""
    return "".join(plain_text(child) for child in node.children)


def _paragraphs(doctree: nodes.document) -> Iterator[nodes.paragraph]:
    """The page's paragraphs, in order (not those of the post's date and terms)."""
    for paragraph in doctree.findall(nodes.paragraph):
        if not any(_skipped(parent) for parent in _ancestors(paragraph)):
            yield paragraph


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def page_summary(doctree: nodes.document, data: dict[str, object], length: int) -> str:
    """The summary of the page ``doctree`` whose front matter is ``data`` (see the
    module docstring)."""
    given = data.get("summary")
    if isinstance(given, str) and given.strip():
        return given.strip()
    paragraphs = doctree.get("mmark_summary_paragraphs")
    if isinstance(paragraphs, int) and paragraphs > 0:
        manual = list(_paragraphs(doctree))[:paragraphs]
        return "\n".join(plain_text(paragraph).strip() for paragraph in manual)
    blocks = text_blocks(doctree, skip_title=bool(data.get("title")))
    texts = (plain_text(block).strip() for block in blocks)
    return truncated("\n".join(text for text in texts if text), length)


def keep_summary(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the summary of the document just read (a ``doctree-read`` handler)."""
    settings = mmark_settings(app.config)
    if not settings.hugo_root:
        return
    env = app.env
    docname = env.docname
    relpath = os.fspath(env.doc2path(docname, base=False)).replace(os.sep, "/")
    data = scanned_front_matter(app.config, relpath) or {}
    summaries(env)[docname] = page_summary(doctree, data, settings.hugo_site.summary_length)


def purge_summary(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget a removed or changed document's summary (an ``env-purge-doc`` handler)."""
    summaries(env).pop(docname, None)


def merge_summaries(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """Take the summaries a ``-j`` worker found (an ``env-merge-info`` handler)."""
    take_documents(summaries(env), summaries(other), docnames)


def setup_summaries(app: Sphinx) -> None:
    """Register the handlers that keep the summaries."""
    app.connect("doctree-read", keep_summary)
    app.connect("env-purge-doc", purge_summary)
    app.connect("env-merge-info", merge_summaries)
