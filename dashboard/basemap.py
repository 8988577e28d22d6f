"""Country shapes for the offline basemap, simplified so the deck payload stays small."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from shapely.geometry import box, mapping, shape

# Europe, the Atlantic and North America: every seed movement fits, and the payload stays small.
CLIP_BOX = (-130.0, 5.0, 70.0, 75.0)
TOLERANCE_DEG = 0.25


def _rounded(coords: Any) -> Any:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(coords[0]), 2), round(float(coords[1]), 2)]
    return [_rounded(c) for c in coords]


@lru_cache(maxsize=4)
def load_basemap(path: str, clip: tuple[float, float, float, float] = CLIP_BOX) -> dict[str, Any] | None:
    """Read, clip and simplify a country-shapes GeoJSON.

    Args:
        path: A GeoJSON FeatureCollection with ``name`` properties (Natural Earth).
        clip: ``(min_lon, min_lat, max_lon, max_lat)`` kept.

    Returns:
        A small FeatureCollection (only ``name`` kept), or ``None`` when the file is missing or unreadable.
    """
    file = Path(path)
    if not file.is_file():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    window = box(*clip)
    features = []
    for feature in data.get("features", []):
        geometry = feature.get("geometry")
        if not geometry:
            continue
        clipped = shape(geometry).intersection(window).simplify(TOLERANCE_DEG, preserve_topology=True)
        if clipped.is_empty or clipped.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        geo = mapping(clipped)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": (feature.get("properties") or {}).get("name", "")},
                "geometry": {"type": geo["type"], "coordinates": _rounded(geo["coordinates"])},
            }
        )
    return {"type": "FeatureCollection", "features": features}
