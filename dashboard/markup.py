"""Untrusted text made safe for ``st.markdown``: neither HTML nor Markdown in it may become markup.

:func:`html.escape` alone is not enough there: Streamlit renders Markdown (with GitHub's autolinks) around and
after the HTML we pass, so ``![x](http://host/x.png)`` would load a picture from outside, and
``[click](javascript:...)`` or a bare ``http://...`` would become a link. The characters that start those
constructs are written as numeric character references, which Markdown shows as the characters themselves.
"""

from __future__ import annotations

# One pass over every character: HTML's five plus the ones that start Markdown links, images, emphasis,
# code, headings, tables and autolinks (``:`` for ``http:``/``javascript:``, ``@`` for e-mail addresses).
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]()!#|~:@"})


def markdown_safe(text: str) -> str:
    """``text`` escaped for HTML and for Markdown, so it always shows as the characters it holds.

    Args:
        text: Untrusted text (headline, outlet, quote, article, place name).

    Returns:
        Text with ``& < > " '`` escaped as HTML and the Markdown link, image, emphasis and autolink
        characters (plus ``www.``) written as character references.
    """
    escaped = text.translate(_TABLE)
    return escaped.replace("www.", "www&#46;").replace("WWW.", "WWW&#46;")
