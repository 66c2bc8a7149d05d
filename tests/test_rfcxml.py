"""The ``rfcxml`` builder (issue 15): RFC 7991 XML that the IETF's xml2rfc accepts.

The fixture drafts in ``tests/fixtures/rfcxml/project`` are built with
``-b rfcxml``; each XML file goes through ``xml2rfc --no-network --text`` with
``tests/fixtures/rfcxml/bibxml-cache`` (stand-in reference files named as
xml2rfc's cache names them) and through the v3 RELAX NG schema xml2rfc ships.
The expectations are read from the fixture sources, not from our output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import CORPUS

lxml_etree = pytest.importorskip("lxml.etree")
xml2rfc = pytest.importorskip("xml2rfc")

FIXTURES = Path(__file__).parent / "fixtures" / "rfcxml"
CACHE = FIXTURES / "bibxml-cache"
XI = "{http://www.w3.org/2001/XInclude}include"
XML2RFC = Path(sys.executable).parent / "xml2rfc"
DRAFTS = ["draft-basic", "draft-inline", "draft-extras", "draft-quirks"]


def _sphinx(
    src: Path, out: Path, builder: str = "rfcxml", quiet: bool = True
) -> subprocess.CompletedProcess[str]:
    flags = ["-q"] if quiet else []
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *flags, "-b", builder, str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )


def _xml2rfc(xml: Path, tmp: Path, cache: Path | None = None) -> list[str]:
    """The ``Error:`` lines of ``xml2rfc --text`` on ``xml`` (with a fresh copy of the
    fixture cache unless ``cache`` is given: xml2rfc deletes cache files it cannot
    validate)."""
    if cache is None:
        cache = tmp / f"cache-{xml.stem}"
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(CACHE, cache)
    done = subprocess.run(
        [
            str(XML2RFC), "--no-network", "--cache", str(cache),
            "--text", "-o", str(tmp / f"{xml.stem}.txt"), str(xml),
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    errors = [line for line in (done.stdout + done.stderr).splitlines() if "Error" in line]
    if done.returncode != 0 and not errors:
        errors.append(f"exit status {done.returncode}")
    return errors


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rfcxml")
    src = root / "src"
    shutil.copytree(FIXTURES / "project", src)
    # an SVG next to the source folder: a path to it must not be read
    shutil.copy(src / "diagram.svg", root / "outside.svg")
    done = _sphinx(src, root / "out", quiet=False)
    assert done.returncode == 0, done.stderr
    (root / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    return root


def _tree(built: Path, name: str) -> object:
    return lxml_etree.parse(str(built / "out" / f"{name}.xml"))


def test_only_drafts_with_a_title_block_are_written(built: Path) -> None:
    assert sorted(p.name for p in (built / "out").glob("*.xml")) == [
        "draft-basic.xml",
        "draft-extras.xml",
        "draft-inline.xml",
        "draft-quirks.xml",
    ]


@pytest.mark.parametrize("name", DRAFTS)
def test_xml2rfc_accepts_the_fixture_drafts(built: Path, name: str) -> None:
    assert _xml2rfc(built / "out" / f"{name}.xml", built) == []
    text = (built / f"{name}.txt").read_text(encoding="utf-8")
    assert "Abstract" in text


@pytest.mark.parametrize("name", DRAFTS)
def test_relax_ng_schema_of_xml2rfc(built: Path, name: str) -> None:
    assert _schema_errors(built / "out" / f"{name}.xml", CACHE) == []


def _schema_errors(xml: Path, cache: Path) -> list[str]:
    """What the v3 RELAX NG schema of xml2rfc finds in ``xml``, its includes read from
    ``cache`` first (as xml2rfc does)."""
    schema_path = Path(xml2rfc.__file__).parent / "data" / "v3.rng"
    schema = lxml_etree.RelaxNG(lxml_etree.parse(str(schema_path)))
    tree = lxml_etree.parse(str(xml))
    for include in list(tree.iter(XI)):
        referenced = lxml_etree.parse(str(cache / include.get("href").rsplit("/", 1)[1]))
        include.getparent().replace(include, referenced.getroot())
    if schema.validate(tree):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def test_front_comes_from_the_title_block(built: Path) -> None:
    root = _tree(built, "draft-basic").getroot()
    assert root.get("version") == "3"
    assert root.get("docName") == "draft-example-basic-00"
    assert root.get("category") == "std"
    assert root.get("ipr") == "trust200902"
    front = root.find("front")
    assert front.find("title").text == "Basic Constructs for RFC XML"
    assert front.find("title").get("abbrev") == "Basic RFC XML"
    series = front.find("seriesInfo")
    assert (series.get("name"), series.get("value")) == ("Internet-Draft", "draft-example-basic-00")
    author = front.find("author")
    assert author.get("fullname") == "Jane Doe"
    assert author.find("organization").text == "Example Org"
    assert author.find("address/email").text == "jane@example.com"
    assert author.find("address/postal/city").text == "Springfield"
    assert dict(front.find("date").attrib) == {"year": "2024", "month": "March", "day": "1"}
    assert [k.text for k in front.findall("keyword")] == ["mmark", "xml2rfc"]
    assert front.find("workgroup").text == "Example Working Group"
    assert "exercises the constructs" in "".join(front.find("abstract").itertext())
    assert front.find("note/name").text == "Note to Readers"


def test_body_constructs(built: Path) -> None:
    root = _tree(built, "draft-basic").getroot()
    middle, back = root.find("middle"), root.find("back")
    assert middle.find("section").get("anchor") == "intro"
    assert [s.get("anchor") for s in back.findall("section")] == ["acks"]
    assert [b.text for b in root.iter("bcp14")] == ["MUST", "SHOULD", "MUST NOT"]
    xrefs = [(x.get("target"), x.get("section"), x.get("sectionFormat")) for x in root.iter("xref")]
    assert ("RFC8174", "2", "of") in xrefs
    assert ("RFC3552", "5", "comma") in xrefs
    assert ("RFC3552", "3", "parens") in xrefs
    assert ("RFC3552", "4", "bare") in xrefs
    assert ("details", None, None) in xrefs  # from the included file's section
    assert ("overview", None, None) in xrefs
    assert root.find(".//aside") is not None
    assert root.find(".//blockquote") is not None
    table = root.find(".//table")
    assert table.get("anchor") == "tab-values"
    assert table.find("name").text == "Widget values"
    assert [c.get("align") for c in table.find("thead/tr")] == ["left", "right"]
    assert table.find("tfoot/tr/td").text == "sum"
    figure = root.find(".//figure")
    assert figure.get("anchor") == "fig-code"
    assert figure.find("sourcecode").get("type") == "c"
    assert root.find(".//artwork").text.startswith("+---+")
    lists = root.findall(".//ol")
    assert lists[1].get("start") == "4"
    ul = root.find(".//ul")
    assert ul.get("spacing") is None  # an item with two paragraphs: not compact
    assert [d.text for d in root.iter("dt")] == ["Widget", "Gadget"]
    irefs = [(i.get("item"), i.get("subitem"), i.get("primary")) for i in root.iter("iref")]
    assert irefs == [("widgets", None, None), ("widgets", "blue", "true")]
    assert root.find(".//eref").get("target") == "https://example.com/"
    assert root.find(".//sub").text == "2"
    assert root.find(".//sup").text == "10"


def test_references_normative_informative_and_inline(built: Path) -> None:
    def listed(name: str) -> dict[str, list[str]]:
        back = _tree(built, name).getroot().find("back")
        found: dict[str, list[str]] = {}
        for section in back.findall("references"):
            found[section.find("name").text] = [
                e.get("anchor") or e.get("href").rsplit("/", 1)[1] for e in section[1:]
            ]
        return found

    # the first citation of a key decides its list: the abstract cites RFC 8174 plainly
    assert listed("draft-basic") == {
        "Normative References": ["reference.RFC.2119.xml"],
        "Informative References": [
            "reference.I-D.ietf-example-widgets.xml",
            "reference.RFC.3552.xml",
            "reference.RFC.8174.xml",
        ],
    }
    # inline XML and a file of mmark_bibxml_dirs are written in place
    assert listed("draft-inline") == {
        "Normative References": ["widget-spec"],
        "Informative References": ["reference.RFC.2119.xml", "RFC7511"],
    }


def test_include_urls_are_the_ones_mmark_writes() -> None:
    from sphinx_mmark.rfcxml.references import include_url

    base = "https://xml2rfc.ietf.org/public/rfc"
    assert include_url("RFC20") == f"{base}/bibxml/reference.RFC.0020.xml"
    assert include_url("RFC2119") == f"{base}/bibxml/reference.RFC.2119.xml"
    assert include_url("I-D.ietf-foo") == f"{base}/bibxml-ids/reference.I-D.ietf-foo.xml"
    assert include_url("W3C.REC-xml") == f"{base}/bibxml-w3c/reference.W3C.REC-xml.xml"
    assert include_url("DOI.10.1/x") is None


def _touch_later(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5  # newer than the last read, however coarse the clock
    os.utime(path, (later, later))


def test_incremental_rebuild_follows_includes_and_bibxml(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(FIXTURES / "project", src)
    assert _sphinx(src, out).returncode == 0
    basic, inline = out / "draft-basic.xml", out / "draft-inline.xml"
    first = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (basic, inline)}
    time.sleep(0.05)
    assert _sphinx(src, out).returncode == 0  # nothing changed: nothing written
    assert {p: p.stat().st_mtime_ns for p in first} == {p: m for p, (_, m) in first.items()}
    part = src / "parts" / "details.md"
    _touch_later(part, part.read_text(encoding="utf-8").replace("included file", "edited part"))
    bib = src / "bibxml" / "reference.RFC.7511.xml"
    _touch_later(bib, bib.read_text(encoding="utf-8").replace("locally cached", "re-cached"))
    assert _sphinx(src, out).returncode == 0
    assert b"edited part" in basic.read_bytes()
    assert b"re-cached" in inline.read_bytes()


def _drafts(corpus: Path) -> list[Path]:
    drafts = sorted((corpus / "ietf-drafts").glob("*.md"))
    drafts += sorted((corpus / "mmark-v2" / "rfc").glob("*.md"))
    return drafts


_STAND_IN = """<reference anchor="{anchor}" target="https://example.org/{anchor}">
<front><title>Stand-in for {anchor}</title>
<author fullname="Stand In"/><date year="2020"/></front>{series}</reference>
"""


def _stand_in_cache(xml: Path, cache: Path) -> int:
    """Copy the fixture cache to ``cache`` and add a stand-in reference for every other
    ``xi:include`` of ``xml`` (anchored as the draft's citation of it); how many."""
    from sphinx_mmark.rfcxml.references import include_url

    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(CACHE, cache)
    tree = lxml_etree.parse(str(xml))
    targets = {x.get("target") for x in tree.iter("xref")}
    by_file = {(include_url(t) or "/").rsplit("/", 1)[1]: t for t in targets}
    added = 0
    for include in tree.iter(XI):
        name = include.get("href").rsplit("/", 1)[1]
        if not (cache / name).exists():
            anchor = by_file.get(name) or next(
                (t for t in sorted(targets) if name.startswith(f"reference.{t}-")),
                name.removeprefix("reference.").removesuffix(".xml"),
            )
            number = anchor.removeprefix("RFC")
            series = f'<seriesInfo name="RFC" value="{number}"/>' if number.isdigit() else ""
            (cache / name).write_text(
                _STAND_IN.format(anchor=anchor, series=series), encoding="utf-8"
            )
            added += 1
    return added


@pytest.mark.slow
def test_corpus_drafts_pass_xml2rfc(tmp_path: Path) -> None:
    """Every v2 corpus draft passes xml2rfc with 0 errors, offline, and the v3 schema.

    References the fixture cache does not hold get a stand-in file (an anchor and a
    title): the network is not used, and xml2rfc still checks every other part of
    the document. Drafts whose ``%%%`` block holds their Makefile's ``@TODAY@`` and
    ``@DOCNAME@`` placeholders get the values the Makefile puts there. v1 drafts
    (``% key = value`` title lines) are no RFC 7991 source for mmark 2 and are skipped.
    """
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    checked: dict[str, int] = {}
    skipped: list[str] = []
    failures: dict[str, list[str]] = {}
    for number, draft in enumerate(_drafts(CORPUS)):
        src = tmp_path / f"p{number}"
        src.mkdir()
        text = draft.read_text(encoding="utf-8")
        text = text.replace("@TODAY@", "2024-01-01").replace("@DOCNAME@", "draft-corpus-00")
        (src / "index.md").write_text(text, encoding="utf-8")
        (src / "conf.py").write_text('extensions = ["sphinx_mmark"]\n', encoding="utf-8")
        _sphinx(src, tmp_path / f"o{number}")
        xml = tmp_path / f"o{number}" / "index.xml"
        if not xml.exists():
            assert not text.startswith("%%%"), f"{draft.name}: v2 draft without XML"
            skipped.append(draft.name)
            continue
        cache = tmp_path / f"cache-{xml.stem}"
        checked[draft.name] = _stand_in_cache(xml, cache)
        errors = _xml2rfc(xml, tmp_path, cache) + _schema_errors(xml, cache)
        if errors:
            failures[draft.name] = errors
    offline = sorted(name for name, added in checked.items() if not added)
    print(
        f"corpus drafts checked with xml2rfc: {len(checked)} "
        f"({len(offline)} with every reference in the fixture cache: {offline}); "
        f"v1 drafts skipped: {len(skipped)}"
    )
    for name, errors in sorted(failures.items()):
        print(name, *errors, sep="\n  ")
    assert len(checked) >= 20
    assert failures == {}


# -- draft-extras: callouts, list attributes, footnotes, images, contacts, comments ----


def _section(built: Path, anchor: str) -> object:
    return _tree(built, "draft-extras").getroot().find(f"middle/section[@anchor='{anchor}']")


def test_callouts_as_mmark_writes_them(built: Path) -> None:
    section = _section(built, "callouts")
    # //<<1>> and #<<2>> are callouts (the comment starter goes); "// <<3>>" is code
    assert section.find("sourcecode").text.splitlines() == [
        "int x = 1; <1>",
        "int y = 2; <2>",
        "int z = 3; // <<3>> stays code",
    ]
    prose = section.find("t")
    assert [e.text for e in prose.iter("em")] == ["1", "2"]
    assert "".join(prose.itertext()) == "Line (1) sets x and 2 sets y."
    assert section.find(".//xref") is None


def test_list_block_attributes_reach_the_xml(built: Path) -> None:
    section = _section(built, "lists")
    ol = section.findall("ol")
    assert ol[0].get("type") == "Step %d:"
    assert (ol[1].get("start"), ol[1].get("spacing")) == ("7", "normal")  # given wins
    ul = section.findall("ul")
    assert (ul[0].get("empty"), ul[0].get("indent")) == ("true", "5")
    assert section.find("dl").get("newline") == "true"
    assert "style" not in ul[1].attrib  # no such attribute in RFC 7991
    assert "1 <ul> attribute style" in (built / "build.log").read_text(encoding="utf-8")


def test_footnotes_are_left_out_as_mmark_does(built: Path) -> None:
    text = (built / "out" / "draft-extras.xml").read_text(encoding="utf-8")
    source = (FIXTURES / "project" / "draft-extras.md").read_text(encoding="utf-8")
    for line in source.splitlines():
        if line.startswith("[^") and "]: " in line:
            assert line.split("]: ", 1)[1] not in text
    paragraph = _section(built, "footnotes").find("t")
    assert "".join(paragraph.itertext()) == "A sentence with a footnote and another."
    assert "2 footnote" in (built / "build.log").read_text(encoding="utf-8")


def test_local_svg_images_are_written_in(built: Path) -> None:
    svg = "{http://www.w3.org/2000/svg}"
    figures = _section(built, "images").findall("figure")
    first, captioned, photo = (f.find("artwork") for f in figures)
    for artwork in (first, captioned):
        assert artwork.get("type") == "svg"
        assert artwork.get("src") is None
        assert artwork.find(f"{svg}svg/{svg}text").text == "widget"
    assert first.get("alt") == "A widget diagram"
    assert figures[1].get("anchor") == "fig-widget"
    assert figures[1].find("name").text == "The widget"
    assert captioned.get("name") == "widget.svg"  # the image title, where mmark puts it
    # RFC 7991 takes no PNG: its alternative text, and no file reference
    assert (photo.get("src"), photo.text.strip()) == (None, "A photograph")
    # ../outside.svg exists but is outside the source folder: never read
    assert len(list(_tree(built, "draft-extras").getroot().iter(f"{svg}svg"))) == 2


def test_images_outside_the_source_folder_or_with_a_dtd_are_not_read(tmp_path: Path) -> None:
    from docutils import nodes

    from sphinx_mmark.rfcxml.body import BodyConverter

    src = tmp_path / "src"
    src.mkdir()
    svg = (FIXTURES / "project" / "diagram.svg").read_text(encoding="utf-8")
    (tmp_path / "outside.svg").write_text(svg, encoding="utf-8")
    (src / "inside.svg").write_text(svg, encoding="utf-8")
    (src / "entity.svg").write_text(
        '<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + svg.replace("widget", "&a;"), encoding="utf-8"
    )
    (src / "link.svg").symlink_to(tmp_path / "outside.svg")
    converter = BodyConverter(srcdir=src)
    for uri in ("../outside.svg", str(tmp_path / "outside.svg"), "link.svg", "entity.svg"):
        artwork = converter._artwork_of_image(nodes.image(uri=uri, alt="alt"))
        assert (len(artwork), artwork.text) == (0, "alt\n"), uri
    assert len(converter._artwork_of_image(nodes.image(uri="inside.svg"))) == 1


def test_cited_people_are_contacts(built: Path) -> None:
    section = _section(built, "contributors")
    # first under the heading and only people: the <contact>s stand in the section
    direct = [c.get("fullname") for c in section.findall("contact")]
    assert direct == ["Bob Contact", "Jane Doe"]  # [@jane doe]: case does not matter
    assert section.find("contact/address/email").text == "bob@example.com"
    sentence = section.find("t")
    assert sentence.find("contact").get("fullname") == "Bob Contact"
    assert sentence.find("contact").tail == " for the review."


def test_comments_make_no_cref(built: Path) -> None:
    root = _tree(built, "draft-extras").getroot()
    assert root.find(".//cref") is None  # mmark 2 writes none either
    text = (built / "out" / "draft-extras.xml").read_text(encoding="utf-8")
    assert "editor's note" not in text
    assert "a comment on its own" not in text


@pytest.mark.skipif(shutil.which("mmark") is None, reason="the Go mmark is not installed")
def test_extras_agree_with_mmark(built: Path) -> None:
    """The same constructs in the XML of ``mmark draft-extras.md``."""
    done = subprocess.run(
        ["mmark", "draft-extras.md"],
        cwd=built / "src",
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = lxml_etree.fromstring(done.stdout.encode("utf-8"))
    ours = _tree(built, "draft-extras").getroot()

    def lists(root: object) -> list[dict[str, str]]:
        return [dict(e.attrib) for e in root.iter("ol", "ul", "dl")]

    def contacts(root: object) -> list[tuple[str, str]]:
        return [(c.getparent().tag, c.get("fullname")) for c in root.iter("contact")]

    assert lists(ours) == lists(theirs)
    assert contacts(ours) == contacts(theirs)
    assert [e.text for e in ours.iter("em")] == [e.text for e in theirs.iter("em")]
    for root in (ours, theirs):
        assert root.find(".//cref") is None
    code = [s.text for s in theirs.iter("sourcecode")]
    # mmark only looks for the first comment starter (//): #<<2>> stays in its XML
    assert [t.replace("#<<2>>", "<2>") for t in code] == [s.text for s in ours.iter("sourcecode")]


# -- draft-quirks: code languages, quotes, xref formats, citations side by side ---------

QUIRKS = FIXTURES / "project" / "draft-quirks.md"


def _quirks_section(built: Path, anchor: str) -> object:
    return _tree(built, "draft-quirks").getroot().find(f"middle/section[@anchor='{anchor}']")


def test_code_blocks_keep_the_language_their_author_named(built: Path) -> None:
    """mmark's rule: a named language (a fence's first word, a code include's file
    extension) makes ``<sourcecode type=…>``, even one Pygments does not know
    (``ascii-art``); a block without one is ``<artwork>``."""
    expected: list[tuple[str, str | None]] = []
    for line in QUIRKS.read_text(encoding="utf-8").splitlines():
        if line.startswith("~~~") and expected and expected[-1] == ("open", None):
            expected.pop()  # the closing fence of the block just counted
            continue
        if line.startswith("~~~"):
            word = line[3:].strip()
            expected.append(("sourcecode", word) if word else ("artwork", None))
            expected.append(("open", None))
        elif line.startswith("<{{"):
            expected.append(("sourcecode", line.rstrip("}").rpartition(".")[2]))
    assert [t for t, _ in expected] == ["sourcecode"] * 4 + ["artwork", "sourcecode"]
    section = _quirks_section(built, "code")
    found = [(e.tag, e.get("type")) for e in section if e.tag in ("artwork", "sourcecode")]
    assert found == expected
    assert ("sourcecode", "tree") in found  # <{{parts/zone.tree}}


def test_quotes_and_dashes_stay_as_typed(built: Path) -> None:
    source = QUIRKS.read_text(encoding="utf-8")
    heading = next(line for line in source.splitlines() if line.endswith("{#quotes}"))
    section = _quirks_section(built, "quotes")
    assert section.find("name").text == heading[2:].removesuffix("{#quotes}").strip()
    paragraph = next(line for line in source.splitlines() if line.startswith('A "quoted"'))
    assert section.find("t").text == paragraph
    text = (built / "out" / "draft-quirks.xml").read_text(encoding="utf-8")
    assert not set(text) & set("\u201c\u201d\u2018\u2019\u2013\u2014\u2026")


def test_html_keeps_smart_quotes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(QUIRKS, src / "draft-quirks.md")
    shutil.copytree(FIXTURES / "project" / "parts", src / "parts")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mmark"]\nroot_doc = "draft-quirks"\nexclude_patterns = ["parts"]\n',
        encoding="utf-8",
    )
    done = _sphinx(src, tmp_path / "html", builder="html")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "html" / "draft-quirks.html").read_text(encoding="utf-8")
    assert "The \u201cscope\u201d Parameter\u2019s Value" in html


