"""Time from submitting a 2,000-word article to its claims being stored and ready to map (target: 1 s).

Each run adds a fresh article (plain text, then the same as an HTML page) to a store in a temporary
folder: decode, HTML extraction, claim finding, one SQLite transaction; then reads every stored claim
back with ``documents()``, as the app does before building flows. The extractor's one-time start-up
(loading the language pipeline) is timed on its own, since a running app pays it once.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from extraction.model import Article, Source
from extraction.pipeline import extract
from extraction.store import open_store

TARGET_SECONDS = 1.0
WORDS = 2000
RUNS = 5

_SENTENCES = (
    "About {n:,} troops of the {ordinal} Infantry Division will deploy from Fort Stewart to Poland, officials said.",
    "The Pentagon said {n:,} soldiers from the 82nd Airborne Division would leave Fort Bragg for Germany.",
    "Roughly {n:,} US troops already in Germany will move on to Romania, a defence official told reporters.",
    "Another {n:,} service members have been put on heightened alert but have not been ordered to move.",
    "Russia has gathered more than {m:,} troops along its border with Ukraine, according to satellite images.",
    "Allies met in Brussels on Tuesday to discuss the situation and said talks would continue next week.",
)


def make_article(words: int = WORDS, seed: int = 0) -> str:
    """A plain-text article of about ``words`` words built from troop-movement sentences."""
    out: list[str] = [f"Troops move east as tensions rise (edition {seed})", ""]
    count = 0
    i = 0
    while count < words:
        template = _SENTENCES[i % len(_SENTENCES)]
        sentence = template.format(n=100 * (i + 1) + seed, m=10_000 * (i % 9 + 1), ordinal=f"{i % 4 + 1}rd")
        out.append(sentence)
        count += len(sentence.split())
        i += 1
    return "\n\n".join(out) + "\n"


def as_html(text: str) -> str:
    """``text`` as a news page with scripts, navigation and metadata around the article."""
    title, _, body = text.partition("\n\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{title}</title><meta name='author' content='Ann Smith'>"
        "<meta property='article:published_time' content='2022-02-02'></head><body>"
        + "<script>window.dataLayer.push({event: 'view'});</script>" * 20
        + f"<nav>Home | World | Europe</nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def _time_runs(folder: Path, html: bool) -> tuple[list[float], list[float], int]:
    store = open_store(folder / ("html.sqlite3" if html else "text.sqlite3"))
    adds: list[float] = []
    totals: list[float] = []
    claims = 0
    for run in range(RUNS):
        text = make_article(seed=run + 1)
        submitted = time.perf_counter()
        if html:
            result = store.add_text(as_html(text), filename=f"bench-{run}.html")
        else:
            result = store.add_text(text, filename=f"bench-{run}.txt")
        added = time.perf_counter()
        document = store.documents()
        ready = time.perf_counter()
        claims = sum(1 for c in document.claims if c.source_id == result.article_id)
        adds.append(added - submitted)
        totals.append(ready - submitted)
    return adds, totals, claims


def main() -> None:
    """Print the timings; one line per measurement."""
    text = make_article()
    print(f"article: {len(text.split()):,} words, {len(text.encode('utf-8')):,} bytes; {RUNS} runs each")
    started = time.perf_counter()
    extract(Article(Source(id="warm-up", path=""), "About 100 troops will deploy to Poland, officials said."))
    print(f"extractor start-up (once per process): {time.perf_counter() - started:.3f} s")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as name:
        for html in (False, True):
            adds, totals, claims = _time_runs(Path(name), html)
            kind = "html" if html else "text"
            verdict = "ok" if max(totals) <= TARGET_SECONDS else "OVER TARGET"
            print(
                f"{kind}: add+extract+store median {statistics.median(adds):.3f} s; "
                f"submit to claims ready median {statistics.median(totals):.3f} s, max {max(totals):.3f} s "
                f"(target {TARGET_SECONDS:g} s: {verdict}); {claims} claims in the article"
            )


if __name__ == "__main__":
    main()
