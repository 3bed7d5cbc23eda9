"""The HTTP API under /api, mounted on the UI's own server (gradio's FastAPI app) by
app.start. Every route is one call in assistant.calls and answers exactly the CLI's
`--json` object; errors are JSON `{"error": message}`:

    400  a UserError (empty question, bad date, reversed range, unknown mode)
    404  an unknown chunk id
    413  a request body over 64 KB
    401  not logged in, when the UI runs with --auth (the UI's login cookie, or HTTP Basic
         with the same user:password)
    422  a malformed request (missing `q`, a non-integer top_k)
    500  a bug: logged with its traceback, never swallowed

OpenAPI schema at /api/openapi.json, docs at /api/docs. Service calls run in worker
threads, at most API_CONCURRENCY at a time (the CPU is the bound, like the UI's queue).
"""
from __future__ import annotations

import base64
import hmac
import logging
import threading
from typing import Callable

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import calls
from assistant.retrieve import UnknownPassage
from index.errors import UserError

log = logging.getLogger("dossierwijzer.api")
MAX_BODY = 64 * 1024
API_CONCURRENCY = 4  # same as the UI queue's default_concurrency_limit


class AskBody(BaseModel):
    """POST /api/ask: the question and the same filters as `ask` (type or doc_type)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    question: str = Field(description="the question, Dutch or English")
    top_k: int | None = Field(None, ge=1, le=100)
    mode: str = Field("hybrid", description="hybrid, dense or sparse")
    dossier: str | None = None
    doc_type: str | None = Field(None, alias="type")
    actor: str | None = None
    date_from: str | None = None
    date_to: str | None = None


class FilterParams(BaseModel):
    """The query-string filters of search and related."""

    dossier: str | None = None
    doc_type: str | None = None
    actor: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def query_filters(dossier: str | None = None, type: str | None = Query(None, description="document type"),  # noqa: A002
                  actor: str | None = None, date_from: str | None = Query(None, description="YYYY-MM-DD"),
                  date_to: str | None = Query(None, description="YYYY-MM-DD")) -> FilterParams:
    return FilterParams(dossier=dossier, doc_type=type, actor=actor, date_from=date_from, date_to=date_to)


def basic_auth_ok(request: Request, auth: str | None) -> bool:
    """HTTP Basic with the UI's user:password (constant-time compare)."""
    header = request.headers.get("authorization", "")
    if not auth or not header.lower().startswith("basic "):
        return False
    try:
        given = base64.b64decode(header[6:].strip(), validate=True)
    except ValueError:
        return False
    return hmac.compare_digest(given, auth.encode())


