"""The team server's HTTP application (FastAPI on Starlette, served by uvicorn's worker processes).

Every memory operation goes through tm.commands.service.MemoryService, which keeps the memory open and its
indexes loaded. An SQLite connection belongs to the thread that opened it, so each worker process runs its
lookups on one thread of its own and its imports on another (an import never holds up a lookup of the same
worker); the worker processes answer side by side.

Errors are JSON `{"error": "one line"}` with the CLI's own messages: 400 bad input, 401 no or a wrong token,
403 a token that may not do this, 404, 413 a body over the limit, 429 too many requests, 503 the memory
unreachable for now (PostgreSQL restarting: repeat the request; the worker reconnects by itself).
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations, some of them local
import asyncio
import io
import json
import os
import shutil
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from tm.commands.service import MemoryService, Suggestion, Unavailable
from tm.errors import InputError
from tm.formats.langcodes import primary_code
from tm.server.tokens import Token, TokenStore

STATIC = Path(__file__).parent / "static"
CONFIG_VARIABLE = "TM_SERVE_CONFIG"
MAX_TEXT = 5000  # characters of one text looked up
MAX_TEXTS = 100  # texts in one batch lookup
MAX_ANALYSIS = 200_000  # characters of a text analysed


@dataclass
class Settings:
    memory: str | None = None
    glossary: str | None = None
    read_token: bool = False  # reading needs a token too
    max_upload: int = 64 << 20  # bytes of one request body
    rate: float = 200.0  # requests per second per client and worker (0: unbounded)
    shed_at: int = 0  # lookups in flight in a worker from which its answers close the connection (0: never)
    extra: dict = field(default_factory=dict)

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(**json.loads(os.environ.get(CONFIG_VARIABLE, "{}")))


class Problem(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class BodyTooLarge(Exception):
    pass


class LimitBody:
    """ASGI middleware: a request body larger than `limit` bytes is refused with 413 before it is all read."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await _error(413, f"request body over the limit of {self.limit} bytes")(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(f"request body over the limit of {self.limit} bytes")
            return message

        return await self.app(scope, limited, send)


def _error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class Bucket:
    """Token-bucket rate limit per client (token name, else address), in this worker."""

    def __init__(self, rate: float):
        self.rate, self.burst = rate, max(1.0, 2 * rate)
        self.state: dict[str, tuple[float, float]] = {}

    def allow(self, client: str) -> bool:
        if self.rate <= 0:
            return True
        now = time.monotonic()
        level, then = self.state.get(client, (self.burst, now))
        level = min(self.burst, level + (now - then) * self.rate)
        if level < 1:
            self.state[client] = (level, now)
            return False
        self.state[client] = (level - 1, now)
        if len(self.state) > 10_000:
            self.state.clear()
        return True


class ShedConnections:
    """ASGI middleware: while the worker has `at` or more lookups in flight, each answer closes its connection.

    A keep-alive client stays with the worker process that accepted its connection, so with several workers the
    load is shared by connections, not by requests: 16 clients came out 9 and 7 on two workers, and at 100
    lookups/s at 1M the busier one fell behind (p95 0.6-0.7 s against 0.1-0.14 s for the same clients with a new
    connection per request). A client sent away reconnects, and a busy worker, whose event loop waits for the GIL
    behind its lookups, is the less likely of the workers to accept it."""

    def __init__(self, app, memory: "Memory", at: int):
        self.app, self.memory, self.at = app, memory, at

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start" and self.memory.reading >= self.at:
                message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        return await self.app(scope, receive, sending)


