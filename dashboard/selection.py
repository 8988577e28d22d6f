"""What a click on the map can select: every movement, and every ruled-out movement (the ✕ marks).

A ruled-out movement (``US forces: not to Ukraine``) has claims and sources like any other, so the sidebar can
show its quotes; it is offered to the sidebar as a :class:`~extraction.flows.Movement` of kind ``ruled out``.
"""

from __future__ import annotations

import dataclasses

from extraction.flows import Consensus, Flow, Movement, Reconciliation, RuledOut
from extraction.model import Claim

RULED_OUT_KIND = "ruled out"


@dataclasses.dataclass(frozen=True)
class RuledOutMovement(Movement):
    """A ruled-out movement in the shape the sidebar reads; its label is the ✕ mark's own."""

    ruled_out: RuledOut | None = None

    @property
    def label(self) -> str:
        """``US forces: not to Ukraine``."""
        return self.ruled_out.label if self.ruled_out is not None else super().label


def _as_movement(ruled: RuledOut) -> RuledOutMovement:
    by_source: dict[str, list[Claim]] = {}
    for claim in ruled.claims:
        by_source.setdefault(claim.source_id, []).append(claim)
    flows = tuple(Flow(f"{ruled.id}:{sid}", sid, RULED_OUT_KIND, ruled.force, None, None, None, None, ruled.places,
                       tuple(claims)) for sid, claims in by_source.items())
    return RuledOutMovement(ruled.id, RULED_OUT_KIND, ruled.force, None, ruled.places, flows,
                            Consensus(None, None, "no"), "no figure", ruled_out=ruled)  # "no troops · ruled out"


def with_ruled_out(reconciliation: Reconciliation) -> Reconciliation:
    """The reconciliation with each ruled-out movement also listed as a movement, so it can be selected."""
    extra = tuple(_as_movement(r) for r in reconciliation.ruled_out
                  if reconciliation.movement(r.id) is None)
    return dataclasses.replace(reconciliation, movements=reconciliation.movements + extra)
