"""A client of a Chroma server with a time limit on every request.

chromadb 1.5 builds its httpx session with ``timeout=None`` and has no setting for it, so a
server that accepts a connection and never answers would hang every call for ever. Here the
server is first asked for a heartbeat under the limit (what the client's constructor asks
next would otherwise wait without one), then the limit is set on the client's own session,
so that every later call has it too.
"""

from __future__ import annotations

from urllib.parse import urlparse

import httpx

from . import settings


def timed_client(url: str):
    """A ``chromadb.HttpClient`` of ``url`` whose every request times out; raises
    ``httpx.TimeoutException`` for a silent server, ``httpx.TransportError`` for a closed one."""
    import chromadb
    from chromadb.config import Settings

    parsed = urlparse(url)
    ssl = parsed.scheme == "https"
    port = parsed.port or (443 if ssl else 8000)
    timeout = httpx.Timeout(settings.chroma_timeout())
    httpx.get(f"{parsed.scheme}://{parsed.hostname}:{port}/api/v2/heartbeat", timeout=timeout)
    client = chromadb.HttpClient(
        host=parsed.hostname,
        port=port,
        ssl=ssl,
        settings=Settings(anonymized_telemetry=False, allow_reset=False),
    )
    # The session chromadb.api.fastapi.FastAPI keeps (no public way to reach it).
    session = getattr(getattr(client, "_server", None), "_session", None)
    if not isinstance(session, httpx.Client):
        raise RuntimeError("this chromadb's HTTP client has no session to set a timeout on")
    session.timeout = timeout
    return client
