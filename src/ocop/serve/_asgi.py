"""The Starlette app behind ``ocop serve``, imported only when a server is made (ocop[serve])."""

from __future__ import annotations

import asyncio
from typing import Any, Final

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ocop import limits
from ocop.errors import AmbiguousInput, InvalidInput, NotFound, OcopError
from ocop.serialize import document
from ocop.serve.description import openapi
from ocop.serve.routes import ENDPOINTS, Call, Endpoint

#: The server's own refusals, in both languages; a library error keeps its own message.
_MESSAGES: Final = {
    "input_too_large": (
        "nội dung yêu cầu vượt quá {limit} byte",
        "the request body is larger than {limit} bytes",
    ),
    "time_limit": (
        "yêu cầu chạy quá {limit} giây",
        "the request took longer than {limit} seconds",
    ),
    "not_found": ("không có đường dẫn này; xem /openapi.json", "no such path; see /openapi.json"),
    "method_not_allowed": (
        "đường dẫn này không nhận phương thức {method}",
        "this path does not take {method}",
    ),
    "unknown_parameter": (
        "tham số {name!r} không có trong mô tả của đường dẫn",
        "query parameter {name!r} is not one this path takes",
    ),
    "internal_error": (
        "lỗi bên trong ocop {version}; xin báo lỗi kèm yêu cầu",
        "an error inside ocop {version}; this is a bug, please report it with the request",
    ),
}


def create_app(*, time_limit: float = 30.0) -> Starlette:
    """The ASGI app: every endpoint of :data:`ocop.serve.routes.ENDPOINTS`, and /openapi.json."""
    spec = openapi()

    async def description(request: Request) -> Response:
        return JSONResponse(spec)

    routes = [Route("/openapi.json", description, methods=["GET"])]
    routes += [
        Route(e.path, _answer(e, time_limit), methods=[e.method], name=e.path) for e in ENDPOINTS
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: _http_error})


def _answer(endpoint: Endpoint, time_limit: float) -> Any:
    allowed = {p.name for p in endpoint.parameters if p.where == "query"}

    async def answer(request: Request) -> Response:
        lang = _language(request)
        try:
            query: dict[str, tuple[str, ...]] = {}
            for key, value in request.query_params.multi_items():
                if key not in allowed:
                    return _own(lang, 400, "unknown_parameter", name=key)
                query[key] = (*query.get(key, ()), value)
            # The body within the time limit too: a client that sends less than its
            # Content-Length would otherwise hold the connection for as long as it likes.
            body = await asyncio.wait_for(_body(request), time_limit)
            if body is None:
                return _own(lang, 413, "input_too_large", limit=limits.MAX_INPUT_BYTES)
            call = Call(query=query, path=dict(request.path_params), body=body)
            # A thread, so a long computation cannot stall the other requests; past the limit
            # the client is answered, though the thread finishes its work unseen.
            result = await asyncio.wait_for(asyncio.to_thread(endpoint.handler, call), time_limit)
            return _json(200, document(result), lang)
        except TimeoutError:
            return _own(lang, 503, "time_limit", limit=time_limit)
        except OcopError as err:
            return _json(_status(err), document(err.to_dict()), lang)
        except Exception:  # a bug in ocop, never the client's input: say so, keep serving
            from ocop import __version__

            return _own(lang, 500, "internal_error", version=__version__)

    return answer


def _status(err: OcopError) -> int:
    if isinstance(err, NotFound):
        return 404
    if isinstance(err, InvalidInput | AmbiguousInput):
        return 400
    return 422  # well-formed, but the law as encoded does not cover it or contradicts it


async def _body(request: Request) -> bytes | None:
    """The body, or ``None`` past MAX_INPUT_BYTES (read no further than the limit)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.MAX_INPUT_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limits.MAX_INPUT_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _language(request: Request) -> str:
    """``vi`` or ``en``, whichever ``Accept-Language`` ranks first (default ``en``)."""
    ranked: list[tuple[float, str]] = []
    for item in request.headers.get("accept-language", "").split(","):
        tag, _, rest = item.strip().partition(";")
        weight = 1.0
        if rest.strip().startswith("q="):
            try:
                weight = float(rest.strip()[2:])
            except ValueError:
                weight = 0.0
        primary = tag.split("-")[0].lower()
        if primary in ("vi", "en"):
            ranked.append((weight, primary))
    ranked.sort(key=lambda r: -r[0])  # stable: ties keep the client's order
    return ranked[0][1] if ranked and ranked[0][0] > 0 else "en"


def _own(lang: str, status: int, code: str, **context: Any) -> Response:
    vi, en = _MESSAGES[code]
    message = (vi if lang == "vi" else en).format(**context)
    body = document({"code": code, "message": message, "context": context})
    return _json(status, body, lang)


def _json(status: int, body: dict[str, Any], lang: str) -> Response:
    return JSONResponse(body, status_code=status, headers={"Content-Language": lang})


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    lang = _language(request)
    if status == 405:
        return _own(lang, 405, "method_not_allowed", method=request.method)
    return _own(lang, 404 if status == 404 else status, "not_found")
