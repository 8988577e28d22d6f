"""Great-circle arcs between two points, for drawing flows on the map."""

from __future__ import annotations

import math


def great_circle(a: tuple[float, float], b: tuple[float, float], n: int = 64) -> list[tuple[float, float]]:
    """Points along the shorter great circle from ``a`` to ``b``.

    Args:
        a: Start as ``(lon, lat)`` in degrees.
        b: End as ``(lon, lat)`` in degrees.
        n: Number of segments; the result has ``n + 1`` points, both ends included.

    Returns:
        ``(lon, lat)`` points. Longitudes are unwrapped so that consecutive points never jump by
        more than 180 degrees, which keeps a path drawn across the antimeridian in one piece.
    """
    n = max(1, int(n))
    lon1, lat1, lon2, lat2 = (math.radians(v) for v in (*a, *b))
    p1 = (math.cos(lat1) * math.cos(lon1), math.cos(lat1) * math.sin(lon1), math.sin(lat1))
    p2 = (math.cos(lat2) * math.cos(lon2), math.cos(lat2) * math.sin(lon2), math.sin(lat2))
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(p1, p2, strict=True))))
    omega = math.acos(dot)
    points: list[tuple[float, float]] = []
    for i in range(n + 1):
        t = i / n
        if omega < 1e-12:
            w1, w2 = 1.0 - t, t
        else:
            w1, w2 = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
        x, y, z = (w1 * u + w2 * v for u, v in zip(p1, p2, strict=True))
        lon = math.degrees(math.atan2(y, x))
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        if points:
            previous = points[-1][0]
            lon += 360.0 * round((previous - lon) / 360.0)
        points.append((lon, lat))
    # Exact ends, so a flow starts and stops on its places; the end keeps the unwrapped longitude.
    points[0] = (a[0], a[1])
    points[-1] = (b[0] + 360.0 * round((points[-1][0] - b[0]) / 360.0), b[1])
    return points
