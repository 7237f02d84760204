"""Everything that lists kinds knows every kind (data/kinds/*.yaml is the kind table): the
integration spec (.port/spec.yaml), the kind table of docs/ADDING_KINDS.md, and the all-kinds
example (one mapping per kind, each naming a blueprint of examples/all-kinds/blueprints.json)."""
import glob
import json
import os

import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def kinds():
    return sorted(yaml.safe_load(open(f))["kind"]
                  for f in glob.glob(os.path.join(ROOT, "data", "kinds", "*.yaml"))
                  if yaml.safe_load(open(f))["kind"] != "AWS::*::*")  # the Cloud Control family


def test_spec_lists_every_kind():
    spec = yaml.safe_load(open(os.path.join(ROOT, ".port", "spec.yaml")))
    listed = [r["kind"] for r in spec["features"][0]["resources"]]
    assert sorted(listed) == kinds()


def test_docs_table_has_a_row_per_kind():
    docs = open(os.path.join(ROOT, "docs", "ADDING_KINDS.md")).read()
    table = docs[docs.index("## Kinds"):]
    missing = [k for k in kinds() if f"| `{k}` |" not in table]
    assert not missing, f"no row in docs/ADDING_KINDS.md for {missing}"


def test_all_kinds_example_maps_every_kind_once():
    config = yaml.safe_load(open(os.path.join(ROOT, "examples", "all-kinds", "port-app-config.yml")))
    mapped = [r["kind"] for r in config["resources"]]
    assert sorted(mapped) == kinds()
    blueprints = json.load(open(os.path.join(ROOT, "examples", "all-kinds", "blueprints.json")))
    ids = [b["identifier"] for b in blueprints]
    assert len(ids) == len(set(ids)), "a blueprint is defined twice"
    for b in blueprints:  # relations point at defined blueprints
        for name, rel in b.get("relations", {}).items():
            assert rel["target"] in ids, f"{b['identifier']}.{name} -> {rel['target']}"
