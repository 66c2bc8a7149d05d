"""Remote images in builders that cannot show them (LaTeX, text, man…).

Sphinx would download such an image at build time, which needs the network
and warns when it is not there. By default (``mmark_remote_images = "link"``)
an mmark image with an ``http(s)`` source becomes a link with the image's
alt text instead, so offline builds stay silent and nothing disappears from
the PDF. ``"download"`` keeps Sphinx's behaviour.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ._compat import current_builder

REMOTE_FLAG = "mmark_remote"
"""Set by the renderer on images whose source is a URL."""


class RemoteImagesAsLinks(SphinxPostTransform):
    """Replace remote mmark images by links where the builder cannot embed them."""

    default_priority = 90  # before Sphinx's ImageDownloader (100)

    def is_supported(self) -> bool:
        builder = current_builder(self.env)
        return (
            self.config.mmark_remote_images == "link"
            and bool(builder.supported_image_types)
            and not builder.supported_remote_images
        ) or (not builder.supported_image_types and builder.format != "html")

    def run(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            if not image.get(REMOTE_FLAG):
                continue
            uri = image["uri"]
            text = image.get("alt") or uri
            link = nodes.reference("", text, refuri=uri, classes=["mmark-remote-image"])
            if isinstance(image.parent, nodes.TextElement):
                image.replace_self(link)
            else:
                image.replace_self(nodes.paragraph("", "", link))
