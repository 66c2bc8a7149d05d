"""Bad input (``shared/design/bad-input.md``): one test per row.

Every row: the build goes on, the rest of the document is kept, and exactly one
warning names ``file:line`` of the construct, with type ``mmark`` and a subtype.
Faults found are kept as ``xfail(strict=True)`` cases so that fixing them shows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import Build, build, write_project
from .inprocess import InProcessParser, LoggedWarning, Parsed, parse_warnings


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessParser]:
    reader = InProcessParser(tmp_path_factory.mktemp("bad-input") / "project")
    yield reader
    reader.close()


def mmark_warnings(warnings: list[LoggedWarning]) -> list[LoggedWarning]:
    return [w for w in warnings if w.type == "mmark"]


def assert_one_warning(
    warnings: list[LoggedWarning], *, file: str, line: int | None, subtype: str, says: str
) -> LoggedWarning:
    """Exactly one mmark warning, at ``file:line``, of ``subtype``, mentioning ``says``."""
    found = mmark_warnings(warnings)
    assert len(found) == 1, "expected one mmark warning, got:\n" + "\n".join(map(str, warnings))
    warning = found[0]
    assert (warning.file, warning.line, warning.subtype) == (file, line, subtype), str(warning)
    assert says.lower() in warning.message.lower(), str(warning)
    return warning


def assert_kept(parsed: Parsed | str, *texts: str) -> None:
    text = parsed if isinstance(parsed, str) else parsed.text()
    for piece in texts:
        assert piece in text, f"{piece!r} was dropped from:\n{text}"


# -- front matter ------------------------------------------------------------------

BODY = "\nThe body survives.\n"

FRONT_MATTER = {
    "invalid YAML": ("---\ntitle: [unclosed\n---\n", "invalid YAML"),
    "invalid TOML": ('+++\ntitle = "unclosed\n+++\n', "invalid TOML"),
    "invalid JSON": ('{\n"title": "x",,\n}\n', "invalid JSON"),
    "python tag": ("---\ntitle: !!python/object:os.system ls\n---\n", "YAML"),
    "impossible date": ("---\ntitle: t\ndate: 2021-99-99\n---\n", None),
    "5000-digit integer": ("---\nweight: " + "9" * 5000 + "\n---\n", "5000 digits"),
    "alias bomb": (
        "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n"
            for i in range(8)
        )
        + "---\n",
        "expands",
    ),
    "3000-deep list": ("---\nx: " + "[" * 3000 + "]" * 3000 + "\n---\n", None),
    "duplicate keys": ("---\ntitle: one\ntitle: two\n---\n", "title"),
    "list instead of mapping": ("---\n- a\n- b\n---\n", "mapping"),
    "never closed": ("---\ntitle: t\n", "never closed"),
}
"""Front matter that cannot be used: text, and a word the warning must contain."""

_VALUE_ROWS = {"impossible date"}


@pytest.mark.parametrize("case", list(FRONT_MATTER), ids=list(FRONT_MATTER))
def test_front_matter(parser: InProcessParser, case: str) -> None:
    block, says = FRONT_MATTER[case]
    parsed = parser.parse(block + BODY)
    if case in _VALUE_ROWS:
        # a date that is no date stays a string: nothing to complain about
        assert not mmark_warnings(parsed.warnings), "\n".join(map(str, parsed.warnings))
    else:
        assert_one_warning(
            parsed.warnings, file="case.md", line=1, subtype="front_matter", says=says or ""
        )
    assert_kept(parsed, "The body survives.")


# -- title block -------------------------------------------------------------------


def test_title_block_is_read(parser: InProcessParser) -> None:
    parsed = parser.parse('%%%\ntitle = "Probe title"\n%%%\n\nBody.\n')
    assert "%%%" not in parsed.text()
    assert not mmark_warnings(parsed.warnings), "\n".join(map(str, parsed.warnings))
    assert_kept(parsed, "Body.")


def test_title_block_never_closed(parser: InProcessParser) -> None:
    parsed = parser.parse('%%%\ntitle = "t"\n\n# After\n\nText after it.\n')
    assert_one_warning(
        parsed.warnings, file="case.md", line=1, subtype="front_matter", says="never closed"
    )
    assert_kept(parsed, "Text after it.")


def test_title_block_bad_toml(parser: InProcessParser) -> None:
    parsed = parser.parse('%%%\ntitle = "unclosed\n%%%\n\nText after it.\n')
    assert_one_warning(parsed.warnings, file="case.md", line=1, subtype="front_matter", says="TOML")
    assert_kept(parsed, "Text after it.")


def test_title_block_after_blank_line(parser: InProcessParser) -> None:
    parsed = parser.parse('\n%%%\ntitle = "unclosed\n%%%\n\nText after it.\n')
    assert_one_warning(parsed.warnings, file="case.md", line=2, subtype="front_matter", says="TOML")
    assert "%%%" not in parsed.text()


# -- references ------------------------------------------------------------------


def test_undefined_footnote(parser: InProcessParser) -> None:
    parsed = parser.parse("Intro.\n\nSee this[^missing] claim.\n")
    assert_one_warning(
        parsed.warnings, file="case.md", line=3, subtype="footnote", says="[^missing]"
    )
    assert_kept(parsed, "See this", "[^missing]", "claim.")


def test_unreferenced_footnote(parser: InProcessParser) -> None:
    parsed = parser.parse("Text.\n\n[^lonely]: A note nobody cites.\n")
    assert_one_warning(parsed.warnings, file="case.md", line=3, subtype="footnote", says="lonely")
    assert_kept(parsed, "A note nobody cites.")


def test_duplicate_footnote(parser: InProcessParser) -> None:
    parsed = parser.parse("Text[^d].\n\n[^d]: First.\n\n[^d]: Second.\n")
    assert_one_warning(parsed.warnings, file="case.md", line=5, subtype="footnote", says="[^d]")
    assert_kept(parsed, "First.")


def test_duplicate_heading_ids(parser: InProcessParser) -> None:
    parsed = parser.parse("# One {#same}\n\nA.\n\n# Two {#same}\n\nB.\n")
    assert_one_warning(parsed.warnings, file="case.md", line=5, subtype="duplicate_id", says="same")
    assert_kept(parsed, "One", "Two", "A.", "B.")


def test_unknown_citation_key(parser: InProcessParser) -> None:
    parsed = parser.parse("Intro.\n\nAs shown in [@nosuchkey], it works.\n")
    assert_one_warning(
        parsed.warnings, file="case.md", line=3, subtype="citation", says="nosuchkey"
    )
    assert_kept(parsed, "As shown in", "it works.")


def _full_build(tmp_path: Path, files: dict[str, str | bytes], conf: str = "") -> Build:
    write_project(tmp_path, {"index.rst": "Index\n=====\n", **files}, conf=conf)
    return build(tmp_path)


def test_unknown_cross_reference(tmp_path: Path) -> None:
    result = _full_build(tmp_path, {"doc.md": "# Title\n\nSee (#nowhere) here.\n"})
    assert_one_warning(
        parse_warnings(result.warnings, tmp_path),
        file="doc.md",
        line=3,
        subtype="ref",
        says="nowhere",
    )
    assert_kept(result.doctree("doc").astext(), "See", "here.")


# -- XML references ----------------------------------------------------------------

XML = {
    "malformed": "<reference anchor='bad'>\n<front><title>Broken</front>\n</reference>\n",
    "SYSTEM entity": (
        "<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
        "<reference anchor='sys'><front><title>&x;</title></front></reference>\n"
    ),
    "entity bomb": (
        "<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>\n"
        "<reference anchor='bomb'><front><title>&b;</title></front></reference>\n"
    ),
}


@pytest.mark.parametrize("case", list(XML), ids=list(XML))
def test_xml_reference(parser: InProcessParser, case: str) -> None:
    parsed = parser.parse("Intro.\n\n" + XML[case] + "\nText after it.\n")
    found = mmark_warnings(parsed.warnings)
    assert len(found) == 1, "\n".join(map(str, parsed.warnings))
    # a <!DOCTYPE> line is a separate HTML block: the <reference> starts on the next line
    line = 4 if XML[case].startswith("<!DOCTYPE") else 3
    assert (found[0].file, found[0].line, found[0].subtype) == ("case.md", line, "reference_xml")
    assert "root:" not in parsed.text()
    assert "aaaaaaaaaaaaaaaaaaaa" not in parsed.text()
    assert_kept(parsed, "Intro.", "Text after it.")


# -- nesting -------------------------------------------------------------------------


def test_3000_nested_block_quotes(parser: InProcessParser) -> None:
    parsed = parser.parse(">" * 3000 + " deepest words\n\nText after it.\n")
    assert_kept(parsed, "deepest words", "Text after it.")


def test_20000_brackets(parser: InProcessParser) -> None:
    parsed = parser.parse("[" * 20000 + "inner words\n\nText after it.\n")
    assert not mmark_warnings(parsed.warnings)
    assert_kept(parsed, "inner words", "Text after it.")


def test_1500_deep_list(parser: InProcessParser) -> None:
    text = "".join("  " * i + "- level\n" for i in range(1500))
    parsed = parser.parse(text + "  " * 1500 + "- deepest item\n\nText after it.\n")
    assert_kept(parsed, "deepest item", "Text after it.")


def test_deep_emphasis(parser: InProcessParser) -> None:
    parsed = parser.parse("*" * 5000 + "inner words" + "*" * 5000 + "\n\nText after it.\n")
    assert_kept(parsed, "inner words", "Text after it.")


# -- encoding --------------------------------------------------------------------------


def test_latin1_file(tmp_path: Path) -> None:
    result = _full_build(
        tmp_path,
        {"good.md": "# Good\n\nFine.\n", "latin.md": "# Caf\xe9\n\nText.\n".encode("latin-1")},
    )
    assert (result.outdir / "good.html").is_file()
    assert any(w.file == "latin.md" for w in parse_warnings(result.warnings, tmp_path))


def test_lone_surrogate(tmp_path: Path) -> None:
    bad = "# S\n\ntext \ud800 here\n".encode("utf-8", "surrogatepass")
    result = _full_build(tmp_path, {"good.md": "# Good\n\nFine.\n", "bad.md": bad})
    assert (result.outdir / "good.html").is_file()
    assert any(w.file == "bad.md" for w in parse_warnings(result.warnings, tmp_path))


def test_nul_bytes(parser: InProcessParser) -> None:
    parsed = parser.parse(b"# N\n\nbefore\x00after\n\nText after it.\n")
    assert_kept(parsed, "before", "after", "Text after it.")
    assert any(w.file == "case.md" for w in mmark_warnings(parsed.warnings))


def test_cr_only_line_ends(parser: InProcessParser) -> None:
    # universal newlines make CR-only files ordinary: no warning is needed
    parsed = parser.parse(b"# Title\r\rFirst paragraph.\r\rSecond paragraph.\r")
    assert_kept(parsed, "First paragraph.", "Second paragraph.")
    assert parsed.doctree.next_node(lambda n: n.tagname == "title").astext() == "Title"


# -- raw content --------------------------------------------------------------------


def test_raw_html_disabled(tmp_path: Path) -> None:
    (tmp_path).mkdir(exist_ok=True)
    (tmp_path / "docutils.conf").write_text("[general]\nraw_enabled: false\n", encoding="utf-8")
    result = _full_build(
        tmp_path,
        {
            "doc.md": "# Raw\n\n<script>alert(1)</script>\n\nText after it.\n",
            "control.rst": "Control\n=======\n\n.. raw:: html\n\n   <b>x</b>\n",
        },
    )
    # control: docutils itself refuses the rst raw directive, so the setting is applied
    assert "control.rst" in result.warnings
    assert "raw" in result.warnings.lower()
    doctree = result.doctree("doc")
    assert not list(doctree.findall(lambda n: n.tagname == "raw"))
    assert_kept(doctree.astext(), "Text after it.")
    assert_one_warning(
        [w for w in parse_warnings(result.warnings, tmp_path) if w.file == "doc.md"],
        file="doc.md",
        line=3,
        subtype="raw",
        says="raw HTML is disabled",
    )


def test_includes_when_file_insertion_disabled(tmp_path: Path) -> None:
    (tmp_path).mkdir(exist_ok=True)
    (tmp_path / "docutils.conf").write_text(
        "[general]\nfile_insertion_enabled: false\n", encoding="utf-8"
    )
    result = _full_build(
        tmp_path, {"doc.md": "Intro.\n\n{{part.md}}\n\nText after it.\n", "part.md": "SECRET\n"}
    )
    assert "SECRET" not in result.doctree("doc").astext()
    assert_kept(result.doctree("doc").astext(), "Intro.", "Text after it.")
    found = [
        w for w in mmark_warnings(parse_warnings(result.warnings, tmp_path)) if w.file == "doc.md"
    ]
    assert len(found) == 1, result.warnings
    assert (found[0].line, found[0].subtype) == (3, "include"), result.warnings
    assert "file_insertion_enabled" in found[0].message, result.warnings


# -- include paths, graph, targets, addresses (the includes engineer's, issue 4) -------


def _include_case(tmp_path: Path, name: str) -> tuple[dict[str, str | bytes], str]:
    """Files of the case, and a string that must not reach the output."""
    outside = tmp_path.parent / f"outside-{name}.md"
    outside.write_text("OUTSIDE-SECRET\n", encoding="utf-8")
    cases: dict[str, dict[str, str | bytes]] = {
        "absolute": {"doc.md": "Intro.\n\n{{/etc/passwd}}\n\nText after it.\n"},
        "parent": {"doc.md": f"Intro.\n\n{{{{../{outside.name}}}}}\n\nText after it.\n"},
        "proc": {"doc.md": "Intro.\n\n{{/proc/self/environ}}\n\nText after it.\n"},
        "directory": {"doc.md": "Intro.\n\n{{sub}}\n\nText after it.\n", "sub/x.md": "x\n"},
        "missing": {"doc.md": "Intro.\n\n{{nothere.md}}\n\nText after it.\n"},
        "binary": {"doc.md": "Intro.\n\n{{bin.md}}\n\nText after it.\n", "bin.md": b"\x00\x01\x02"},
        "self": {"doc.md": "Intro.\n\n{{doc.md}}\n\nText after it.\n"},
        "never matching regex": {
            "doc.md": "Intro.\n\n<{{code.go}}[/NOPE/,/NEVER/]\n\nText after it.\n",
            "code.go": "package main\n",
        },
    }
    return cases[name], "OUTSIDE-SECRET" if name == "parent" else "root:x:0"


@pytest.mark.parametrize(
    "name",
    [
        "absolute",
        "parent",
        "proc",
        "directory",
        "missing",
        "binary",
        "self",
        "never matching regex",
    ],
)
def test_include_row(tmp_path: Path, name: str) -> None:
    project = tmp_path / "project"
    files, secret = _include_case(tmp_path, name)
    result = _full_build(project, files, conf="exclude_patterns = ['sub', 'bin.md', '*.go']\n")
    text = result.doctree("doc").astext()
    assert secret not in text
    assert "PATH=" not in text
    assert_kept(text, "Intro.", "Text after it.")
    found = [
        w for w in mmark_warnings(parse_warnings(result.warnings, project)) if w.file == "doc.md"
    ]
    assert len(found) == 1, result.warnings
    assert (found[0].line, found[0].subtype) == (3, "include"), str(found[0])


def test_include_symlink_outside(tmp_path: Path) -> None:
    project = tmp_path / "project"
    secret = tmp_path / "secret.md"
    secret.write_text("OUTSIDE-SECRET\n", encoding="utf-8")
    write_project(
        project, {"index.rst": "Index\n=====\n", "doc.md": "Intro.\n\n{{link.md}}\n\nEnd.\n"}
    )
    os.symlink(secret, project / "link.md")
    result = build(project, overrides={"exclude_patterns": ["link.md"]})
    assert "OUTSIDE-SECRET" not in result.doctree("doc").astext()
    found = [
        w for w in mmark_warnings(parse_warnings(result.warnings, project)) if w.file == "doc.md"
    ]
    assert len(found) == 1, result.warnings
    assert found[0].line == 3, result.warnings
