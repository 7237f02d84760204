"""tools/check_layers.py: the layer rule scripts/test.sh enforces (core <- net <- aws <- catalog
<- ocean <- app; ocean/ does not know aws/). Each case builds a small source tree in a temporary
folder and runs the checker on it; the last one runs it on this repository."""
import pathlib
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
CHECKER = REPO / "tools" / "check_layers.py"


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def check(root):
    return subprocess.run([sys.executable, str(CHECKER), str(root)], capture_output=True,
                          text=True, timeout=60)


def clean_tree(root):
    write(root, "src/core/status.h", "#pragma once\n#include <string>\n")
    write(root, "src/net/http_types.h", '#pragma once\n#include "core/status.h"\n')
    write(root, "src/aws/client.h", '#pragma once\n#include "net/http_types.h"\n')
    write(root, "src/catalog/source.h", '#pragma once\n#include "aws/client.h"\n')
    write(root, "src/ocean/port/port_http.h",
          '#pragma once\n#include "net/http_types.h"\n#include "catalog/source.h"\n'
          "// aws::AwsClient is named in a comment only\n")
    write(root, "src/app/runtime.h", '#include "aws/client.h"\n#include "ocean/port/port_http.h"\n')
    write(root, "data/kinds/hook.cc", '#include "catalog/source.h"\n')


def check_with(root, files):
    """The checker's answer on the clean tree plus `files` (path -> text)."""
    clean_tree(root)
    for rel, text in files.items():
        write(root, rel, text)
    return check(root)


def test_clean_tree_passes(tmp_path):
    r = check_with(tmp_path, {})
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ""


# One file added to the clean tree -> the line the checker must print (file:line, the rule).
BAD_FILES = {
    "include_of_a_higher_layer_fails_naming_file_line_and_header": (
        "src/net/uri.cc", '#include "net/uri.h"\n\n#include "aws/client.h"\n',
        'src/net/uri.cc:3: net includes "aws/client.h" of higher layer aws'),
    "ocean_may_not_include_aws": (
        "src/ocean/resync/runner.h", '#pragma once\n#include "aws/client.h"\n',
        'src/ocean/resync/runner.h:2: ocean includes "aws/client.h"'),
    "ocean_may_not_name_the_aws_namespace": (
        "src/ocean/live_events/applier.cc",
        '#include "catalog/source.h"\nvoid F(aws::AwsClient& c);  // aws:: in code\n',
        "src/ocean/live_events/applier.cc:2: ocean names aws::"),
    "kind_hooks_are_checked_as_catalog": (
        "data/kinds/bad_hook.cc", '#include "ocean/mapping/jq_program.h"\n',
        'data/kinds/bad_hook.cc:1: catalog includes "ocean/mapping/jq_program.h"'),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_fails_naming_it(tmp_path, case):
    rel, text, expected = BAD_FILES[case]
    r = check_with(tmp_path, {rel: text})
    assert r.returncode == 1
    assert expected in r.stdout


def test_every_upward_pair_is_caught(tmp_path):
    layers = ["core", "net", "aws", "catalog", "ocean", "app"]
    for low_index, low in enumerate(layers):
        for high in layers[low_index + 1:]:
            write(tmp_path, f"src/{low}/up_to_{high}.h", f'#include "{high}/x.h"\n')
    r = check(tmp_path)
    assert r.returncode == 1
    assert r.stdout.count("of higher layer") == 15, r.stdout


def test_sinks_may_not_include_the_resync(tmp_path):
    r = check_with(tmp_path, {
        "src/ocean/resync/resync_report.h":
            '#pragma once\n#include "ocean/sinks/s.h"\n',
        "src/ocean/sinks/sqlite.cc":
            '#include "ocean/resync/resync_report.h"\n',
    })
    assert r.returncode == 1
    assert r.stdout.count("\n") == 2, r.stdout  # the sink's include, and the summary line
    assert 'src/ocean/sinks/sqlite.cc:1: includes "ocean/resync/resync_report.h"' in r.stdout


def test_a_tree_without_src_is_an_error(tmp_path):
    r = check(tmp_path)
    assert r.returncode == 2
    assert "has no src/ folder" in r.stderr


def test_this_repository_passes():
    r = check(REPO)
    assert r.returncode == 0, r.stdout + r.stderr
