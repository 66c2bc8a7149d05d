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
from sphinx.config import Config

BUILDER_NAME = "rfcxml"


def setup_rfcxml(app: Sphinx) -> None:
    """Register the ``rfcxml`` builder."""
    from .builder import RfcXmlBuilder

    app.add_builder(RfcXmlBuilder)
    app.connect("config-inited", no_smart_quotes)


def no_smart_quotes(app: Sphinx, config: Config) -> None:
    """Leave quotes and dashes as typed in the XML (mmark does; RFC text is ASCII):
    add the builder to ``smartquotes_excludes`` unless the project set that value
    itself (other builders keep their smart quotes).

    Added for every build, not only ``-b rfcxml``, so that the configuration (which
    Sphinx compares to decide what to read again) is the same for all builders.
    """
    raw = getattr(config, "_raw_config", {})
    overrides = getattr(config, "_overrides", {})
    if "smartquotes_excludes" in raw or "smartquotes_excludes" in overrides:
        return
    excludes = dict(config.smartquotes_excludes or {})
    builders = list(excludes.get("builders", []))
    if BUILDER_NAME not in builders:
        excludes["builders"] = [*builders, BUILDER_NAME]
    config.smartquotes_excludes = excludes
