"""The package's layers: imports go one way, downwards.

Every module of the installed package is read with :mod:`ast` (not imported); every
``import`` in it counts, at any depth (inside functions, under ``TYPE_CHECKING``), with
relative imports resolved. Two rules:

* the parse layer (``sphinx_mmark.parse``) turns text into markdown-it tokens on its
  own: it imports neither Sphinx, docutils nor MyST-Parser, nor any other part of
  ``sphinx_mmark``;
* a module imports only modules of its own rank or lower (:data:`RANKS`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import sphinx_mmark

PACKAGE = "sphinx_mmark"
ROOT = Path(sphinx_mmark.__file__).parent

RANKS: dict[str, int] = {
    "parse": 0,
    "warnings_": 1,
    "config": 1,
    "environment": 1,
    "nodes": 1,
    "bibliography": 2,
    "render": 3,
    "sphinx_ext": 4,
    "hugo": 5,
    "rfcxml": 5,
    "": 6,  # sphinx_mmark/__init__.py: setup()
    "__main__": 6,
    "cli": 6,
    "render_shortcodes": 6,  # a deprecated import path for users, above everything
}
"""Rank of each part of the package (its first name below ``sphinx_mmark``)."""

PARSE_FORBIDDEN = ("sphinx", "docutils", "myst_parser")
"""Top-level packages the parse layer must not import."""


@dataclass(frozen=True)
class Module:
    """One module of the package, as source."""

    name: str
    """Dotted name (``sphinx_mmark.parse.env``; a package is named by its ``__init__``)."""
    source: str
    is_package: bool
    """Whether it is a package's ``__init__`` (relative imports start from itself)."""


def package_modules() -> list[Module]:
    """Every module of the installed package."""
    modules = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(ROOT).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        modules.append(Module(".".join(parts), path.read_text(encoding="utf-8"), is_package))
    return modules


def _resolve(module: Module, node: ast.ImportFrom) -> list[str]:
    """The absolute names a ``from … import …`` statement in ``module`` imports."""
    if node.level == 0:
        return [node.module or ""]
    package = module.name.split(".")
    if not module.is_package:
        package.pop()
    base = package[: len(package) - (node.level - 1)]
    if node.module:
        return [".".join([*base, node.module])]
    # ``from .. import render``: a name is a module of ``base`` or a name defined in it
    return [_module_or_package(base, alias.name) for alias in node.names]


def _module_or_package(package: list[str], name: str) -> str:
    """``package.name`` when that is a module of the package's tree, else ``package``."""
    folder = ROOT.joinpath(*package[1:], name)
    if folder.with_suffix(".py").is_file() or (folder / "__init__.py").is_file():
        return ".".join([*package, name])
    return ".".join(package)


def imports_of(module: Module) -> list[tuple[str, int]]:
    """``(absolute module name, line)`` of every import in ``module``, at any depth."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(module.source)):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.extend((name, node.lineno) for name in _resolve(module, node))
    return found


def part_of(name: str) -> str | None:
    """The part of the package a dotted name belongs to (a :data:`RANKS` key), or None
    for a name outside the package."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    return parts[1] if len(parts) > 1 else ""


def rank_of(name: str) -> int | None:
    """The rank of the part of the package ``name`` belongs to (None: not in the table)."""
    part = part_of(name)
    return None if part is None else RANKS.get(part)


def violations(module: Module) -> list[str]:
    """What ``module`` imports against the layering, one line each."""
    found = []
    own_part, own_rank = part_of(module.name), rank_of(module.name)
    for target, line in imports_of(module):
        where = f"{module.name}:{line} imports {target}"
        target_part = part_of(target)
        if own_part == "parse":
            if target.split(".")[0] in PARSE_FORBIDDEN:
                found.append(f"{where} (the parse layer needs no Sphinx, docutils or MyST)")
                continue
            if target_part is not None and target_part != "parse":
                found.append(f"{where} (the parse layer imports only itself)")
                continue
        if target_part is None or target_part == own_part:
            continue
        target_rank = rank_of(target)
        if own_rank is None or target_rank is None or target_rank > own_rank:
            found.append(f"{where} (rank {own_rank} importing rank {target_rank})")
    return found


MODULES = package_modules()


def test_the_package_is_found() -> None:
    names = {module.name for module in MODULES}
    assert {PACKAGE, "sphinx_mmark.parse.env", "sphinx_mmark.sphinx_ext.read"} <= names


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.name)
def test_every_module_has_a_rank(module: Module) -> None:
    assert rank_of(module.name) is not None, f"{module.name}: add its part to RANKS"


def test_imports_go_downwards() -> None:
    found = [problem for module in MODULES for problem in violations(module)]
    assert found == []


def test_the_parse_layer_is_checked() -> None:
    parse = [module for module in MODULES if part_of(module.name) == "parse"]
    assert len(parse) > 30
    assert all(
        target.startswith(f"{PACKAGE}.parse")
        for module in parse
        for target, _ in imports_of(module)
        if target.startswith(PACKAGE)
    )


# -- the checker itself ---------------------------------------------------------


def _module(name: str, source: str, *, is_package: bool = False) -> Module:
    return Module(name, source, is_package)


def test_relative_imports_are_resolved() -> None:
    source = (
        "from . import _lines\n"
        "from ..env import flavour_of\n"
        "from ... import config, __version__\n"
        "import markdown_it.token\n"
    )
    module = _module("sphinx_mmark.parse.syntax.math", source)
    assert imports_of(module) == [
        ("sphinx_mmark.parse.syntax._lines", 1),
        ("sphinx_mmark.parse.env", 2),
        ("sphinx_mmark.config", 3),
        ("sphinx_mmark", 3),
        ("markdown_it.token", 4),
    ]
    package = _module("sphinx_mmark.render", "from .blocks import x\n", is_package=True)
    assert imports_of(package) == [("sphinx_mmark.render.blocks", 1)]


def test_a_parse_module_importing_sphinx_is_caught() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from docutils import nodes\n"
    found = violations(_module("sphinx_mmark.parse.syntax.math", source))
    assert len(found) == 1
    assert "sphinx_mmark.parse.syntax.math:3 imports docutils" in found[0]


def test_a_parse_module_importing_a_lower_rank_sibling_is_caught() -> None:
    # warnings_ ranks above parse, and parse may not import it even inside a function
    source = "def warn_later():\n    from ...warnings_ import warn\n    return warn\n"
    found = violations(_module("sphinx_mmark.parse.syntax.math", source))
    assert found == [
        "sphinx_mmark.parse.syntax.math:2 imports sphinx_mmark.warnings_ "
        "(the parse layer imports only itself)"
    ]


def test_an_upward_import_is_caught() -> None:
    source = "from ..hugo import site\nfrom ..parse import env\nfrom . import blocks\n"
    found = violations(_module("sphinx_mmark.render.inline", source))
    assert found == [
        "sphinx_mmark.render.inline:1 imports sphinx_mmark.hugo (rank 3 importing rank 5)"
    ]


def test_same_rank_and_lower_are_allowed() -> None:
    source = "from .config import x\nfrom .parse import env\nimport sphinx\n"
    assert violations(_module("sphinx_mmark.environment", source)) == []


def test_a_module_outside_the_table_is_caught() -> None:
    found = violations(_module("sphinx_mmark.render.x", "from ..newpart import y\n"))
    assert found == [
        "sphinx_mmark.render.x:1 imports sphinx_mmark.newpart (rank 3 importing rank None)"
    ]
