"""Differential conformance of the RFC 7991 XML: ``-b rfcxml`` against ``mmark FILE``.

The sibling of ``tools/conformance.py`` (whose helpers it imports: collecting the
corpus documents, the scratch copies, the Sphinx run). Every document of a corpus
whose first non-blank line is ``%%%`` (an mmark v2 title block: the Internet-Drafts,
mmark's example RFCs, the v2 book) is rendered twice:

* by the reference, ``mmark FILE.md`` (mmark 2.2.25; its default output is RFC 7991
  XML), run in a scratch copy of the corpus so that includes resolve;
* by sphinx-mmark, ``sphinx-build -b rfcxml`` on one project holding a scratch copy of
  the corpus (``OUT/<docname>.xml``).

The ``@TODAY@`` and ``@DOCNAME@`` placeholders that some drafts' Makefiles fill in are
given the values ``tests/test_rfcxml.py`` gives them (:data:`PLACEHOLDERS`), on both
sides: the reference cannot read the title block otherwise.

Both files are parsed safely (lxml, no entity resolution, no DTD, no network) and
compared feature by feature:

==========  ======  =================================================================
feature     weight  compared
==========  ======  =================================================================
front       20      front matter fields: title, abbrev, docName, seriesInfo, ipr,
                    category, submissionType, consensus, area, workgroup, keywords,
                    each author's fullname / organization / email, date
sections    15      section titles (``<middle>`` and ``<back>``), in order
anchors     10      section anchors (a multiset)
xrefs       15      ``<xref>`` targets (a multiset)
references  20      reference anchors per list (Normative / Informative), inline
                    ``<reference>`` by anchor, ``<xi:include>`` by its file name
bcp14       8       number of ``<bcp14>``
blocks      12      numbers of ``<table>``, ``<figure>``, ``<artwork>``, ``<sourcecode>``
==========  ======  =================================================================

A feature absent on both sides does not count. Multisets are compared as
``|ref & ours| / |ref | ours|``, sequences with :class:`difflib.SequenceMatcher`, counts
as ``min / max``; ``blocks`` is the mean of its four counts, ``front`` compares the
``(field, value)`` items of both sides as a multiset. A document's score is the
weighted mean of its features (0-100); the overall score is the mean over documents.

The reference has faults that the tool neutralises, each named in the code where it is
applied and listed per document (:data:`KNOWN_REFERENCE_FAULTS`). No weight is lowered
to reach a score.

Usage::

    python tools/conformance_xml.py ../shared/corpus                  # table + summary
    python tools/conformance_xml.py ../shared/corpus --worst 5 --diff # worst, with items
    python tools/conformance_xml.py ../shared/corpus --save-xml /tmp/x  # keep both XMLs
    python tools/conformance_xml.py ../shared/corpus --from-xml /tmp/x  # compare again only
    python tools/conformance_xml.py ../shared/corpus --check tools/conformance-xml-baseline.json
    python tools/conformance_xml.py ../shared/corpus \\
        --write-baseline tools/conformance-xml-baseline.json

``--check`` fails when the overall score or any document's score drops below the
baseline (a document the baseline does not know is not checked).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
import conformance  # the sibling tool: corpus documents, scratch copies, Sphinx

WEIGHTS: dict[str, float] = {
    "front": 20,
    "sections": 15,
    "anchors": 10,
    "xrefs": 15,
    "references": 20,
    "bcp14": 8,
    "blocks": 12,
}
"""Weight of each feature in a document's score."""

