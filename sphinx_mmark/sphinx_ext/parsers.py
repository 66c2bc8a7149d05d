"""Sphinx source parsers: ``.mmark`` files, and ``.md`` files that are mmark.

:class:`MmarkParser` handles the ``mmark`` file type (the ``.mmark`` suffix).
:class:`MarkdownParser` replaces MyST-Parser's parser for ``.md`` files and
decides per document (see :mod:`sphinx_mmark.sphinx_ext.detect`) whether the text is
mmark or MyST; MyST documents go to MyST-Parser unchanged.
"""

from __future__ import annotations

import os

from docutils import nodes
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..config import mmark_settings
from .detect import head_data, is_mmark, myst_loaded


def load_reader(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Load the markdown machinery before Sphinx reads (``env-before-read-docs``).

    With ``-j N`` Sphinx forks a process for each chunk of documents: loaded here,
    in the main process, the machinery is inherited by every fork instead of being
    imported again in each. A build with nothing to read still never loads it.
    """
    if docnames:
        from .read import prepare

        prepare()


class MmarkParser(MystParser):
    """The parser for the ``mmark`` file type."""

    supported = ("mmark",)  # type: ignore[misc]

    def parse(self, inputstring: str, document: nodes.document) -> None:
        from .read import parse_mmark  # on first use: see sphinx_mmark.sphinx_ext.read

        parse_mmark(inputstring, document)


class MarkdownParser(MystParser):
    """The parser for ``.md`` files: mmark or MyST, decided per document."""

    supported = MystParser.supported  # type: ignore[misc]

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        relpath = os.path.relpath(env.doc2path(env.docname), env.srcdir).replace(os.sep, "/")
        myst = myst_loaded(env.config.extensions)
        data = head_data(inputstring) if myst else {}
        patterns = list(mmark_settings(env.config).md_patterns)
        if is_mmark(relpath, data, myst=myst, patterns=patterns):
            from .read import parse_mmark  # on first use: see sphinx_mmark.sphinx_ext.read

            parse_mmark(inputstring, document)
        else:
            super().parse(inputstring, document)
