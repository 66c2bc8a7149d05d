"""Images LaTeX cannot include: converted where ImageMagick is installed, else a placeholder.

pdflatex and xelatex include PNG, JPEG and PDF files. Real posts also have GIF or SVG
images, and images whose file is not there (a Hugo site's ``static/`` folder left
behind). Sphinx writes ``\\sphinxincludegraphics`` for them all, and LaTeX then stops
on each (``Unknown graphics extension: .gif``, ``File … not found``). So:

* when ImageMagick's ``convert`` is installed, ``sphinx.ext.imgconverter`` is loaded:
  Sphinx converts GIF, SVG and the like to PNG for the LaTeX output;
* an image that is still in a format the builder cannot include (no converter, or
  the conversion failed) becomes a visible placeholder, ``[image: path — alt text]``,
  with one ``mmark.image`` warning;
* an image whose file is missing becomes the same placeholder, without a second warning
  (Sphinx already warned ``image file not readable`` when it read the document).

This applies to the LaTeX builder only, to every image of the book (mmark or not):
whatever its source, such an image would stop the PDF. Remote images are left to
:class:`~sphinx_mmark.sphinx_ext.images.RemoteImagesAsLinks`.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.images import guess_mimetype

from ..environment import current_builder
from ..parse.includes.paths import shown
from ..warnings_ import MmarkWarning, warn

PLACEHOLDER_CLASS = "mmark-image-placeholder"


@cache
def imagemagick_installed() -> bool:
    """Whether ``convert`` on PATH is ImageMagick (``convert -version`` says so)."""
    if shutil.which("convert") is None:
        return False
    try:
        done = subprocess.run(["convert", "-version"], capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and done.stdout.startswith(b"Version: ImageMagick")


class UnincludableImages(SphinxPostTransform):
    """Replace the images LaTeX cannot include by a placeholder (see the module docstring)."""

    default_priority = 20  # after Sphinx's ImageConverter (10) had its chance

    def is_supported(self) -> bool:
        return current_builder(self.env).format == "latex"

    def run(self, **kwargs: Any) -> None:
        supported = current_builder(self.env).supported_image_types
        srcdir = Path(self.env.srcdir)
        for image in list(self.document.findall(nodes.image)):
            candidates: dict[str, str] = image.get("candidates") or {}
            if "?" in candidates or not candidates:
                continue  # remote, or not collected by Sphinx
            if "*" in candidates:
                path = candidates["*"]
                found = {guess_mimetype(path) or "?": path}
            else:
                found = candidates
            usable = [found[kind] for kind in supported if kind in found]
            if usable:
                if all(_exists(srcdir, p) for p in usable):
                    continue
                _replace(image, missing=True)  # Sphinx warned: image file not readable
                continue
            path = next(iter(found.values()))
            if not _exists(srcdir, path):
                _replace(image, missing=True)
                continue
            kinds = ", ".join(sorted(k for k in found if k != "?")) or "unknown"
            warn(
                f"image {shown(path)} is in a format LaTeX cannot include ({kinds}); a "
                "placeholder is shown (with ImageMagick installed it is converted to PNG)",
                MmarkWarning.IMAGE,
                location=image,
            )
            _replace(image, missing=False)


def _exists(srcdir: Path, path: str) -> bool:
    return (srcdir / path).is_file()


def _replace(image: nodes.image, *, missing: bool) -> None:
    """Put a visible placeholder, naming the image's path and alt text, in its place."""
    written = str(image.get("original_uri") or image.get("uri", ""))
    alt = str(image.get("alt", "")).strip()
    what = "image not found" if missing else "image"
    text = f"[{what}: {written}" + (f" \u2014 {alt}]" if alt else "]")
    placeholder = nodes.inline(text, text, classes=[PLACEHOLDER_CLASS])
    if isinstance(image.parent, nodes.TextElement):
        image.replace_self(placeholder)
    else:
        image.replace_self(nodes.paragraph("", "", placeholder))


def setup_latex_images(app: Sphinx) -> None:
    """Register the placeholder, and Sphinx's converter where ImageMagick is installed."""
    if imagemagick_installed():
        app.setup_extension("sphinx.ext.imgconverter")
    app.add_post_transform(UnincludableImages)
