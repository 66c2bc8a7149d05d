"""Issue 17, section 5: wrong output and messages for unlucky input.

Each test checks the one warning (file, line, type ``mmark``, subtype and wording)
and that the text around the construct is kept: LaTeX keys of oddly named
documents, front-matter titles YAML does not read as text, byte-order marks and
UTF-16 (pages and includes), include messages (missing file, symlink loop, long
path) and heading ids that cannot be ids.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sphinx_mmark.nodes.citations import latex_key

from .helpers import build, write_project
from .inprocess import InProcessParser, LoggedWarning, Parsed, parse_warnings


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessParser]:
    reader = InProcessParser(tmp_path_factory.mktemp("hostile-messages") / "project")
    yield reader
    reader.close()


def one_warning(
    warnings: list[LoggedWarning], *, file: str, line: int, subtype: str, says: str
) -> LoggedWarning:
    """The only warning about ``file``: at ``line``, type mmark, ``subtype``, saying ``says``."""
    about = [warning for warning in warnings if warning.file == file]
    assert len(about) == 1, "expected one warning, got:\n" + "\n".join(map(str, warnings))
    warning = about[0]
    assert (warning.line, warning.type, warning.subtype) == (line, "mmark", subtype), str(warning)
    assert says in warning.message, str(warning)
    return warning


def title_of(parsed: Parsed) -> str | None:
    """The text of the page's first section title, if it has one."""
    title = parsed.doctree.next_node(lambda node: node.tagname == "title")
    return None if title is None else title.astext()


# -- LaTeX keys of citations ------------------------------------------------------------

CITING = '%%%\ntitle = "Odd Name"\n%%%\n\n# Intro\n\nKeywords [@!RFC2119].\n'
TEX_SPECIALS = re.compile(r"[\\{}%#$&^_~ ]")


def test_latex_citation_keys_of_an_odd_document_name(tmp_path: Path) -> None:
    # "a}b%c" breaks \sphinxcite{…} and \bibitem{…}; "abc" must keep a key of its own
    write_project(
        tmp_path,
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   a}b%c\n   abc\n",
            "a}b%c.md": CITING,
            "abc.md": CITING,
        },
    )
    result = build(tmp_path, "latex")
    assert result.warning_lines() == []
    tex_file = next(result.outdir.glob("*.tex"))
    tex = tex_file.read_text(encoding="utf-8")
    cited = re.findall(r"\\sphinxcite\{([^\n]*?)\}\}?\.", tex)
    items = re.findall(r"\\bibitem\[RFC2119\]\{([^\n]*)\}\n", tex)
    assert len(cited) == 2, cited
    assert sorted(cited) == sorted(items)
    assert len(set(cited)) == 2
    for key in cited:
        assert not TEX_SPECIALS.search(key.replace("_", "")), key
    if shutil.which("latexmk") is None or shutil.which("pdflatex") is None:
        pytest.skip("latexmk is not installed: the LaTeX is not compiled")
    compiled = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex_file.name],
        cwd=result.outdir,
        capture_output=True,
        text=True,
        check=False,
    )
    log = tex_file.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert compiled.returncode == 0, log[-3000:]
    assert re.search(r"Citation .* undefined", log) is None, log[-3000:]


def test_latex_keys_stay_readable_and_distinct() -> None:
    assert latex_key("sub/draft-1_x:rfc2119") == "sub/draft-1_x:rfc2119"
    odd = [latex_key(key) for key in ("a}b%c:x", "a{b%c:x", "abc:x", "a b c:x", "é:x")]
    assert len(set(odd)) == len(odd)
    for key in odd:
        assert re.fullmatch(r"[A-Za-z0-9:./_-]+", key), key


# -- front matter titles and byte-order marks -------------------------------------------

BODY = "\nThe body survives.\n"


