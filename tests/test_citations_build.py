"""Full builds of Internet-Draft-like projects: reference sections, citation links, LaTeX.

The corpus test builds every real draft of the shared corpus, reports its warnings and
holds them to the ratcheted baseline (``tests/corpus_baseline.py``; skips without the corpus).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .corpus_baseline import check_warnings, logged_warnings
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


BACKMATTER = """\
# Intro

Keywords [@!RFC2119] and [@RFC8174].

{backmatter}

# Appendix

More.
"""


def test_references_go_at_backmatter(tmp_path: Path) -> None:
    """The reference sections open the back matter: before its appendices, after the body."""
    write_project(tmp_path, {"index.md": BACKMATTER})
    result = build(tmp_path, "html")
    assert not result.warning_lines()
    soup = _soup(result.html("index"))
    headings = [h.get_text().rstrip("¶#") for h in soup.select("section > h1, section > h2")]
    assert headings == [
        "Intro",
        "References",
        "Normative References",
        "Informative References",
        "Appendix",
    ]
    assert "mmark-backmatter" in soup.select_one("section#appendix")["class"]
    latex = build(tmp_path, "latex")
    assert not latex.warning_lines()
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # the references close the body, numbered with it (an RFC's "N. References");
    # the switch to appendices (\appendix) comes after them
    order = [
        tex.index(r"\sphinxcite{index:rfc2119}"),
        tex.index(r"\chapter{References}"),
        tex.index(r"\section{Normative References}"),
        tex.index(r"\bibitem[RFC2119]{index:rfc2119}"),
        tex.index(r"\section{Informative References}"),
        tex.index(r"\bibitem[RFC8174]{index:rfc8174}"),
        tex.index(r"\sphinxmmarkbackmatter"),
        tex.index(r"\chapter{Appendix}"),
    ]
    assert order == sorted(order)


def test_references_position_end_ignores_backmatter(tmp_path: Path) -> None:
    write_project(tmp_path, {"index.md": BACKMATTER}, conf='mmark_references_position = "end"\n')
    doctree = build(tmp_path, "html").doctree("index")
    top = [child[0].astext() for child in doctree.children if child.tagname == "section"]
    assert top == ["Intro", "Appendix", "References"]


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


@pytest.mark.slow
def test_every_corpus_draft_builds(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each draft (a file, or a folder for multi-file drafts) builds a page; the warnings of
    each kind stay within the ratcheted baseline (``tests/corpus_baseline.py``)."""
    report: list[str] = []
    found: list[tuple[str, str]] = []
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
        assert (result.outdir / f"{root}.html").is_file(), source.name
        logged = logged_warnings(result.warnings, srcdir)
        found.extend((f"{source.name}/{name}", kind) for name, kind in logged)
        kinds = Counter(kind for _name, kind in logged)
        report.append(f"{source.name}: {len(logged)} warnings {dict(sorted(kinds.items()))}")
    assert report, "the corpus has drafts"
    with capsys.disabled():
        print("\n" + "\n".join(report))
    check_warnings("ietf drafts html", found)


# -- project-wide bibliography ---------------------------------------------------------

SHARED_ONE = """\
# One

Uses [@!spec] and [@dup].

<reference anchor='spec' target='https://example.org/spec'>
  <front><title>The Shared Spec</title><author fullname='Cy Editor'/></front>
</reference>

<reference anchor='dup'>
  <front><title>Dup As One Has It</title></front>
</reference>

<reference anchor='RFC9999'>
  <front><title>A Detailed RFC Entry</title><date year='2031'/></front>
</reference>
"""

SHARED_TWO = """\
# Two

Uses [@spec, section 2], [@!RFC2119], [@dup], [@nowhere] and [@nowhere].

<reference anchor='dup'>
  <front><title>Dup As Two Has It</title></front>
</reference>
"""

SHARED_THREE = """\
# Three

Uses [@dup], [@RFC9999] and [@RFC8174].
"""

SHARED_INDEX = "Drafts\n======\n\n.. toctree::\n\n   one\n   two\n   three\n"


def _shared_project(srcdir: Path) -> None:
    write_project(
        srcdir,
        {
            "index.rst": SHARED_INDEX,
            "one.md": SHARED_ONE,
            "two.md": SHARED_TWO,
            "three.md": SHARED_THREE,
        },
        conf="mmark_shared_bibliography = True\n",
    )


def _entries(soup: BeautifulSoup, section: str) -> dict[str, str]:
    found = soup.select_one(f"#{section} dl")
    assert found is not None, section
    return {
        dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in found.find_all("dt")
    }


