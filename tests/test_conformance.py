"""Differential conformance against the reference ``mmark`` (tools/conformance.py).

The overall score on the project's own documents (``tests/conformance/``) and, when it
is beside the repository, on the shared corpus must not drop below the committed
baseline (``tools/conformance-baseline.json``): ratchet it up with
``python tools/conformance.py <dir> --write-baseline tools/conformance-baseline.json``.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .helpers import REPO

BASELINE = REPO / "tools" / "conformance-baseline.json"
FIXTURES = Path(__file__).parent / "conformance"
TOLERANCE = 0.05
"""Scores are rounded to two decimals in the baseline."""


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("conformance", REPO / "tools" / "conformance.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["conformance"] = module
    spec.loader.exec_module(module)
    return module


conformance = _tool()


@pytest.fixture(scope="module")
def reference_binary() -> str:
    path = shutil.which("mmark")
    if path is None:
        pytest.skip("the reference binary `mmark` is not installed (apt-get install mmark)")
    return path


def _baseline(suite: str) -> dict[str, object]:
    return dict(json.loads(BASELINE.read_text(encoding="utf-8"))[suite])


def _check(report: object, suite: str) -> None:
    baseline = _baseline(suite)
    overall = report.overall  # type: ignore[attr-defined]
    table = conformance.format_table(
        sorted(report.results, key=lambda r: (r.score is None, r.score or 0.0))  # type: ignore[attr-defined]
    )
    assert overall + TOLERANCE >= float(baseline["overall"]), (
        f"conformance on {suite} fell to {overall:.2f} (baseline {baseline['overall']})\n{table}"
    )


def test_fixture_documents(reference_binary: str) -> None:
    report = conformance.run(FIXTURES)
    assert len(report.results) == len(list(FIXTURES.glob("*.md")))
    assert all(r.status == "ok" for r in report.results), [r.status for r in report.results]
    _check(report, "conformance")


@pytest.mark.slow
def test_shared_corpus(reference_binary: str, corpus: Path) -> None:
    report = conformance.run(corpus)
    assert len(report.results) > 200
    failed = [r.relpath for r in report.results if r.status == "our build failed"]
    assert not failed, f"sphinx-mmark gave no page for {failed}"
    _check(report, "corpus")


# -- the comparison itself ----------------------------------------------------------


def test_identical_meaning_scores_100() -> None:
    fragment = (
        '<h1 id="a">Title</h1><p>Some <span class="math inline">\\(x\\)</span> text'
        '<sup class="footnote-ref" id="fnref:1"><a href="#fn:1">1</a></sup> '
        '<a href="https://example.org">there</a>.</p>'
        '<div class="footnotes"><ol><li id="fn:1">Note. <a class="footnote-return" '
        'href="#fnref:1"><sup>[return]</sup></a></li></ol></div>'
    )
    body = (
        '<section id="a"><h1>Title<a class="headerlink" href="#a">¶</a></h1>'
        '<p>Some <span class="math notranslate nohighlight">\\(x\\)</span> text'
        '<a class="footnote-reference brackets" href="#fn-1" id="fnref-1">1</a> '
        '<a class="reference external" href="https://example.org">there</a>.</p>'
        '<aside class="footnote-list brackets"><aside class="footnote brackets" id="fn-1">'
        '<span class="label"><span class="fn-bracket">[</span><a href="#fnref-1">1</a>'
        '<span class="fn-bracket">]</span></span><p>Note.</p></aside></aside></section>'
    )
    ref = conformance.reference_meaning(fragment, drop_code=False)
    ours = conformance.our_meaning(body, drop_title=False, drop_code=False)
    features = conformance.compare(ref, ours)
    assert conformance.score(features) == pytest.approx(100.0)
    assert features["footnotes"] == 1.0
    assert features["math"] == 1.0
    assert features["links"] == 1.0


def test_lost_text_and_footnote_lower_the_score() -> None:
    fragment = "<p>alpha beta gamma delta</p><div class='footnotes'><ol><li>n</li></ol></div>"
    body = "<p>alpha beta</p>"
    features = conformance.compare(
        conformance.reference_meaning(fragment, drop_code=False),
        conformance.our_meaning(body, drop_title=False, drop_code=False),
    )
    assert features["text"] == pytest.approx(2 / 3)
    assert features["footnotes"] == 0.0
    assert conformance.score(features) < 60


def test_empty_xref_text_of_the_reference_is_not_penalised() -> None:
    ref = conformance.reference_meaning('<p>See <a href="#intro"></a>.</p>', drop_code=False)
    ours = conformance.our_meaning(
        '<p>See <a class="reference internal" href="#intro"><span>Intro</span></a>.</p>',
        drop_title=False,
        drop_code=False,
    )
    assert ref.words == ours.words == ["see"]


def test_front_matter_is_blanked_for_the_reference() -> None:
    doc = conformance.Document("post.md", "---\ntitle: x\n---\n\nBody\n")
    assert conformance.reference_input(doc) == "\n\n\n\nBody\n"
    assert "front-matter" in doc.faults
