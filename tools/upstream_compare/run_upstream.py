#!/usr/bin/env python3
"""Runs the original Python integration's (aws-v3) exporters for one kind and prints their raw
resources as NDJSON, one resource per line, exactly as the exporters returned them.

Contract: `run_upstream.py --upstream DIR --kind K [--include ACTION]... [--region R]...`
  DIR is a checkout of upstream's integrations/aws-v3 (never committed to this repo; the caller
  passes its path). AWS endpoint and credentials come from the environment (AWS_ENDPOINT_URL,
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) as for any botocore program.
What runs is upstream's own code: its single-account strategy (static credentials, STS
GetCallerIdentity for the account id), its exporter classes from kind_to_export_metadata, its
request models and action maps. Only the Ocean framework around it is replaced by a stand-in
that has an in-memory cache (what upstream's cached GetPipeline needs) and no Port side. The
resync loop is mirrored as upstream's resync.py does it: regional kinds call the exporter once
per region (after filtering by the exporter's supported regions), global kinds try regions in
order until one succeeds; AWS::Account::Info and AWS::Organizations::Account follow main.py.
Resources are printed in the order the exporters yield them; errors go to stderr, exit 1.
Single-threaded asyncio; not meant to be imported.
"""
import argparse
import asyncio
import json
import sys
import types


def install_ocean_stand_in():
    """Gives port_ocean's `ocean` proxy an app with an in-memory cache and an empty config."""
    from port_ocean.cache.memory import InMemoryCacheProvider
    from port_ocean.context.ocean import initialize_port_ocean_context
    integration = types.SimpleNamespace(config={})
    app = types.SimpleNamespace(cache_provider=InMemoryCacheProvider(),
                                config=types.SimpleNamespace(integration=integration))
    initialize_port_ocean_context(app)


async def account_session():
    """Upstream's SingleAccountStrategy with its static provider: (account info, session)."""
    from aws.auth.providers.static_provider import StaticCredentialProvider
    from aws.auth.strategies.single_account_strategy import SingleAccountStrategy
    strategy = SingleAccountStrategy(provider=StaticCredentialProvider(), config={})
    async for info, session in strategy.get_account_sessions():
        return info, session
    raise RuntimeError("upstream's single-account strategy yielded no account")


async def collect(gen, out):
    async for batch in gen:
        out.extend(batch)


async def export(kind, include, regions):
    from aws.core.exporters.exporter_metadata import kind_to_export_metadata
    from aws.core.helpers.utils import is_access_denied_exception
    from aws.utils import RegionHelper
    RegionHelper._partition = "aws"  # what get_partition() derives with no partition configured
    info, session = await account_session()
    out = []
    if kind == "AWS::Account::Info":  # main.py: the account dict as Properties, no extra context
        return [{"Type": kind, "Properties": dict(info)}]
    if kind == "AWS::Organizations::Account":
        from aws.core.exporters.organizations.account.exporter import OrganizationsAccountExporter
        from aws.core.exporters.organizations.account.models import PaginatedAccountRequest
        region = await RegionHelper.get_custom_partition_region_or_none(session) or ""
        # Harness: upstream passes "" (no region) and lets botocore resolve Organizations' global
        # endpoint, which signs for us-east-1. With AWS_ENDPOINT_URL set botocore resolves nothing
        # and signs for region "", which moto rejects; the region only picks the client.
        region = region or "us-east-1"
        options = PaginatedAccountRequest(include=include, account_id=info["Id"], region=region)
        await collect(OrganizationsAccountExporter(session).get_paginated_resources(options), out)
        return out
    meta = kind_to_export_metadata[kind]
    exporter = meta.exporter(session)
    supported = getattr(exporter, "_supported_regions", None)
    if supported:
        regions = [r for r in regions if r in supported]
    for region in regions:
        options = meta.paginated_request_model(region=region, include=include,
                                               account_id=info["Id"])
        try:
            await collect(exporter.get_paginated_resources(options), out)
        except Exception as e:  # noqa: BLE001 - resync.py's safe_iterate / global strategy
            if not is_access_denied_exception(e):
                raise
            print(f"access denied in {region}: {e}", file=sys.stderr)
            continue
        if not meta.regional:
            break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream", required=True, help="upstream integrations/aws-v3 directory")
    ap.add_argument("--kind", required=True)
    ap.add_argument("--include", action="append", default=[])
    ap.add_argument("--region", action="append", default=[])
    ap.add_argument("--list-actions", action="store_true",
                    help="print the kind's optional action class names and exit")
    a = ap.parse_args()
    sys.path.insert(0, a.upstream)
    from loguru import logger
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    install_ocean_stand_in()
    if a.list_actions:
        print(" ".join(optional_actions(a.kind)))
        return 0
    try:
        resources = asyncio.run(export(a.kind, a.include, a.region or ["us-east-1"]))
    except Exception as e:  # noqa: BLE001 - report and fail; the caller marks the kind
        print(f"upstream exporter failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    for r in resources:
        print(json.dumps(r, default=str))
    return 0


def optional_actions(kind):
    """The optional action class names of the kind's action map (upstream's includeActions)."""
    if kind == "AWS::Account::Info":
        return []
    if kind == "AWS::Organizations::Account":
        from aws.core.exporters.organizations.account.exporter import OrganizationsAccountExporter
        amap = OrganizationsAccountExporter._actions_map
    else:
        from aws.core.exporters.exporter_metadata import kind_to_export_metadata
        amap = kind_to_export_metadata[kind].exporter._actions_map
    return [cls.__name__ for cls in amap.options]


if __name__ == "__main__":
    sys.exit(main())
