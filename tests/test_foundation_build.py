"""Full Sphinx builds for the foundation: real posts, cross-document links, output formats."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import build, write_project

POST_A = """\
---
title: "First post"
date: 2021-03-04T10:00:00+01:00
description: "The first post."
tags: [alpha, beta]
categories: [notes]
author: Ada
---

Intro with a note[^n] and inline math $$x^2$$.

# Background {#background}

See [the second post](second.md#results) and [](second.md#results).

$$
E = mc^2
$$

[^n]: A note with [a link](https://example.org/).
"""

POST_B = """\
+++
title = "Second post"
+++

# Results

Back to [the start](first.md) and (#results).
"""

INDEX = """\
Blog
====

.. toctree::

   first
   second
"""


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    write_project(
        tmp_path / "src",
        {"index.rst": INDEX, "first.md": POST_A, "second.md": POST_B},
        conf='html_theme = "sphinx_book_theme"\n',
    )
    return tmp_path / "src"


def test_html_blog(blog: Path) -> None:
    result = build(blog, "html")
    assert result.warning_lines() == []
    soup = BeautifulSoup(result.html("first"), "html.parser")
    assert soup.title is not None
    assert soup.title.text.startswith("First post")
    article = soup.find("article")
    assert article is not None
    assert [h.get_text(strip=True).rstrip("#") for h in article.find_all("h1")] == ["First post"]
    assert [h.get_text(strip=True).rstrip("#") for h in article.find_all("h2")] == ["Background"]
    meta = soup.find("meta", attrs={"name": "description"})
    assert meta is not None
    assert meta["content"] == "The first post."
    links = {a.get_text(strip=True): a["href"] for a in article.find_all("a", class_="mmark-xref")}
    assert links == {"the second post": "second.html#results", "Results": "second.html#results"}
    assert article.find("span", class_="math") is not None
    assert article.find("div", class_="math") is not None
    # the toctree entry is the front-matter title
    index = BeautifulSoup(result.html("index"), "html.parser")
    entries = [a.get_text(strip=True) for a in index.select("article li.toctree-l1 > a")]
    assert entries == ["First post", "Second post"]
    second = BeautifulSoup(result.html("second"), "html.parser").find("article")
    assert second is not None
    back = {a.get_text(strip=True): a["href"] for a in second.find_all("a", class_="mmark-xref")}
    assert back == {"the start": "first.html", "Results": "#results"}


def test_metadata_reaches_the_environment(blog: Path) -> None:
    result = build(blog, "html")
    meta = result.app.env.metadata["first"]
    assert meta["date"] == "2021-03-04T10:00:00+01:00"
    assert meta["tags"] == ["alpha", "beta"]
    assert meta["categories"] == ["notes"]
    assert meta["author"] == "Ada"


def test_latex_blog(blog: Path) -> None:
    result = build(blog, "latex")
    assert result.warning_lines() == []
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{footnote}" in tex
    assert r"\(x^2\)" in tex
    assert r"E = mc^2" in tex
    assert r"\begin{equation*}" in tex
    assert r"\label{\detokenize{second:results}}" in tex
    assert r"\hyperref[\detokenize{second:results}]" in tex


@pytest.mark.parametrize("builder", ["text", "man", "singlehtml", "dirhtml"])
def test_other_builders(blog: Path, builder: str) -> None:
    result = build(blog, builder)
    assert result.warning_lines() == []
    assert any(result.outdir.iterdir())


def test_parallel_build_matches_serial(blog: Path, tmp_path: Path) -> None:
    serial = build(blog, "html")
    serial_html = {p.name: p.read_text() for p in serial.outdir.glob("*.html")}
    parallel_src = tmp_path / "parallel"
    shutil.copytree(blog, parallel_src, ignore=shutil.ignore_patterns("_build"))
    parallel = build(parallel_src, "html", parallel=2)
    assert parallel.warning_lines() == []
    parallel_html = {p.name: p.read_text() for p in parallel.outdir.glob("*.html")}
    assert parallel_html == serial_html


def test_incremental_rebuild_reads_only_the_changed_post(blog: Path) -> None:
    build(blog, "html")
    again = build(blog, "html", fresh=False)
    assert "0 added, 0 changed, 0 removed" in again.status
    (blog / "second.md").write_text(POST_B.replace("Back to", "Return to"), encoding="utf-8")
    third = build(blog, "html", fresh=False)
    assert "0 added, 1 changed, 0 removed" in third.status
    assert "Return to" in third.html("second")


def test_suppress_warnings_silences_a_subtype(tmp_path: Path) -> None:
    files = {"index.md": "---\ntitle: T\n---\n\nA[^missing] and (#nowhere).\n"}
    write_project(tmp_path, files)
    noisy = build(tmp_path, "html")
    assert any("[mmark.footnote]" in w for w in noisy.warning_lines())
    assert any("[mmark.ref]" in w for w in noisy.warning_lines())
    write_project(tmp_path, files, conf='suppress_warnings.append("mmark.footnote")\n')
    quiet = build(tmp_path, "html")
    assert not any("[mmark.footnote]" in w for w in quiet.warning_lines())
    assert any("[mmark.ref]" in w for w in quiet.warning_lines())


def test_warnings_carry_file_and_line(tmp_path: Path) -> None:
    write_project(tmp_path, {"index.md": "---\ntitle: T\n---\n\nText.\n\nSee (#nowhere).\n"})
    result = build(tmp_path, "html")
    assert result.warning_lines() == [
        "index.md:7: WARNING: unknown cross-reference target: nowhere [mmark.ref]"
    ]


def test_invalid_config_value_warns_and_uses_default(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"index.md": "# Home\n", "post.md": "---\ntitle: T\ndraft: true\n---\n"},
        conf='mmark_build_drafts = "yes please"\n',
    )
    result = build(tmp_path, "html")
    assert any(
        "mmark_build_drafts must be a bool" in w and "[mmark.config]" in w
        for w in result.warning_lines()
    )
    assert not (result.outdir / "post.html").exists()  # the default: drafts left out


SEED = "seed/critical-failure.md"


def test_seed_post_html(corpus: Path, tmp_path: Path) -> None:
    """The post this project was started for, exactly as its author wrote it."""
    src = tmp_path / "seed"
    write_project(
        src,
        {"index.rst": "Blog\n====\n\n.. toctree::\n\n   critical-failure\n"},
        conf='html_theme = "sphinx_book_theme"\nmmark_build_drafts = True\n',
    )
    shutil.copy(corpus / SEED, src / "critical-failure.md")
    result = build(src, "html")
    assert result.warning_lines() == []
    soup = BeautifulSoup(result.html("critical-failure"), "html.parser")
    assert soup.title is not None
    assert soup.title.text.startswith("Critical failure")
    article = soup.find("article")
    assert article is not None
    assert [h.get_text(strip=True).rstrip("#") for h in article.find_all("h1")] == [
        "Critical failure"
    ]
    assert [h.get_text(strip=True).rstrip("#") for h in article.find_all("h2")] == [
        "The Project",
        "The Problem",
        "The Mechanics of Implication",
    ]
    notes = article.select("aside.footnote")
    assert [n["id"] for n in notes] == [
        "fn-mud",
        "fn-automation",
        "fn-agile",
        "fn-nonprofit",
        "fn-imagine",
    ]
    assert [n.select_one("span.label").get_text(strip=True) for n in notes] == [
        f"[{i}]" for i in range(1, 6)
    ]
    assert len(notes[0].select("a[role=doc-backlink]")) == 2
    refs = [a.get_text(strip=True) for a in article.select("a.footnote-reference")]
    assert refs == ["[1]", "[2]", "[1]", "[3]", "[4]", "[5]"]
    quote = article.find("blockquote")
    assert quote is not None
    assert quote.select_one("a.footnote-reference") is not None
    assert len(article.select("div.math")) == 1
    images = article.find_all("img")
    assert [img["alt"] for img in images] == ["Scotty from Star Trek"]
    # no smart quotes: Hugo rendered mmark with smartypants off
    assert "PLoP '97" in article.get_text()


def test_seed_post_latex(corpus: Path, tmp_path: Path) -> None:
    src = tmp_path / "seed"
    write_project(
        src,
        {"index.rst": "Blog\n====\n\n.. toctree::\n\n   critical-failure\n"},
        conf="mmark_build_drafts = True\n",
    )
    shutil.copy(corpus / SEED, src / "critical-failure.md")
    result = build(src, "latex")
    assert result.warning_lines() == []
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert len(re.findall(r"\\begin\{footnote\}", tex)) == 5
    assert r"\sphinxfootnotemark[1]" in tex  # the mud note, referenced a second time
    assert tex.count(r"\begin{equation*}") == 1
    assert r"\sphinxhref{https://i.imgflip.com/1rojys.jpg\#c}{Scotty from Star Trek}" in tex


def test_seed_post_is_a_draft_and_left_out_by_default(corpus: Path, tmp_path: Path) -> None:
    src = tmp_path / "seed"
    write_project(
        src,
        {
            "index.rst": "Blog\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n",
            "posts/published.md": "---\ntitle: Published\n---\n\nText.\n",
        },
    )
    shutil.copy(corpus / SEED, src / "posts" / "critical-failure.md")
    result = build(src, "html")
    assert result.warning_lines() == []
    assert (result.outdir / "posts" / "published.html").exists()
    assert not (result.outdir / "posts" / "critical-failure.html").exists()
