"""Nodes and their visitors in one place: the shared registration, visitors and per-build values."""

from __future__ import annotations

import importlib
import pkgutil
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from docutils.transforms import Transform
from sphinx.config import Config
from sphinx.writers.text import TextTranslator

import sphinx_mmark.nodes
from sphinx_mmark.environment import forget_earlier_build, kept_on, once_per_build
from sphinx_mmark.nodes import division, task_checkbox
from sphinx_mmark.nodes.blocks import table_footer
from sphinx_mmark.nodes.citations import mmark_bibliography, mmark_cite
from sphinx_mmark.nodes.embeds import embed
from sphinx_mmark.nodes.inline import line_break, strikethrough
from sphinx_mmark.nodes.register import register_nodes
from sphinx_mmark.nodes.visitors import SKIPPED, WRITERS, add_node, ignore, skip, writes_fixed


class RecordingApp:
    """Stands in for ``Sphinx``: records ``add_node`` calls, accepts every other call."""

    def __init__(self) -> None:
        self.added: dict[type[nodes.Element], dict[str, Any]] = {}

    def add_node(self, node: type[nodes.Element], **writers: Any) -> None:
        self.added[node] = writers

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


def _visit_html(self: Any, node: nodes.Element) -> None:
    """A visitor that only a test registers."""


def test_add_node_gives_the_other_writers_the_shared_pair() -> None:
    app = RecordingApp()
    add_node(app, division, SKIPPED, html=(_visit_html, ignore))  # type: ignore[arg-type]
    pairs = app.added[division]
    assert set(pairs) == set(WRITERS)
    assert pairs["html"] == (_visit_html, ignore)
    assert all(pairs[writer] == (skip, ignore) for writer in WRITERS if writer != "html")


def test_add_node_refuses_an_unknown_writer() -> None:
    with pytest.raises(ValueError, match="no such writer: htlm"):
        add_node(RecordingApp(), division, SKIPPED, htlm=(_visit_html, ignore))  # type: ignore[arg-type]


def test_every_node_is_registered_with_every_writer_that_can_meet_it() -> None:
    app = RecordingApp()
    register_nodes(app)  # type: ignore[arg-type]
    for node in (division, task_checkbox, table_footer, line_break, mmark_cite, mmark_bibliography):
        assert set(app.added[node]) == set(WRITERS), node.__name__
    # embeds become links before any other writer sees them; strikethrough falls back
    # to the writers' own ``inline`` visitor
    assert set(app.added[embed]) == {"html"}
    assert set(app.added[strikethrough]) == {"html"}


def test_a_writing_visitor_uses_add_text_in_the_text_writer_and_the_body_elsewhere() -> None:
    visit = writes_fixed("[x] ")
    text_writer = TextTranslator.__new__(TextTranslator)
    added: list[str] = []
    text_writer.add_text = added.append  # type: ignore[assignment,method-assign]
    with pytest.raises(nodes.SkipNode):
        visit(text_writer, line_break())
    other = SimpleNamespace(body=[])
    with pytest.raises(nodes.SkipNode):
        visit(other, line_break())
    assert added == ["[x] "]
    assert other.body == ["[x] "]


def test_no_transform_is_defined_in_the_nodes_package() -> None:
    package = sphinx_mmark.nodes
    for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        transforms = [
            name
            for name, value in vars(module).items()
            if isinstance(value, type) and issubclass(value, Transform)
        ]
        assert transforms == [], info.name


def _env() -> Any:
    """A stand-in build environment: what the helpers read of one is its ``config``."""
    return SimpleNamespace(config=Config())


def test_a_per_build_value_is_found_once_in_a_build() -> None:
    calls: list[object] = []

    def find(env: Any) -> int:
        calls.append(env)
        return len(calls)

    env = _env()
    assert once_per_build(env, find) == once_per_build(env, find) == 1
    assert once_per_build(_env(), find) == 2  # another build (configuration)
    forget_earlier_build(None, env, [])  # type: ignore[arg-type]
    assert once_per_build(env, find) == 3  # the same application builds again
    assert len(calls) == 3


def test_a_value_kept_on_the_environment_is_made_once() -> None:
    env = SimpleNamespace()
    kept = kept_on(env, "mmark_test_value", dict)  # type: ignore[arg-type]
    kept["a"] = 1
    assert kept_on(env, "mmark_test_value", dict) == {"a": 1}  # type: ignore[arg-type]
    assert env.mmark_test_value is kept