KNOWN_REFERENCE_FAULTS: dict[str, str] = {
    "crash": "mmark exits with an error or panics on the document: not scored",
    "not-well-formed": "mmark wrote XML that does not parse; read with lxml's recovering parser",
    "bcp-std-doi": "mmark writes no entry for BCP/STD/DOI citations it has no XML for "
    "(xml2rfc then fails on their xrefs); our entries for them are left out",
    "no-backmatter": "without {backmatter} mmark writes no <back>, so no references at all "
    "(xml2rfc then fails on every citation); our references are left out",
    "versioned-id": "mmark keeps the version of [@I-D.x#00] in the xref target, which then "
    "matches no anchor; the '#00' is dropped on its side",
    "comma-citation": "mmark reads [@!A,@!B] (no space) as A with section '@!B'; B is counted "
    "as cited (xref and reference) on its side",
    "v1-front-keys": "mmark 2 ignores a top-level docName/category and writes an empty "
    "<seriesInfo>; our docName/category/seriesInfo made from them are left out",
    "default-area": "mmark writes <area>Internet</area> for a title block without area; "
    "left out on its side",
    "xref-suffix": "mmark 2.2.25 leaves the documented (#id, use title) as text; counted as "
    "an xref to id on its side",
}
"""The reference's faults that the tool neutralises (listed per document)."""

NEUTRAL_DIFFERENCES: dict[str, str] = {
    "organisation": "we read the British spelling `organisation` of an author's organization, "
    "mmark ignores it; our organization is left out where mmark has none",
}
"""Differences that are no one's fault, also neutralised (listed per document)."""

PLACEHOLDERS: dict[str, str] = {"@TODAY@": "2024-01-01", "@DOCNAME@": "draft-corpus-00"}
"""Title-block placeholders of the drafts' Makefiles, filled as tests/test_rfcxml.py does."""

REFERENCE_TIMEOUT = 60.0
XINCLUDE = "{http://www.w3.org/2001/XInclude}include"
BLOCKS = ("table", "figure", "artwork", "sourcecode")
FRONT_ATTRIBUTES = ("docName", "ipr", "category", "submissionType", "consensus")
_NUMBERED = re.compile(r"^(RFC|BCP|STD)\.?0*(\d+)$", re.IGNORECASE)
_SUFFIXED_XREF = re.compile(r"\(#([\w.:-]+), use (?:title|counter|default)\)")
_UNLISTED = re.compile(r"^(BCP|STD|DOI)", re.IGNORECASE)
_MONTHS = {
    name: str(number)
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


# -- documents ------------------------------------------------------------------------


def fill_placeholders(text: str) -> str:
    """``text`` with the title-block placeholders of :data:`PLACEHOLDERS` filled in."""
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    return text


def has_v2_title_block(text: str) -> bool:
    """Whether the first non-blank line of ``text`` opens a ``%%%`` title block."""
    for line in text.lstrip("\ufeff").split("\n"):
        if line.strip():
            return line.rstrip() == "%%%"
    return False


def collect(root: Path) -> list[conformance.Document]:
    """The documents of ``root`` (conformance.collect) that have a v2 title block."""
    return [doc for doc in conformance.collect(root) if has_v2_title_block(doc.source)]


def _scratch_copy(root: Path, docs: Sequence[conformance.Document], dest: Path) -> None:
    conformance._copy_tree(root, dest)
    for doc in docs:
        (dest / doc.relpath).write_text(fill_placeholders(doc.source), encoding="utf-8")


# -- rendering ------------------------------------------------------------------------


def render_reference(
    root: Path, docs: Sequence[conformance.Document], scratch: Path
) -> dict[str, bytes | None]:
    """``relpath`` -> the reference's XML, or None when the reference failed."""
    tree = scratch / "reference"
    _scratch_copy(root, docs, tree)

    def run(doc: conformance.Document) -> tuple[str, bytes | None]:
        path = tree / doc.relpath
        try:
            done = subprocess.run(
                ["mmark", path.name],
                cwd=path.parent,
                capture_output=True,
                timeout=REFERENCE_TIMEOUT,
                check=False,
            )
        except (subprocess.TimeoutExpired, OSError):
            return doc.relpath, None
        stderr = done.stderr.decode("utf-8", errors="replace")
        if done.returncode != 0 or "panic:" in stderr or not done.stdout.strip():
            doc.faults.add("crash")
            return doc.relpath, None
        return doc.relpath, done.stdout

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(run, docs))