class BodyLimit:
    """ASGI wrapper refusing request bodies over `limit` bytes with 413 (buffers at most limit+1)."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        too_big = not declared.isdigit() or int(declared) > self.limit
        body, more = b"", True
        while more and not too_big:
            msg = await receive()
            body += msg.get("body", b"")
            more = msg.get("more_body", False)
            too_big = len(body) > self.limit
        if too_big:
            resp = JSONResponse({"error": f"request body over {self.limit // 1024} KB: send a shorter question"},
                                status_code=413)
            return await resp(scope, receive, send)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class Bug(Exception):
    """An unexpected exception in a service call, already logged with its traceback.
    (Starlette's catch-all handler re-raises after answering, which drops the connection
    inside gradio's app; this answers a clean 500 instead.)"""


def _errors(api: FastAPI) -> None:
    @api.exception_handler(UnknownPassage)
    async def unknown(_, e: UnknownPassage):
        return JSONResponse({"error": str(e)}, status_code=404)

    @api.exception_handler(UserError)
    async def user(_, e: UserError):
        return JSONResponse({"error": str(e)}, status_code=400)

    @api.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException and routing's 404/405
    async def http(_, e: StarletteHTTPException):
        return JSONResponse({"error": e.detail}, status_code=e.status_code, headers=e.headers)

    @api.exception_handler(RequestValidationError)
    async def invalid(_, e: RequestValidationError):
        msg = "; ".join(f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}" for err in e.errors())
        return JSONResponse({"error": f"bad request: {msg}"}, status_code=422)

    @api.exception_handler(Bug)
    async def bug(_, e: Bug):
        return JSONResponse({"error": f"internal error ({e}); it is logged on the server"}, status_code=500)


def build_api(engine, logged_in: Callable[[Request], bool] = lambda r: True) -> FastAPI:
    """The /api sub-application over an open Engine. `logged_in(request)` guards every route."""
    api = FastAPI(title="Dossierwijzer API", version="1", docs_url="/docs", redoc_url=None, openapi_url="/openapi.json",
                  description="Search and cited answers over Dutch parliamentary documents. Responses are the "
                              "JSON objects of the CLI's --json; errors are {\"error\": message}.")
    slots = threading.BoundedSemaphore(API_CONCURRENCY)

    def guard(request: Request) -> None:
        if not logged_in(request):
            raise HTTPException(401, "not logged in: log in to the UI first, or send HTTP Basic auth with the "
                                     "UI's user:password", headers={"WWW-Authenticate": 'Basic realm="dossierwijzer"'})

    def run(fn, *a, **kw):
        with slots:
            try:
                return fn(engine, *a, **kw)
            except UserError:
                raise
            except Exception as e:  # a bug: its traceback goes to the log, the client gets a 500
                log.exception("bug in %s", getattr(fn, "__name__", fn))
                raise Bug(type(e).__name__) from e

    deps = [Depends(guard)]

    @api.get("/search", dependencies=deps, summary="The top passages for a query (`search --json`)")
    def search(q: str, top_k: int | None = Query(None, ge=1, le=100), mode: str = "hybrid",
               f: FilterParams = Depends(query_filters)) -> dict:
        return run(calls.search, q, top_k=top_k, mode=mode, **f.model_dump())

    @api.post("/ask", dependencies=deps, summary="A cited answer (`ask --json`)")
    def ask(body: AskBody) -> dict:
        flt = body.model_dump(exclude={"question", "top_k", "mode"})
        return run(calls.ask, body.question, top_k=body.top_k, mode=body.mode, **flt)

    @api.get("/related/{chunk_id}", dependencies=deps, summary="Passages on the same subject in other documents")
    def related(chunk_id: str, other_dossiers: bool = False, top_k: int | None = Query(None, ge=1, le=100),
                f: FilterParams = Depends(query_filters)) -> dict:
        return run(calls.related, chunk_id, other_dossiers=other_dossiers, top_k=top_k, **f.model_dump())

    @api.get("/passages/{chunk_id}", dependencies=deps, summary="A passage with its neighbours and metadata")
    def passage(chunk_id: str, neighbours: int = Query(1, ge=0, le=10)) -> dict:
        return run(calls.passage, chunk_id, neighbours)

    @api.get("/documents", dependencies=deps, summary="The indexed documents")
    def documents() -> dict:
        return run(calls.documents)

    @api.get("/positions", dependencies=deps, summary="Who said what about a topic (`positions --json`)")
    def positions(topic: str, actor: list[str] | None = Query(None, description="limit to these actors (repeatable)"),
                  per_actor: int | None = Query(None, ge=0, le=100), mode: str = "hybrid",
                  dossier: str | None = None, type: str | None = None, date_from: str | None = None,
                  date_to: str | None = None) -> dict:
        return run(calls.positions, topic, actors=actor, per_actor=per_actor, mode=mode, dossier=dossier,
                   doc_type=type, date_from=date_from, date_to=date_to)

    _errors(api)
    return api


def mount_api(app, engine, logged_in: Callable[[Request], bool]) -> None:
    """Mount /api on gradio's FastAPI app, ahead of gradio's own routes; `logged_in` is the
    UI's login check (ui.files._logged_in), HTTP Basic with the UI's password also works."""
    auth = engine.settings.ui.auth
    api = build_api(engine, lambda r: logged_in(r) or basic_auth_ok(r, auth))
    app.mount("/api", BodyLimit(api))
    app.router.routes.insert(0, app.router.routes.pop())
