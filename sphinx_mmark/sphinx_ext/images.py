"""Images of mmark documents in Sphinx: remote ones where they cannot be shown, local ones confined.

Remote images in builders that cannot show them (LaTeX, text, man…): Sphinx
would download such an image at build time, which needs the network and warns
when it is not there. By default (``mmark_remote_images = "link"``) an mmark
image with an ``http(s)`` source becomes a link with the image's alt text
instead (:class:`RemoteImagesAsLinks`), so offline builds stay silent and
nothing disappears from the PDF. ``"download"`` keeps Sphinx's behaviour.

Local images: Sphinx copies an image's file into the output (``_images/``, the
LaTeX folder), so a document could publish any file the build can read
(``../../x.png``, ``/../x.png``, ``//etc/x.png``, a symbolic link leading out,
also inside an included file, whose images start from the including document
as in mmark). An mmark image whose file lies outside the folders of
:class:`~sphinx_mmark.render.images.ImageFolders` is refused with one
``mmark.image`` warning and shows its alt text. The path is checked as written
(and percent-decoded) before Sphinx looks at it (:class:`ConfinedImages`), and
the files Sphinx then picks (a ``name.*`` pattern's matches, a language variant)
once it has (:func:`confine_picked_files`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import mmark_settings
from ..environment import current_builder
from ..parse.includes.paths import shown
from ..parse.safe_urls import is_safe_url, refused_message
from ..render.images import REMOTE_FLAG, ImageFolders
from ..warnings_ import MmarkWarning, warn


class RemoteImagesAsLinks(SphinxPostTransform):
    """Replace remote mmark images by links where the builder cannot embed them."""

    default_priority = 90  # before Sphinx's ImageDownloader (100)

    def is_supported(self) -> bool:
        builder = current_builder(self.env)
        return (
            mmark_settings(self.config).remote_images == "link"
            and bool(builder.supported_image_types)
            and not builder.supported_remote_images
        ) or (not builder.supported_image_types and builder.format != "html")

    def run(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            if not image.get(REMOTE_FLAG):
                continue
            uri = image["uri"]
            text = image.get("alt") or uri
            link = _link(image, uri, text)
            if isinstance(image.parent, nodes.TextElement):
                image.replace_self(link)
            else:
                image.replace_self(nodes.paragraph("", "", link))


def _link(image: nodes.image, uri: str, text: str) -> nodes.Element:
    """A link to ``uri`` showing ``text``; only the text (and a warning) if ``uri`` is one
    :mod:`sphinx_mmark.parse.safe_urls` refuses (markdown-it's own check of a Markdown image
    lets percent-encoded forms such as ``java%09script:`` through)."""
    if is_safe_url(uri):
        return nodes.reference("", text, refuri=uri, classes=["mmark-remote-image"])
    warn(refused_message({"image": uri}, "its alt text is shown"), MmarkWarning.URL, location=image)
    return nodes.inline("", text, classes=["mmark-remote-image"])


# -- local images: confined to the project's folders ------------------------------------


def _is_local(uri: str) -> bool:
    """Whether Sphinx reads ``uri`` as a file (not a URL, not ``data:``)."""
    return "://" not in uri and not uri.startswith("data:")


class ConfinedImages(SphinxTransform):
    """Refuse the local images of an mmark document whose path, as written, leads out."""

    default_priority = 410  # after StaticImages (400) points ``/…`` at Hugo's static folders

    def apply(self, **kwargs: Any) -> None:
        if not self.document.get("mmark"):
            return
        folders = ImageFolders.of(self.env)
        docdir = folders.srcdir / os.path.dirname(self.env.docname)
        for image in list(self.document.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if not _is_local(uri):
                continue
            problem = _written_problem(folders, uri, docdir)
            if problem is not None:
                _refuse(image, shown(uri), problem)


def _written_problem(folders: ImageFolders, uri: str, docdir: Path) -> str | None:
    """Why the image path ``uri`` of a document in ``docdir`` is refused, or None.

    A single leading ``/`` starts at the source directory (as Sphinx reads it); the
    percent-decoded path is checked too.
    """
    for path in dict.fromkeys((uri, unquote(uri))):
        parts = Path(path).parts
        if parts[:1] in (("/",), ("\\",)):
            problem = folders.problem("/".join(parts[1:]), folders.srcdir)
        else:
            problem = folders.problem(path, docdir)
        if problem is not None:
            return problem
    return None


def confine_picked_files(app: Sphinx, doctree: nodes.document) -> None:
    """Refuse an mmark image when a file Sphinx picked for it (a ``name.*`` pattern's
    match, a language variant) lies outside: a symbolic link leading out."""
    if not doctree.get("mmark"):
        return
    folders = ImageFolders.of(app.env)
    for image in list(doctree.findall(nodes.image)):
        candidates: dict[str, str] = image.get("candidates") or {}
        for key, path in candidates.items():
            problem = None if key == "?" else folders.problem(path, folders.srcdir)
            if problem is not None:
                written = str(image.get("original_uri") or image.get("uri", ""))
                _refuse(image, f"{shown(written)} (its file {shown(path)})", problem)
                break


def _refuse(image: nodes.image, what: str, problem: str) -> None:
    """Warn that ``image`` (its path or file, as ``what`` says) is refused for ``problem``,
    and show its alt text (or its path) in its place."""
    warn(
        f"image {what} is not copied, its alt text is shown instead: {problem}",
        MmarkWarning.IMAGE,
        location=image,
    )
    text = str(image.get("alt") or image.get("uri", ""))
    alt = nodes.inline(text, text, classes=["mmark-refused-image"])
    image.replace_self(
        alt if isinstance(image.parent, nodes.TextElement) else nodes.paragraph("", "", alt)
    )


def setup_images(app: Sphinx) -> None:
    """Register the handling of remote and local images."""
    app.add_post_transform(RemoteImagesAsLinks)
    app.add_transform(ConfinedImages)
    # after Sphinx's ImageCollector (doctree-read, 500) has picked the files
    app.connect("doctree-read", confine_picked_files, priority=600)
