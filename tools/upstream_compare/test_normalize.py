"""Checks normalize.compare_resources: resource order is the only thing ignored.
Run: python3 -m pytest tools/upstream_compare/test_normalize.py"""
import json

from normalize import compare_resources


def res(props, extra=None):
    r = {"Type": "AWS::X::Y", "Properties": props}
    if extra is not None:
        r["__ExtraContext"] = extra
    return r


A = res({"Name": "a", "Size": 1}, {"Region": "us-east-1"})
B = res({"Name": "b", "Size": 2}, {"Region": "eu-west-1"})


def test_resource_order_is_ignored():
    assert compare_resources([A, B], [B, A]) == []


def test_key_order_is_a_difference():
    swapped = res({"Size": 1, "Name": "a"}, {"Region": "us-east-1"})
    diffs = compare_resources([A], [swapped])
    assert len(diffs) == 1 and "key order" in diffs[0]


def test_json_types_are_compared():
    as_string = res({"Name": "a", "Size": "1"}, {"Region": "us-east-1"})
    as_float = json.loads('{"Type": "AWS::X::Y", "Properties": {"Name": "a", "Size": 1.0},'
                          ' "__ExtraContext": {"Region": "us-east-1"}}')
    assert "type int 1 (upstream) vs string" in compare_resources([A], [as_string])[0]
    assert "type int 1 (upstream) vs float" in compare_resources([A], [as_float])[0]


def test_missing_keys_extra_context_and_resources():
    no_size = res({"Name": "a"}, {"Region": "us-east-1"})
    assert "keys only upstream has: Size" in compare_resources([A], [no_size])[0]
    other_region = res({"Name": "a", "Size": 1}, {"Region": "eu-west-1"})
    assert "__ExtraContext.Region" in compare_resources([A], [other_region])[0]
    assert compare_resources([A, B], [A]) == ["missing in ocean-aws: Name=b"]
    assert compare_resources([A], [A, B]) == ["extra in ocean-aws: Name=b"]


def test_pairs_each_resource_with_its_closest_counterpart():
    b_changed = res({"Name": "b", "Size": 3}, {"Region": "eu-west-1"})
    diffs = compare_resources([A, B], [b_changed, A])
    assert diffs == ["[Name=b] $.Properties.Size: 2 (upstream) vs 3 (ocean-aws)"]