def render_ours(
    root: Path, docs: Sequence[conformance.Document], scratch: Path, jobs: int
) -> tuple[dict[str, bytes | None], str]:
    """``relpath`` -> our XML (None when our build wrote none), and the build's log."""
    src, out = scratch / "ours", scratch / "ours-xml"
    _scratch_copy(root, docs, src)
    root_doc = "_conformance_root"
    (src / f"{root_doc}.rst").write_text("Conformance\n===========\n", encoding="utf-8")
    patterns = [f"{root_doc}.rst", *(doc.relpath for doc in docs)]
    conf = conformance._CONF.format(root=root_doc, patterns=patterns)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    log = conformance._sphinx_build(src, out, jobs, builder="rfcxml")
    found: dict[str, bytes | None] = {}
    for doc in docs:
        path = out / f"{doc.docname}.xml"
        found[doc.relpath] = path.read_bytes() if path.is_file() else None
    return found, log


def store_xml(
    directory: Path,
    docs: Sequence[conformance.Document],
    reference: dict[str, bytes | None],
    ours: dict[str, bytes | None],
    log: str,
) -> None:
    """Keep both renderings of each document (``<relpath>.ref.xml``, ``.ours.xml``)."""
    for doc in docs:
        for side, files in (("ref", reference), ("ours", ours)):
            path = directory / f"{doc.relpath}.{side}.xml"
            path.parent.mkdir(parents=True, exist_ok=True)
            data = files.get(doc.relpath)
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        faults = directory / f"{doc.relpath}.faults"
        faults.write_text("\n".join(sorted(doc.faults)), encoding="utf-8")
    (directory / "sphinx.log").write_text(log, encoding="utf-8")


def load_xml(
    directory: Path, docs: Sequence[conformance.Document]
) -> tuple[dict[str, bytes | None], dict[str, bytes | None], str]:
    """The renderings kept by :func:`store_xml`."""
    reference: dict[str, bytes | None] = {}
    ours: dict[str, bytes | None] = {}
    for doc in docs:
        for side, files in (("ref", reference), ("ours", ours)):
            path = directory / f"{doc.relpath}.{side}.xml"
            files[doc.relpath] = path.read_bytes() if path.is_file() else None
        faults = directory / f"{doc.relpath}.faults"
        if faults.is_file():
            doc.faults.update(f for f in faults.read_text(encoding="utf-8").split("\n") if f)
    log_path = directory / "sphinx.log"
    return reference, ours, log_path.read_text(encoding="utf-8") if log_path.is_file() else ""


# -- meaning ------------------------------------------------------------------------


def parse(data: bytes, *, recover: bool = False) -> Any:
    """The root element of ``data``, parsed without entities, DTD or network."""
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )
    root = etree.fromstring(data, parser)
    if root is None:
        raise etree.XMLSyntaxError("no document element", None, 0, 0)  # type: ignore[call-arg]
    return root


