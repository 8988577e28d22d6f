"""Untrusted text made safe for ``st.markdown``: neither HTML nor Markdown in it may become markup.

:func:`html.escape` alone is not enough there: Streamlit renders Markdown (with GitHub's autolinks) around and
after the HTML we pass, so ``![x](http://host/x.png)`` would load a picture from outside, and
``[click](javascript:...)`` or a bare ``http://...`` would become a link. The characters that start those
constructs are written as numeric character references, which Markdown shows as the characters themselves.
"""

from __future__ import annotations

import re

# One pass over every character: HTML's five plus the ones that start Markdown links, images, emphasis,
# code, headings, tables and autolinks (``:`` for ``http:``, ``@`` for e-mail addresses, ``$`` for LaTeX).
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}  # as html.escape writes them
_TABLE = str.maketrans({**{c: f"&#{ord(c)};" for c in "\\`*_[]()!#|~:@$"}, **_HTML})


# Streamlit turns a bare address into a link even when its characters arrive as character references (it
# decodes them first). An invisible word joiner inside the scheme, after "www" and after "@" keeps the text
# looking the same while no autolink pattern matches.
_WORD_JOINER = "\u2060"
_AUTOLINK_STARTS = re.compile(r"(?i)(?<=h)(?=ttps?:)|(?<=w)(?=ww\.)|(?<=@)|(?<=[a-z])(?=:\s*/)")


def markdown_safe(text: str) -> str:
    """``text`` escaped for HTML and for Markdown, so it always shows as the characters it holds.

    Args:
        text: Untrusted text (headline, outlet, quote, article, place name).

    Returns:
        Text with ``& < > " '`` escaped as HTML, the Markdown link, image, emphasis and autolink
        characters written as character references, and an invisible word joiner inside anything an
        autolink would catch (``http://``, ``www.``, ``name@host``).
    """
    return _AUTOLINK_STARTS.sub(_WORD_JOINER, text).translate(_TABLE)
