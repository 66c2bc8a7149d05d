"""docutils nodes that sphinx-mmark adds and their visitors for every writer.

The node classes that several layers use are here; the others are in the module
of their concern, with their visitors and assets. :func:`.register.register_nodes`
registers them all; the transforms that act on them are in :mod:`sphinx_mmark.sphinx_ext`.
This package imports only :mod:`sphinx_mmark.parse`, ``warnings_``, ``config``,
``environment`` and itself.
"""

from __future__ import annotations

from docutils import nodes

BLOCK_IDS = "mmark_block_ids"
"""Key of the document attribute listing the ids given to blocks in mmark."""

MMARK_DOMAIN = "mmark"
"""``refdomain`` of the ``pending_xref`` nodes :mod:`sphinx_mmark.sphinx_ext.xrefs` resolves."""


class division(nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """Where ``{frontmatter}``, ``{mainmatter}`` or ``{backmatter}`` starts.

    ``node["kind"]`` is one of ``"frontmatter"``, ``"mainmatter"``, ``"backmatter"``.
    Generated reference sections are placed at the ``backmatter`` division.
    """


class task_checkbox(nodes.Inline, nodes.Element):  # noqa: N801
    """The box of a task list item (v1 ``- [x] done``); ``node["checked"]`` is a bool.

    A disabled checkbox in HTML, ``$\\square$`` / ``$\\boxtimes$`` in LaTeX,
    ``[ ]`` / ``[x]`` in text, man and Texinfo.
    """
