"""Running the server: bind, announce where, optionally watch the articles, stop cleanly."""

from __future__ import annotations

import ipaddress
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from encyclopress.rendering.context import Project
from encyclopress.serve.server import CatalogServer
from encyclopress.serve.watch import watch


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return address == "localhost"


def serve(out_dir: Path, project: Project, address: tuple[str, int],
          rebuild: Callable[[list[Path]], bool] | None = None, sources: list[Path] | None = None) -> int:
    """Serve `out_dir` until interrupted; with `rebuild`, watch `sources` and rebuild them."""
    server = CatalogServer(address, out_dir, project, watching=rebuild is not None)
    host, port = server.server_address[:2]
    for warning in server.warnings:
        print(warning, file=sys.stderr)
    if not is_loopback(str(host)):
        print(f"encyclopress: warning: serving on {host}: anyone who can reach this machine can read "
              f"{out_dir}", file=sys.stderr)
    print(f"encyclopress: serving {out_dir} at http://{host}:{port}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    if rebuild is not None and server.changes is not None:
        watcher = threading.Thread(target=watch, args=(sources or [], rebuild, server.changes, server.stopping),
                                   name="watch", daemon=True)
        watcher.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
