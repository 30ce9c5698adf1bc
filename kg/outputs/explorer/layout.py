"""Precomputed node positions for large explorer graphs, from networkx, in seconds.

``nx.spring_layout`` on 5,000 nodes takes over a minute (it is quadratic), and vis.js
physics on the same graph spends minutes stabilising. Knowledge graphs of reports are
many small parts (one cluster per report, a few shared organisations between them), so
the layout is done per part: every connected component on its own; a large component
split into groups (the caller's, such as one per municipality, else Louvain
communities), each laid out with ``spring_layout`` and placed where ``spring_layout``
puts it in the graph of groups; lone nodes on a grid. The parts
are then packed in rows, largest first. Deterministic for a given graph and seed.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx

SPACING = 70.0  # pixels per node, roughly: a part of n nodes gets a square of side √n·SPACING
LARGE_PART = 120  # components above this are split into communities
Pos = dict[Hashable, tuple[float, float]]


def layout(graph: nx.Graph, seed: int = 7, groups: dict | None = None) -> Pos:
    """Pixel positions (x, y) for every node of ``graph`` (directions and multi-edges
    are ignored). ``groups`` (node → key) says which nodes belong together in a large
    component; nodes without a key form one group of their own."""
    g = nx.Graph(graph)
    g.remove_edges_from(nx.selfloop_edges(g))
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(g)), key=lambda c: (-len(c), str(c[0]))
    )
    blocks: list[Pos] = []
    lone = [c[0] for c in components if len(c) == 1]
    for nodes in components:
        if len(nodes) == 1:
            continue
        sub = g.subgraph(nodes)
        blocks.append(_split(sub, seed, groups) if len(nodes) > LARGE_PART else _spring(sub, seed))
    if lone:
        blocks.append(_grid(lone))
    return _pack(blocks)


def _spring(g: nx.Graph, seed: int) -> Pos:
    """A spring layout scaled to about √n·SPACING across, centred on 0 (fewer
    iterations for large parts: each costs O(n²))."""
    iterations = 60 if len(g) <= 200 else max(15, 60 * 200 // len(g))
    pos = nx.spring_layout(g, seed=seed, iterations=iterations)
    return _scale(pos, math.sqrt(len(g)) * SPACING / 2)


def _split(g: nx.Graph, seed: int, groups: dict | None) -> Pos:
    """A large component: groups laid out alone, placed by the graph of groups."""
    if groups:
        keyed: dict = {}
        for n in g:
            keyed.setdefault(str(groups.get(n, "")), []).append(n)
        parts = list(keyed.values())
    else:
        parts = list(nx.community.louvain_communities(g, seed=seed))
    communities = [sorted(c, key=str) for c in parts]
    communities.sort(key=lambda c: (-len(c), str(c[0])))
    member = {n: i for i, c in enumerate(communities) for n in c}
    quotient = nx.Graph()
    quotient.add_nodes_from(range(len(communities)))
    for a, b in g.edges():
        ca, cb = member[a], member[b]
        if ca != cb:
            w = quotient.get_edge_data(ca, cb, {"weight": 0})["weight"]
            quotient.add_edge(ca, cb, weight=w + 1)
    centres = nx.spring_layout(quotient, seed=seed, iterations=80, weight="weight")
    radius = math.sqrt(len(g)) * SPACING * 0.8
    pos: Pos = {}
    for i, nodes in enumerate(communities):
        local = _spring(g.subgraph(nodes), seed) if len(nodes) > 1 else {nodes[0]: (0.0, 0.0)}
        cx, cy = centres[i]
        for n, (x, y) in local.items():
            pos[n] = (cx * radius + x, cy * radius + y)
    return pos


def _grid(nodes: list) -> Pos:
    side = math.ceil(math.sqrt(len(nodes)))
    return {
        n: ((i % side) * SPACING * 0.8, (i // side) * SPACING * 0.8) for i, n in enumerate(nodes)
    }


def _scale(pos: Pos, half: float) -> Pos:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        n: ((x - cx) / span * 2 * half, (y - cy) / span * 2 * half) for n, (x, y) in pos.items()
    }


def _pack(blocks: list[Pos]) -> Pos:
    """Blocks side by side in rows (shelf packing), each block moved to its own box."""
    boxes = []
    for pos in blocks:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    gap = SPACING
    area = sum((w + gap) * (h + gap) for _, _, w, h in boxes)
    row_width = max(math.sqrt(area) * 1.3, max((w for _, _, w, _ in boxes), default=0))
    out: Pos = {}
    x = y = row_height = 0.0
    for pos, (x0, y0, w, h) in zip(blocks, boxes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(px - x0 + x, 1), round(py - y0 + y, 1))
        x += w + gap
        row_height = max(row_height, h)
    return out


TREE_DX = 340.0  # pixels between the columns of the outline: municipality, programmes, ...
TREE_DY = 34.0  # pixels between two rows of the outline
LEAF_ROWS = 12  # the leaves of one parent stand in columns of this many rows


def outline(g: nx.MultiDiGraph, minimum: int = 3) -> Pos | None:
    """A report's outline as a tree from left to right: the municipality, its programmes,
    their sub-programmes, the initiatives reported in each, the partners of each
    initiative; what the tree does not reach stands in a grid below it. ``None`` unless
    exactly one municipality has programmes, at least ``minimum`` of them (a build of
    one report, or a view of one municipality)."""
    roots = [
        n
        for n in g
        if sum(1 for _, _, k in g.out_edges(n, keys=True) if k == "hasProgramme") >= minimum
    ]
    if len(roots) != 1:
        return None
    children: dict = {}
    depth = {roots[0]: 0}
    order = [roots[0]]

    def follow(node, kids) -> None:
        for kid in sorted(kids, key=lambda k: (str(g.nodes[k].get("name", "")).lower(), str(k))):
            if kid not in depth:
                depth[kid] = depth[node] + 1
                children.setdefault(node, []).append(kid)
                order.append(kid)

    for node in order:  # grows while it is walked: breadth first
        out = [(o, k) for _, o, k in g.out_edges(node, keys=True)]
        into = [(s, k) for s, _, k in g.in_edges(node, keys=True)]
        kids = [o for o, k in out if k in ("hasProgramme", "hasSubProgramme", "hasPartner")]
        kids += [s for s, k in into if k == "partOfProgramme"]
        follow(node, kids)
    pos: Pos = {}
    row = 0.0

    def place(node) -> float:
        nonlocal row
        kids = children.get(node, [])
        inner = [k for k in kids if k in children]
        leaves = [k for k in kids if k not in children]
        ys = [place(k) for k in inner]
        # the leaves of one parent (a programme's initiatives) in columns of LEAF_ROWS
        first = row
        x = (depth[node] + 1) * TREE_DX
        for i, leaf in enumerate(leaves):
            pos[leaf] = (x + (i // LEAF_ROWS) * TREE_DX / 2, (first + i % LEAF_ROWS) * TREE_DY)
        if leaves:
            ys += [first, first + min(len(leaves), LEAF_ROWS) - 1]
            row = first + min(len(leaves), LEAF_ROWS) + 1
        if not ys:
            ys = [row]
            row += 1
        y = (min(ys) + max(ys)) / 2
        pos[node] = (depth[node] * TREE_DX, y * TREE_DY)
        return y

    place(roots[0])
    rest = sorted((n for n in g if n not in pos), key=str)
    if rest:  # a grid below the tree (its first cell at 0, 0)
        top = (row + 2) * TREE_DY
        for n, (x, y) in _grid(rest).items():
            pos[n] = (x, y + top)
    return pos
