"""Hostile test articles, written in code: markup, links, entities and bidi controls in every field."""

from __future__ import annotations

from pathlib import Path

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
BIDI = "\u202e"
HEADLINE = f"Troops {SCRIPT} move {IMG} &lt;b&gt; {BIDI}gnitset [click](http://evil.example)"
OUTLET = f'Evil {SCRIPT} Times ![x](http://example.com/x.png) [go](javascript:alert(1))'
BODY = (
    f"{HEADLINE}\n\n"
    f"About 500 troops {SCRIPT} will deploy to Poland, the ministry said.\n\n"
    f"Officials said 1,200 soldiers {IMG} would be sent to Romania {BIDI}from Germany [click](javascript:alert(1)).\n\n"
    "Another 300 troops ![x](http://example.com/x.png) will deploy to Lithuania &amp; Latvia, "
    "sources said [more](http://evil.example).\n"
)


def write_hostile_seeds(folder: Path) -> Path:
    """Write one hostile article and its ``metadata.toml`` into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "900_hostile.txt").write_text(BODY, encoding="utf-8")
    outlet = OUTLET.replace("\\", "\\\\").replace('"', '\\"')
    (folder / "metadata.toml").write_text(
        f'[900_hostile]\noutlet = "{outlet}"\npublished = "2022-02-02"\nbyline = "unknown"\n', encoding="utf-8"
    )
    return folder
