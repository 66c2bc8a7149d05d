"""What a rebuild loads: the markdown machinery only when a document is read.

Checked in a fresh interpreter, where ``sys.modules`` shows what the build imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .helpers import write_project

_BUILD = """
import sys
from sphinx.cmd.build import main
status = main(["-q", "-b", "html", sys.argv[1], sys.argv[2]])
print("loaded" if "sphinx_mmark.sphinx_ext.read" in sys.modules else "not loaded")
sys.exit(status)
"""


def _rebuild(srcdir: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_markdown_machinery_loads_only_when_a_page_is_read(tmp_path: Path) -> None:
    post = '---\ntitle: "Post"\n---\n\nText with a note[^1].\n\n[^1]: The note.\n'
    write_project(tmp_path, {"index.md": post, "other.md": post})
    assert _rebuild(tmp_path) == "loaded"  # first build: everything is read
    assert _rebuild(tmp_path) == "not loaded"  # nothing changed
    (tmp_path / "other.md").write_text(post + "\nMore.\n", encoding="utf-8")
    assert _rebuild(tmp_path) == "loaded"
