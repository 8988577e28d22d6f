"""The comparison table: movements × sources, each source's figure, consensus, flags and arithmetic."""

from __future__ import annotations

from collections.abc import Sequence

from extraction.flows import KIND_WORDS, Movement, Reconciliation, family, format_count
from extraction.model import Source

FLAG_TEXT = {"agree": "sources agree", "differ": "sources differ", "single": "one source", "no figure": "no figure"}


def column_name(source: Source) -> str:
    """A short, unique column header for a source: outlet plus the id's prefix."""
    return f"{source.outlet or 'unknown outlet'} ({source.id.split('_')[0]})"


MAX_COLUMNS = 12
IN_COMBINED = "in combined total"
NO_NUMBER = "no number stated"


def movement_flag(movement: Movement) -> str:
    """``sources agree``, ``sources differ`` ...; with ``differ: alert / sent`` where the sources give other kinds."""
    flag = FLAG_TEXT[movement.agreement]
    if movement.kind_dispute:
        kinds = " / ".join(movement.kind_dispute)
        flag = f"differ: {kinds}" if movement.agreement == "agree" else f"{flag}; differ: {kinds}"
    return flag


def _kind_note(movement: Movement, kind: str) -> str:
    """`` (sent)`` beside a figure given with another kind than the movement's; nothing otherwise."""
    if not movement.kind_dispute or family(kind) == family(movement.kind):
        return ""
    return f" ({KIND_WORDS.get(family(kind), kind)})"


def comparison_rows(
    reconciliation: Reconciliation, sources: Sequence[Source], max_columns: int = MAX_COLUMNS
) -> list[dict[str, str]]:
    """One row per movement: each chosen source's figure, the consensus, the flag and the arithmetic check.

    A source that gives the movement only inside a combined total shows ``in combined total``; a source that
    doesn't mention it shows an empty cell. The ``flag`` column is ``sources differ`` where figures disagree.
    At most ``max_columns`` source columns are shown (the consensus still counts every source).
    """
    chosen = [s for s in sources if s.id in reconciliation.source_ids][:max_columns]
    checks = {c.total_id: c for c in reconciliation.checks}
    rows = []
    for m in reconciliation.movements:
        check = checks.get(m.id)
        flag = movement_flag(m)
        if m.combined_only:
            flag += "; some give only a combined total"
        row = {"movement": m.label, "consensus": m.consensus.text, "flag": flag, "check": check.text if check else "",
               "kind": m.kind, "force": m.force}
        for source in chosen:
            figures = [format_count(f.count, f.count_text or NO_NUMBER) + _kind_note(m, f.kind)
                       for f in m.flows if f.source_id == source.id]
            if figures:
                row[column_name(source)] = " / ".join(figures)
            elif source.id in m.combined_only:
                row[column_name(source)] = IN_COMBINED
            else:
                row[column_name(source)] = ""
        rows.append(row)
    return rows