def _text(element: Any) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class XmlMeaning:
    """What is compared of one RFC XML file."""

    front: list[tuple[str, str]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    anchors: Counter[str] = field(default_factory=Counter)
    xrefs: Counter[str] = field(default_factory=Counter)
    references: Counter[str] = field(default_factory=Counter)
    bcp14: int = 0
    blocks: dict[str, int] = field(default_factory=dict)
    locator_citations: list[str] = field(default_factory=list)
    """Keys that an xref's ``section`` names (``@!B`` of ``[@!A,@!B]``, comma-citation)."""
    empty_series: bool = False
    """Whether the front has a ``<seriesInfo>`` without name and value (v1-front-keys)."""
    suffixed_xrefs: list[str] = field(default_factory=list)
    """Targets of ``(#id, use title)`` left as text (xref-suffix)."""

    def summary(self) -> str:
        return "\n".join(
            [
                f"front: {self.front}",
                f"sections: {self.sections}",
                f"anchors: {sorted(self.anchors.elements())}",
                f"xrefs: {sorted(self.xrefs.elements())}",
                f"references: {sorted(self.references.elements())}",
                f"bcp14: {self.bcp14}",
                f"blocks: {self.blocks}",
            ]
        )


def reference_key(key: str) -> str:
    """A reference anchor or bibxml file name, normalised (``reference.RFC.0020.xml``,
    ``RFC0020``, ``RFC20`` -> ``RFC20``; ``reference.I-D.x.xml`` -> ``I-D.x``)."""
    name = key.rsplit("/", 1)[-1]
    if name.startswith("reference.") and name.endswith(".xml"):
        name = name[len("reference.") : -len(".xml")]
    match = _NUMBERED.match(name)
    if match:
        return f"{match.group(1).upper()}{int(match.group(2))}"
    return name


def _date(element: Any) -> str:
    if element is None:
        return ""
    month = (element.get("month") or "").strip()
    month = _MONTHS.get(month.lower(), month.lstrip("0"))
    parts = [
        (element.get("year") or "").strip(),
        month,
        (element.get("day") or "").strip().lstrip("0"),
    ]
    return "-".join(parts) if any(parts) else ""


def _consensus(value: str | None) -> str:
    if value is None:
        return ""
    return {"yes": "true", "no": "false"}.get(value.strip().lower(), value.strip().lower())


def front_items(root: Any) -> list[tuple[str, str]]:
    """The front matter fields of ``root`` as ``(field, value)`` items (empty ones left out)."""
    items: list[tuple[str, str]] = []
    front = root.find("front")
    for name in FRONT_ATTRIBUTES:
        value = root.get(name)
        value = _consensus(value) if name == "consensus" else (value or "").strip()
        items.append((name, value))
    if front is not None:
        title = front.find("title")
        items.append(("title", _text(title)))
        items.append(("abbrev", (title.get("abbrev") or "").strip() if title is not None else ""))
        for series in front.findall("seriesInfo"):
            if series.get("name") or series.get("value"):
                items.append(("seriesInfo", f"{series.get('name')}={series.get('value')}"))
        for tag in ("area", "workgroup", "keyword"):
            items.extend((tag, _text(e)) for e in front.findall(tag))
        for number, author in enumerate(front.findall("author"), start=1):
            items.append((f"author{number}.fullname", (author.get("fullname") or "").strip()))
            items.append((f"author{number}.organization", _text(author.find("organization"))))
            items.append((f"author{number}.email", _text(author.find("address/email"))))
        items.append(("date", _date(front.find("date"))))
    return [(name, value) for name, value in items if value]


def meaning(root: Any) -> XmlMeaning:
    """The meaning of one RFC XML file."""
    found = XmlMeaning(front=front_items(root))
    found.empty_series = any(
        not (s.get("name") or s.get("value")) for s in root.iterfind("front/seriesInfo")
    )
    for part in ("middle", "back"):
        container = root.find(part)
        if container is None:
            continue
        for section in container.iter("section"):
            found.sections.append(_text(section.find("name")))
            if section.get("anchor"):
                found.anchors[section.get("anchor")] += 1
    for paragraph in root.iter("t", "li", "dd", "td", "th"):
        for text in (paragraph.text or "", *(child.tail or "" for child in paragraph)):
            found.suffixed_xrefs.extend(_SUFFIXED_XREF.findall(text))
    for xref in root.iter("xref"):
        if xref.get("target"):
            found.xrefs[xref.get("target")] += 1
        if (xref.get("section") or "").startswith("@"):
            found.locator_citations.append(xref.get("section"))
    for references in root.iter("references"):
        if references.find("references") is not None:
            continue  # a list of lists: its lists count
        kind = (
            "normative" if "normative" in _text(references.find("name")).lower() else "informative"
        )
        for entry in references:
            tag = _local(entry.tag)
            if tag == "reference" or tag == "referencegroup":
                key = reference_key(entry.get("anchor") or "")
            elif entry.tag == XINCLUDE:
                key = reference_key(entry.get("href") or "")
            else:
                continue
            found.references[f"{kind}:{key}"] += 1
    found.bcp14 = sum(1 for _ in root.iter("bcp14"))
    found.blocks = {tag: sum(1 for _ in root.iter(tag)) for tag in BLOCKS}
    return found


_TITLE_KEY = re.compile(r"^\s*([A-Za-z]+)\s*=")


def title_block_keys(source: str) -> set[str]:
    """The lower-cased keys of the ``%%%`` title block of ``source`` (all its tables)."""
    lines = source.lstrip("\ufeff").split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), 0)
    keys = set()
    for line in lines[start + 1 :]:
        if line.rstrip() == "%%%":
            break
        match = _TITLE_KEY.match(line)
        if match:
            keys.add(match.group(1).lower())
    return keys


