"""Starting the server: uvicorn with several worker processes, each building the app from TM_SERVE_CONFIG.

uvicorn's supervisor restarts a worker that dies; the others keep serving meanwhile.
"""

from __future__ import annotations

import os
from dataclasses import replace

from tm.commands.service import MemoryService, Unavailable
from tm.errors import InputError
from tm.server.app import CONFIG_VARIABLE, Settings

SHED_AT = 2
"""Lookups in flight in a worker (one running, one waiting) from which its answers close their connections
(tm.server.app.ShedConnections)."""


def check(settings: Settings) -> str:
    """One line on the memory served, or an InputError when it cannot be opened at all (a wrong address,
    password, a file that is not a memory). A memory not made yet is fine: the first import makes it."""
    service = MemoryService(settings.memory, settings.glossary)
    try:
        return f"{service.name}: {service.count()} units"
    except Unavailable as exc:
        raise InputError(str(exc)) from None
    except InputError as exc:
        if "import into it first" in str(exc):
            return f"{service.name}: no memory yet (the first import makes it)"
        raise
    finally:
        service.close()


def serve(settings: Settings, host: str, port: int, workers: int, *, log_level: str = "info") -> None:
    try:
        import uvicorn
    except ModuleNotFoundError:
        raise InputError("the team server needs its extra: pip install 'tm[server]'") from None
    if workers > 1 and not settings.shed_at:
        settings = replace(settings, shed_at=SHED_AT)  # one worker: a client sent away would come back to it
    os.environ[CONFIG_VARIABLE] = settings.to_env()
    uvicorn.run("tm.server.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, timeout_keep_alive=5, limit_concurrency=256, backlog=512,
                proxy_headers=True, forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))
