"""Hostile image paths (issue 17): a document never publishes a file from outside the project.

Sphinx copies the file of every local image into the output (``_images/`` for HTML, the
LaTeX folder), so ``![x](../../victim/secret.png)`` would publish any file the build can
read. Each case below points an mmark image (Markdown, reference-style, linked, figure
shortcode, figure group, with a block attribute, in an included file, a ``name.*``
pattern, a language variant) at a file outside the project, through ``..``, a leading
``/``, an absolute ``//`` path, percent-encoding or a symbolic link in the source tree.
Each must give one ``mmark.image`` warning at its line, show its alt text, and leave no
copy of the file's bytes anywhere under the output folder; the file itself is left as it
was. Images inside the source directory and in the Hugo site's ``static/`` folder still
work.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import Build, build, write_project

MARKER = b"OUTSIDE-THE-PROJECT-7f3a"
"""Bytes that only the outside file holds."""


def _png(extra: bytes = b"") -> bytes:
    """A valid 1x1 PNG, with ``extra`` in a text chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    text = chunk(b"tEXt", b"Comment\x00" + extra) if extra else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + text
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


SECRET = _png(MARKER)
"""The outside file's bytes."""

OUT_OF_POSTS = "../../../victim/secret.png"
"""The outside file, from ``content/posts/`` (``content`` is the source directory)."""


@dataclass(frozen=True)
class Case:
    """One hostile document, ``content/posts/<name>.md``."""

    text: str
    """The document; its hostile image's alt text is ``Secret <name>``."""
    line: int
    """The line of the hostile image (in ``content/parts/inc.md`` for an include)."""
    file: str = ""
    """The file the warning names, when it is not the document itself."""


CASES = {
    "relative": Case(f"# R\n\n![Secret relative]({OUT_OF_POSTS})\n", 3),
    "rooted": Case("# R\n\nText.\n\n![Secret rooted](/../../victim/secret.png)\n", 5),
    "hugostatic": Case(
        '# H\n\n{{< figure src="/images/../../../victim/secret.png" alt="Secret hugostatic" >}}\n',
        3,
    ),
    "absolute": Case("# A\n\n![Secret absolute](/{victim}/secret.png)\n", 3),
    "percent": Case("# P\n\n![Secret percent](%2e%2e/%2E%2E/..%2fvictim/secret.png)\n", 3),
    "symlink": Case("# S\n\n![Secret symlink](leak.png)\n", 3),
    "pattern": Case("# S\n\n![Secret pattern](leak.*)\n", 3),
    "language": Case("# S\n\n![Secret language](pic.png)\n", 3),
    "reference": Case(f"# R\n\n![Secret reference][s]\n\n[s]: {OUT_OF_POSTS}\n", 3),
    "linked": Case(f"# L\n\n[![Secret linked]({OUT_OF_POSTS})](https://example.org)\n", 3),
    "attribute": Case(f"# A\n\n{{#pic .wide}}\n![Secret attribute]({OUT_OF_POSTS})\n", 4),
    "shortcode": Case(
        f'# F\n\n{{{{< figure src="{OUT_OF_POSTS}" alt="Secret shortcode" >}}}}\n', 3
    ),
    "shortcodelink": Case(
        '# F\n\n{{< figure src="leak.png" alt="Secret shortcodelink" caption="C" >}}\n', 3
    ),
    "group": Case(
        f"# G\n\n!---\n![Secret group]({OUT_OF_POSTS})\n![Fine](/img/a.png)\n!---\n"
        "Figure: A group.\n",
        4,
    ),
    "include": Case("# I\n\n{{../parts/inc.md}}\n", 3, file="parts/inc.md"),
}
"""Hostile documents by name; ``{victim}`` stands for the outside folder."""


def _lay_out(root: Path, cases: dict[str, Case]) -> Path:
    """A Hugo site in ``root/site`` (source directory ``content``) holding ``cases``, and
    the outside file ``root/victim/secret.png``; returns the source directory."""
    victim = root / "victim"
    victim.mkdir()
    (victim / "secret.png").write_bytes(SECRET)
    site = root / "site"
    (site / "static" / "images").mkdir(parents=True)
    (site / "static" / "images" / "star.png").write_bytes(_png(b"star"))
    (site / "hugo.toml").write_text('title = "T"\n', encoding="utf-8")
    content = site / "content"
    files: dict[str, str | bytes] = {
        "index.md": "# Home\n\nText.\n",
        "img/a.png": _png(b"fine"),
        "parts/inc.md": f"Included.\n\n![Secret include]({OUT_OF_POSTS})\n",
    }
    for name, case in cases.items():
        files[f"posts/{name}.md"] = case.text.replace("{victim}", str(victim))
    write_project(
        content, files, conf='mmark_hugo_root = ".."\nexclude_patterns = ["parts", "_build"]\n'
    )
    os.symlink(victim / "secret.png", content / "posts" / "leak.png")
    # Sphinx takes ``pic.en.png`` for ``pic.png`` (``figure_language_filename``)
    (content / "posts" / "pic.png").write_bytes(_png(b"pic"))
    os.symlink(victim / "secret.png", content / "posts" / "pic.en.png")
    return content


