"""``mmark_syntax_warning``: how a markdown-it rule reports broken mmark syntax.

Rules cannot log (they run before the renderer knows the document), so a rule
that keeps malformed input as text inserts this hidden block token in front of
it; the renderer logs ``meta["message"]`` once, at the token's line, with the
subtype named by ``meta["subtype"]`` (a :class:`~sphinx_mmark.warnings_.MmarkWarning`
value, ``"syntax"`` by default).
"""

from __future__ import annotations

from markdown_it.token import Token

TOKEN_TYPE = "mmark_syntax_warning"


def syntax_warning_token(
    message: str, line_map: list[int] | None, level: int, *, subtype: str = "syntax"
) -> Token:
    """A hidden token that makes the renderer warn ``message`` at ``line_map``."""
    token = Token(TOKEN_TYPE, "", 0, map=list(line_map) if line_map else None, level=level)
    token.block = True
    token.hidden = True
    token.meta = {"message": message, "subtype": subtype}
    return token
