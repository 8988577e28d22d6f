"""Extraction figures: start-up, marginal time per article, peak memory, and seed score."""

from __future__ import annotations

import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from extraction import Article, article_from_text, extract, load_article

ROOT = Path(__file__).resolve().parents[2]


def _startup_seconds() -> float:
    """Wall time of a new process importing the extractor and extracting one short article."""
    code = ("import time; t=time.perf_counter(); from extraction import article_from_text, extract; "
            "extract(article_from_text('About 500 troops will deploy to Poland.', 's')); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _variant(article: Article, seed: int) -> Article:
    """The article with every number changed, so no sentence repeats across the batch."""
    rng = random.Random(seed)
    text = re.sub(r"\d[\d,]*", lambda m: f"{rng.randint(2, 99) * 100:,}", article.text)
    return article_from_text(text, source_id=f"{article.source.id}-{seed}")


def main() -> None:
    """Print the figures."""

    startup = min(_startup_seconds() for _ in range(3))
    articles = [load_article(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    batch = [_variant(articles[i % len(articles)], i) for i in range(1000)]
    began = time.perf_counter()
    for a in batch[:5]:
        extract(a)
    five = time.perf_counter() - began
    began = time.perf_counter()
    for a in batch:
        extract(a)
    thousand = time.perf_counter() - began
    marginal_ms = (thousand - five) / 995 * 1000
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"extraction start-up (new process, import + first article): {startup:.2f} s  (target <= 2.0 s)")
    print(f"extraction marginal time per article (1,000 articles minus 5, /995): {marginal_ms:.1f} ms"
          "  (target <= 15 ms)")
    print(f"extraction peak RSS: {peak_mb:.0f} MB  (target <= 500 MB)")
    seeds = "\n\n".join(a.text for a in articles)
    copies = 5_000_000 // len(seeds) + 1
    rng = random.Random(0)
    varied = "\n\n".join(re.sub(r"\d[\d,]*", lambda m: f"{rng.randint(2, 99) * 100:,}", seeds) for _ in range(copies))
    with tempfile.TemporaryDirectory() as tmp:
        for label, text in (("the seeds repeated", seeds * copies), ("the seeds, numbers varied per copy", varied)):
            big = Path(tmp) / "big.txt"
            big.write_text(text, encoding="utf-8")
            began = time.perf_counter()
            subprocess.run([sys.executable, "-m", "extraction", str(big), "--format", "json"], cwd=ROOT,
                           capture_output=True, check=True)
            print(f"extraction of one 5 MB article, {label} (command line, new process): "
                  f"{time.perf_counter() - began:.1f} s  (target <= 15 s)")
    out = subprocess.run([sys.executable, "-m", "tests.evaluate", "seeds", "tests/fixtures/seed_claims.json"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    print("seed score:", out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
