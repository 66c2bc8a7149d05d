"""Full builds of Internet-Draft-like projects: reference sections, citation links, LaTeX.

The corpus test builds every real draft of the shared corpus and reports
its warnings (skips without the corpus).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import build, write_project

DRAFT = """\
%%%
title = "Example Draft"
[seriesInfo]
name = "Internet-Draft"
value = "draft-example-00"
[[author]]
fullname = "Ann Author"
%%%

# Introduction

Keywords [@!RFC2119], also [@RFC8174], hidden [@-RFC1000], local [@local].
Section [@!RFC6840, section 5.2].

<reference anchor='local' target='https://example.org/local'>
  <front><title>A Local Thing</title><author fullname='Bo Writer'/></front>
</reference>

# Security Considerations

None.
"""


INDEX = "Drafts\n======\n\n.. toctree::\n\n   one\n   two\n"


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("drafts")
    other = DRAFT.replace("Example Draft", "Other Draft").replace("[@local]", "[@!local]")
    write_project(
        srcdir,
        {"index.rst": INDEX, "one.md": DRAFT, "two.md": other},
    )
    return srcdir


def test_html_reference_sections_and_links(drafts: Path) -> None:
    result = build(drafts, "html")
    assert not result.warning_lines()
    soup = _soup(result.html("one"))
    sections = [
        h.get_text().rstrip("¶#")
        for h in soup.select("section.mmark-references h2, section.mmark-references h3")
    ]
    assert sections == ["References", "Normative References", "Informative References"]
    normative = soup.select_one("#normative-references dl")
    informative = soup.select_one("#informative-references dl")
    assert [dt.get_text() for dt in normative.find_all("dt")] == ["[RFC2119]", "[RFC6840]"]
    # sorted by label, case-insensitively; the suppressed RFC 1000 is listed
    assert [dt.get_text() for dt in informative.find_all("dt")] == [
        "[local]",
        "[RFC1000]",
        "[RFC8174]",
    ]
    assert informative.find("a", href="https://example.org/local") is not None
    assert "“A Local Thing”" in informative.get_text()
    intro = soup.select_one("section#introduction p")
    assert "RFC1000" not in intro.get_text()
    links = {a.get_text(): a["href"] for a in intro.find_all("a")}
    assert links["[RFC2119]"] == "#rfc2119"
    assert links["Section 5.2"] == "https://www.rfc-editor.org/rfc/rfc6840#section-5.2"
    assert soup.find(id="rfc2119").name == "dt"
    # the title block is the front of the page, not raw TOML
    assert "seriesInfo" not in soup.get_text()
    assert "draft-example-00" in soup.select_one(".mmark-title-block").get_text()


def test_two_drafts_do_not_clash(drafts: Path) -> None:
    result = build(drafts, "html")
    two = _soup(result.html("two"))
    normative = [dt.get_text() for dt in two.select("#normative-references dt")]
    assert normative == ["[local]", "[RFC2119]", "[RFC6840]"]
    one = _soup(result.html("one"))
    assert "[local]" not in one.select_one("#normative-references").get_text()


def test_latex_bibliography_and_citations(drafts: Path) -> None:
    result = build(drafts, "latex")
    assert not result.warning_lines()
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxcite{one:rfc2119}" in tex
    assert r"\sphinxcite{two:rfc2119}" in tex
    assert r"\sphinxcite{one:rfc1000}" not in tex  # suppressed: listed, not cited
    bibitems = re.findall(r"\\bibitem\[([^\]]*)\]\{one:", tex)
    assert bibitems == ["RFC2119", "RFC6840", "local", "RFC1000", "RFC8174"]
    assert tex.index("Normative References") < tex.index(r"\bibitem[RFC2119]{one:rfc2119}")
    assert r"\begin{list}" in tex
    assert r"\end{list}" in tex


def test_text_and_man_builds_show_the_references(drafts: Path) -> None:
    text = build(drafts, "text")
    assert not text.warning_lines()
    body = (text.outdir / "one.txt").read_text(encoding="utf-8")
    assert "Normative References" in body
    assert "[RFC2119]" in body
    assert not build(drafts, "man").warning_lines()


def test_references_go_at_backmatter(tmp_path: Path) -> None:
    source = "# Intro\n\n[@RFC2119]\n\n{backmatter}\n\n# Appendix\n\nMore.\n"
    write_project(tmp_path, {"index.md": source})
    result = build(tmp_path, "html")
    doctree = result.doctree("index")
    from sphinx_mmark.nodes import division

    if not list(doctree.findall(division)):
        pytest.skip("{backmatter} is not parsed into a division node yet")
    titles = [s[0].astext() for s in doctree.findall(lambda n: n.tagname == "section")]
    assert titles.index("Informative References") < titles.index("Appendix")


def test_references_at_the_end_without_backmatter(tmp_path: Path) -> None:
    write_project(tmp_path, {"index.md": "# A\n\n[@RFC2119]\n\n# B\n\nText.\n"})
    doctree = build(tmp_path, "html").doctree("index")
    top = [child for child in doctree.children if child.tagname == "section"]
    assert [s[0].astext() for s in top] == ["A", "B", "Informative References"]


def _draft_sources(corpus: Path) -> list[Path]:
    found: list[Path] = []
    for folder in (corpus / "ietf-drafts", corpus / "mmark-v2" / "rfc"):
        found.extend(sorted(p for p in folder.iterdir() if p.suffix == ".md" or p.is_dir()))
    return found


def _main_file(folder: Path) -> Path:
    """The file of a multi-file draft that no other file includes and that starts the draft."""
    sources = sorted(folder.rglob("*.md"))
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in sources}
    included = {p for p in sources if any(f"{p.name}}}}}" in t for q, t in texts.items() if q != p)}
    roots = [p for p in sources if p not in included]
    starts = [p for p in roots if "%%%" in texts[p] or "{mainmatter}" in texts[p]]
    return (starts or roots or sources)[0]


def test_every_corpus_draft_builds(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each draft (a file, or a folder for multi-file drafts) builds without a traceback."""
    report: list[str] = []
    for number, source in enumerate(_draft_sources(corpus)):
        srcdir = tmp_path / f"d{number}"
        if source.is_dir():
            main = _main_file(source)
            files = {
                str(p.relative_to(source)): p.read_bytes() for p in source.rglob("*") if p.is_file()
            }
            root = str(main.relative_to(source))[: -len(".md")]
            others = [name for name in files if name.endswith(".md") and name != root + ".md"]
        else:
            files, root, others = {"index.md": source.read_bytes()}, "index", []
        conf = f"root_doc = {root!r}\nexclude_patterns = {others!r}\n"
        write_project(srcdir, files, conf=conf)
        result = build(srcdir, "html")
        lines = result.warning_lines()
        assert "Traceback" not in result.warnings, source.name
        assert (result.outdir / f"{root}.html").is_file(), source.name
        kinds = Counter(_subtype(line) for line in lines)
        report.append(f"{source.name}: {len(lines)} warnings {dict(sorted(kinds.items()))}")
    with capsys.disabled():
        print("\n" + "\n".join(report))


def _subtype(line: str) -> str:
    match = re.search(r"\[([\w.]+)\]$", line)
    return match.group(1) if match else "other"
