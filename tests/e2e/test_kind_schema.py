"""Every kind definition in the repository (built-in and test data) validates against
data/kinds/kind.schema.json, the schema editors use; the schema rejects what the loader rejects."""
import glob
import json
import os

import jsonschema
import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")  # tests/e2e -> repo
SCHEMA = json.load(open(os.path.join(ROOT, "data", "kinds", "kind.schema.json")))


def definitions():
    return sorted(glob.glob(os.path.join(ROOT, "data", "kinds", "*.yaml")) +
                  glob.glob(os.path.join(ROOT, "tests", "e2e", "data", "kinds", "*.yaml")))


def test_every_definition_matches_the_schema():
    files = definitions()
    assert len(files) >= 8
    for f in files:
        jsonschema.validate(yaml.safe_load(open(f)), SCHEMA)


def test_the_schema_rejects_two_action_types_and_unknown_keys():
    base = yaml.safe_load(open(os.path.join(ROOT, "data", "kinds", "sqs_queue.yaml")))
    two = json.loads(json.dumps(base))
    two["actions"][0]["call"] = {"operation": "ListQueues"}
    unknown = json.loads(json.dumps(base))
    unknown["actions"][0]["tkae"] = "x"
    for bad in (two, unknown):
        try:
            jsonschema.validate(bad, SCHEMA)
        except jsonschema.ValidationError:
            continue
        raise AssertionError("accepted an invalid definition")


def test_the_schema_checks_default_when():
    base = yaml.safe_load(open(os.path.join(ROOT, "data", "kinds", "cloudcontrol_any.yaml")))
    jsonschema.validate(base, SCHEMA)
    bad_condition = json.loads(json.dumps(base))
    bad_condition["actions"][0]["defaultWhen"] = {"propertiesOnly": "everything"}
    unknown_key = json.loads(json.dumps(base))
    unknown_key["actions"][0]["defaultWhen"]["separator"] = "|"
    both = json.loads(json.dumps(base))
    both["actions"][0]["default"] = True
    for bad in (bad_condition, unknown_key, both):
        try:
            jsonschema.validate(bad, SCHEMA)
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"accepted an invalid defaultWhen: {bad['actions'][0]}")