@pytest.mark.parametrize("parallel", [0, 2])
def test_shared_bibliography_html(tmp_path: Path, parallel: int) -> None:
    _shared_project(tmp_path)
    result = build(tmp_path, "html", parallel=parallel)
    # a parallel read reports chunks of documents ("index .. one")
    assert bool(re.search(r"reading sources\.\.\. \[[ \d]+%\] \S+ \.\. ", result.status)) == bool(
        parallel
    )
    assert sorted(result.warning_lines()) == [
        "two.md:3: WARNING: unknown citation key 'nowhere' [mmark.citation]",
        "two.md:5: WARNING: reference anchor 'dup' is also defined in 'one'; other documents "
        "cite that one, this document its own [mmark.reference_xml]",
    ]
    two = _soup(result.html("two"))
    # a key defined in another document: listed here, linked here, with that entry's text
    informative = _entries(two, "informative-references")
    assert list(informative) == ["[dup]", "[spec]"]
    assert "The Shared Spec" in informative["[spec]"]
    assert "Dup As Two Has It" in informative["[dup]"]  # its own definition wins
    assert list(_entries(two, "normative-references")) == ["[RFC2119]"]
    body = two.select_one("section#two p")
    links = {a.get_text(): a["href"] for a in body.find_all("a")}
    assert links["[spec]"] == "#spec"
    assert "[@nowhere]" in body.get_text()  # unknown: the source text stays
    three = _soup(result.html("three"))
    informative = _entries(three, "informative-references")
    assert list(informative) == ["[dup]", "[RFC8174]", "[RFC9999]"]
    assert "Dup As One Has It" in informative["[dup]"]  # the first document's
    assert "A Detailed RFC Entry" in informative["[RFC9999]"]  # before the automatic entry
    # each document lists only what it cites
    one = _soup(result.html("one"))
    assert list(_entries(one, "informative-references")) == ["[dup]"]
    assert list(_entries(one, "normative-references")) == ["[spec]"]


@pytest.mark.parametrize("parallel", [0, 2])
def test_shared_bibliography_latex(tmp_path: Path, parallel: int) -> None:
    _shared_project(tmp_path)
    result = build(tmp_path, "latex", parallel=parallel)
    assert len(result.warning_lines()) == 2
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxcite{two:spec}" in tex
    assert r"\bibitem[spec]{two:spec}" in tex
    assert r"\bibitem[spec]{one:spec}" in tex
    assert "nowhere}" not in tex  # no citation and no entry for an unknown key
    three = tex[tex.index(r"\bibitem[dup]{three:dup}") :]
    assert three.index("Dup As One Has It") < three.index(r"\bibitem[RFC8174]")


def test_shared_bibliography_follows_changed_definitions(tmp_path: Path) -> None:
    """A document citing a key defined elsewhere is written again when the definition changes."""
    _shared_project(tmp_path)
    build(tmp_path, "html")
    (tmp_path / "one.md").write_text(
        SHARED_ONE.replace("The Shared Spec", "The Renamed Spec"), encoding="utf-8"
    )
    result = build(tmp_path, "html", fresh=False)
    informative = _entries(_soup(result.html("two")), "informative-references")
    assert "The Renamed Spec" in informative["[spec]"]
    # and a definition that disappears leaves the citing document with a warning
    (tmp_path / "one.md").write_text(
        SHARED_ONE.replace("anchor='spec'", "anchor='other'"), encoding="utf-8"
    )
    result = build(tmp_path, "html", fresh=False)
    assert (
        "two.md:3: WARNING: unknown citation key 'spec' [mmark.citation]" in result.warning_lines()
    )
    assert "[@spec, section 2]" in _soup(result.html("two")).select_one("section#two p").get_text()


def test_per_document_keys_by_default(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "index.rst": SHARED_INDEX,
            "one.md": SHARED_ONE,
            "two.md": SHARED_TWO,
            "three.md": SHARED_THREE,
        },
    )
    lines = build(tmp_path, "html").warning_lines()
    assert "two.md:3: WARNING: unknown citation key 'spec' [mmark.citation]" in lines
    assert not any("also defined" in line for line in lines)


# -- a local bibxml cache ----------------------------------------------------------------

RFC2119_XML = """\
<?xml version='1.0' encoding='UTF-8'?>
<reference anchor='RFC2119' target='https://www.rfc-editor.org/info/rfc2119'>
  <front>
    <title>Key words for use in RFCs to Indicate Requirement Levels</title>
    <author initials='S.' surname='Bradner' fullname='S. Bradner'/>
    <date year='1997' month='March'/>
  </front>
  <seriesInfo name='BCP' value='14'/>
  <seriesInfo name='RFC' value='2119'/>
</reference>
"""


def test_bibxml_cache_gives_titles_authors_dates(tmp_path: Path) -> None:
    cache = tmp_path / "bibxml"
    cache.mkdir()
    (cache / "reference.RFC.2119.xml").write_text(RFC2119_XML, encoding="utf-8")
    (cache / "reference.RFC.8174.xml").write_text(
        "<reference anchor='RFC8174'><front>", encoding="utf-8"
    )
    srcdir = tmp_path / "src"
    write_project(
        srcdir,
        {"index.md": "# A\n\nSee [@!RFC2119] and [@RFC8174].\n"},
        conf=f"mmark_bibxml_dirs = [{str(cache)!r}]\n",
    )
    result = build(srcdir, "html")
    lines = result.warning_lines()
    assert len(lines) == 1
    assert lines[0].startswith("index.md:3: WARNING: bibxml cache file ")
    assert "reference.RFC.8174.xml' for 'RFC8174' ignored: malformed XML: " in lines[0]
    assert lines[0].endswith("[mmark.reference_xml]")
    soup = _soup(result.html("index"))
    normative = _entries(soup, "normative-references")["[RFC2119]"]
    assert "S. Bradner" in normative
    assert "“Key words for use in RFCs to Indicate Requirement Levels”" in normative
    assert "March 1997" in normative
    assert "BCP 14" in normative
    # the malformed file leaves the automatic entry
    informative = _entries(soup, "informative-references")["[RFC8174]"]
    assert informative == "RFC 8174, < https://www.rfc-editor.org/info/rfc8174 >."
