"""A fast, deterministic force-directed layout (Fruchterman–Reingold) in NumPy.

NetworkX's ``spring_layout`` loops over nodes in Python above 500 nodes and takes
tens of seconds for 2,000; a browser settling vis-network's physics takes
minutes. Here each connected component is laid out on its own: exact pairwise
repulsion for small components, and for large ones repulsion read from a grid
field computed by FFT convolution (the particle-mesh idea, O(n + M² log M) per
step). Components are then packed in rows, largest first. The same graph and
seed always give the same positions.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["force_layout", "separate"]

_EXACT_MAX = 400  # components up to this size get exact O(n²) repulsion


def force_layout(
    G: nx.Graph, *, seed: int = 7, iterations: int | None = None, spacing: float = 40.0, aspect: float = 1.0
) -> dict[Hashable, tuple[float, float]]:
    """Positions for the nodes of ``G`` (in pixels, about ``spacing`` apart).

    Direction and parallel edges are ignored. Isolated nodes and tiny components
    are packed after the large ones.

    Args:
        G: any NetworkX graph.
        seed: seed of the initial random placement.
        iterations: force steps per component (default: 60, fewer for huge ones).
        spacing: the ideal edge length in output units.
        aspect: width / height of the area the components are packed into
            (e.g. 1.4 for a landscape browser window).

    Returns:
        A dict node → (x, y).

    Examples:
        >>> import networkx as nx
        >>> pos = force_layout(nx.path_graph(3))
        >>> sorted(pos) == [0, 1, 2]
        True
        >>> pos == force_layout(nx.path_graph(3))
        True
    """
    nodes = list(G.nodes)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    placed: list[tuple[list[int], np.ndarray]] = []
    components = sorted((sorted(index[n] for n in c) for c in nx.connected_components(_undirected(G))),
                        key=lambda c: (-len(c), c[0]))
    for comp in components:
        sub = np.array(comp)
        local = {g: i for i, g in enumerate(comp)}
        edges = np.array([(local[index[u]], local[index[v]]) for u, v in G.subgraph([nodes[i] for i in comp]).edges()
                          if u != v], dtype=np.int64).reshape(-1, 2)
        steps = iterations if iterations is not None else (60 if len(comp) <= 5000 else 40)
        placed.append((list(sub), _component_layout(len(comp), edges, rng, steps)))
    coords = _pack(placed, len(nodes), aspect)
    return {nodes[i]: (float(x) * spacing, float(y) * spacing) for i, (x, y) in enumerate(coords)}


def _undirected(G: nx.Graph) -> nx.Graph:
    return G.to_undirected(as_view=True) if G.is_directed() else G


def _component_layout(n: int, edges: np.ndarray, rng: np.random.Generator, steps: int) -> np.ndarray:
    """Positions of one connected component with ideal edge length 1, centred on 0."""
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:  # one above the other, so that their labels (drawn below each node) do not collide
        return np.array([[0.0, -0.5], [0.0, 0.5]])
    side = np.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    temperature = side / 4
    cooling = temperature / (steps + 1)
    repulse = _exact_repulsion if n <= _EXACT_MAX else _mesh_repulsion
    for _ in range(steps):
        disp = repulse(pos)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.hypot(delta[:, 0], delta[:, 1])[:, None]
            pull = delta * dist  # FR attraction d²/k along the edge (k = 1)
            np.subtract.at(disp, edges[:, 0], pull)
            np.add.at(disp, edges[:, 1], pull)
        disp -= pos * 0.01  # a little gravity keeps loose parts near
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)[:, None]
        pos += disp / length * np.minimum(length, temperature)
        temperature -= cooling
    return pos - pos.mean(axis=0)


def _exact_repulsion(pos: np.ndarray) -> np.ndarray:
    delta = pos[:, None, :] - pos[None, :, :]
    d2 = np.einsum("ijk,ijk->ij", delta, delta)
    np.fill_diagonal(d2, np.inf)
    return np.einsum("ijk,ij->ik", delta, 1.0 / np.maximum(d2, 1e-4))  # k²/d along the unit vector


def _mesh_repulsion(pos: np.ndarray) -> np.ndarray:
    """Repulsion k²·d/|d|² from every node, read off a grid (cloud-in-cell + FFT)."""
    n = len(pos)
    m = 128 if n <= 3000 else 256
    lo = pos.min(axis=0)
    span = float(max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1]), 1e-6)) * 1.0001
    h = span / (m - 1)
    g = (pos - lo) / h
    i0 = np.clip(np.floor(g).astype(np.int64), 0, m - 2)
    f = g - i0
    w = [((0, 0), (1 - f[:, 0]) * (1 - f[:, 1])), ((1, 0), f[:, 0] * (1 - f[:, 1])),
         ((0, 1), (1 - f[:, 0]) * f[:, 1]), ((1, 1), f[:, 0] * f[:, 1])]
    size = 2 * m
    density = np.zeros(size * size)
    for (dx, dy), wt in w:
        np.add.at(density, (i0[:, 0] + dx) * size + i0[:, 1] + dy, wt)
    offs = np.fft.fftfreq(size, 1.0 / size) * h  # signed offsets on the wrapped grid
    ox, oy = np.meshgrid(offs, offs, indexing="ij")
    r2 = ox * ox + oy * oy
    r2[0, 0] = np.inf
    dens_f = np.fft.rfft2(density.reshape(size, size))
    fx = np.fft.irfft2(dens_f * np.fft.rfft2(ox / r2), s=(size, size)).ravel()
    fy = np.fft.irfft2(dens_f * np.fft.rfft2(oy / r2), s=(size, size)).ravel()
    out = np.zeros_like(pos)
    for (dx, dy), wt in w:
        cell = (i0[:, 0] + dx) * size + i0[:, 1] + dy
        out[:, 0] += fx[cell] * wt
        out[:, 1] += fy[cell] * wt
    return out


def _pack(placed: list[tuple[list[int], np.ndarray]], total: int, aspect: float = 1.0) -> np.ndarray:
    """Shelf-pack component layouts into rows, the whole about ``aspect`` times as wide as tall."""
    coords = np.zeros((total, 2))
    boxes = []
    for members, pos in placed:
        lo, hi = pos.min(axis=0), pos.max(axis=0)
        boxes.append((members, pos - lo, np.maximum(hi - lo, 0.0) + (2.0, 1.2)))  # room for labels
    area = sum(float(b[2][0] * b[2][1]) for b in boxes)
    row_width = max(np.sqrt(area * aspect) * 1.2, float(boxes[0][2][0]))
    x = y = row_height = 0.0
    for members, pos, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        coords[members] = pos + (x, y)
        x += w
        row_height = max(row_height, h)
    return coords - coords.mean(axis=0)


def separate(pos: dict[Hashable, tuple[float, float]], radius: dict[Hashable, float], *, gap: float = 6.0,
             iterations: int = 40) -> dict[Hashable, tuple[float, float]]:
    """Move overlapping discs apart: no two nodes closer than the sum of their radii plus ``gap``.

    Each step finds the pairs closer than the largest possible distance with a
    k-d tree (so a step costs about O(n log n), not O(n²)) and pushes every
    overlapping pair apart along the line between them by half the overlap
    each; it stops when nothing overlaps.

    >>> out = separate({"a": (0.0, 0.0), "b": (1.0, 0.0)}, {"a": 10.0, "b": 10.0})
    >>> round(out["b"][0] - out["a"][0], 1) >= 26.0
    True
    """
    from scipy.spatial import cKDTree

    nodes = list(pos)
    if len(nodes) < 2:
        return dict(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    r = np.array([radius.get(n, 0.0) for n in nodes], dtype=float)
    big = np.flatnonzero(r > 3 * np.median(r))  # the few wide discs are looked up one by one
    small = np.max(np.delete(r, big)) if len(big) < len(r) else float(r.max())
    rng = np.random.default_rng(3)
    for _ in range(iterations):
        tree = cKDTree(xy)
        found = [tree.query_pairs(2 * small + gap, output_type="ndarray").reshape(-1, 2)]
        for b in big:
            near = np.array(tree.query_ball_point(xy[b], r[b] + float(r.max()) + gap), dtype=np.int64)
            near = near[near != b]
            found.append(np.stack([np.full(len(near), b), near], axis=1))
        pairs = np.unique(np.sort(np.concatenate(found), axis=1), axis=0)
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[i] - xy[j]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        need = r[i] + r[j] + gap
        over = dist < need
        if not over.any():
            break
        i, j, delta, dist, need = i[over], j[over], delta[over], dist[over], need[over]
        same = dist < 1e-9  # coincident nodes: pick a direction
        if same.any():
            delta[same] = rng.normal(size=(int(same.sum()), 2))
            dist = np.hypot(delta[:, 0], delta[:, 1])
        push = (0.5 * (need - dist) / np.maximum(dist, 1e-9))[:, None] * delta
        move = np.zeros_like(xy)
        np.add.at(move, i, push)
        np.subtract.at(move, j, push)
        xy += move
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}