def neutralise(ref: XmlMeaning, ours: XmlMeaning, source: str) -> set[str]:
    """Apply the rules of :data:`KNOWN_REFERENCE_FAULTS` and :data:`NEUTRAL_DIFFERENCES`
    to both meanings of the document ``source``; the names of the rules applied."""
    applied: set[str] = set()
    keys = title_block_keys(source)
    # versioned-id: mmark's xref target keeps the '#00' of [@I-D.x#00]
    for target in [t for t in ref.xrefs if re.search(r"#\d+$", t)]:
        applied.add("versioned-id")
        ref.xrefs[re.sub(r"#\d+$", "", target)] += ref.xrefs.pop(target)
    # xref-suffix: (#id, use title) left as text by mmark 2.2.25
    for target in ref.suffixed_xrefs:
        applied.add("xref-suffix")
        ref.xrefs[target] += 1
    # comma-citation: [@!A,@!B] is A with section "@!B" on mmark's side
    listed = {k.split(":", 1)[1] for k in ref.references}
    for locator in ref.locator_citations:
        key = locator.lstrip("@!?").strip()
        if not key:
            continue
        applied.add("comma-citation")
        ref.xrefs[key] += 1
        if key not in listed:
            kind = "normative" if locator.startswith("@!") else "informative"
            ref.references[f"{kind}:{key}"] += 1
            listed.add(key)
    # no-backmatter: mmark writes no <back> without {backmatter}
    if not ref.references and ours.references and "{backmatter}" not in source:
        applied.add("no-backmatter")
        ours.references = Counter()
    # bcp-std-doi: mmark writes no entry for a BCP/STD/DOI citation it has no XML for
    for entry in list(ours.references):
        key = entry.split(":", 1)[1]
        if _UNLISTED.match(key) and key not in listed:
            applied.add("bcp-std-doi")
            del ours.references[entry]
    ref_fields = {name for name, _ in ref.front}
    # v1-front-keys: mmark 2 ignores a top-level docName/category (empty <seriesInfo>)
    if ref.empty_series and {"docname", "category"} & keys:
        dropped = {"docName", "category", "seriesInfo"} - ref_fields
        if any(name in dropped for name, _ in ours.front):
            applied.add("v1-front-keys")
            ours.front = [(n, v) for n, v in ours.front if n not in dropped]
    # default-area: mmark's <area>Internet</area> for a title block without area
    our_fields = {name for name, _ in ours.front}
    if "area" not in keys and "area" not in our_fields and ("area", "Internet") in ref.front:
        applied.add("default-area")
        ref.front = [(n, v) for n, v in ref.front if n != "area"]
    # organisation: our reading of the British spelling, which mmark ignores
    if "organisation" in keys:
        for item in [i for i in ours.front if i[0].endswith(".organization")]:
            if item[0] not in ref_fields:
                applied.add("organisation")
                ours.front.remove(item)
    return applied


# -- comparison ------------------------------------------------------------------------


def _bag(a: Counter[str], b: Counter[str]) -> float | None:
    union = a | b
    if not union:
        return None
    return sum((a & b).values()) / sum(union.values())


def _count(a: int, b: int) -> float | None:
    if a == 0 and b == 0:
        return None
    return min(a, b) / max(a, b)