class Memory:
    """The worker's memory service, run on its own thread (lookups) and a second one (imports)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.reading = 0  # lookups submitted and not yet answered (the event loop's count: no lock)
        self.reader = ThreadPoolExecutor(1, thread_name_prefix="tm-read")
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="tm-write")
        self._read: MemoryService | None = None
        self._write: MemoryService | None = None

    def _service(self, writing: bool) -> MemoryService:
        if writing:
            self._write = self._write or MemoryService(self.settings.memory, self.settings.glossary)
            return self._write
        self._read = self._read or MemoryService(self.settings.memory, self.settings.glossary)
        return self._read

    async def run(self, work, *, writing: bool = False):
        loop = asyncio.get_running_loop()
        self.reading += not writing
        try:
            return await loop.run_in_executor(self.writer if writing else self.reader,
                                              lambda: work(self._service(writing)))
        finally:
            self.reading -= not writing


def _lang(value: str, what: str) -> str:
    code = primary_code(value.replace("_", "-"))
    if code is None:
        raise InputError(f"unknown language code {value!r}", place=what)
    return code


def _langs(value: str | None, what: str) -> list[str] | None:
    if not value:
        return None
    return [_lang(part.strip(), what) for part in value.split(",") if part.strip()]


def _suggestion_json(s: Suggestion, variants: dict | None = None) -> dict:
    found = {"score": s.percent, "source": s.source, "target": s.target, "document": s.document, "tuid": s.tuid,
             "repeats": s.repeats, "unit": s.key, "diff": [list(piece) for piece in s.diff]}
    if variants is not None:
        found["variants"] = variants
    return found


class QueryBody(BaseModel):
    texts: list[Annotated[str, Field(max_length=MAX_TEXT)]] = Field(min_length=1, max_length=MAX_TEXTS)
    src: str = "en"
    tgts: list[str] = Field(min_length=1, max_length=8)
    min: int = Field(70, ge=0, le=100)
    limit: int = Field(5, ge=1, le=100)
    variants: bool = False


class AnalyseBody(BaseModel):
    text: str = Field(max_length=MAX_ANALYSIS)
    src: str = "en"
    tgt: str


class EditBody(BaseModel):
    lang: str
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class TermsBody(BaseModel):
    text: str = Field(max_length=MAX_TEXT)
    lang: str = "en"
    langs: list[str] | None = None


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    tokens = TokenStore(settings.memory)
    memory = Memory(settings)
    bucket = Bucket(settings.rate)
    app = FastAPI(title="tm team server",
                  summary="One shared translation memory (en, et, lv, lt): tmserver/amaGama-compatible suggestions, "
                          "fuzzy query, concordance, analysis, terminology, import and export.",
                  version="1")
    app.state.memory, app.state.tokens, app.state.settings = memory, tokens, settings

    # -- errors: one line of JSON ------------------------------------------------------------------------

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError):
        return _error(400, str(exc))

    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, exc: Unavailable):
        return _error(503, f"the memory is unavailable just now, try again: {exc}", {"Retry-After": "1"})

    @app.exception_handler(Problem)
    async def problem(request: Request, exc: Problem):
        return _error(exc.status, exc.message, exc.headers)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge):
        return _error(413, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
        return _error(400, f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    # -- who may do what ---------------------------------------------------------------------------------

    def _client(request: Request, token: Token | None) -> str:
        return f"token:{token.name}" if token else f"addr:{request.client.host if request.client else '-'}"

    async def _token(request: Request) -> Token | None:
        header = request.headers.get("authorization", "")
        if not header:
            return None
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Problem(401, "Authorization must be 'Bearer TOKEN'", {"WWW-Authenticate": "Bearer"})
        loop = asyncio.get_running_loop()
        token, why = await loop.run_in_executor(None, tokens.check, secret.strip())
        if token is None:
            raise Problem(401, why or "unknown token", {"WWW-Authenticate": "Bearer"})
        return token

    async def reader(request: Request) -> Token | None:
        token = await _token(request)
        if token is None and settings.read_token:
            raise Problem(401, "this server needs a token for reading (Authorization: Bearer TOKEN)",
                          {"WWW-Authenticate": "Bearer"})
        if not bucket.allow(_client(request, token)):
            raise Problem(429, "too many requests; slow down", {"Retry-After": "1"})
        return token

    async def writer(request: Request) -> Token:
        token = await _token(request)
        if token is None:
            raise Problem(401, "writing needs a token (Authorization: Bearer TOKEN)", {"WWW-Authenticate": "Bearer"})
        if token.scope != "write":
            raise Problem(403, f"token {token.name!r} is read-only")
        if not bucket.allow(_client(request, token)):
            raise Problem(429, "too many requests; slow down", {"Retry-After": "1"})
        return token

    Reader = Annotated[Token | None, Depends(reader)]
    Writer = Annotated[Token, Depends(writer)]

    # -- tmserver / amaGama ------------------------------------------------------------------------------

    @app.get("/tmserver/languages/", tags=["tmserver"])
    async def tmserver_languages(who: Reader):
        """The memory's languages, as amaGama lists them (every pair is served)."""
        langs = await memory.run(lambda s: s.languages())
        return {"sourceLanguages": langs, "targetLanguages": langs}

    @app.get("/tmserver/{src}/{tgt}/unit/{text:path}", tags=["tmserver"])
    async def tmserver_unit(src: str, tgt: str, text: str, who: Reader,
                            min_similarity: Annotated[int, Query(ge=0, le=100)] = 70,
                            max_candidates: Annotated[int, Query(ge=1, le=100)] = 5):
        """Suggestions for one text, as translate-toolkit's tmserver and amaGama answer (Weblate's "tmserver"
        machinery reads this): a list of {source, target, quality (0-100), rank}."""
        source, target = _lang(src, "source language"), _lang(tgt, "target language")
        if len(text) > MAX_TEXT:
            raise InputError(f"text longer than {MAX_TEXT} characters")
        found = await memory.run(lambda s: s.query([text], source, [target], minimum=min_similarity,
                                                   limit=max_candidates, diffs=False))
        return [{"source": m.source, "target": m.target, "quality": m.percent, "rank": m.percent}
                for m in found[0][target]]

    # -- our own API -------------------------------------------------------------------------------------

    @app.get("/api/status", tags=["memory"])
    async def status(who: Reader):
        """The memory: where, how many units, its languages, its generation (changes with every import)."""
        def work(s: MemoryService):
            return {"memory": s.name, "units": s.count(), "languages": s.languages(), "generation": s.generation(),
                    "read_needs_token": settings.read_token}
        return await memory.run(work)

    @app.get("/api/query", tags=["memory"])
    async def query_get(text: Annotated[str, Query(max_length=MAX_TEXT)], who: Reader, tgt: str, src: str = "en",
                        min: Annotated[int, Query(ge=0, le=100)] = 70,
                        limit: Annotated[int, Query(ge=1, le=100)] = 5, variants: bool = False):
        """Fuzzy matches for one text in one or several target languages (tgt=et,lv,lt)."""
        return await _query(QueryBody(texts=[text], src=src, tgts=tgt.split(","), min=min, limit=limit,
                                      variants=variants))

    @app.post("/api/query", tags=["memory"])
    async def query_post(body: QueryBody, who: Reader):
        """Fuzzy matches for up to 100 texts, in any direction, in several target languages at once."""
        return await _query(body)

    async def _query(body: QueryBody):
        src = _lang(body.src, "src")
        tgts = [_lang(t, "tgts") for t in body.tgts]

        def work(s: MemoryService):
            found = s.query(body.texts, src, tgts, minimum=body.min, limit=body.limit)
            full = {}
            if body.variants:
                keys = {m.key for per_text in found for matches in per_text.values() for m in matches}
                full = {key: s.unit(key).variants for key in keys}
            return [{"query": text, "matches": {tgt: [_suggestion_json(m, full.get(m.key) if body.variants else None)
                                                      for m in per_text[tgt]] for tgt in tgts}}
                    for text, per_text in zip(body.texts, found, strict=True)]

        return {"src": src, "tgts": tgts, "results": await memory.run(work)}

    @app.get("/api/concordance", tags=["memory"])
    async def concordance(text: Annotated[str, Query(min_length=1, max_length=500)], lang: str, who: Reader,
                          stems: bool = False, langs: str | None = None,
                          limit: Annotated[int, Query(ge=1, le=200)] = 20):
        """Where a word or phrase occurs, with the aligned translations; stems=true finds inflected forms."""
        code, shown = _lang(lang, "lang"), _langs(langs, "langs")
        hits, more, shown = await memory.run(lambda s: s.concordance(text, code, langs=shown, stems=stems,
                                                                      limit=limit))
        return {"text": text, "lang": code, "stems": stems, "more": more, "langs": shown,
                "hits": [{"unit": h.key, "document": h.unit.document, "text": h.text, "start": h.start, "end": h.end,
                          "translations": {c: h.unit.variants[c] for c in shown if c in h.unit.variants}}
                         for h in hits]}

    @app.post("/api/analyse", tags=["memory"])
    async def analyse(body: AnalyseBody, who: Reader):
        """A posted text cut into clauses, each with its best match, and word counts per match band."""
        src, tgt = _lang(body.src, "src"), _lang(body.tgt, "tgt")
        result = await memory.run(lambda s: s.analyse(body.text, src, tgt))
        return {"src": src, "tgt": tgt, "bands": result["bands"],
                "segments": [{"text": row["text"], "band": row["band"],
                              "match": _suggestion_json(row["match"]) if row["match"] else None}
                             for row in result["segments"]]}

    @app.post("/api/terms", tags=["terminology"])
    async def terms(body: TermsBody, who: Reader):
        """The glossary's terms in a clause (any inflected form), with the concept's terms in the other
        languages, preferred first."""
        lang = _lang(body.lang, "lang")
        langs = [_lang(code, "langs") for code in body.langs] if body.langs else None
        hits = await memory.run(lambda s: s.terms(body.text, lang, langs))
        return {"lang": lang, "terms": [{"concept": h.concept, "term": h.term, "status": h.status, "start": h.start,
                                         "end": h.end, "found": h.found,
                                         "translations": {c: [{"term": t, "status": st} for t, st in v]
                                                          for c, v in h.translations.items()}} for h in hits]}

    @app.get("/api/units/{key}", tags=["memory"])
    async def unit(key: int, who: Reader):
        """One unit in every language, with its provenance: who added it (origin `user:NAME FILE`), when."""
        try:
            found = await memory.run(lambda s: s.unit(key))
        except InputError as exc:
            if str(exc).startswith("no unit"):
                raise Problem(404, str(exc)) from None
            raise
        return {"unit": key, "variants": found.variants, "document": found.document, "tuid": found.tuid,
                "kind": found.kind, "origin": found.origin, "created": found.created.isoformat() if found.created
                else None, "changed": found.changed.isoformat() if found.changed else None, "props": found.props,
                "added_by": found.props.get("tm-user") if found.props else None}

    async def _on_unit(key: int, work):
        """A change of one unit (writing); a unit the memory does not hold is 404."""
        try:
            return await memory.run(work, writing=True)
        except InputError as exc:
            if f"no unit {key}" in str(exc) or f"no unit #{key}" in str(exc):
                raise Problem(404, str(exc)) from None
            raise

    @app.put("/api/units/{key}", tags=["memory"])
    async def edit_unit(key: int, body: EditBody, who: Writer):
        """Replace one language's text of the unit; recorded in its history with the token's name. Needs a write
        token."""
        lang = _lang(body.lang, "lang")
        after = await _on_unit(key, lambda s: s.edit(key, lang, body.text, who.name))
        return {"unit": key, "variants": after.variants, "changed": after.changed.isoformat() if after.changed
                else None, "by": who.name}

    @app.delete("/api/units/{key}", tags=["memory"])
    async def delete_unit(key: int, who: Writer):
        """Remove the unit; its texts stay in its history with the token's name. Needs a write token."""
        before = await _on_unit(key, lambda s: s.delete(key, who.name))
        return {"unit": key, "deleted": True, "variants": before.variants, "by": who.name}

    @app.get("/api/units/{key}/history", tags=["memory"])
    async def unit_history(key: int, who: Reader):
        """What was done to the unit (add, edit, delete), when, by whom, and what it held before; oldest first."""
        changes = await memory.run(lambda s: s.history(key))
        if not changes:
            raise Problem(404, f"no history of unit {key} in the memory")
        return {"unit": key, "history": [{"at": c.at, "action": c.action, "by": c.who, "before": c.old}
                                         for c in changes]}

    @app.get("/api/export", tags=["memory"])
    async def export(who: Reader, format: str = "tmx", langs: str | None = None, document: str | None = None):
        """The memory as TMX 1.4b, CSV, PO or XLIFF 1.2 (PO and XLIFF: a zip of one file per target language)."""
        if format not in ("tmx", "csv", "po", "xliff"):
            raise InputError(f"unknown export format {format!r} (tmx, csv, po, xliff)")
        chosen = _langs(langs, "langs")
        folder = tempfile.mkdtemp(prefix="tm-export-")
        try:
            written = await memory.run(lambda s: s.export(format, langs=chosen, document=document, folder=folder))
            if format in ("tmx", "csv") and len(written) == 1:
                data = Path(written[0][0]).read_bytes()
                kind = "application/x-tmx+xml" if format == "tmx" else "text/csv; charset=utf-8"
                return Response(data, media_type=kind,
                                headers={"Content-Disposition": f'attachment; filename="memory.{format}"'})
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path, _ in written:
                    archive.write(path, Path(path).relative_to(folder))
            return Response(buffer.getvalue(), media_type="application/zip",
                            headers={"Content-Disposition": f'attachment; filename="memory-{format}.zip"'})
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @app.post("/api/import", tags=["memory"])
    async def import_(files: Annotated[list[UploadFile], File(description="TMX, XLIFF, PO/MO, CSV/TSV files")],
                      who: Writer):
        """The files' units added in one transaction (all or nothing); each new unit records who imported it
        (origin `user:NAME FILE`, props tm-user and tm-imported) and when. Needs a write token."""
        if not files or len(files) > 50:
            raise InputError("give between 1 and 50 files")
        folder = Path(tempfile.mkdtemp(prefix="tm-import-"))
        try:
            paths = []
            for number, upload in enumerate(files):
                name = Path(upload.filename or f"upload-{number}").name or f"upload-{number}"
                path = folder / f"{number:02d}" / name
                path.parent.mkdir()
                with path.open("wb") as handle:
                    shutil.copyfileobj(upload.file, handle)
                paths.append(path)
            summary, total = await memory.run(lambda s: s.import_(paths, who.name), writing=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return {"user": who.name, "read": summary.read, "added": summary.added, "merged": summary.merged,
                "skipped": sum(summary.skipped.values()), "skipped_reasons": dict(summary.skipped),
                "variants": dict(summary.variants), "units": total}

    # -- the search page ---------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page():
        return HTMLResponse((STATIC / "search.html").read_text(encoding="utf-8"))

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str):
        path = STATIC / Path(name).name
        if not path.is_file():
            raise Problem(404, f"no such file {name!r}")
        kinds = {".js": "text/javascript", ".css": "text/css"}
        return FileResponse(path, media_type=kinds.get(path.suffix, "application/octet-stream"))

    if settings.max_upload:
        app.add_middleware(LimitBody, limit=settings.max_upload)
    if settings.shed_at:
        app.add_middleware(ShedConnections, memory=memory, at=settings.shed_at)
    return app


def app_from_environment():
    """What each uvicorn worker process builds (`tm serve` passes the settings in TM_SERVE_CONFIG)."""
    return create_app(Settings.from_env())
