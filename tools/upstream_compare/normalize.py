"""Pairs upstream's and ocean-aws's raw resources and lists every difference between the pairs.

Contract: compare_resources(upstream_rows, ocean_rows) -> list of human-readable differences
(empty when identical). The ONE normalization: the order of resources in the list is ignored.
Both exporters fetch regions and pages concurrently, so the order of resources says nothing about
compatibility (Port receives them in batches and keys entities by identifier). Pairing: resources
identical as printed pair first; each remaining upstream resource pairs with the remaining
ocean-aws resource it differs least from; leftovers are reported as missing/extra.
Inside a pair nothing is normalized: key names, key order (at every depth), JSON types (int vs
float vs string vs bool vs null), values and __ExtraContext are compared as printed.
Pure functions; thread-safe.
"""
import json


def _kind(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def _short(v):
    s = json.dumps(v)
    return s if len(s) <= 80 else s[:77] + "..."


def diff(a, b, path="$"):
    """Differences between upstream value a and ocean-aws value b, each naming its JSON path."""
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        return [f"{path}: type {ka} {_short(a)} (upstream) vs {kb} {_short(b)} (ocean-aws)"]
    if ka == "object":
        out = []
        only_a = [k for k in a if k not in b]
        only_b = [k for k in b if k not in a]
        if only_a:
            out.append(f"{path}: keys only upstream has: {', '.join(only_a)}")
        if only_b:
            out.append(f"{path}: keys only ocean-aws has: {', '.join(only_b)}")
        common_a = [k for k in a if k in b]
        common_b = [k for k in b if k in a]
        if common_a != common_b:
            out.append(f"{path}: key order upstream {common_a} vs ocean-aws {common_b}")
        for k in common_a:
            out.extend(diff(a[k], b[k], f"{path}.{k}"))
        return out
    if ka == "array":
        out = []
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items (upstream) vs {len(b)} (ocean-aws)")
        for i, (x, y) in enumerate(zip(a, b)):
            out.extend(diff(x, y, f"{path}[{i}]"))
        return out
    if a != b:
        return [f"{path}: {_short(a)} (upstream) vs {_short(b)} (ocean-aws)"]
    return []


def _label(r):
    props = r.get("Properties") or {}
    for k in props:
        if isinstance(props[k], str) and ("Arn" in k or k.endswith("Id") or "Name" in k):
            return f"{k}={props[k]}"
    return _short(props)[:60]


def compare_resources(upstream, ocean):
    canon = lambda r: json.dumps(r)  # key order included: identical as printed
    left = list(upstream)
    right = list(ocean)
    # Exact pairs first.
    remaining_right = []
    pool = {}
    for r in right:
        pool.setdefault(canon(r), []).append(r)
    unpaired_left = []
    for r in left:
        bucket = pool.get(canon(r))
        if bucket:
            bucket.pop()
        else:
            unpaired_left.append(r)
    for rows in pool.values():
        remaining_right.extend(rows)
    out = []
    for r in unpaired_left:
        if not remaining_right:
            out.append(f"missing in ocean-aws: {_label(r)}")
            continue
        scored = [(len(diff(r, o)), i) for i, o in enumerate(remaining_right)]
        _, best = min(scored)
        o = remaining_right.pop(best)
        out.extend(f"[{_label(r)}] {d}" for d in diff(r, o))
    out.extend(f"extra in ocean-aws: {_label(o)}" for o in remaining_right)
    return out
