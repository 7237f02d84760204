"""Every shipped example (examples/*/port-app-config.yml and its blueprints.json) loads with the
ocean-aws binary: the port-app-config parses, every kind is known, every jq expression compiles
(`ocean-aws map` compiles them all before mapping), and every blueprint a mapping names exists
in the example's blueprints.json, as Port would require."""
import glob
import json
import os
import re
import subprocess

import pytest
import yaml
from ocean_bin import ocean_aws_bin

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
EXAMPLES = sorted(glob.glob(os.path.join(ROOT, "examples", "*", "port-app-config.yml")))


def test_there_are_examples():
    assert EXAMPLES, "no examples/*/port-app-config.yml found"


@pytest.mark.parametrize("config", EXAMPLES, ids=lambda p: os.path.basename(os.path.dirname(p)))
def test_example_loads_and_compiles(config):
    binary = ocean_aws_bin()
    r = subprocess.run([binary, "map", "--config", config, "--in-process"], input="",
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("config", EXAMPLES, ids=lambda p: os.path.basename(os.path.dirname(p)))
def test_every_mapped_blueprint_is_defined(config):
    resources = yaml.safe_load(open(config))["resources"]
    blueprints_file = os.path.join(os.path.dirname(config), "blueprints.json")
    defined = {b["identifier"] for b in json.load(open(blueprints_file))}
    kinds = [r["kind"] for r in resources]
    assert len(kinds) == len(set(kinds)), f"a kind is mapped twice: {kinds}"
    for r in resources:
        expr = r["port"]["entity"]["mappings"]["blueprint"]
        m = re.fullmatch(r'"([A-Za-z0-9_-]+)"', expr.strip())
        assert m, f"{r['kind']}: blueprint is not a constant: {expr}"
        assert m.group(1) in defined, f"{r['kind']}: blueprint {m.group(1)} is not in {blueprints_file}"
