#!/usr/bin/env python3
"""Fails when an #include in src/ points up the layer order.

The layers (DESIGN.md, "Layers"), lowest first:  core <- net <- aws <- catalog <- ocean <- app.
A file under src/<layer>/ may include headers of its own layer and of the layers below it; an
include of a higher layer ("ocean/..." from src/aws/, "catalog/..." from src/net/) is a
violation. One more rule from DESIGN.md: ocean/ reaches AWS only through catalog/'s front door
(catalog/source.h), so ocean/ may not include aws/ at all (net/ and core/ it may). And inside
ocean/, the sinks (ocean/sinks, ocean/port) do not include the resync (ocean/resync), which
uses them.
The kind hook files in data/kinds/*.cc are compiled into the catalog layer and checked as such.
Only quoted includes whose first path segment names a layer are judged; system and third-party
headers (<...>) and project-relative includes of other roots are ignored.

Usage: tools/check_layers.py [REPO_ROOT]   (default: the repository this file lives in)
Prints one line per violation (file:line: layer includes "header" of higher layer) and exits 1
when there is any, 0 otherwise; exits 2 when REPO_ROOT has no src/ folder.
"""
import pathlib
import re
import sys

LAYERS = ["core", "net", "aws", "catalog", "ocean", "app"]
RANK = {name: i for i, name in enumerate(LAYERS)}
# Lower layers a layer must not include although they are below it.
SKIPPED = {"ocean": {"aws"}}
# Inside a layer: folders that must not include another folder of it. The resync hands the
# sinks a RunRecord (ocean/sinks/run_record.h), so sinks (and the Port sink) never see its types.
FOLDER_RULES = {
    "src/ocean/sinks/": "ocean/resync/",
    "src/ocean/port/": "ocean/resync/",
}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
# A layer that must not know a lower one may not name its namespace either (e.g. aws::CallTarget
# reached through a catalog/ header); comments are not judged.
NAMESPACE_USE = re.compile(r"\b([a-z]+)::")
# Files that still break a rule, each with the change that removes it. Empty when the tree is
# clean; a file listed here that no longer breaks a rule is reported too, so the list shrinks.
KNOWN = {
}
SOURCE_SUFFIXES = {".h", ".hh", ".hpp", ".cc", ".cpp", ".inc"}


def files_by_layer(root):
    """Yields (layer, path) for every source file that belongs to a layer."""
    for layer in LAYERS:
        folder = root / "src" / layer
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix in SOURCE_SUFFIXES and path.is_file():
                    yield layer, path
    hooks = root / "data" / "kinds"
    if hooks.is_dir():
        for path in sorted(hooks.glob("*.cc")):
            yield "catalog", path


def violations(root):
    found = []
    for layer, path in files_by_layer(root):
        lines = path.read_text(errors="replace").splitlines()
        for number, line in enumerate(lines, start=1):
            m = INCLUDE.match(line)
            if not m:
                continue
            target = m.group(1).split("/", 1)[0]
            if target not in RANK:
                continue
            rel = path.relative_to(root)
            if RANK[target] > RANK[layer]:
                found.append(f'{rel}:{number}: {layer} includes "{m.group(1)}" of higher layer '
                             f"{target} (order: {' <- '.join(LAYERS)})")
            elif any(str(rel).startswith(folder) and m.group(1).startswith(banned)
                     for folder, banned in FOLDER_RULES.items()):
                found.append(f'{rel}:{number}: includes "{m.group(1)}": sinks get a RunRecord, '
                             f"never the resync's types")
            elif target in SKIPPED.get(layer, ()):
                found.append(f'{rel}:{number}: {layer} includes "{m.group(1)}": {layer}/ must '
                             f"not know {target}/ (it goes through catalog/source.h)")
        for number, line in enumerate(lines, start=1):
            code = line.split("//", 1)[0]
            if INCLUDE.match(code):
                continue
            for ns in sorted(set(NAMESPACE_USE.findall(code)) & SKIPPED.get(layer, set())):
                rel = path.relative_to(root)
                found.append(f"{rel}:{number}: {layer} names {ns}::, which {layer}/ must not know "
                             f"(it goes through catalog/source.h)")
    return found


def main(argv):
    root = pathlib.Path(argv[1]) if len(argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
    if not (root / "src").is_dir():
        print(f"check_layers: {root} has no src/ folder", file=sys.stderr)
        return 2
    bad = []
    seen_known = set()
    for line in violations(root):
        rel = line.split(":", 1)[0]
        if rel in KNOWN:
            seen_known.add(rel)
        else:
            bad.append(line)
    for rel in sorted(set(KNOWN) - seen_known):
        if (root / rel).exists():
            bad.append(f"{rel}: listed in check_layers.py KNOWN but breaks no rule: remove it")
    for line in bad:
        print(line)
    if bad:
        print(f"check_layers: {len(bad)} layer rule violation(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
