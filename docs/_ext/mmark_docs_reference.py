"""Reference tables of the sphinx-mmark documentation, generated from the code.

* ``.. mmark-config-reference::`` — one row per :data:`sphinx_mmark.config.OPTIONS`
  entry: name, type, default, help.
* ``.. mmark-deprecated-config::`` — one row per :data:`sphinx_mmark.config.RENAMED`
  entry: the deprecated name, its new name and the release that drops it.
* ``.. mmark-warnings-reference::`` — one row per
  :class:`sphinx_mmark.warnings_.MmarkWarning` member: ``mmark.<value>`` and the
  member's docstring.
* ``.. optional-glob-toctree::`` — a glob toctree whose patterns may match no
  page yet (the syntax and snippet pages are added construct by construct);
  Sphinx's own toctree warns about such a pattern, and its warning has no type
  that ``suppress_warnings`` could name. ``:name-titles:`` lists each page
  under its file name.

Enum members have no ``__doc__`` of their own, so the warning docstrings (the
string literal that follows each member in the class body) are read from the
module's source with :mod:`ast`. A member without one is a build warning, so a
``-W`` build of the docs fails until it is documented.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import patfilter

from sphinx_mmark import config, warnings_

_LOGGER = logging.getLogger(__name__)


def member_docstrings(source: str, class_name: str) -> dict[str, str]:
    """``{member name: docstring}`` of the attribute docstrings of ``class_name`` in ``source``."""
    tree = ast.parse(source)
    found: dict[str, str] = {}
    for node in tree.body:
        if not (isinstance(node, ast.ClassDef) and node.name == class_name):
            continue
        body = node.body
        for statement, following in itertools.pairwise(body):
            if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
                continue
            target = statement.targets[0]
            if (
                isinstance(target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                found[target.id] = " ".join(following.value.value.split())
    return found


def show_default(value: object) -> str:
    """A default value as a user writes it in ``conf.py``."""
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


class _TableDirective(SphinxDirective):
    """A directive that renders one table with a header row."""

    has_content = False
    headers: tuple[str, ...] = ()
    widths: tuple[int, ...] = ()
    table_class = ""

    def rows(self) -> list[list[nodes.Node | list[nodes.Node]]]:
        raise NotImplementedError

    def run(self) -> Sequence[nodes.Node]:
        table = nodes.table(classes=["mmark-reference", self.table_class])
        table["support_smartquotes"] = False  # names and values are typed in conf.py as shown
        group = nodes.tgroup(cols=len(self.headers))
        table += group
        for width in self.widths:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self._row([nodes.Text(header) for header in self.headers])
        group += head
        body = nodes.tbody()
        for cells in self.rows():
            body += self._row(cells)
        group += body
        return [table]

    @staticmethod
    def _row(cells: Sequence[nodes.Node | list[nodes.Node]]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            paragraph = nodes.paragraph()
            paragraph.extend(content if isinstance(content, list) else [content])
            entry += paragraph
            row += entry
        return row

    def inline(self, text: str) -> list[nodes.Node]:
        """``text`` (reST inline markup, as the help texts are written) as nodes."""
        parsed, messages = self.state.inline_text(text, self.lineno)
        return [*parsed, *messages]


class ConfigReference(_TableDirective):
    """Every ``mmark_*`` configuration value."""

    headers = ("Name", "Type", "Default", "Meaning")
    widths = (22, 14, 10, 54)
    table_class = "mmark-config-reference"

    def rows(self) -> list[list[nodes.Node | list[nodes.Node]]]:
        self.env.note_dependency(config.__file__)
        rows: list[list[nodes.Node | list[nodes.Node]]] = []
        for option in config.OPTIONS:
            name = nodes.literal(option.name, option.name)
            rows.append(
                [
                    name,
                    nodes.Text(option.type_name),
                    nodes.literal("", show_default(option.default)),
                    self.inline(option.help),
                ]
            )
        return rows


class DeprecatedConfigReference(_TableDirective):
    """Every deprecated ``mmark_*`` name, still read for one release."""

    headers = ("Deprecated name", "Use instead", "Read until")
    widths = (35, 35, 30)
    table_class = "mmark-deprecated-config"

    def rows(self) -> list[list[nodes.Node | list[nodes.Node]]]:
        self.env.note_dependency(config.__file__)
        return [
            [
                nodes.literal(renamed.old, renamed.old),
                nodes.literal(renamed.new, renamed.new),
                nodes.Text(f"release {renamed.removal} (deprecated)"),
            ]
            for renamed in config.RENAMED
        ]


class WarningsReference(_TableDirective):
    """Every warning subtype, with its documentation."""

    headers = ("Subtype", "Meaning")
    widths = (25, 75)
    table_class = "mmark-warnings-reference"

    def rows(self) -> list[list[nodes.Node | list[nodes.Node]]]:
        path = Path(warnings_.__file__)
        self.env.note_dependency(str(path))
        docs = member_docstrings(path.read_text(encoding="utf-8"), "MmarkWarning")
        rows: list[list[nodes.Node | list[nodes.Node]]] = []
        for member in warnings_.MmarkWarning:
            doc = docs.get(member.name)
            if doc is None:
                _LOGGER.warning(
                    "MmarkWarning.%s has no docstring", member.name, location=self.get_location()
                )
                doc = ""
            subtype = f"{warnings_.WARNING_TYPE}.{member.value}"
            rows.append([nodes.literal(subtype, subtype), self.inline(doc)])
        return rows


class OptionalGlobToctree(TocTree):
    """A glob toctree that leaves out patterns matching no page instead of warning.

    With ``:name-titles:`` each page is listed under its file name, for pages
    (such as snippets) that may have no title of their own.
    """

    option_spec = {**TocTree.option_spec, "name-titles": directives.flag}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        self.options["glob"] = True
        current = self.env.current_document.docname
        others = sorted(self.env.found_docs - {current})
        folder = current.rpartition("/")[0]
        lines: list[str] = []
        items: list[tuple[str, int]] = []
        for index, line in enumerate(self.content):
            pattern = f"{folder}/{line.strip()}".lstrip("/")
            matches = patfilter(others, pattern) if line.strip() else []
            if not matches:
                continue
            if "name-titles" in self.options:
                del self.options["glob"]
                for docname in matches:
                    name = docname.rpartition("/")[2]
                    lines.append(f"{name} <{docname.removeprefix(folder).lstrip('/')}>")
                    items.append(self.content.items[index])
            else:
                lines.append(line)
                items.append(self.content.items[index])
        self.content = StringList(lines, items=items)
        return super().run()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("optional-glob-toctree", OptionalGlobToctree)
    app.add_directive("mmark-config-reference", ConfigReference)
    app.add_directive("mmark-deprecated-config", DeprecatedConfigReference)
    app.add_directive("mmark-warnings-reference", WarningsReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
