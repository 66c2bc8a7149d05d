"""The RFC XML compared with the reference ``mmark FILE`` (tools/conformance_xml.py).

The comparison is tested on small hand-written XML pairs; the rules that neutralise
the reference's faults are checked against the real ``mmark`` where one is installed
(so a later mmark that fixes a fault makes its test fail, and the rule can go). The
corpus run (slow) must not fall below ``tools/conformance-xml-baseline.json``, overall
or for any document: ratchet it with ``python tools/conformance_xml.py ../shared/corpus
--write-baseline tools/conformance-xml-baseline.json``.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from .helpers import CORPUS, REPO

pytest.importorskip("lxml.etree")

BASELINE = REPO / "tools" / "conformance-xml-baseline.json"


def _tool() -> ModuleType:
    path = REPO / "tools" / "conformance_xml.py"
    spec = importlib.util.spec_from_file_location("conformance_xml", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["conformance_xml"] = module
    spec.loader.exec_module(module)
    return module


cx = _tool()

FRONT = """<front>
<title abbrev="Short">A Title</title>
<seriesInfo name="Internet-Draft" value="draft-x-00" stream="IETF"/>
<author fullname="Jane Doe"><organization>Org</organization>
<address><email>jane@example.com</email></address></author>
<date year="2024" month="{month}" day="1"/>
<area>Internet</area><workgroup>WG</workgroup><keyword>k1</keyword>
</front>"""

BODY = """<middle>
<section anchor="intro"><name>Introduction</name>
<t>Text <bcp14>MUST</bcp14> see <xref target="RFC2119"/> and <xref target="details"/>.</t>
<figure><artwork>+--+</artwork></figure>
<section anchor="details"><name>Details</name>
<sourcecode type="c">int x;</sourcecode>
<table><tbody><tr><td>1</td></tr></tbody></table></section>
</section>
</middle>
<back>
<references><name>Normative References</name>{normative}</references>
<references><name>Informative References</name>
<reference anchor="widget"><front><title>W</title></front></reference>
</references>
</back>"""

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
INCLUDE = '<xi:include href="https://xml2rfc.ietf.org/public/rfc/bibxml/reference.RFC.{}.xml"/>'
REF_INCLUDE = INCLUDE.format("2119")


def _doc(*, month: str = "March", normative: str = REF_INCLUDE, extra: str = "") -> bytes:
    text = (
        f'<rfc version="3" {XI} ipr="trust200902" docName="draft-x-00" category="std" '
        f'submissionType="IETF" consensus="true">'
        + FRONT.format(month=month)
        + BODY.format(normative=normative).replace("</middle>", f"{extra}</middle>")
        + "</rfc>"
    )
    return text.encode("utf-8")


def _compare(
    ref: bytes, ours: bytes, source: str = "%%%\n%%%\n{backmatter}\n"
) -> tuple[object, object, object]:
    return cx.compare_files("doc.md", ref, ours, set(), source)  # type: ignore[no-any-return]


def test_identical_documents_score_100() -> None:
    result, ref, _ = _compare(_doc(), _doc())
    assert result.score == 100.0
    assert result.differences == {}
    # every feature is present in the pair, so each one was compared
    assert set(result.features) == set(cx.WEIGHTS)
    assert all(value == 1.0 for value in result.features.values())
    assert ref.references == Counter({"normative:RFC2119": 1, "informative:widget": 1})
    assert ref.blocks == {"table": 1, "figure": 1, "artwork": 1, "sourcecode": 1}


def test_month_name_and_number_are_the_same_date() -> None:
    result, _, _ = _compare(_doc(month="March"), _doc(month="3"))
    assert result.features["front"] == 1.0


def test_each_feature_notices_its_difference() -> None:
    ours = (
        _doc()
        .replace(b"A Title", b"Another Title")
        .replace(b"<name>Details</name>", b"<name>Detail</name>")
        .replace(b'anchor="details"', b'anchor="detail"')
        .replace(b"<bcp14>MUST</bcp14>", b"MUST")
        .replace(b'<sourcecode type="c">int x;</sourcecode>', b"<artwork>int x;</artwork>")
    )
    result, _, _ = _compare(_doc(), ours)
    features = result.features
    assert features["front"] < 1
    assert features["sections"] == 0.5
    assert features["anchors"] == pytest.approx(1 / 3)  # intro kept of intro/details/detail
    assert features["xrefs"] == 1.0  # the xref target did not change
    assert features["bcp14"] == 0.0
    assert features["blocks"] < 1
    assert features["references"] == 1.0
    assert "title: ['A Title'] != ['Another Title']" in result.differences["front"]
    assert result.differences["bcp14"] == ["1 != 0"]
    assert result.score < 75


def test_a_reference_in_the_other_list_is_a_difference() -> None:
    ours = _doc(normative="").replace(
        b"<name>Informative References</name>",
        b"<name>Informative References</name>" + REF_INCLUDE.encode(),
    )
    result, _, _ = _compare(_doc(), ours)
    assert result.features["references"] == pytest.approx(1 / 3)
    assert result.differences["references"] == [
        "missing normative:RFC2119",
        "extra informative:RFC2119",
    ]


def test_include_file_names_and_anchors_name_the_same_reference() -> None:
    assert cx.reference_key("https://x/bibxml/reference.RFC.0020.xml") == "RFC20"
    assert cx.reference_key("RFC0020") == "RFC20"
    assert cx.reference_key("reference.I-D.ietf-foo.xml") == "I-D.ietf-foo"
    inline = '<reference anchor="RFC2119"><front><title>K</title></front></reference>'
    result, _, _ = _compare(_doc(), _doc(normative=inline))
    assert result.features["references"] == 1.0


def test_entities_and_the_network_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE rfc [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
        "<rfc><front><title>&e;</title></front></rfc>"
    ).encode()
    root = cx.parse(hostile)
    assert "SECRET-CONTENT" not in "".join(root.itertext())


def test_bcp_std_doi_entries_mmark_does_not_write_are_left_out() -> None:
    bcp = '<reference anchor="BCP14"><front><title>B</title></front></reference>'
    result, _, ours = _compare(_doc(), _doc(normative=REF_INCLUDE + bcp))
    assert result.features["references"] == 1.0
    assert "bcp-std-doi" in result.faults
    assert "normative:BCP14" not in ours.references
    # where mmark does write it (inline XML), ours counts as usual
    result, _, _ = _compare(_doc(normative=REF_INCLUDE + bcp), _doc())
    assert result.features["references"] < 1


def test_references_without_backmatter_are_left_out() -> None:
    ref = _doc().split(b"<back>")[0] + b"</rfc>"
    result, _, _ = _compare(ref, _doc(), source="%%%\n%%%\n# Intro\n")
    assert "no-backmatter" in result.faults
    assert result.features["references"] is None
    # with {backmatter}, a missing list is ours to answer for ... on the reference's side
    result, _, _ = _compare(ref, _doc())
    assert result.features["references"] == 0.0


def test_comma_citation_and_versioned_ids_are_repaired_on_the_reference_side() -> None:
    extra = '<t><xref target="RFC2119" section="@!RFC8174" sectionFormat="bare"/></t>'
    ours_extra = '<t><xref target="RFC2119"/><xref target="RFC8174"/></t>'
    ref = _doc(extra=extra + '<t><xref target="I-D.x-y#00"/></t>')
    ours = _doc(
        normative=REF_INCLUDE + INCLUDE.format("8174"),
        extra=ours_extra + '<t><xref target="I-D.x-y"/></t>',
    )
    result, _, _ = _compare(ref, ours)
    assert {"comma-citation", "versioned-id"} <= set(result.faults)
    assert result.features["xrefs"] == 1.0
    assert result.features["references"] == 1.0


def test_title_block_defaults_and_spellings() -> None:
    source = '%%%\ntitle = "T"\n[[author]]\norganisation = "Org"\n%%%\n{backmatter}\n'
    ref = _doc().replace(b"<organization>Org</organization>", b"<organization/>")
    ours = _doc().replace(b"<area>Internet</area>", b"")
    result, _, _ = _compare(ref, ours, source=source)
    assert {"organisation", "default-area"} <= set(result.faults)
    assert result.features["front"] == 1.0
    # with an area key in the title block, mmark's area is the author's and counts
    result, _, _ = _compare(ref, ours, source=source.replace("%%%\n{", 'area = "I"\n%%%\n{'))
    assert result.features["front"] < 1


def test_drafts_are_documents_with_a_title_block_first() -> None:
    assert cx.has_v2_title_block("\n%%%\ntitle = 'x'\n%%%\n")
    assert not cx.has_v2_title_block("# Heading\n\n%%%\n")
    assert not cx.has_v2_title_block("% title = x\n")
    text = cx.fill_placeholders('date = @TODAY@\ndocname = "@DOCNAME@"\n')
    assert "@" not in text


def test_check_fails_when_the_mean_or_a_document_drops() -> None:
    report = cx.Report(
        [
            cx.Result("a.md", 90.0, {}, "ok", []),
            cx.Result("b.md", 100.0, {}, "ok", []),
        ]
    )
    assert cx.check_baseline(report, {"overall": 95.0, "documents": {"a.md": 90.0}}) == []
    failures = cx.check_baseline(report, {"overall": 96.0, "documents": {"a.md": 91.0}})
    assert failures == ["overall 95.00 < baseline 96.00", "a.md 90.00 < baseline 91.00"]
    gone = cx.Report([cx.Result("a.md", None, {}, "reference failed", [])])
    assert cx.check_baseline(gone, {"overall": 0, "documents": {"a.md": 50.0}}) == [
        "a.md not scored < baseline 50.00"
    ]


@pytest.fixture(scope="module")
def reference_binary() -> str:
    path = shutil.which("mmark")
    if path is None:
        pytest.skip("the reference binary `mmark` is not installed (apt-get install mmark)")
    return path


_TINY = """%%%
title = "T"
[seriesInfo]
name = "Internet-Draft"
value = "draft-t-00"
stream = "IETF"
status = "informational"
%%%