def test_a_project_s_own_smartquotes_excludes_is_kept() -> None:
    from types import SimpleNamespace

    from sphinx_mmark.rfcxml import no_smart_quotes

    own = {"builders": ["man"], "languages": []}
    config = SimpleNamespace(_raw_config={"smartquotes_excludes": own}, _overrides={})
    config.smartquotes_excludes = own
    no_smart_quotes(None, config)  # type: ignore[arg-type]
    assert config.smartquotes_excludes == {"builders": ["man"], "languages": []}
    default = {"builders": ["man", "text"], "languages": ["ja"]}
    config = SimpleNamespace(_raw_config={}, _overrides={}, smartquotes_excludes=default)
    no_smart_quotes(None, config)  # type: ignore[arg-type]
    assert config.smartquotes_excludes["builders"] == ["man", "text", "rfcxml"]
    assert default["builders"] == ["man", "text"]  # Sphinx's default is not changed in place


def test_use_title_is_an_xref_format_without_text(built: Path) -> None:
    section = _quirks_section(built, "xrefs")
    xrefs = [(x.get("target"), x.get("format"), x.text) for x in section.find("t").iter("xref")]
    # See (#code, use title), (#quotes, use counter) and (#code).
    assert xrefs == [("code", "title", None), ("quotes", "counter", None), ("code", None, None)]
    assert "use title" not in "".join(section.find("t").itertext())