def compare(ref: XmlMeaning, ours: XmlMeaning) -> dict[str, float | None]:
    """Feature -> similarity in [0, 1] (None when the feature is absent on both sides)."""
    scores: dict[str, float | None] = {}
    scores["front"] = _bag(Counter(ref.front), Counter(ours.front))
    if ref.sections or ours.sections:
        scores["sections"] = SequenceMatcher(None, ref.sections, ours.sections).ratio()
    else:
        scores["sections"] = None
    scores["anchors"] = _bag(ref.anchors, ours.anchors)
    scores["xrefs"] = _bag(ref.xrefs, ours.xrefs)
    scores["references"] = _bag(ref.references, ours.references)
    scores["bcp14"] = _count(ref.bcp14, ours.bcp14)
    parts = [
        p
        for tag in BLOCKS
        if (p := _count(ref.blocks.get(tag, 0), ours.blocks.get(tag, 0))) is not None
    ]
    scores["blocks"] = statistics.fmean(parts) if parts else None
    return scores


def _bag_diff(a: Counter[str], b: Counter[str]) -> list[str]:
    out = []
    missing, extra = a - b, b - a
    if missing:
        out.append(
            "missing " + ", ".join(f"{k}x{n}" if n > 1 else k for k, n in sorted(missing.items()))
        )
    if extra:
        out.append(
            "extra " + ", ".join(f"{k}x{n}" if n > 1 else k for k, n in sorted(extra.items()))
        )
    return out


def differences(ref: XmlMeaning, ours: XmlMeaning) -> dict[str, list[str]]:
    """Feature -> the differing items (reference first), for the features that differ."""
    diff: dict[str, list[str]] = {}
    ref_front: dict[str, list[str]] = {}
    our_front: dict[str, list[str]] = {}
    for items, into in ((ref.front, ref_front), (ours.front, our_front)):
        for name, value in items:
            into.setdefault(name, []).append(value)
    front = [
        f"{name}: {ref_front.get(name)!r} != {our_front.get(name)!r}"
        for name in sorted(set(ref_front) | set(our_front))
        if sorted(ref_front.get(name, [])) != sorted(our_front.get(name, []))
    ]
    if front:
        diff["front"] = front
    if ref.sections != ours.sections:
        lines = []
        matcher = SequenceMatcher(None, ref.sections, ours.sections)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                lines.append(f"{op} {ref.sections[i1:i2]!r} -> {ours.sections[j1:j2]!r}")
        diff["sections"] = lines
    for name in ("anchors", "xrefs", "references"):
        items = _bag_diff(getattr(ref, name), getattr(ours, name))
        if items:
            diff[name] = items
    if ref.bcp14 != ours.bcp14:
        diff["bcp14"] = [f"{ref.bcp14} != {ours.bcp14}"]
    blocks = [f"{t}: {ref.blocks.get(t, 0)} != {ours.blocks.get(t, 0)}" for t in BLOCKS]
    blocks = [
        b
        for b, t in zip(blocks, BLOCKS, strict=True)
        if ref.blocks.get(t, 0) != ours.blocks.get(t, 0)
    ]
    if blocks:
        diff["blocks"] = blocks
    return diff


def score(features: dict[str, float | None]) -> float:
    """Weighted mean of the present features, 0-100 (:func:`conformance.score`)."""
    return conformance.score(features, WEIGHTS)


# -- the run ------------------------------------------------------------------------


@dataclass
class Result:
    """The comparison of one document."""

    relpath: str
    score: float | None
    features: dict[str, float | None]
    status: str
    faults: list[str]
    differences: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Report:
    """All results of one run."""

    results: list[Result]
    log: str = ""

    @property
    def scored(self) -> list[Result]:
        return [r for r in self.results if r.score is not None]

    @property
    def overall(self) -> float:
        values = [r.score for r in self.results if r.score is not None]
        return statistics.fmean(values) if values else 0.0

    def feature_means(self) -> dict[str, float | None]:
        """Feature -> its mean (0-100) over the scored documents where it is present."""
        means: dict[str, float | None] = {}
        for name in WEIGHTS:
            values = [v for r in self.scored if (v := r.features.get(name)) is not None]
            means[name] = round(100 * statistics.fmean(values), 2) if values else None
        return means

    def as_baseline(self) -> dict[str, Any]:
        return {
            "overall": round(self.overall, 2),
            "documents": {
                r.relpath: (None if r.score is None else round(r.score, 2)) for r in self.results
            },
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "overall": round(self.overall, 2),
            "weights": WEIGHTS,
            "features": self.feature_means(),
            "results": [r.__dict__ for r in self.results],
        }


