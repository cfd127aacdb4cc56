"""``ocop serve``: the library's jobs over HTTP, described by OpenAPI (extra ``ocop[serve]``).

The endpoints are data (:mod:`ocop.serve.routes`) and the OpenAPI description
is generated from them (:mod:`ocop.serve.description`); neither needs a web
framework, so ``import ocop.serve`` works without the extra.  Only
:func:`create_app` and :func:`run` import Starlette and uvicorn.  Running it,
behind a proxy, in a container, from curl and JavaScript: docs/serve.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ocop.errors import NotEncoded
from ocop.serve.description import openapi

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["create_app", "openapi", "run"]

_EXTRA = "ocop serve needs the web server: pip install 'ocop[serve]'"


def create_app(*, time_limit: float = 30.0) -> Starlette:
    """The ASGI app (Starlette); ``time_limit`` bounds each request, in seconds."""
    try:
        from ocop.serve._asgi import create_app as make
    except ImportError as err:
        raise NotEncoded(_EXTRA, missing=err.name) from None
    return make(time_limit=time_limit)


def run(*, host: str = "127.0.0.1", port: int = 8000, time_limit: float = 30.0) -> None:
    """Serve until interrupted (uvicorn), on ``host:port``."""
    app = create_app(time_limit=time_limit)
    try:
        import uvicorn
    except ImportError as err:
        raise NotEncoded(_EXTRA, missing=err.name) from None
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
