"""The LaTeX front page of a draft comes from its ``%%%`` title block (issue 15)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

DRAFT = """%%%
title = "The Frobnication Protocol"
abbrev = "Frob"
date = 2024-03-05T00:00:00Z

[seriesInfo]
name = "Internet-Draft"
value = "draft-example-frob-00"

[[author]]
initials = "A."
surname = "Example"
fullname = "Alice Example"
organization = "Example Corp"

[[author]]
initials = "B."
surname = "Sample"
fullname = "Bob Sample"
organization = "Sample University"

[[author]]
initials = "C."
surname = "Solo"
%%%

.# Abstract

This memo frobnicates abstractly.

{mainmatter}

# Introduction

Intro text (#abstract).

{backmatter}

# Extra Material

Appendix text.
"""


def _build(tmp_path: Path, conf: str = "") -> str:
    src = tmp_path / "src"
    src.mkdir()
    (src / "draft.md").write_text(DRAFT, encoding="utf-8")
    (src / "conf.py").write_text(
        f'project = "frob"\nroot_doc = "draft"\nextensions = ["sphinx_mmark"]\n{conf}',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert build_main(["-q", "-W", "-b", "latex", str(src), str(out)]) == 0
    return (out / "frob.tex").read_text(encoding="utf-8")


def test_front_page_from_title_block(tmp_path: Path) -> None:
    tex = _build(tmp_path)
    assert r"\documentclass[letterpaper,10pt,english]{sphinxhowto}" in tex
    assert r"\title{The Frobnication Protocol}" in tex
    author = tex.split(r"\author{", 1)[1].split("\n", 1)[0]
    for text in ("Alice Example", "Example Corp", "Bob Sample", "Sample University", "C. Solo"):
        assert text in author
    assert author.count(r"\and") == 2
    assert r"\date{5 March 2024}" in tex
    assert "Author name not set" not in tex
    body = tex.split(r"\begin{document}", 1)[1]
    abstract = body.index(r"\begin{abstract}")
    assert abstract < body.index("This memo frobnicates") < body.index(r"\end{abstract}")
    assert body.index(r"\end{abstract}") < body.index(r"\section{Introduction}")
    assert r"\chapter" not in body  # a draft is an article, not a book of one chapter
    assert r"\label{\detokenize{draft:abstract}}" in body  # links to the abstract land


def test_project_settings_win(tmp_path: Path) -> None:
    conf = (
        'latex_documents = [("draft", "frob.tex", "Own Title", "Own Author", "manual")]\n'
        'today = "Someday"\n'
    )
    tex = _build(tmp_path, conf)
    assert r"\title{Own Title}" in tex
    assert r"\author{Own Author}" in tex
    assert "{sphinxmanual}" in tex
    assert r"\date{Someday}" in tex
    assert r"\begin{abstract}" in tex  # the abstract is still one


def test_theme_of_the_project_is_kept(tmp_path: Path) -> None:
    tex = _build(tmp_path, 'latex_theme = "manual"\n')
    assert "{sphinxmanual}" in tex
    assert r"\title{The Frobnication Protocol}" in tex


def test_no_title_block_no_change(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text("# Plain\n\nText.\n", encoding="utf-8")
    (src / "conf.py").write_text(
        'project = "plain"\nextensions = ["sphinx_mmark"]\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    assert build_main(["-q", "-b", "latex", str(src), str(out)]) == 0
    tex = (out / "plain.tex").read_text(encoding="utf-8")
    assert "{sphinxmanual}" in tex
    assert r"\title{plain}" in tex


@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
def test_front_page_compiles(tmp_path: Path) -> None:
    _build(tmp_path)
    out = tmp_path / "out"
    done = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "frob.tex"],
        cwd=out,
        capture_output=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, (out / "frob.log").read_text(errors="replace")[-3000:]
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(
            ["pdftotext", "frob.pdf", "-"], cwd=out, capture_output=True, check=True
        ).stdout.decode()
        first = text.index("The Frobnication Protocol")
        assert first < text.index("Alice Example") < text.index("5 March 2024")
        assert text.index("This memo frobnicates") < text.index("Intro text")