@pytest.mark.parametrize(
    ("front", "line", "says", "title"),
    [
        ("---\ntitle: yes\n---\n", 2, "the title 'yes' reads as a boolean", "yes"),
        ("---\ndate: 2024-01-01\ntitle: ~\n---\n", 3, "the title is empty (null)", None),
        ("---\ntitle:\n  en: Hello\n---\n", 2, "the title is a mapping", None),
        ("+++\ntitle = true\n+++\n", 1, "the title 'true' reads as a boolean", "true"),
    ],
    ids=["yes", "null", "mapping", "TOML true"],
)
def test_front_matter_titles_that_are_not_text(
    parser: InProcessParser, front: str, line: int, says: str, title: str | None
) -> None:
    parsed = parser.parse(front + BODY)
    one_warning(parsed.warnings, file="case.md", line=line, subtype="front_matter", says=says)
    assert title_of(parsed) == title
    assert "The body survives." in parsed.text()


def test_titles_yaml_reads_as_numbers_stay_as_written(parser: InProcessParser) -> None:
    parsed = parser.parse("---\ntitle: 1.10\n---\n" + BODY)
    assert [w for w in parsed.warnings if w.type == "mmark"] == []
    assert title_of(parsed) == "1.10"


# -- encodings of pages -----------------------------------------------------------------

PAGE = "---\ntitle: Kept Title\n---\n\nBody text.\n"
DRAFT = "---\ntitle: Not Yet\ndraft: true\n---\n\nUnpublished.\n"
UTF8_BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def encodings(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[LoggedWarning]]:
    srcdir = tmp_path_factory.mktemp("encodings")
    write_project(
        srcdir,
        {
            "index.rst": "Index\n=====\n",
            "two-boms.md": UTF8_BOM * 2 + PAGE.encode(),
            "utf16-bom.md": PAGE.encode("utf-16"),
            "utf16-be.md": b"\xfe\xff" + PAGE.encode("utf-16-be"),
            "utf16-bare.md": PAGE.encode("utf-16-le"),
            "one-bom.md": UTF8_BOM + PAGE.encode(),
            "draft-bom.md": UTF8_BOM + DRAFT.encode(),
            "draft-utf16.md": DRAFT.encode("utf-16"),
        },
    )
    result = build(srcdir)
    return result.outdir, parse_warnings(result.warnings, srcdir)


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("two-boms", "two-boms.md starts with 2 byte-order marks; the extra one is ignored"),
        ("utf16-bom", "is UTF-16 (little-endian, with a byte-order mark), not UTF-8"),
        ("utf16-be", "is UTF-16 (big-endian, with a byte-order mark), not UTF-8"),
        ("utf16-bare", "is UTF-16 (little-endian, every other byte is NUL), not UTF-8"),
    ],
    ids=["two BOMs", "UTF-16LE BOM", "UTF-16BE BOM", "UTF-16LE bare"],
)
def test_page_encodings(encodings: tuple[Path, list[LoggedWarning]], name: str, says: str) -> None:
    outdir, warnings = encodings
    one_warning(warnings, file=f"{name}.md", line=1, subtype="encoding", says=says)
    html = (outdir / f"{name}.html").read_text(encoding="utf-8")
    assert "<title>Kept Title" in html
    assert "Body text." in html


def test_one_bom_is_silent(encodings: tuple[Path, list[LoggedWarning]]) -> None:
    outdir, warnings = encodings
    assert [w for w in warnings if w.file == "one-bom.md"] == []
    assert "<title>Kept Title" in (outdir / "one-bom.html").read_text(encoding="utf-8")


# -- include messages -------------------------------------------------------------------


def test_include_of_a_deleted_file_says_not_found(tmp_path: Path) -> None:
    # from sub/, "../gone.md" is looked for next to the page and in the source root:
    # the second lookup leads outside, but the file is simply missing
    page = "Before.\n\n{{../gone.md}}\n\nAfter.\n"
    write_project(tmp_path, {"index.rst": "Index\n=====\n", "sub/page.md": page})
    result = build(tmp_path)
    warning = one_warning(
        parse_warnings(result.warnings, tmp_path),
        file="sub/page.md",
        line=3,
        subtype="include",
        says="cannot include '../gone.md': file not found",
    )
    assert "outside" not in warning.message
    text = result.doctree("sub/page").astext()
    assert "Before." in text
    assert "After." in text


