"""The visible-markup check (issue 14): no raw mmark in the text a reader sees.

Every corpus document is rendered to HTML (each top-level corpus folder, and each book, built
once as one Sphinx project); the visible text of each page (code, maths and attributes left out, see
``tests/visible_markup.py``) must hold none of the markers ``{#``, ``{.``, ``[^``, ``$$``,
``{{<``, ``%%%``, ``](``, ``<{{``, ``(#``, ``{mainmatter}``, except where
``tests/baselines/visible_markup.json`` lists the hit (file, marker, a piece of its context)
with a reason. The checker itself is tested on small pages and on a small built document.
"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest

from . import visible_markup
from .helpers import build, write_project
from .visible_markup import (
    Allowed,
    Hit,
    corpus_documents,
    docname,
    hits,
    load_exceptions,
    unexpected,
    unused,
    visible_text,
)

PROJECTS = (
    "seed",
    "hugo-posts",
    "ietf-drafts",
    "mmark-v2",
    "books/absoludity__geometry-of-relativity-source",
    "books/learninggo-v1",
    "books/learninggo-v2",
)
"""The corpus, as Sphinx projects: each top-level folder, and each book on its own."""


def _page(body: str) -> str:
    return f'<html><body><nav>{{#nav}}</nav><div role="main">{body}</div></body></html>'


# -- the checker ------------------------------------------------------------------------


def test_a_marker_in_running_text_is_a_hit_with_file_and_context() -> None:
    found = hits("a.md", _page("<p>A heading that kept its id {#intro} in the text.</p>"))
    assert found == [Hit("a.md", "{#", "A heading that kept its id {#intro} in the text.")]
    assert str(found[0]) == "a.md: '{#' in 'A heading that kept its id {#intro} in the text.'"


def test_context_is_about_sixty_characters() -> None:
    text = "x" * 100 + "[^1]" + "y" * 100
    (hit,) = hits("a.md", _page(f"<p>{text}</p>"))
    assert hit.context == "x" * 30 + "[^1]" + "y" * 28


def test_code_maths_attributes_and_navigation_are_not_visible_markup() -> None:
    body = (
        "<pre>{#a} [^1] $$</pre><p><code>](x)</code> <tt>(#y)</tt> <kbd>{{&lt;</kbd>"
        '<span class="math notranslate">\\(a$$b\\)</span></p>'
        '<div class="math">%%% {mainmatter}</div><a href="#x" title="{.class}">link</a>'
        "<!-- {#comment} --><script>var a = '{{<'</script>"
    )
    assert hits("a.md", _page(body)) == []


def test_a_marker_split_over_inline_elements_is_found() -> None:
    assert [hit.marker for hit in hits("a.md", _page("<p>see [<em>this</em>](x)</p>"))] == ["]("]
    assert [hit.marker for hit in hits("a.md", _page("<p>[<a>^1</a>]</p>"))] == ["[^"]


def test_code_between_two_halves_does_not_join_them() -> None:
    assert hits("a.md", _page("<p>a [<code>x</code>^ b $<span class='math'>y</span>$</p>")) == []
    assert "\n" in visible_text(_page("<p>a<code>x</code>b</p>"))


def test_every_marker_is_found_in_order() -> None:
    text = " ".join(f"<p>{marker.replace('<', '&lt;')}</p>" for marker in visible_markup.MARKERS)
    found = [hit.marker for hit in hits("a.md", _page(text))]
    assert found == list(visible_markup.MARKERS)


def test_an_exception_covers_only_its_file_marker_and_context() -> None:
    rule = Allowed("a.md", "[^", "syntax is [^1]", "a post about footnote syntax")
    same = Hit("a.md", "[^", "the syntax is [^1] here")
    elsewhere = Hit("b.md", "[^", "the syntax is [^1] here")
    other_marker = Hit("a.md", "](", "the syntax is [^1](x) here")
    other_text = Hit("a.md", "[^", "a note [^2] left raw")
    assert unexpected([same, elsewhere, other_marker, other_text], [rule]) == [
        elsewhere,
        other_marker,
        other_text,
    ]
    assert unused([same], [rule]) == []
    assert unused([other_text], [rule]) == [rule]


def test_the_exceptions_file_is_well_formed() -> None:
    rows = json.loads(visible_markup.EXCEPTIONS.read_text(encoding="utf-8"))
    assert isinstance(rows, list)
    for row in rows:
        assert set(row) == {"file", "marker", "context", "reason"}, row
        assert row["marker"] in visible_markup.MARKERS, row
        assert row["marker"] in row["context"], row
        assert visible_markup.project_of(row["file"]) in PROJECTS, row
        assert row["reason"].strip(), row
    assert len(load_exceptions()) == len(rows)


def test_the_check_fails_on_a_built_document_that_leaves_markup_visible(tmp_path: Path) -> None:
    """The check can fail: an escaped attribute is shown to the reader, and is caught."""
    src = tmp_path / "src"
    write_project(
        src,
        {
            "index.md": "# Title\n\nKept: \\{#x} and `{#code}`.\n\n$$\n{#math}\n$$\n",
            "clean.md": "# Clean {#clean}\n\nSee (#clean) and a note.[^1]\n\n[^1]: The note.\n",
        },
    )
    result = build(src)
    assert [str(hit) for hit in hits("index.md", result.html("index"))] == [
        "index.md: '{#' in 'Title Kept: {#x} and .'"
    ]
    assert hits("clean.md", result.html("clean")) == []


# -- the corpus -------------------------------------------------------------------------


_CONF = """\
html_theme = "basic"
root_doc = "_visible_root"
include_patterns = {patterns!r}
suppress_warnings = ["toc.not_included", "toc.excluded"]
mmark_build_drafts = True
"""


def test_the_corpus_has_no_project_the_check_leaves_out(corpus: Path) -> None:
    assert set(corpus_documents(corpus)) <= set(PROJECTS)


@pytest.mark.slow
@pytest.mark.parametrize("project", PROJECTS)
def test_no_raw_mmark_is_visible_in_the_corpus(corpus: Path, tmp_path: Path, project: str) -> None:
    documents = corpus_documents(corpus).get(project)
    if not documents:
        pytest.skip(f"the corpus has no documents in {project}/")
    src = tmp_path / "src"
    shutil.copytree(corpus / project, src, ignore=shutil.ignore_patterns("_build", ".git"))
    patterns = ["_visible_root.rst", *documents]
    write_project(
        src,
        {"_visible_root.rst": "Corpus\n======\n"},
        conf=_CONF.format(patterns=patterns),
    )
    result = build(src)
    missing = [
        path for path in documents if not (result.outdir / f"{docname(path)}.html").is_file()
    ]
    assert not missing, f"no page for {missing}"
    found = [
        hit for path in documents for hit in hits(f"{project}/{path}", result.html(docname(path)))
    ]
    allowed = [rule for rule in load_exceptions() if rule.file.startswith(f"{project}/")]
    for hit in found:
        print(hit)
    stale = unused(found, allowed)
    if stale:
        warnings.warn(
            f"{project}: exceptions that match no hit any more (remove them from "
            f"{visible_markup.EXCEPTIONS.name}): "
            + "; ".join(f"{rule.file} {rule.marker!r} {rule.context!r}" for rule in stale),
            UserWarning,
            stacklevel=1,
        )
    left = unexpected(found, allowed)
    assert not left, f"{project}: raw mmark visible to the reader:\n" + "\n".join(
        f"  {hit}" for hit in left
    )