{mainmatter}

# A {#a}

See [@!RFC1111,@!RFC2222] and (#a, use title).

{backmatter}
"""


def test_the_neutralised_faults_are_the_reference_s(reference_binary: str, tmp_path: Path) -> None:
    """mmark itself shows the faults the rules neutralise (a later mmark may not)."""
    draft = tmp_path / "t.md"
    draft.write_text(_TINY, encoding="utf-8")
    done = subprocess.run(
        [reference_binary, draft.name], cwd=tmp_path, capture_output=True, check=True
    )
    ref = cx.meaning(cx.parse(done.stdout))
    assert ("area", "Internet") in ref.front  # default-area: the title block names none
    assert ref.locator_citations == ["@!RFC2222"]  # comma-citation
    assert ref.suffixed_xrefs == ["a"]  # xref-suffix
    assert "informative:RFC2222" not in ref.references
    assert "normative:RFC2222" not in ref.references


@pytest.mark.slow
def test_shared_corpus_against_the_baseline(reference_binary: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    report = cx.run(CORPUS)
    results = sorted(report.results, key=lambda r: (r.score is None, r.score or 0.0))
    print(cx.format_table(results))
    print(cx.format_differences(results[:5]))
    print(cx.format_summary(report))
    assert len(report.scored) >= 20
    stored = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert cx.check_baseline(report, stored) == []


def test_reference_xml_that_does_not_parse_is_read_leniently() -> None:
    broken = _doc().replace(b"</front>", b"", 1)  # what mmark writes without {mainmatter}
    result, _, _ = _compare(broken, _doc())
    assert "not-well-formed" in result.faults
    assert result.score is not None
    assert result.features["xrefs"] == 1.0