def test_include_of_a_symlink_loop(parser: InProcessParser) -> None:
    loop_a, loop_b = parser.srcdir / "loop-a.txt", parser.srcdir / "loop-b.txt"
    for link, target in ((loop_a, loop_b), (loop_b, loop_a)):
        link.unlink(missing_ok=True)
        link.symlink_to(target.name)
    parsed = parser.parse("Before.\n\n{{loop-a.txt}}\n\nAfter.\n")
    one_warning(
        parsed.warnings,
        file="case.md",
        line=3,
        subtype="include",
        says="cannot include 'loop-a.txt': the path is a symlink loop",
    )
    assert "After." in parsed.text()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("Included words.\n".encode("utf-16"), "UTF-16 (little-endian, with a byte-order mark)"),
        (
            "Included words.\n".encode("utf-16-le"),
            "UTF-16 (little-endian, every other byte is NUL)",
        ),
    ],
    ids=["with a BOM", "without a BOM"],
)
def test_utf16_include_is_read_with_one_warning(
    parser: InProcessParser, data: bytes, says: str
) -> None:
    (parser.srcdir / "wide.txt").write_bytes(data)
    parsed = parser.parse("Before.\n\n{{wide.txt}}\n\nAfter.\n")
    warning = one_warning(
        parsed.warnings, file="case.md", line=3, subtype="include", says=f"the file is {says}"
    )
    assert "binary" not in warning.message
    assert "Included words." in parsed.text()
    assert "\0" not in parsed.text()


def test_include_path_is_shortened_in_messages(parser: InProcessParser) -> None:
    path = "d" * 6000 + ".md"
    parsed = parser.parse(f"Before.\n\n{{{{{path}}}}}\n\nAfter.\n")
    warning = one_warning(
        parsed.warnings,
        file="case.md",
        line=3,
        subtype="include",
        says=f"cannot include '{'d' * 80}…' (6003 characters): ",
    )
    assert len(warning.message) < 200, warning.message
    assert "After." in parsed.text()


# -- heading ids --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "says"),
    [
        ("# Intro {#}", "heading id {#} is empty; it is kept as text"),
        ('# Intro {#">x}', 'heading attributes {#">x} are not an id'),
        ("# Intro {#a b}", "heading attributes {#a b} are not an id"),
    ],
    ids=["empty", "quote", "space"],
)
def test_heading_ids_that_cannot_be_ids(parser: InProcessParser, heading: str, says: str) -> None:
    parsed = parser.parse(f"Text before.\n\n{heading}\n\nText after.\n")
    one_warning(parsed.warnings, file="case.md", line=3, subtype="syntax", says=says)
    title = title_of(parsed)
    assert title is not None
    assert title.startswith("Intro {#"), title
    assert "Text after." in parsed.text()
    section = parsed.doctree.next_node(lambda node: node.tagname == "section")
    assert section is not None
    assert section["ids"], "the heading's section has no id"
    assert all('"' not in node_id for node_id in section["ids"]), section["ids"]


@pytest.mark.parametrize("name", ["draft-bom", "draft-utf16"])
def test_a_byte_order_mark_does_not_hide_a_draft(
    encodings: tuple[Path, list[LoggedWarning]], name: str
) -> None:
    # the draft scan reads front matter as the build does: the page is left out
    outdir, warnings = encodings
    assert not (outdir / f"{name}.html").exists()
    assert [w for w in warnings if w.file == f"{name}.md"] == []


def test_a_line_break_quoted_from_a_document_stays_in_one_warning_line(
    parser: InProcessParser,
) -> None:
    """Found by the long fuzzing run: a closing shortcode whose quoted argument spans two
    lines (a raw string) was quoted whole, so the warning broke over two lines and lost
    its type."""
    parsed = parser.parse("Text {{< /n `a\nb` >}} after.\n")
    (warning,) = [w for w in parsed.warnings if "closing shortcode" in w.message]
    assert (warning.file, warning.line, warning.type, warning.subtype) == (
        "case.md",
        1,
        "mmark",
        "shortcode",
    )
    assert '"a\\nb"' in warning.message