def test_citations_side_by_side_are_both_cited(built: Path) -> None:
    # Hosts [@RFC2119][@RFC3552] are both cited.
    paragraph = _quirks_section(built, "xrefs").findall("t")[1]
    assert [x.get("target") for x in paragraph.iter("xref")] == ["RFC2119", "RFC3552"]
    assert "[@" not in "".join(paragraph.itertext())
    listed = _tree(built, "draft-quirks").getroot().find("back/references")
    assert listed.find("name").text == "Informative References"
    assert [e.get("href").rsplit("/", 1)[1] for e in listed[1:]] == [
        "reference.RFC.2119.xml",
        "reference.RFC.3552.xml",
    ]


@pytest.mark.skipif(shutil.which("mmark") is None, reason="the Go mmark is not installed")
def test_quirks_agree_with_mmark(built: Path) -> None:
    """Code elements, section names and citations as ``mmark draft-quirks.md`` writes them
    (mmark 2.2.25 leaves ``(#id, use title)`` as text, so xref formats are not compared)."""
    done = subprocess.run(
        ["mmark", "draft-quirks.md"], cwd=built / "src", capture_output=True, check=True
    )
    theirs = lxml_etree.fromstring(done.stdout)
    ours = _tree(built, "draft-quirks").getroot()

    def code(root: object) -> list[tuple[str, str | None, str]]:
        return [(e.tag, e.get("type"), e.text) for e in root.iter("artwork", "sourcecode")]

    def names(root: object) -> list[str]:
        return [n.text for n in root.iter("name")]

    def citations(root: object) -> list[str]:
        return [x.get("target") for x in root.iter("xref") if x.get("target").startswith("RFC")]

    assert code(ours) == code(theirs)
    assert names(ours) == names(theirs)
    assert citations(ours) == citations(theirs)
