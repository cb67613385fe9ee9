"""The Starlette application: the page, its static files and the HTTP API.

``create_app()`` builds it; ``jianghua serve`` runs it with uvicorn. The page uses
only the API below, documented in docs/web.md:

* ``POST /api/parse``: text or file → the Speech JSON (``jianghua parse``);
* ``POST /api/check``: → outline, tree, diagnostics (``check --format json`` rows);
* ``POST /api/fix``: → the fixed text with a diff, or (``download``) the fixed file;
* ``GET /api/rules``: → ``jianghua rules --format json``.

Errors are JSON ``{"error": {"message": …}}`` with the CLI's one-line Chinese and
English message and a 4xx status. Nothing of a draft is written to disk or logged:
the body is read into memory (``requests``), worked on in a worker process
(``pool``) and forgotten with the answer.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from importlib.resources import files
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from jianghua.web.guard import HostGuard
from jianghua.web.pool import TimeLimit, Workers, default_processes
from jianghua.web.requests import MAX_BODY, BadRequest, TooLarge, read_job
from jianghua.web.work import Failure, Reply, rules_json

__all__ = ["DEFAULT_TIME_LIMIT", "create_app"]

#: Seconds one parse/check/fix may take. A real 1 MB speech takes about a second; a
#: draft over a minute is an attack or a bug, not a speech.
DEFAULT_TIME_LIMIT = 60.0

STATIC = files("jianghua.web") / "static"


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message}}, status_code=status)


def _reply(answer: Reply | Failure) -> Response:
    if isinstance(answer, Failure):
        return error(answer.status, answer.message)
    headers = {}
    if answer.filename is not None:
        # RFC 6266/5987: a Chinese file name survives only in filename*.
        ascii_name = answer.filename.encode("ascii", "replace").decode().replace("?", "_")
        headers["content-disposition"] = (
            f"attachment; filename=\"{ascii_name.replace(chr(34), '_')}\"; "
            f"filename*=UTF-8''{quote(answer.filename)}")
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def _too_large() -> JSONResponse:
    mb = MAX_BODY // (1024 * 1024)
    return error(413, f"文件过大：超过 {mb} MB 的上限 (error: the request is larger than "
                      f"the {mb} MB limit)")


def _time_limit(seconds: float) -> JSONResponse:
    return error(422, f"处理超时：超过 {seconds:g} 秒仍未完成，已停止 (error: gave up after "
                      f"{seconds:g} seconds)")


def create_app(*, host: str = "127.0.0.1", processes: int | None = None,
               time_limit: float = DEFAULT_TIME_LIMIT) -> HostGuard:
    """The ASGI application for a server bound to ``host`` (which decides the Host
    names it answers to); ``processes`` workers, each job stopped after ``time_limit``."""
    workers = Workers(processes or default_processes(), time_limit)

    async def work(request: Request, kind: str) -> Response:
        try:
            job = await read_job(request)
            return _reply(await workers.run(kind, job))
        except TooLarge:
            return _too_large()
        except BadRequest as exc:
            return error(400, f"请求有误：{exc}")
        except TimeLimit:
            return _time_limit(workers.time_limit)

    async def api_parse(request: Request) -> Response:
        return await work(request, "parse")

    async def api_check(request: Request) -> Response:
        return await work(request, "check")

    async def api_fix(request: Request) -> Response:
        return await work(request, "fix")

    rules_cache: list[bytes] = []

    async def api_rules(request: Request) -> Response:
        if not rules_cache:
            rules_cache.append(rules_json().body)
        return Response(rules_cache[0], media_type="application/json")

    async def page(request: Request) -> Response:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html; charset=utf-8")

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        if status == 405:
            return error(405, "不支持此请求方法 (method not allowed)")
        return error(404, f"没有这个地址：{request.url.path} (not found)")

    async def internal(request: Request, exc: Exception) -> Response:
        # One line, never a traceback (and never the draft).
        return error(500, f"内部错误：{type(exc).__name__}（请报告此问题） (internal error: "
                          f"{type(exc).__name__}; please report it)")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        workers.start()
        try:
            yield
        finally:
            workers.close()

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/api/parse", api_parse, methods=["POST"]),
            Route("/api/check", api_check, methods=["POST"]),
            Route("/api/fix", api_fix, methods=["POST"]),
            Route("/api/rules", api_rules, methods=["GET"]),
            Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
        ],
        exception_handlers={404: not_found, 405: not_found, 500: internal},
        lifespan=lifespan)
    return HostGuard(app, bound_host=host)
