"""RFC 7991 (xml2rfc v3) XML from mmark v2 drafts: the ``rfcxml`` builder (issue 15).

``sphinx-build -b rfcxml SRC OUT`` writes ``OUT/<docname>.xml`` for every
document with a ``%%%`` title block. The modules:

* :mod:`sphinx_mmark.nodes.rfcxml_payload` — what the renderer leaves on the doctree
  for this builder (the title block, each reference entry, each citation);
* :mod:`.front` — ``<front>`` (and the ``<rfc>`` attributes) from the title block;
* :mod:`.body` — a docutils visitor from the resolved doctree to elements;
* :mod:`.references` — the ``<references>`` sections;
* :mod:`.builder` — the Sphinx builder that puts them together and writes files.

Everything is built with :mod:`xml.etree.ElementTree`, never as text.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_rfcxml(app: Sphinx) -> None:
    """Register the ``rfcxml`` builder."""
    from .builder import RfcXmlBuilder

    app.add_builder(RfcXmlBuilder)
