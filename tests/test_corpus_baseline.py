"""The ratchet on corpus warnings (``tests/corpus_baseline.py``) itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import corpus_baseline
from .corpus_baseline import UNTYPED, check_warnings, logged_warnings

LOG = (
    "/src/a.md:3: WARNING: unknown citation key 'x' [mmark.citation]\n"
    "/src/b.md: WARNING: image file not readable: p.png [image.not_readable]\n"
    "/src/a.md:9: WARNING: a warning without a type\n"
    "WARNING: no place at all [config.cache]\n"
    "a line that is no warning\n"
)


def test_logged_warnings_give_file_and_kind() -> None:
    assert logged_warnings(LOG, Path("/src")) == [
        ("a.md", "mmark.citation"),
        ("b.md", "image.not_readable"),
        ("a.md", UNTYPED),
        ("?", "config.cache"),
    ]


@pytest.fixture
def baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "baselines" / "corpus_warnings.json"
    monkeypatch.setattr(corpus_baseline, "BASELINE", path)
    monkeypatch.delenv(corpus_baseline.UPDATE_VARIABLE, raising=False)
    return path


def test_update_writes_the_counts(baseline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(corpus_baseline.UPDATE_VARIABLE, "1")
    check_warnings("suite", [("a.md", "mmark.ref"), ("b.md", "mmark.ref"), ("a.md", UNTYPED)])
    assert json.loads(baseline.read_text(encoding="utf-8")) == {
        "suite": {"mmark.ref": 2, UNTYPED: 1}
    }


def test_a_rise_fails_naming_the_kind_and_files(baseline: Path) -> None:
    baseline.parent.mkdir()
    baseline.write_text(json.dumps({"suite": {"mmark.ref": 1}}), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"mmark\.ref: 2 \(baseline 1\) in a\.md x1, b\.md x1"):
        check_warnings("suite", [("a.md", "mmark.ref"), ("b.md", "mmark.ref")])
    with pytest.raises(AssertionError, match=r"mmark\.include: 1 \(baseline 0\) in c\.md x1"):
        check_warnings("suite", [("c.md", "mmark.include")])


def test_a_fall_passes_and_asks_to_lower_the_baseline(baseline: Path) -> None:
    baseline.parent.mkdir()
    baseline.write_text(json.dumps({"suite": {"mmark.ref": 3}}), encoding="utf-8")
    with pytest.warns(UserWarning, match=r"mmark\.ref 3 -> 1\): lower it"):
        check_warnings("suite", [("a.md", "mmark.ref")])


def test_a_suite_without_baseline_fails(baseline: Path) -> None:
    with pytest.raises(AssertionError, match="no baseline for 'other'"):
        check_warnings("other", [])
