"""Build invariants: parallel and serial builds agree, builds are reproducible, and every
builder accepts a document that uses every construct."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import build, write_project

EVERYTHING = """\
---
title: "Every construct"
date: 2020-01-02
markup: mmark
tags: [a, b]
---

Intro with *emphasis*, **strong**, `code`, ~~struck~~, 2^10^, H~2~O, a\\ b, inline
math $$e^{i\\pi} = -1$$, a note[^one], another[^two] and the first again[^one].

## Section one {#one}

A> An aside with words.

> A quote that is cited.

Quote: Somebody Famous

Name | Value
-----|------
a    | 1
b    | 2
Table: A small table {#tab-small}

``` go
package main // <<1>>
```
Figure: Some code

$$
\\int_0^1 x\\,dx
$$

Term
:   Its definition.

1) first
2) second

See (#one), [the table](#tab-small), [@RFC2119] and (!index entry).

**MUST** and **SHOULD NOT**.

<!-- a comment -->

{{< highlight python >}}
print("shortcode")
{{< /highlight >}}

## Section two

.# Note

Closing words[^two].

[^one]: The first note.

[^two]: The second note.
"""

SECOND = "# Second page\n\nBack to [the first](everything.md#one).\n"


def _project(root: Path) -> Path:
    write_project(
        root,
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   everything\n   second\n",
            "everything.md": EVERYTHING,
            "second.md": SECOND,
        },
        conf='project = "invariants"\nlatex_documents = [("index", "x.tex", "X", "Y", "manual")]\n',
    )
    return root


def _html_pages(outdir: Path) -> dict[str, str]:
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
    }


def test_serial_and_parallel_builds_agree(tmp_path: Path) -> None:
    serial = build(_project(tmp_path / "serial"))
    parallel = build(_project(tmp_path / "parallel"), parallel=2)
    a, b = _html_pages(serial.outdir), _html_pages(parallel.outdir)
    assert set(a) == set(b)
    for name in ("everything.html", "second.html", "index.html", "genindex.html"):
        assert a[name] == b[name], f"{name} differs between -j 1 and -j 2"
    assert "The first note." in a["everything.html"]


def _sphinx_build(src: Path, out: Path, seed: str, builder: str = "html") -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-E", str(src), str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_reproducible_across_hash_seeds(tmp_path: Path, builder: str) -> None:
    src = _project(tmp_path / "src")
    _sphinx_build(src, tmp_path / "one", "1", builder)
    _sphinx_build(src, tmp_path / "two", "2", builder)
    suffix = "*.html" if builder == "html" else "*.tex"
    one = {
        p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob(suffix)
    }
    two = {
        p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob(suffix)
    }
    assert one.keys() == two.keys()
    assert one
    different = [str(name) for name in one if one[name] != two[name]]
    assert not different, f"output depends on PYTHONHASHSEED: {different}"


EXPECTED_WORDS = ("Every construct", "aside with words", "Its definition", "Closing words")


@pytest.mark.parametrize("builder", ["html", "latex", "text", "man"])
def test_every_builder(tmp_path: Path, builder: str) -> None:
    result = build(_project(tmp_path / builder), builder)
    # every construct in the document is well-formed and every reference has its target
    assert result.warnings == "", result.warnings
    outputs = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in result.outdir.rglob("*")
        if p.is_file() and p.suffix in (".html", ".tex", ".txt", ".1")
    ]
    text = "\n".join(outputs)
    flat = " ".join(text.split()).lower()
    for words in EXPECTED_WORDS:
        assert words.lower() in flat, f"{words!r} missing ({builder})"
    if builder == "latex":
        # two notes, each a real footnote; the note referenced again is a footnote mark
        assert text.count("\\begin{footnote}") == 2, text
        assert "\\sphinxfootnotemark" in text
        assert "<script" not in text
        assert "<aside" not in text
