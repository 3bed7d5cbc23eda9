"""`dossierwijzer mcp`: the cited search as a Model Context Protocol server, for Claude
Desktop, IDE agents and other MCP clients (official `mcp` SDK, its MCPServer class — the
FastMCP of SDK 1.x). stdio by default; `--http` serves streamable HTTP on loopback, with
`--auth TOKEN` as a required bearer token.

Every tool is one call in assistant.calls (the service layer, the CLI's JSON objects): a
UserError (empty query, bad date, unknown mode or chunk id) becomes a tool error carrying
the CLI's message; any other exception is a bug, which the SDK logs with its traceback
and reports to the client as a failed tool call (the server keeps serving).
"""
from __future__ import annotations

import hmac
import json
import sys
from typing import Annotated, Callable

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError, ToolError
from mcp_types import CallToolResult, TextContent
from pydantic import Field

from assistant import calls
from assistant.engine import Engine
from assistant.retrieve import UnknownPassage
from index.errors import UserError

CITE = ("Cite every claim with the [chunk_id] of the passage it comes from. Quotes are verbatim Dutch "
        "from the parliamentary documents: do not translate or paraphrase inside quotation marks. / "
        "Citeer elke bewering met de [chunk_id] van de passage waar zij uit komt. Citaten zijn letterlijk "
        "Nederlands uit de Kamerstukken: vertaal of parafraseer niet binnen aanhalingstekens.")

DESCRIPTIONS = {
    "search": "Search Dutch parliamentary documents (hybrid Dutch BM25 + dense). Returns passages with "
              "chunk_id, title, date, dossier, page, actor and source. / Zoek passages in Kamerstukken. " + CITE,
    "ask": "Answer a question (Dutch or English) with verbatim cited sentences, or a refusal when the "
           "documents do not answer it (answered=false). / Beantwoord een vraag met letterlijke, geciteerde "
           "zinnen, of een weigering als de stukken het antwoord niet bevatten. " + CITE,
    "related": "Passages on the subject of a stored passage (by chunk_id) in other documents, optionally "
               "only in other dossiers. / Verwante passages in andere documenten. " + CITE,
    "get_passage": "One passage by chunk_id with its neighbours in the document and its metadata, to read "
                   "the context of a hit. / Eén passage met de passages ervoor en erna. " + CITE,
    "positions": "Who said what about a topic: per actor (fractie, member state, Commission, kabinet, member) "
                 "their verbatim statements with a stance (vraag, eis, steun, zorg, standpunt), in date order. / "
                 "Wie zei wat over een onderwerp: per actor letterlijke uitspraken met standpunt. " + CITE,
}
INSTRUCTIONS = ("Dossierwijzer searches Dutch parliamentary documents (Kamerstukken, verslagen, moties, "
                "BNC-fiches, Handelingen). " + CITE)

Query = Annotated[str, Field(description="the question or search words, Dutch or English")]
TopK = Annotated[int | None, Field(description="number of passages (default: the server's top_k, 8)")]
Mode = Annotated[str, Field(description="hybrid (default), dense or sparse")]
Dossier = Annotated[str | None, Field(description="dossier or kamerstuk number, e.g. 22112 or 22112-4018")]
DocType = Annotated[str | None, Field(description="document type: motie, verslag, inbreng, brief, antwoord, fiche, ...")]
Actor = Annotated[str | None, Field(description="a fractie (VVD, BBB, GL-PvdA, ...), Nederland, Europese Commissie, Kabinet")]
DateFrom = Annotated[str | None, Field(description="ISO date YYYY-MM-DD, inclusive")]
DateTo = Annotated[str | None, Field(description="ISO date YYYY-MM-DD, inclusive")]
ChunkId = Annotated[str, Field(description="a chunk_id from search, ask or related")]


def _result(fn: Callable[[], dict], text: Callable[[dict], str]) -> CallToolResult:
    """Structured content (the CLI's JSON object) plus a short text rendering; a user error
    becomes a tool error with its message."""
    try:
        data = fn()
    except UserError as e:
        raise ToolError(str(e)) from e
    return CallToolResult(content=[TextContent(type="text", text=text(data))], structured_content=data)


