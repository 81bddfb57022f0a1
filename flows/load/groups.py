"""Groups that grow night by night (copies of a story, reports of one happening): the night's items link to each
other and to groups already in the lake; linked items form one group, named for its earliest item. A lake group a
night's item links to an earlier item is renamed as a whole (the caller updates its rows)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from datetime import datetime


def earliest(published: datetime | None, in_lake: bool, name: str) -> tuple:
    """The order of a group's items: published first; unknown dates last; on a tie, what an earlier night loaded."""
    return (published is None, published or datetime.min, not in_lake, name)


def components(
    night: Mapping[str, datetime | None], lake: Mapping[str, datetime | None], links: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """{node: its group's name} for every node in a group of two or more. Nodes are the night's items and the lake's
    groups (by name; a lake group named for an item the night replaces is that item); `links` join two of them."""
    from scipy.sparse import coo_matrix  # (here: scipy costs 0.13 s to import, and most nights link nothing new)
    from scipy.sparse.csgraph import connected_components

    nodes = sorted(set(night) | set(lake))
    index: dict[Hashable, int] = {n: i for i, n in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in links]
    rows, cols = zip(*pairs, strict=True) if pairs else ((), ())
    graph = coo_matrix(([1] * len(pairs), (rows, cols)), shape=(len(nodes), len(nodes)))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[str]] = {}
    for node, label in zip(nodes, labels, strict=True):
        members.setdefault(int(label), []).append(node)

    def order(node: str) -> tuple:
        in_lake = node in lake and node not in night
        return earliest(lake[node] if in_lake else night[node], in_lake, node)

    named = {}
    for group in members.values():
        if len(group) > 1:
            first = min(group, key=order)
            named.update({n: first for n in group})
    return named