def _tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` and the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _assert_nothing_leaked(root: Path, result: Build, before: dict[str, str]) -> None:
    """No file under the output folder holds the outside file's bytes; it is unchanged."""
    secret_digest = hashlib.sha256(SECRET).hexdigest()
    listing = _tree_digest(result.outdir)
    assert secret_digest not in listing.values(), listing
    holding = [name for name in listing if MARKER in (result.outdir / name).read_bytes()]
    assert holding == []
    assert _tree_digest(root / "victim") == before


def _image_warnings(result: Build, docname: str, case: Case) -> list[str]:
    """The warnings naming the file of ``case`` (``docname`` unless it names another)."""
    file = case.file or f"{docname}.md"
    return [line for line in result.warning_lines() if line.startswith(f"{file}:")]


@pytest.mark.parametrize("name", list(CASES))
def test_outside_image_is_refused_in_html(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    srcdir = _lay_out(tmp_path, {name: case})
    before = _tree_digest(tmp_path / "victim")
    result = build(srcdir)
    _assert_nothing_leaked(tmp_path, result, before)
    warnings = _image_warnings(result, f"posts/{name}", case)
    assert len(warnings) == 1, result.warnings
    assert warnings[0].startswith(f"{case.file or f'posts/{name}.md'}:{case.line}: WARNING: ")
    assert warnings[0].endswith("[mmark.image]")
    page = BeautifulSoup(result.html(f"posts/{name}"), "html.parser")
    refused = page.select_one(".mmark-refused-image")
    assert refused is not None
    assert refused.get_text() == f"Secret {name}"
    assert not [img for img in page.select("img") if "Secret" in str(img.get("alt", ""))]


def test_outside_images_are_refused_in_latex_text_and_man(tmp_path: Path) -> None:
    srcdir = _lay_out(tmp_path, CASES)
    before = _tree_digest(tmp_path / "victim")
    for builder in ("latex", "text", "man"):
        result = build(srcdir, builder, fresh=True)
        _assert_nothing_leaked(tmp_path, result, before)
        refusals = [line for line in result.warning_lines() if line.endswith("[mmark.image]")]
        assert len(refusals) == len(CASES), result.warnings
        output = "\n".join(
            path.read_text(encoding="utf-8", errors="replace")
            for path in result.outdir.rglob("*")
            if path.suffix in (".tex", ".txt", ".1")
        )
        for name in CASES:
            assert f"Secret {name}" in output, (builder, name)


def _page_warnings(result: Build) -> list[str]:
    """The mmark warnings of a build, less those of the Hugo site's file copying: the
    layout's hostile links (``leak.png``) are left out of the site with a warning each."""
    leaks = "is a symbolic link that leads outside it: not copied to the site [mmark.hugo]"
    no_url = "the site has no absolute baseURL"  # (the layout's hugo.toml names none)
    lines = [line for line in result.warning_lines() if "mmark" in line]
    assert any(leaks in line for line in lines)
    return [line for line in lines if leaks not in line and no_url not in line]


def test_images_inside_the_project_still_work(tmp_path: Path) -> None:
    fine = Case(
        "# Fine\n\n![Local](../img/a.png) ![Rooted](/img/a.png) ![Pattern](/img/a.*)\n\n"
        '{{< figure src="/images/star.png" alt="Static" >}}\n\n![Remote](https://example.org/r.png)\n',
        3,
    )
    srcdir = _lay_out(tmp_path, {"fine": fine})
    result = build(srcdir)
    assert _page_warnings(result) == []
    page = BeautifulSoup(result.html("posts/fine"), "html.parser")
    sources = {img["alt"]: img["src"] for img in page.select("img")}
    assert sources == {
        "Local": "../_images/a.png",
        "Rooted": "../_images/a.png",
        "Pattern": "../_images/a.png",
        "Static": "../_images/star.png",
        "Remote": "https://example.org/r.png",
    }
    assert (result.outdir / "_images" / "star.png").read_bytes() == _png(b"star")
    assert page.select(".mmark-refused-image") == []


LINK_CASES = {
    "relative": (f"# R\n\n[Secret relative]({OUT_OF_POSTS})\n", 3),
    "percent": ("# P\n\nText.\n\n[Secret percent](%2e%2e/%2E%2E/%2e%2e/victim/secret.png)\n", 5),
    "symlink": ("# S\n\n[Secret symlink](leak.png)\n", 3),
}
"""Links to a local file, which Sphinx would copy into ``_downloads/``: (text, line)."""


@pytest.mark.parametrize("name", list(LINK_CASES))
def test_outside_download_link_is_refused(tmp_path: Path, name: str) -> None:
    text, line = LINK_CASES[name]
    srcdir = _lay_out(tmp_path, {name: Case(text, line)})
    before = _tree_digest(tmp_path / "victim")
    result = build(srcdir)
    _assert_nothing_leaked(tmp_path, result, before)
    warnings = _image_warnings(result, f"posts/{name}", Case(text, line))
    assert len(warnings) == 1, result.warnings
    assert warnings[0].startswith(f"posts/{name}.md:{line}: WARNING: link to ")
    assert warnings[0].endswith("[mmark.download]")
    page = BeautifulSoup(result.html(f"posts/{name}"), "html.parser")
    assert f"Secret {name}" in page.get_text()
    assert not [a for a in page.select("a") if "Secret" in a.get_text()]


def test_download_link_inside_the_project_still_works(tmp_path: Path) -> None:
    srcdir = _lay_out(tmp_path, {"fine": Case("# F\n\n[Get it](../img/a.png)\n", 3)})
    result = build(srcdir)
    assert _page_warnings(result) == []
    page = BeautifulSoup(result.html("posts/fine"), "html.parser")
    (link,) = [a for a in page.select("a") if a.get_text() == "Get it"]
    assert "_downloads/" in str(link["href"])
