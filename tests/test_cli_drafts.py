"""One document file through ``sphinx-mmark build`` (issue 15), and files that other
documents include left out as pages (``mmark_exclude_included``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sphinx_mmark.cli import main
from sphinx_mmark.sphinx_ext.included import _reached_only

DRAFT = """%%%
title = "A Tiny Protocol"

[[author]]
fullname = "Alice Example"
organization = "Example Corp"
%%%

.# Abstract

Nothing much.

{mainmatter}

{{intro.md}}

# Protocol

See (#introduction).

<{{example.md}}
"""


def _draft(folder: Path) -> Path:
    """A draft with a text include, a code include of a .md file and a sibling draft."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "draft.md").write_text(DRAFT, encoding="utf-8")
    (folder / "intro.md").write_text("# Introduction\n\nIntro text.\n", encoding="utf-8")
    (folder / "example.md").write_text("# Not a page\n\nShown as code.\n", encoding="utf-8")
    (folder / "other.md").write_text("# Other\n\nAnother draft.\n", encoding="utf-8")
    return folder / "draft.md"


def test_one_file_to_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = _draft(tmp_path / "src")
    out = tmp_path / "out"
    assert main(["build", str(draft), str(out), "-W", "-q"]) == 0
    assert "WARNING" not in capsys.readouterr().err
    html = (out / "draft.html").read_text(encoding="utf-8")
    assert "A Tiny Protocol" in html
    assert "Intro text." in html
    assert "Shown as code." in html
    for part in ("intro", "example", "other"):  # parts and the sibling are no pages
        assert not (out / f"{part}.html").exists()
    assert not (tmp_path / "src" / "_build").exists()


def test_one_file_default_output_and_state(tmp_path: Path) -> None:
    draft = _draft(tmp_path / "src")
    assert main(["build", str(draft), "-q"]) == 0
    assert (tmp_path / "src" / "_build" / "html" / "draft.html").is_file()
    assert (tmp_path / "src" / ".sphinx-mmark" / "draft" / "html").is_dir()
    assert not (tmp_path / "src" / "public").exists()


def test_one_file_to_latex(tmp_path: Path) -> None:
    draft = _draft(tmp_path / "src")
    out = tmp_path / "latex"
    assert main(["build", str(draft), str(out), "--builder", "latex", "-W", "-q"]) == 0
    tex = (out / "draft.tex").read_text(encoding="utf-8")
    assert r"\title{A Tiny Protocol}" in tex
    assert "{sphinxhowto}" in tex
    assert "Intro text." in tex
    assert "Shown as code." in tex
    assert [path.name for path in out.glob("*.tex")] == ["draft.tex"]


def test_one_file_to_rfcxml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if importlib.util.find_spec("sphinx_mmark.rfcxml") is None:
        pytest.skip("the rfcxml builder is not there yet")
    draft = _draft(tmp_path / "src")
    out = tmp_path / "xml"
    status = main(["build", str(draft), str(out), "--builder", "rfcxml", "-q"])
    err = capsys.readouterr().err
    if status != 0 and "no builder" in err.lower():
        pytest.skip("the rfcxml builder is not registered")
    assert status == 0, err
    written = list(out.glob("*.xml"))
    assert len(written) == 1
    assert "A Tiny Protocol" in written[0].read_text(encoding="utf-8")


def test_file_that_is_no_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["build", str(tmp_path / "notes.txt"), str(tmp_path / "out")]) == 2
    assert "neither a folder nor a .md or .mmark document" in capsys.readouterr().err


def test_write_conf_needs_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = _draft(tmp_path / "src")
    assert main(["build", str(draft), str(tmp_path / "out"), "--write-conf"]) == 2
    assert "give a folder" in capsys.readouterr().err


def _project(folder: Path, conf: str = "") -> Path:
    _draft(folder)
    (folder / "conf.py").write_text(
        f'root_doc = "draft"\nextensions = ["sphinx_mmark"]\n{conf}', encoding="utf-8"
    )
    return folder


def _built(out: Path) -> set[str]:
    return {path.stem for path in out.glob("*.html")} - {"genindex", "search"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_project_leaves_parts_out(tmp_path: Path, jobs: str) -> None:
    src = _project(tmp_path / "src", "mmark_exclude_included = True\n")
    out = tmp_path / "out"
    args = ["-q", "-j", jobs, "-b", "html", "-d", str(tmp_path / "state"), str(src), str(out)]
    assert build_main(args) == 0
    assert _built(out) == {"draft", "other"}


def test_project_builds_parts_by_default(tmp_path: Path) -> None:
    src = _project(tmp_path / "src")
    out = tmp_path / "out"
    assert build_main(["-q", "-b", "html", str(src), str(out)]) == 0
    assert _built(out) == {"draft", "other", "intro", "example"}


def test_invalid_value_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _project(tmp_path / "src", 'mmark_exclude_included = "yes"\n')
    out = tmp_path / "out"
    assert build_main(["-q", "-b", "html", str(src), str(out)]) == 0
    assert "mmark_exclude_included must be a bool" in capsys.readouterr().err
    assert _built(out) == {"draft", "other", "intro", "example"}  # the default


def test_incremental_include_changes(tmp_path: Path) -> None:
    """An include line added or removed takes a page out or back in on the next build;
    a change to an included part rebuilds the draft."""
    src = _project(tmp_path / "src", "mmark_exclude_included = True\n")
    out, state = tmp_path / "out", tmp_path / "state"
    args = ["-q", "-b", "html", "-d", str(state), str(src), str(out)]
    assert build_main(args) == 0
    draft = src / "draft.md"
    draft.write_text(DRAFT.replace("{{intro.md}}", ""), encoding="utf-8")
    assert build_main(args) == 0
    assert "intro" in _built(out)
    (out / "intro.html").unlink()
    draft.write_text(DRAFT + "\n{{other.md}}\n", encoding="utf-8")
    assert build_main(args) == 0
    assert not (out / "intro.html").exists()
    (src / "intro.md").write_text("# Introduction\n\nChanged text.\n", encoding="utf-8")
    assert build_main(args) == 0
    assert "Changed text." in (out / "draft.html").read_text(encoding="utf-8")


def test_folder_of_posts_leaves_parts_out(tmp_path: Path) -> None:
    _draft(tmp_path / "src")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "src"), str(out), "--builder", "html", "-q"]) == 0
    assert (out / "draft.html").is_file()
    assert (out / "other.html").is_file()
    assert not (out / "intro.html").exists()
    assert not (out / "example.html").exists()


def test_reached_only() -> None:
    sources = dict.fromkeys(["main.md", "a.md", "b.md", "c.md", "x.md", "y.md", "z.md"], True)
    edges = {"main.md": ["a.md"], "a.md": ["b.md", "main.md"], "x.md": ["y.md"], "y.md": ["x.md"]}
    # main is the root: a and b are parts; x and y only include each other: pages
    assert _reached_only(sources, edges, "main.md") == ["a.md", "b.md"]
    # without a root document: only what a source nobody includes reaches
    assert _reached_only(sources, {"c.md": ["z.md"]}, None) == ["z.md"]
