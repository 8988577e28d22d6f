"""markdown_safe: untrusted text stays text under st.markdown, inside HTML blocks and out of them."""

from __future__ import annotations

import html

import pytest

from dashboard.markup import markdown_safe


@pytest.mark.parametrize("text", [
    "![x](http://example.com/x.png)", "[click](http://evil.example)", "[go](javascript:alert(1))",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "see www.evil.example", "mail a@evil.example",
    "<http://evil.example>", "**bold** _it_ `code` # head | table ~strike~",
])
def test_markup_signs_become_character_references(text: str) -> None:
    out = markdown_safe(text)
    assert not any(c in out for c in "<>[]()!:@`*_|~") and "www." not in out


def test_escaped_text_reads_back_as_the_original() -> None:
    text = "About 500 troops <script>alert(1)</script> &amp; \u202e[click](javascript:x) it's \"quoted\" www.x.y"
    shown = html.unescape(markdown_safe(text))
    assert shown.replace("\u2060", "") == text  # only invisible word joiners are added
    assert "www.x" not in shown  # ... and they break every autolink


def test_bare_addresses_cannot_autolink() -> None:
    shown = html.unescape(markdown_safe("see http://evil.example or https://x.y, www.z.org and me@host.org"))
    for pattern in ("http://", "https://", "www.", "me@host"):
        assert pattern not in shown
