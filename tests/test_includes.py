"""Includes (``{{file}}``) and code includes (``<{{file}}``): syntax, addresses, safety,
line mapping, incremental builds, and the multi-file documents of the corpus.

Cases that need no second file are in ``tests/fixtures/includes.md``.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.util.docutils import patch_docutils

from sphinx_mmark.parse.includes.address import AddressError, parse_address, select_lines
from sphinx_mmark.parse.includes.line import IncludeLine, parse_include_line
from sphinx_mmark.parse.includes.paths import IncludeError, read_text, resolve

from .helpers import Build, build, write_project

# -- the include line ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{a.md}}", IncludeLine("text", "a.md", None)),
        ("{{a..b.md}}", IncludeLine("text", "a..b.md", None)),
        ("{{../x.md}}", IncludeLine("text", "../x.md", None)),
        ("{{./x.md}}", IncludeLine("text", "./x.md", None)),
        ("{{a.md}}[3,5]", IncludeLine("text", "a.md", "3,5")),
        ('<{{c.go}}[3,5;prefix="C: "]  ', IncludeLine("code", "c.go", '3,5;prefix="C: "')),
        ("<{{c.go}}[/[a-z]+/,/]/]", IncludeLine("code", "c.go", "/[a-z]+/,/]/")),
        ("{{/etc/passwd}}", IncludeLine("text", "/etc/passwd", None)),
    ],
)
def test_include_lines(text: str, expected: IncludeLine) -> None:
    assert parse_include_line(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '{{< figure src="x" >}}',
        "{{% note %}}",
        "{{</* escaped */>}}",
        "{{.Params.x}}",
        "{{ .Title }}",
        "{{- if .x -}}",
        "{{$x := 1}}",
        "{{._private}}",
        "{{a.md}} and more text",
        "{{a.md}}[3,5] trailing",
        "{{}}",
        "{{a.md}",
        "text {{a.md}}",
        "<{{ .x }}",
    ],
)
def test_not_include_lines(text: str) -> None:
    assert parse_include_line(text) is None


# -- addresses (mmark v2's testdata, lines "1 line 1" … "3 line 3") ------------

THREE = ["1 line 1", "2 line 2", "3 line 3"]


@pytest.mark.parametrize(
    ("address", "selected", "prefix"),
    [
        ("", THREE, ""),
        ("0,1", THREE[:1], ""),
        ("1,1", THREE[:1], ""),
        ("1,3", THREE[:2], ""),
        ("1,4", THREE, ""),
        ("2,3", THREE[1:2], ""),
        ("2,", THREE[1:], ""),
        ("2,99", THREE[1:], ""),
        ("/^1/, /^3/", THREE[:2], ""),
        ("/^2/,/3$/", THREE[1:2], ""),  # the end match is inside a line: still left out
        ("/1/,/line 2/", THREE[:1], ""),
        ("/line 2/,/line/", THREE[1:2], ""),  # the end is searched after the start line
        ("/line 1/,/1|3/", THREE[:2], ""),  # a match in the start line is not the end
        ('1,1; prefix="C: "', THREE[:1], "C: "),
        ('prefix="C: "', THREE, "C: "),
        ("prefix='> ';2,", THREE[1:], "> "),
        (r"/a\/b|^2/,/3$/", THREE[1:2], ""),  # \/ does not end the pattern
    ],
)
def test_addresses(address: str, selected: list[str], prefix: str) -> None:
    parsed = parse_address(address)
    start, stop = select_lines(parsed, THREE)
    assert THREE[start:stop] == selected
    assert parsed.prefix == prefix


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("9,2", "is empty"),
        ("2,2", "is empty"),
        ("5,", "past the end"),
        ("a,", "not a line number"),
        ("-1,2", "not a line number"),
        ("3", "N,M"),
        ("/(/,/x/", "invalid regular expression /(/"),
        ("/zz/,/x/", "/zz/ matches no line"),
        ("/^2/,/zz/", "/zz/ matches no line after line 2"),
        ("/^2/,/^2/", "/^2/ matches no line after line 2"),
        ("/^3/,/line/", "/line/ matches no line after line 3"),
        ("/x/", "/start/,/end/"),
        ("prefix=x", "quoted"),
        ('prefix="x', "never closed"),
    ],
)
def test_bad_addresses(address: str, message: str) -> None:
    with pytest.raises(AddressError, match=re.escape(message)):
        select_lines(parse_address(address), THREE)


# -- paths and reading ----------------------------------------------------------


def test_resolve_refusals(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a..b.md").write_text("x", encoding="utf-8")
    (tmp_path / "outside.md").write_text("secret", encoding="utf-8")
    base, roots = [root / "sub"], [root]
    assert resolve("a..b.md", base, roots).path == root / "sub" / "a..b.md"
    assert resolve("../sub/a..b.md", base, roots).path == root / "sub" / "a..b.md"
    for path, problem in [
        ("/etc/passwd", "absolute"),
        ("/proc/self/environ", "absolute"),
        ("../../outside.md", "outside"),
        ("../sub/../../outside.md", "outside"),
        ("x\0.md", "NUL"),
        (".", "directory"),
        ("nothere.md", "not found"),
    ]:
        found = resolve(path, base, roots)
        assert found.path is None, path
        assert found.problem is not None
        assert problem in found.problem, (path, found.problem)
    # a missing file inside the roots is still a dependency (creating it rebuilds)
    assert resolve("nothere.md", base, roots).tried == [root / "sub" / "nothere.md"]
    assert resolve("../../outside.md", base, roots).tried == []


def test_resolve_symlinks(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "outside.md").write_text("secret", encoding="utf-8")
    (root / "inside.md").write_text("fine", encoding="utf-8")
    (root / "out-link.md").symlink_to(tmp_path / "outside.md")
    (root / "in-link.md").symlink_to(root / "inside.md")
    (root / "dir-link").symlink_to(tmp_path)
    refused = resolve("out-link.md", [root], [root])
    assert refused.path is None
    assert "symlink" in str(refused.problem)
    assert resolve("dir-link/outside.md", [root], [root]).path is None
    assert resolve("in-link.md", [root], [root]).path == root / "inside.md"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"text\0more", "binary file"),
        ("caf\xe9\n".encode("latin-1"), "not UTF-8 (byte 0xE9 at offset 3)"),
        (b"x" * 101, "too large"),
    ],
)
def test_read_refusals(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "f.md"
    path.write_bytes(content)
    with pytest.raises(IncludeError, match=re.escape(message)):
        read_text(path, 100)


def test_read_normalises(tmp_path: Path) -> None:
    path = tmp_path / "f.md"
    path.write_bytes(b"\xef\xbb\xbfa\r\nb\rc\n")
    assert read_text(path, 100) == "a\nb\nc\n"


# -- builds -------------------------------------------------------------------


def _build(
    tmp_path: Path, files: dict[str, str | bytes], conf: str = "", **kwargs: object
) -> Build:
    files = {"index.rst": "Index\n=====\n", **files}
    write_project(tmp_path / "src", files, conf=conf)
    return build(tmp_path / "src", **kwargs)  # type: ignore[arg-type]


def _text(result: Build, docname: str = "doc") -> str:
    return result.doctree(docname).pformat()


def _include_warnings(result: Build) -> list[str]:
    return [line for line in result.warning_lines() if "[mmark.include]" in line]


def test_text_include_is_spliced_in_place(tmp_path: Path) -> None:
    result = _build(
        tmp_path,
        {
            "doc.md": "# Book {#book}\n\nSee[^a].\n\n{{parts/one.md}}\n\nEnd.\n",
            "parts/one.md": (
                "## Part one {#one}\n\nInside[^b] with $$x^2$$.\n\n"
                "[^a]: Defined in the include.\n\n[^b]: Also in the include.\n"
            ),
        },
        conf='exclude_patterns = ["parts"]\n',
    )
    assert result.warning_lines() == []
    doctree = result.doctree("doc")
    section = next(s for s in doctree.findall(nodes.section) if "one" in s["ids"])
    assert section.parent["ids"] == ["book"]  # the included heading nests as if written there
    assert [n.astext() for n in doctree.findall(nodes.math)] == ["x^2"]
    notes = list(doctree.findall(nodes.footnote))
    assert [n.astext() for n in notes] == [
        "1\n\nDefined in the include.",
        "2\n\nAlso in the include.",
    ]
    refs = [r.astext() for r in doctree.findall(nodes.footnote_reference)]
    assert refs == ["1", "2"]
    # nodes from the included file point at it
    para = next(p for p in doctree.findall(nodes.paragraph) if p.astext().startswith("Inside"))
    assert str(para.source).endswith("parts/one.md")
    assert para.line == 3
    end = next(p for p in doctree.findall(nodes.paragraph) if p.astext() == "End.")
    assert end.line == 7
    assert str(end.source).endswith("doc.md")


def test_nested_includes_are_relative_to_the_including_file(tmp_path: Path) -> None:
    result = _build(
        tmp_path,
        {
            "doc.md": "Top.\n\n{{a/one.md}}\n",
            "a/one.md": "One.\n\n{{b/two.md}}\n",
            "a/b/two.md": "Two.\n\n<{{code/x.py}}[2,]\n",
            "a/b/code/x.py": "skipped = 1\nkept = 2\n",
        },
        conf='exclude_patterns = ["a"]\n',
    )
    assert result.warning_lines() == []
    text = _text(result)
    assert "One." in text
    assert "Two." in text
    block = next(iter(result.doctree("doc").findall(nodes.literal_block)))
    assert block.astext() == "kept = 2"
    assert block["language"] == "py"  # the extension, as in mmark


def test_address_forms_and_prefix_in_a_build(tmp_path: Path) -> None:
    lines = "".join(f"line {n}\n" for n in range(1, 8))
    result = _build(
        tmp_path,
        {
            "doc.md": (
                "{{l.txt}}[2,4]\n\n{{l.txt}}[6,]\n\n{{l.txt}}[/line 3/,/line 5/]\n\n"
                '<{{code.c}}[/START/,/END/;prefix="C: "]\n\n<{{notes.unknownext}}\n'
            ),
            "l.txt": lines,
            "code.c": "int a;\n// START\nint b;\n// END\nint c;\n",
            "notes.unknownext": "plain\n",
        },
        conf='exclude_patterns = ["l.txt"]\n',
    )
    assert result.warning_lines() == []
    doctree = result.doctree("doc")
    paras = [p.astext() for p in doctree.findall(nodes.paragraph)]
    assert paras == ["line 2\nline 3", "line 6\nline 7", "line 3\nline 4"]
    blocks = list(doctree.findall(nodes.literal_block))
    assert blocks[0].astext() == "C: // START\nC: int b;"  # the END line is left out
    assert blocks[0]["language"] == "c"
    assert blocks[1]["language"] == "none"


def test_regex_code_include_leaves_the_end_line_out_in_html_and_latex(tmp_path: Path) -> None:
    """``[/START/,/END/]`` ends before the line of the END match, even when the match is
    not at the start of that line (``// END``), as ``[N,M]`` ends before line M."""
    files: dict[str, str | bytes] = {
        "index.rst": "Index\n=====\n\n.. toctree::\n\n   doc\n",
        "doc.md": (
            "# Code\n\nBefore.\n\n<{{code.go}}[/START/,/END/]\nFigure: The middle.\n\nAfter.\n"
        ),
        "code.go": "package main\n\n// START\nfunc main() {}\n// END\n\nvar tail = 1\n",
    }
    html = _build(tmp_path / "html", files)
    assert html.warning_lines() == []
    code = [pre.get_text() for pre in BeautifulSoup(html.html("doc"), "html.parser").select("pre")]
    assert code == ["// START\nfunc main() {}\n"]
    latex = _build(tmp_path / "latex", files, builder="latex")
    assert latex.warning_lines() == []
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    listing = tex[tex.index("Before.") : tex.index("After.")]
    assert "// START" in listing
    assert "main" in listing
    assert "END" not in listing
    assert "tail" not in listing


def test_includes_inside_lists_and_quotes(tmp_path: Path) -> None:
    result = _build(
        tmp_path,
        {
            "doc.md": "* item\n\n  {{p.md}}\n\n> {{p.md}}\n\n1. <{{x.go}}\n",
            "p.md": "First.\n\nSecond.\n",
            "x.go": "package x\n",
        },
        conf='exclude_patterns = ["p.md"]\n',
    )
    assert result.warning_lines() == []
    doctree = result.doctree("doc")
    item = next(iter(doctree.findall(nodes.list_item)))
    assert [p.astext() for p in item.findall(nodes.paragraph)] == ["item", "First.", "Second."]
    quote = next(iter(doctree.findall(nodes.block_quote)))
    assert quote.astext() == "First.\n\nSecond."
    enumerated = next(iter(doctree.findall(nodes.enumerated_list)))
    assert enumerated.next_node(nodes.literal_block).astext() == "package x"


def test_v1_includes_fall_back_to_the_source_root(tmp_path: Path) -> None:
    result = _build(
        tmp_path,
        {
            # v1 (Hugo front matter): paths were relative to where mmark ran
            "book/v1.md": "---\ntitle: V1\n---\n\n{{shared/x.md}}\n",
            # v2: relative to the including file first
            "book/v2.md": '%%%\ntitle = "V2"\n%%%\n\n{{shared/x.md}}\n\n{{only-root.md}}\n',
            "shared/x.md": "From the root.\n",
            "book/shared/x.md": "From beside the document.\n",
            "only-root.md": "Only at the root.\n",
        },
        conf='exclude_patterns = ["shared", "book/shared", "only-root.md"]\n',
    )
    assert result.warning_lines() == []
    v1 = _text(result, "book/v1")
    assert "From the root." in v1
    assert "beside" not in v1
    v2 = _text(result, "book/v2")
    assert "From beside the document." in v2
    assert "Only at the root." in v2  # the fallback


def test_refusals_warn_once_at_the_include_line(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("SECRET\n", encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "link.md").symlink_to(outside)
    result = _build(
        tmp_path,
        {
            "doc.md": (
                "{{/etc/passwd}}\n\n{{../outside.md}}\n\n{{sub/../../outside.md}}\n\n"
                "{{link.md}}\n\n{{bin.md}}\n\n{{latin.md}}\n\n{{sub}}\n\n{{missing.md}}\n\n"
                "{{ok.md}}[/(/,/x/]\n\n<{{ok.md}}[9,2]\n\nStill here.\n"
            ),
            "bin.md": b"\x89PNG\0\0",
            "latin.md": "caf\xe9\n".encode("latin-1"),
            "sub/x.md": "x\n",
            "ok.md": "ok\n",
        },
        conf='exclude_patterns = ["bin.md", "latin.md", "sub", "ok.md", "link.md"]\n',
    )
    assert "SECRET" not in _text(result)
    assert "Still here." in _text(result)
    assert _include_warnings(result) == [
        f"doc.md:{line}: WARNING: cannot include {message} [mmark.include]"
        for line, message in [
            (1, "'/etc/passwd': absolute paths are not allowed; use a relative path"),
            (3, "'../outside.md': the path leads outside the allowed directories"),
            (5, "'sub/../../outside.md': the path leads outside the allowed directories"),
            (7, "'link.md': the path leads outside the allowed directories (through a symlink)"),
            (9, "'bin.md': binary file (a NUL byte at offset 4)"),
            (11, "'latin.md': the file is not UTF-8 (byte 0xE9 at offset 3)"),
            (13, "'sub': it is a directory"),
            (15, "'missing.md': file not found"),
            (17, "'ok.md': invalid regular expression /(/: missing )"),
            (19, "'ok.md': line range 9,2 is empty (the end line is excluded)"),
        ]
    ]


def test_configured_roots(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "s.md").write_text("Shared text.\n", encoding="utf-8")
    result = _build(
        tmp_path,
        {"doc.md": "{{../shared/s.md}}\n"},
        conf='mmark_include_roots = [".", "../shared"]\n',
    )
    assert result.warning_lines() == []
    assert "Shared text." in _text(result)


def test_cycles_are_reported_with_the_chain(tmp_path: Path) -> None:
    result = _build(
        tmp_path,
        {
            "doc.md": "{{doc.md}}\n\n{{a.md}}\n\nAfter.\n",
            "a.md": "A.\n\n{{b.md}}\n",
            "b.md": "B.\n\n{{a.md}}\n",
        },
        conf='exclude_patterns = ["a.md", "b.md"]\n',
    )
    assert _include_warnings(result) == [
        "doc.md:1: WARNING: cannot include 'doc.md': include cycle doc.md -> doc.md "
        "[mmark.include]",
        "doc.md:3: WARNING: cannot include 'a.md': include cycle a.md -> b.md -> a.md "
        "(in b.md:3, included from a.md:3) [mmark.include]",
    ]
    assert [p.astext() for p in result.doctree("doc").findall(nodes.paragraph)] == [
        "A.",
        "B.",
        "After.",
    ]


def test_include_bomb_stays_cheap(tmp_path: Path) -> None:
    """Each file includes the next twice: 2**30 copies without caps."""
    files: dict[str, str | bytes] = {
        f"b{n}.md": f"Level {n} "
        + "x" * 2_000
        + f"\n\n{{{{b{n + 1}.md}}}}\n\n{{{{b{n + 1}.md}}}}\n"
        for n in range(30)
    }
    files["b30.md"] = "bottom\n"
    files["doc.md"] = "{{b0.md}}\n"
    start = time.perf_counter()
    result = _build(
        tmp_path,
        files,
        conf='exclude_patterns = ["b*.md"]\nmmark_include_max_bytes = 1_000_000\n'
        "mmark_include_depth = 40\n",
    )
    elapsed = time.perf_counter() - start
    warnings = _include_warnings(result)
    assert len(warnings) == 1, warnings
    assert "mmark_include_max_bytes (1000000)" in warnings[0]
    assert len(_text(result)) < 1_200_000
    assert elapsed < 60  # a generous guard; the real bound is the byte cap above


def test_depth_cap(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        f"d{n}.md": f"D{n}.\n\n{{{{d{n + 1}.md}}}}\n" for n in range(6)
    }
    files["doc.md"] = "{{d0.md}}\n"
    result = _build(tmp_path, files, conf='exclude_patterns = ["d?.md"]\nmmark_include_depth = 3\n')
    assert [p.astext() for p in result.doctree("doc").findall(nodes.paragraph)] == [
        "D0.",
        "D1.",
        "D2.",
    ]
    warnings = _include_warnings(result)
    assert len(warnings) == 1
    assert warnings[0].startswith("doc.md:1: WARNING: include of 'd3.md' ignored: includes nest")
    assert "(in d2.md:3, included from d1.md:3, included from d0.md:3)" in warnings[0]


def test_warnings_inside_includes_point_at_the_include_line(tmp_path: Path) -> None:
    result = _build(
        tmp_path,
        {
            "doc.md": "Intro.\n\n{{a.md}}\n",
            "a.md": "A.\n\n{{b.md}}\n",
            "b.md": "B uses[^nope].\n",
        },
        conf='exclude_patterns = ["a.md", "b.md"]\n',
    )
    assert result.warning_lines() == [
        "doc.md:3: WARNING: footnote [^nope] is referenced but never defined "
        "(in b.md:1, included from a.md:3) [mmark.footnote]"
    ]


def test_file_insertion_disabled(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "docutils.conf").write_text(
        "[general]\nfile_insertion_enabled: false\n", encoding="utf-8"
    )
    # sphinx-build reads docutils.conf from the configuration directory like this
    with patch_docutils(tmp_path / "src"):
        result = _build(
            tmp_path,
            {"doc.md": "{{a.md}}\n\n<{{a.md}}\n\nText.\n", "a.md": "A.\n"},
            conf='exclude_patterns = ["a.md"]\n',
        )
    assert _include_warnings(result) == [
        f"doc.md:{line}: WARNING: include of 'a.md' ignored: file insertion is disabled "
        "(docutils setting file_insertion_enabled) [mmark.include]"
        for line in (1, 3)
    ]
    assert "A." not in _text(result)


def test_shortcodes_and_templates_are_not_includes(tmp_path: Path) -> None:
    result = _build(
        tmp_path,
        {"doc.md": "---\ntitle: T\n---\n\n{{.Params.x}}\n\n{{ .Title }}\n\n```\n{{a.md}}\n```\n"},
    )
    assert _include_warnings(result) == []
    text = _text(result)
    assert "{{.Params.x}}" in text
    assert "{{a.md}}" in text


def test_code_include_can_take_a_caption(tmp_path: Path) -> None:
    result = _build(tmp_path, {"doc.md": "<{{x.go}}\nFigure: The code.\n", "x.go": "package x\n"})
    caption = next(iter(result.doctree("doc").findall(nodes.caption)))
    assert caption.astext() == "The code."


def test_code_include_on_a_paragraph_line_of_an_included_file(tmp_path: Path) -> None:
    """As in the exercises of a book written for mmark 1: neither file has a v1 marker (so
    both are v2), and the code include follows a line of text; a text include there stays
    text, as in mmark 2."""
    result = _build(
        tmp_path,
        {
            "doc.md": "# Exercises\n\n{{ex/one.md}}\n",
            "ex/one.md": "A solution might be:\n<{{ex/src/one.go}}\nThat is all.\n{{ex/two.md}}\n",
            "ex/src/one.go": "package one\n",
            "ex/two.md": "Never spliced.\n",
        },
        conf='exclude_patterns = ["ex"]\n',
    )
    assert result.warning_lines() == []
    doctree = result.doctree("doc")
    assert [b.astext() for b in doctree.findall(nodes.literal_block)] == ["package one"]
    assert [p.astext() for p in doctree.findall(nodes.paragraph)] == [
        "A solution might be:",
        "That is all.\n{{ex/two.md}}",
    ]
    assert "<{{" not in doctree.astext()


# -- incremental builds ---------------------------------------------------------


def _reread(result: Build) -> set[str]:
    """Docnames the build read (from Sphinx's status output)."""
    read: set[str] = set()
    for line in result.status.splitlines():
        if "reading sources..." in line:
            read.add(line.rsplit("]", 1)[-1].strip())
    return read


@pytest.mark.parametrize("parallel", [0, 2])
def test_changing_an_included_file_rebuilds_its_pages(tmp_path: Path, parallel: int) -> None:
    src = tmp_path / "src"
    write_project(
        src,
        {
            "index.rst": "Index\n=====\n",
            "book.md": "{{parts/one.md}}\n\n{{parts/later.md}}\n",
            "other.md": "Unrelated.\n",
            "parts/one.md": "Old text.\n",
        },
        conf='exclude_patterns = ["parts"]\n',
    )
    first = build(src, parallel=parallel)
    assert "Old text." in first.html("book")
    assert [w for w in first.warning_lines() if "later.md" in w]

    future = time.time() + 10
    (src / "parts" / "one.md").write_text("New text.\n", encoding="utf-8")
    os.utime(src / "parts" / "one.md", (future, future))
    second = build(src, parallel=parallel, fresh=False)
    assert _reread(second) == {"book"}
    assert "New text." in second.html("book")

    # creating the missing file is a change too
    (src / "parts" / "later.md").write_text("Later text.\n", encoding="utf-8")
    os.utime(src / "parts" / "later.md", (future + 10, future + 10))
    third = build(src, parallel=parallel, fresh=False)
    assert _reread(third) == {"book"}
    assert "Later text." in third.html("book")
    assert third.warning_lines() == []


# -- the corpus -------------------------------------------------------------------

_CORPUS_PROJECTS = {
    # folder: (root document, extra conf)
    "ietf-drafts/oauthstuff__draft-ietf-oauth-security-topics": "draft-ietf-oauth-security-topics",
    "ietf-drafts/openid__OpenYOLO-Spec": None,
    "ietf-drafts/NLnetLabs__draft-toorop-dnsop-dns-zone-provisioning-yang": (
        "draft-toorop-dnsop-dns-zone-provisioning-yang"
    ),
    "books/learninggo-v1": "learninggo",
    "books/learninggo-v2": "learninggo",
}


def _roots(folder: Path, root: str | None) -> list[str]:
    """The documents of a corpus project that are not included by another one."""
    if root is not None:
        return [root]
    docs = sorted(p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.md"))
    included = set()
    for path in folder.rglob("*.md"):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            found = parse_include_line(line.strip())
            if found is not None:
                included.add(os.path.normpath(path.parent.relative_to(folder) / found.path))
                included.add(os.path.normpath(found.path))
    return [d for d in docs if f"{d}.md" not in included]


@pytest.mark.parametrize("project", sorted(_CORPUS_PROJECTS))
def test_corpus_multi_file_documents(corpus: Path, tmp_path: Path, project: str) -> None:
    folder = corpus / project
    if not folder.is_dir():
        pytest.skip(f"{project} is not in the corpus")
    src = tmp_path / "src"
    shutil.copytree(folder, src)
    roots = _roots(folder, _CORPUS_PROJECTS[project])
    patterns = ", ".join(repr(f"{root}.md") for root in roots)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mmark"]\n'
        f"root_doc = {roots[0]!r}\n"
        f"include_patterns = [{patterns}]\n"
        'suppress_warnings = ["toc.not_included"]\n',
        encoding="utf-8",
    )
    result = build(src)
    include_warnings = [w for w in result.warning_lines() if "[mmark.include]" in w]
    expected_missing = {
        # the draft's YANG module is generated by its Makefile, not in the repository
        "ietf-drafts/NLnetLabs__draft-toorop-dnsop-dns-zone-provisioning-yang": [
            "ietf-dns-zone-provisioning.yang"
        ],
    }.get(project, [])
    assert len(include_warnings) == len(expected_missing), include_warnings
    for warning, name in zip(include_warnings, expected_missing, strict=True):
        assert f"cannot include {name!r}: file not found" in warning
    for root in roots:
        text = result.doctree(root).astext()
        assert "{{" not in text.replace("{{<", "").replace("{{%", ""), root
