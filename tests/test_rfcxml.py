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


def _sphinx(src: Path, out: Path, builder: str = "rfcxml") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", builder, str(src), str(out)],
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
    done = _sphinx(src, root / "out")
    assert done.returncode == 0, done.stderr
    return root


def _tree(built: Path, name: str) -> object:
    return lxml_etree.parse(str(built / "out" / f"{name}.xml"))


def test_only_drafts_with_a_title_block_are_written(built: Path) -> None:
    assert sorted(p.name for p in (built / "out").glob("*.xml")) == [
        "draft-basic.xml",
        "draft-inline.xml",
    ]


@pytest.mark.parametrize("name", ["draft-basic", "draft-inline"])
def test_xml2rfc_accepts_the_fixture_drafts(built: Path, name: str) -> None:
    assert _xml2rfc(built / "out" / f"{name}.xml", built) == []
    text = (built / f"{name}.txt").read_text(encoding="utf-8")
    assert "Abstract" in text


@pytest.mark.parametrize("name", ["draft-basic", "draft-inline"])
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
