"""The ``sphinx-mmark build`` command: its three kinds of source, and its errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_mmark.cli import main
from sphinx_mmark.hugo.site import SourceError, classify

POST = "---\ntitle: {title}\ndate: {date}\n---\n\nText of {title}.\n"


def _posts(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "older.md").write_text(POST.format(title="Older", date="2020-01-01"), "utf-8")
    (folder / "newer.mmark").write_text(POST.format(title="Newer", date="2021-01-01"), "utf-8")
    (folder / "draft.md").write_text(
        "---\ntitle: Draft\ndraft: true\n---\n\nSecret.\n", encoding="utf-8"
    )


def test_classify(tmp_path: Path) -> None:
    (tmp_path / "sphinx").mkdir()
    (tmp_path / "sphinx" / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "hugo" / "content").mkdir(parents=True)
    (tmp_path / "hugo" / "config.yaml").write_text("title: x\n", encoding="utf-8")
    _posts(tmp_path / "posts")
    (tmp_path / "empty").mkdir()
    assert classify(tmp_path / "sphinx") == "sphinx"
    assert classify(tmp_path / "hugo") == "hugo"
    assert classify(tmp_path / "posts") == "posts"
    with pytest.raises(SourceError):
        classify(tmp_path / "empty")


def test_bare_folder_of_posts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _posts(tmp_path / "posts")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "posts"), str(out), "-q"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("Newer") < index.index("Older")  # newest first
    assert (out / "newer" / "index.html").is_file()
    assert not (out / "draft").exists()
    assert "posts" in (out / ".sphinx-mmark" / "src" / "older.md").resolve().as_posix()
    assert ".sphinx-mmark" not in capsys.readouterr().err  # warnings name the user's files


def test_drafts_option(tmp_path: Path) -> None:
    _posts(tmp_path / "posts")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "posts"), str(out), "-q", "--drafts", "-b", "html"]) == 0
    assert "Secret." in (out / "draft.html").read_text(encoding="utf-8")


def test_sphinx_project_gets_the_extension(tmp_path: Path) -> None:
    src = tmp_path / "proj"
    src.mkdir()
    (src / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    (src / "index.mmark").write_text("# Hello\n\nSum $$x^2$$.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), str(out), "-q"]) == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<span class="math notranslate nohighlight">\\(x^2\\)</span>' in html


def test_wrong_folder_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    for folder in (tmp_path / "empty", tmp_path / "missing"):
        proc = subprocess.run(
            [sys.executable, "-m", "sphinx_mmark", "build", str(folder), str(tmp_path / "o")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 2
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, proc.stderr
        assert lines[0].startswith("sphinx-mmark: error:"), proc.stderr


def test_broken_hugo_config_is_a_one_line_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "unclosed\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx_mmark", "build", str(site), str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "hugo.toml" in proc.stderr


def test_console_script_is_declared() -> None:
    text = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert 'sphinx-mmark = "sphinx_mmark.cli:main"' in text
