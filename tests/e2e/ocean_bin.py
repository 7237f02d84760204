"""The ocean-aws binary the end-to-end tests run: OCEAN_AWS_BIN (CTest sets it) or, run by hand,
this repository's build/ocean-aws; always an absolute path, since tests run it from temporary
directories."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def ocean_aws_bin():
    return os.path.abspath(os.environ.get("OCEAN_AWS_BIN", os.path.join(ROOT, "build", "ocean-aws")))