def build_server(engine) -> MCPServer:
    """The MCP server over an open Engine (tools, resources); run it with `run_stdio` or
    `http_app`, or connect to it in-process with `mcp.Client(server)`."""
    server = MCPServer("dossierwijzer", instructions=INSTRUCTIONS)

    @server.tool(description=DESCRIPTIONS["search"])
    def search(query: Query, top_k: TopK = None, mode: Mode = "hybrid", dossier: Dossier = None,
               doc_type: DocType = None, actor: Actor = None, date_from: DateFrom = None,
               date_to: DateTo = None) -> CallToolResult:
        return _result(lambda: calls.search(engine, query, top_k=top_k, mode=mode, dossier=dossier, doc_type=doc_type,
                                            actor=actor, date_from=date_from, date_to=date_to),
                       lambda d: calls.short_hits(d["hits"], width=None))

    @server.tool(description=DESCRIPTIONS["ask"])
    def ask(question: Query, top_k: TopK = None, mode: Mode = "hybrid", dossier: Dossier = None,
            doc_type: DocType = None, actor: Actor = None, date_from: DateFrom = None,
            date_to: DateTo = None) -> CallToolResult:
        return _result(lambda: calls.ask(engine, question, top_k=top_k, mode=mode, dossier=dossier, doc_type=doc_type,
                                         actor=actor, date_from=date_from, date_to=date_to), calls.short_answer)

    @server.tool(description=DESCRIPTIONS["related"])
    def related(chunk_id: ChunkId, other_dossiers: bool = False, top_k: TopK = None) -> CallToolResult:
        return _result(lambda: calls.related(engine, chunk_id, other_dossiers=other_dossiers, top_k=top_k),
                       lambda d: calls.short_hits(d["hits"], width=None))

    @server.tool(description=DESCRIPTIONS["get_passage"])
    def get_passage(chunk_id: ChunkId) -> CallToolResult:
        return _result(lambda: calls.passage(engine, chunk_id),
                       lambda d: calls.short_hits(d["before"] + [d["passage"]] + d["after"], width=None))

    @server.tool(description=DESCRIPTIONS["positions"])
    def positions(topic: Query, actors: list[str] | None = None, per_actor: TopK = None, mode: Mode = "hybrid",
                  dossier: Dossier = None, doc_type: DocType = None, date_from: DateFrom = None,
                  date_to: DateTo = None) -> CallToolResult:
        return _result(lambda: calls.positions(engine, topic, actors=actors, per_actor=per_actor, mode=mode,
                                               dossier=dossier, doc_type=doc_type, date_from=date_from, date_to=date_to),
                       calls.short_positions)

    _add_resources(server, engine)
    return server


def _add_resources(server: MCPServer, engine) -> None:
    @server.resource("dossierwijzer://documents", name="documents", mime_type="application/json",
                     description="The indexed documents: doc_id, title, type, date, dossier, source, passages.")
    def documents() -> str:
        return json.dumps(calls.documents(engine), ensure_ascii=False)

    @server.resource("dossierwijzer://passage/{chunk_id}", name="passage", mime_type="application/json",
                     description="A passage with its neighbours and metadata, as get_passage.")
    def passage(chunk_id: str) -> str:
        try:
            return json.dumps(calls.passage(engine, chunk_id), ensure_ascii=False)
        except UnknownPassage as e:
            raise ResourceNotFoundError(str(e)) from e
        except UserError as e:
            raise ResourceError(str(e)) from e


# -- transports ---------------------------------------------------------------------------

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class BearerAuth:
    """ASGI wrapper: every HTTP request needs `Authorization: Bearer <token>` (constant-time check)."""

    def __init__(self, app, token: str):
        self.app, self.expected = app, f"Bearer {token}".encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            got = dict(scope.get("headers") or []).get(b"authorization", b"")
            if not hmac.compare_digest(got, self.expected):
                body = json.dumps({"error": "missing or wrong bearer token: send 'Authorization: Bearer <token>' "
                                            "with the token given to `dossierwijzer mcp --auth`"}).encode()
                await send({"type": "http.response.start", "status": 401,
                            "headers": [(b"content-type", b"application/json"), (b"www-authenticate", b"Bearer")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def http_app(server: MCPServer, host: str, token: str | None):
    """The streamable-HTTP ASGI app at /mcp, behind the bearer token when one is set. Off
    loopback a token is required: the tools read every indexed document."""
    if host not in LOOPBACK and not token:
        raise UserError(f"refusing to serve MCP on {host} without a token: add --auth TOKEN "
                        "(clients then send 'Authorization: Bearer TOKEN'), or use --host 127.0.0.1")
    app = server.streamable_http_app(host=host)
    return BearerAuth(app, token) if token else app


def cmd_mcp(args, settings) -> int:
    """Open the store (a store locked by a running `serve`/`ingest` is a clear error here,
    before any client connects) and serve until the client or Ctrl-C ends it."""
    import uvicorn  # lazy: only for --http

    with Engine(settings) as engine:
        if engine.is_empty():
            print(f"warning: the store {settings.store} is empty: run `dossierwijzer ingest PATH` first",
                  file=sys.stderr)
        server = build_server(engine)
        if not args.http:
            server.run("stdio")
            return 0
        m = settings.mcp
        app = http_app(server, m.host, m.token)
        print(f"Dossierwijzer MCP on http://{m.host}:{m.port}/mcp", file=sys.stderr)
        uvicorn.run(app, host=m.host, port=m.port, log_level="warning")
    return 0