def check_baseline(report: Report, stored: dict[str, Any], tolerance: float = 0.05) -> list[str]:
    """Where ``report`` falls below ``stored``: the overall score, or any document's score."""
    failures = []
    if report.overall + tolerance < float(stored["overall"]):
        failures.append(f"overall {report.overall:.2f} < baseline {float(stored['overall']):.2f}")
    scores = {r.relpath: r.score for r in report.results}
    for relpath, floor in sorted(stored.get("documents", {}).items()):
        if floor is None or relpath not in scores:
            continue
        now = scores[relpath]
        if now is None or now + tolerance < float(floor):
            shown = "not scored" if now is None else f"{now:.2f}"
            failures.append(f"{relpath} {shown} < baseline {float(floor):.2f}")
    return failures


def compare_files(
    relpath: str,
    ref_xml: bytes | None,
    our_xml: bytes | None,
    faults: set[str],
    source: str = "",
) -> tuple[Result, XmlMeaning | None, XmlMeaning | None]:
    """The result of one document from both XML files."""
    if ref_xml is None:
        faults.add("crash")
        return Result(relpath, None, {}, "reference failed", sorted(faults)), None, None
    if our_xml is None:
        return Result(relpath, 0.0, {}, "our build wrote no XML", sorted(faults)), None, None
    try:
        ref_root = parse(ref_xml)
    except etree.XMLSyntaxError:
        faults.add("not-well-formed")
        ref_root = parse(ref_xml, recover=True)
    try:
        our_root = parse(our_xml)
    except etree.XMLSyntaxError as error:
        return (
            Result(relpath, 0.0, {}, f"our XML does not parse: {error}", sorted(faults)),
            None,
            None,
        )
    ref, ours = meaning(ref_root), meaning(our_root)
    faults |= neutralise(ref, ours, source)
    features = compare(ref, ours)
    result = Result(
        relpath, score(features), features, "ok", sorted(faults), differences(ref, ours)
    )
    return result, ref, ours


def run(
    root: Path,
    *,
    jobs: int = 2,
    progress: Callable[[str], None] | None = None,
    only: Sequence[str] | None = None,
    save_xml: Path | None = None,
    from_xml: Path | None = None,
) -> Report:
    """Render every v2 draft of ``root`` both ways and compare them.

    With ``only``, just those documents (relative paths), and their meanings are printed.
    """
    docs = collect(root)
    if only:
        docs = [doc for doc in docs if doc.relpath in only]
    say = progress or (lambda message: None)
    if from_xml is not None:
        reference, ours, log = load_xml(from_xml, docs)
    else:
        if shutil.which("mmark") is None:
            raise FileNotFoundError(
                "the reference binary `mmark` is not on PATH (apt-get install mmark)"
            )
        with tempfile.TemporaryDirectory(prefix="mmark-conformance-xml-") as tmp:
            scratch = Path(tmp)
            say(f"reference: {len(docs)} documents")
            reference = render_reference(root, docs, scratch)
            say("sphinx-mmark: building -b rfcxml")
            ours, log = render_ours(root, docs, scratch, jobs)
        if save_xml is not None:
            store_xml(save_xml, docs, reference, ours, log)
    results = []
    for doc in docs:
        result, ref, our = compare_files(
            doc.relpath, reference[doc.relpath], ours[doc.relpath], doc.faults, doc.source
        )
        if only and ref is not None and our is not None:
            say(f"== {doc.relpath}\n-- reference:\n{ref.summary()}\n-- ours:\n{our.summary()}")
        results.append(result)
    return Report(results, log)


