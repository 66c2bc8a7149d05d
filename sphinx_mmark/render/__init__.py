"""Tokens to doctree: :class:`~sphinx_mmark.render.renderer.MmarkRenderer` (MyST's renderer and
one class per mmark concern, on :class:`~sphinx_mmark.render.base.RendererBase`)."""
