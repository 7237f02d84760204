#!/usr/bin/env python3
"""Fails when a brace-initialized temporary appears in a statement that co_awaits.

GCC 12 (Debian 12's compiler) destroys an aggregate temporary created inside a co_await
expression twice, e.g. `co_await client.Call(aws::CallTarget{creds, region, ""}, ...)`:
silent heap corruption (a 25-line reproduction is in the commit that added this check).
Temporaries built by constructors, returned by functions, or bound to named locals are fine,
so the rule is: build brace-initialized arguments of a co_awaited call in a named local first.

Usage: tools/check_coroutine_temporaries.py [paths...]   (default: src tests)
"""
import pathlib
import re
import sys

BRACED = re.compile(r"\b[A-Za-z_][\w:]*(<[^;{}]*>)?\s*\{[^{};]*\}")
LAMBDA_OR_BLOCK = re.compile(r"\)\s*(->\s*[^{;]+)?\{")


def statements(text):
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return text.split(";")


def main(argv):
    roots = argv[1:] or ["src", "tests"]
    bad = []
    for root in roots:
        for path in sorted(pathlib.Path(root).rglob("*.cc")):
            for stmt in statements(path.read_text(errors="replace")):
                i = stmt.find("co_await")
                if i < 0:
                    continue
                tail = stmt[i:]
                if LAMBDA_OR_BLOCK.search(tail):  # a lambda body or block, not one expression
                    continue
                m = BRACED.search(tail)
                if m:
                    bad.append(f"{path}: {' '.join(m.group(0).split())[:100]}")
    if bad:
        print("brace-initialized temporaries in co_await statements (GCC 12 destroys them twice);"
              " bind them to a named local first:")
        print("\n".join("  " + b for b in bad))
        return 1
    print("coroutine temporaries: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
