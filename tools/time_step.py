#!/usr/bin/env python3
"""Compiler/linker launcher that records each build step's CPU and wall time.

Used by scripts/build_times.sh as CMAKE_CXX_COMPILER_LAUNCHER / CMAKE_CXX_LINKER_LAUNCHER:
runs the command unchanged (same exit status, same output) and appends one tab-separated line
  <compile|link>  <cpu seconds (user+sys of the step)>  <wall seconds>  <output file>
to the file named by $OCEAN_AWS_STEP_LOG (nothing is recorded when it is unset). CPU time does
not grow when other work shares the machine, so figures stay comparable on a busy machine.
"""
import os
import sys
import time


def main() -> int:
    cmd = sys.argv[1:]
    if not cmd:
        print("usage: time_step.py COMMAND...", file=sys.stderr)
        return 2
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    log = os.environ.get("OCEAN_AWS_STEP_LOG")
    if log:
        kind = "compile" if "-c" in cmd else "link"
        out = cmd[cmd.index("-o") + 1] if "-o" in cmd[:-1] else "?"
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{kind}\t{usage.ru_utime + usage.ru_stime:.2f}\t{wall:.2f}\t{out}\n")
    return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1


if __name__ == "__main__":
    sys.exit(main())