# -- output ------------------------------------------------------------------------


def _cell(value: float | None) -> str:
    return "  -  " if value is None else f"{100 * value:5.1f}"


def format_table(results: Iterable[Result]) -> str:
    names = list(WEIGHTS)
    header = f"{'score':>6}  " + " ".join(f"{n[:5]:>5}" for n in names) + "  document"
    lines = [header, "-" * len(header)]
    for r in results:
        if r.score is None:
            blank = " ".join("     " for _ in names)
            lines.append(f"{'n/a':>6}  {blank}  {r.relpath} ({r.status})")
            continue
        cells = " ".join(_cell(r.features.get(n)) for n in names)
        note = "" if r.status == "ok" else f" ({r.status})"
        faults = f" [{', '.join(r.faults)}]" if r.faults else ""
        lines.append(f"{r.score:6.1f}  {cells}  {r.relpath}{note}{faults}")
    return "\n".join(lines)


def format_differences(results: Iterable[Result], limit: int = 8) -> str:
    lines = []
    for r in results:
        if not r.differences:
            continue
        lines.append(f"== {r.relpath} ({r.score:.1f})" if r.score is not None else r.relpath)
        for name, items in r.differences.items():
            for item in items[:limit]:
                lines.append(f"  {name}: {item}")
            if len(items) > limit:
                lines.append(f"  {name}: ... {len(items) - limit} more")
    return "\n".join(lines)


def format_summary(report: Report) -> str:
    means = report.feature_means()
    return "\n".join(
        [
            f"documents {len(report.results)}, scored {len(report.scored)}, "
            f"mean {report.overall:.2f}",
            "features: "
            + ", ".join(f"{n} ({WEIGHTS[n]:g}) {v:.1f}" for n, v in means.items() if v is not None),
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("root", type=Path, help="corpus directory")
    parser.add_argument("--jobs", "-j", type=int, default=2, help="sphinx-build -j")
    parser.add_argument("--worst", type=int, default=0, help="only list the N worst documents")
    parser.add_argument("--diff", action="store_true", help="print the differing items")
    parser.add_argument("--json", type=Path, help="write every result as JSON here")
    parser.add_argument("--check", type=Path, help="fail when below this baseline")
    parser.add_argument("--write-baseline", type=Path, help="store this run as the baseline")
    parser.add_argument("--log", action="store_true", help="print sphinx-build's warnings")
    parser.add_argument("--explain", action="append", default=[], help="show both meanings of DOC")
    parser.add_argument("--save-xml", type=Path, help="keep both renderings in this directory")
    parser.add_argument(
        "--from-xml", type=Path, help="compare the renderings kept by --save-xml (no rendering)"
    )
    args = parser.parse_args(argv)
    report = run(
        args.root,
        jobs=args.jobs,
        progress=lambda m: print(m, file=sys.stderr),
        only=args.explain or None,
        save_xml=args.save_xml,
        from_xml=args.from_xml,
    )
    results = sorted(report.results, key=lambda r: (r.score is None, r.score or 0.0))
    shown = results[: args.worst] if args.worst else results
    print(format_table(shown))
    if args.diff:
        print()
        print(format_differences(shown))
    print()
    print(format_summary(report))
    if args.log:
        print(report.log)
    if args.json:
        args.json.write_text(json.dumps(report.as_json(), indent=1) + "\n", encoding="utf-8")
    if args.write_baseline:
        args.write_baseline.write_text(
            json.dumps(report.as_baseline(), indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    if args.check:
        stored = json.loads(args.check.read_text(encoding="utf-8"))
        failures = check_baseline(report, stored)
        for failure in failures:
            print(f"FAIL: {failure}", file=sys.stderr)
        if failures:
            return 1
        print(
            f"ok: overall {report.overall:.2f} >= baseline {float(stored['overall']):.2f}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
