#!/usr/bin/env python3
"""Starts a moto server on a free loopback port for the tests.

Prints "PORT <n>" once it answers, then serves until its standard input closes (so it dies with
the test process that started it). Exits non-zero with a reason if moto cannot start.
"""
import sys
import threading
import urllib.request


def main():
    try:
        from moto.server import ThreadedMotoServer
    except Exception as e:  # noqa: BLE001 - report any import failure plainly
        print(f"ERROR moto is not installed: {e}", flush=True)
        return 2
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=30).read()
    print(f"PORT {port}", flush=True)
    done = threading.Event()

    def wait_stdin():
        sys.stdin.read()
        done.set()

    threading.Thread(target=wait_stdin, daemon=True).start()
    done.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
