"""The team server (`tm serve`): the tmserver/amaGama API (Weblate's own client asks it in
tests/test_weblate_client.py), our own API, who may write, the server as a real process, the command line as its
client, the search page in a real browser, and PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the server's extra is not installed (pip install 'tm[server]')")
pytest.importorskip("httpx", reason="the ASGI test client needs httpx (pip install 'tm[server]')")

from fastapi.testclient import TestClient  # noqa: E402
from serve_process import serving  # noqa: E402

from tm.commands.memory import query as local_query  # noqa: E402
from tm.server.app import Settings, create_app  # noqa: E402
from tm.server.tokens import TokenStore  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = REPO / "corpora" / "glossary.tbx"
CLAUSE = "This Decision shall enter into force on the day of its adoption."
SMALL_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"
 srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>The Baltic Assembly welcomes the new server.</seg></tuv>
<tuv xml:lang="lv"><seg>Baltijas Asambleja atzinīgi vērtē jauno serveri.</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture()
def memory(dgt_memory, tmp_path) -> Path:  # noqa: F811 (fixture)
    """A copy of the DGT sample memory of one's own: writing tests change it."""
    path = tmp_path / "team.db"
    shutil.copy(dgt_memory, path)
    return path


@pytest.fixture()
def tokens(memory) -> dict[str, str]:
    store = TokenStore(str(memory))
    found = {"alice": store.create("alice"), "bob": store.create("bob", read_only=True),
             "carol": store.create("carol")}
    store.revoke("carol")
    return found


def client_for(memory, **options) -> TestClient:
    return TestClient(create_app(Settings(memory=str(memory), glossary=str(GLOSSARY), **options)))


@pytest.fixture()
def client(memory) -> TestClient:
    return client_for(memory)


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_tmserver_suggestions_are_the_command_lines_matches(client, memory):
    answer = client.get("/tmserver/en/lv/unit/" + quote(CLAUSE, safe="")).json()
    [(_, expected)] = list(local_query([CLAUSE], "en", "lv", str(memory)))
    assert [(m["source"], m["target"], m["quality"]) for m in answer] == \
        [(m.source, m.target, m.percent) for m in expected]


# -- our own API --------------------------------------------------------------------------------------------

def test_query_in_several_targets_and_any_direction(client, memory):
    text = "Käesolev otsus jõustub selle vastuvõtmise päeval"
    answer = client.post("/api/query", json={"texts": [text], "src": "et", "tgts": ["lv", "lt", "en"],
                                             "limit": 2, "variants": True}).json()
    for tgt in ("lv", "lt", "en"):
        [(_, expected)] = list(local_query([text], "et", tgt, str(memory), limit=2))
        got = answer["results"][0]["matches"][tgt]
        assert [(m["score"], m["target"]) for m in got] == [(m.percent, m.target) for m in expected]
        assert all(m["variants"]["et"] == m["source"] for m in got)
    diff = answer["results"][0]["matches"]["lv"][0]["diff"]
    assert "".join(piece for op, piece in diff if op != "+") == answer["results"][0]["matches"]["lv"][0]["source"]


def test_concordance_finds_inflected_forms(client):
    exact = client.get("/api/concordance", params={"text": "komiteja", "lang": "lv", "limit": 200}).json()
    stems = client.get("/api/concordance", params={"text": "komiteja", "lang": "lv", "stems": "true",
                                                   "limit": 200}).json()
    found = {hit["text"][hit["start"]:hit["end"]].lower() for hit in stems["hits"]}
    assert len(stems["hits"]) > len(exact["hits"]) and {"komitejas", "komiteja"} <= found
    assert all("en" in hit["translations"] for hit in stems["hits"][:3])


def test_analysis_and_terms_of_a_posted_text(client):
    analysis = client.post("/api/analyse", json={"text": CLAUSE + " Done at Brussels.", "tgt": "lv"}).json()
    assert [row["band"] for row in analysis["segments"]][0] == "85-94%"
    assert sum(band["segments"] for band in analysis["bands"].values()) == len(analysis["segments"])
    terms = client.post("/api/terms", json={"text": "Eesti toetab inimkaubanduse vastast võitlust", "lang": "et"})
    assert terms.status_code == 200
    hit = next(t for t in terms.json()["terms"] if t["concept"] == "c057")
    assert hit["found"] == "inimkaubanduse"
    assert hit["translations"]["lv"][0] == {"term": "cilvēku tirdzniecība", "status": "preferred"}


def test_export_and_openapi(client):
    tmx = client.get("/api/export", params={"format": "tmx", "langs": "en,lv", "document": "22019D0391"})
    assert tmx.status_code == 200 and b"<tmx" in tmx.content
    spec = client.get("/openapi.json").json()
    assert {"/tmserver/languages/", "/tmserver/{src}/{tgt}/unit/{text}", "/api/query", "/api/concordance",
            "/api/analyse", "/api/terms", "/api/import", "/api/export", "/api/units/{key}"} <= set(spec["paths"])


@pytest.mark.parametrize(("method", "url", "kwargs", "status", "message"), [
    ("get", "/api/query", {"params": {"text": "a", "tgt": "xx"}}, 400, "unknown language code 'xx'"),
    ("get", "/api/query", {"params": {"text": "a", "tgt": "lv", "min": 101}}, 400, "min: "),
    ("get", "/api/query", {"params": {"text": "a", "tgt": "en"}}, 400, "the source and target languages are both"),
    ("get", "/api/query", {"params": {"text": "a" * 5001, "tgt": "lv"}}, 400, "text: "),
    ("post", "/api/query", {"json": {"texts": ["a"] * 101, "tgts": ["lv"]}}, 400, "texts: "),
    ("get", "/api/concordance", {"params": {"text": "...", "lang": "lv"}}, 400, "nothing to search for"),
    ("get", "/api/units/99999999", {}, 404, "no unit 99999999"),
    ("get", "/api/export", {"params": {"format": "doc"}}, 400, "unknown export format"),
])
def test_errors_are_one_line_of_json(client, method, url, kwargs, status, message):
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == status
    error = response.json()["error"]
    assert message in error and "\n" not in error


def test_request_sizes_and_rates_are_bounded(memory, tokens):
    small = client_for(memory, max_upload=1000)
    response = small.post("/api/import", headers=bearer(tokens["alice"]),
                          files={"files": ("big.tmx", SMALL_TMX.encode() * 10)})
    assert response.status_code == 413 and "over the limit" in response.json()["error"]
    slow = client_for(memory, rate=1)
    statuses = [slow.get("/tmserver/languages/").status_code for _ in range(5)]
    assert statuses[0] == 200 and 429 in statuses


# -- who may do what ----------------------------------------------------------------------------------------

WRITING = [("post", "/api/import", lambda: {"files": {"files": ("new.tmx", SMALL_TMX.encode())}}),
           ("put", "/api/units/1", lambda: {"json": {"lang": "lv", "text": "Jauns teksts."}}),
           ("delete", "/api/units/1", lambda: {})]


@pytest.mark.parametrize(("method", "url", "body"), WRITING)
@pytest.mark.parametrize(("who", "status", "message"), [
    (None, 401, "writing needs a token"),
    ("wrong", 401, "unknown token"),
    ("carol", 401, "token 'carol' was revoked"),
    ("bob", 403, "token 'bob' is read-only"),
])
def test_writing_is_refused_without_a_valid_write_token(client, tokens, memory, method, url, body, who, status,
                                                         message):
    before = client.get("/api/status").json()
    headers = {} if who is None else bearer("tm_not-a-token" if who == "wrong" else tokens[who])
    response = getattr(client, method)(url, headers=headers, **body())
    assert response.status_code == status and message in response.json()["error"]
    assert client.get("/api/status").json() == before


def test_an_import_records_who_added_each_unit_and_when(client, tokens):
    response = client.post("/api/import", headers=bearer(tokens["alice"]),
                           files={"files": ("new.tmx", SMALL_TMX.encode())})
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1 and response.json()["user"] == "alice"
    found = client.post("/api/query", json={"texts": ["The Baltic Assembly welcomes the new server."],
                                            "tgts": ["lv"]}).json()["results"][0]["matches"]["lv"]
    unit = client.get(f"/api/units/{found[0]['unit']}").json()
    assert unit["added_by"] == "alice" and unit["origin"] == "user:alice new.tmx" and unit["created"]
    again = client.post("/api/import", headers=bearer(tokens["alice"]), files={"files": ("new.tmx", SMALL_TMX)})
    assert again.json()["added"] == 0 and again.json()["merged"] == 1


def test_a_unit_edited_and_deleted_through_the_api_keeps_its_history(client, tokens):
    query = {"texts": [CLAUSE], "tgts": ["lv"]}
    key = client.post("/api/query", json=query).json()["results"][0]["matches"]["lv"][0]["unit"]
    before = client.get(f"/api/units/{key}").json()["variants"]["lv"]
    edited = client.put(f"/api/units/{key}", headers=bearer(tokens["alice"]),
                        json={"lang": "lv", "text": "Šis lēmums stājas spēkā tā pieņemšanas dienā (labots)."})
    assert edited.status_code == 200 and edited.json()["by"] == "alice", edited.text
    assert client.post("/api/query", json=query).json()["results"][0]["matches"]["lv"][0]["target"] == \
        "Šis lēmums stājas spēkā tā pieņemšanas dienā (labots)."  # seen by the next request
    assert client.delete(f"/api/units/{key}", headers=bearer(tokens["alice"])).status_code == 200
    assert client.get(f"/api/units/{key}").status_code == 404
    history = client.get(f"/api/units/{key}/history").json()["history"]
    assert [(h["action"], h["by"]) for h in history] == [("edit", "alice"), ("delete", "alice")]
    assert history[0]["before"]["variants"]["lv"] == before
    assert client.delete(f"/api/units/{key}", headers=bearer(tokens["alice"])).status_code == 404


def test_after_an_import_lookups_are_those_of_a_memory_indexed_anew(client, tokens, memory):
    """The server adds an import's units to a small index beside the loaded one instead of rebuilding it: what it
    answers must be what a fresh index of the whole memory answers."""
    texts = [CLAUSE, "Käesolev otsus jõustub selle vastuvõtmise päeval", "komiteja"]
    client.post("/api/query", json={"texts": texts[:1], "tgts": ["lv"]})  # the index loaded before the import
    client.get("/api/concordance", params={"text": "komiteja", "lang": "lv", "stems": "true"})
    rows = "en,et,lv\n" + "".join(f"{CLAUSE[:-1]} {n}.,Käesolev otsus jõustub {n}.,Šis lēmums stājas {n}. dienā.\n"
                                  for n in range(3))
    rows += ",Serverite ruum,serveru telpa\n"
    sent = client.post("/api/import", headers=bearer(tokens["alice"]), files={"files": ("more.csv", rows)})
    assert sent.status_code == 200 and sent.json()["added"] == 4, sent.text
    for src, text in (("en", texts[0]), ("et", texts[1])):
        served = client.post("/api/query", json={"texts": [text], "src": src, "tgts": ["lv"], "limit": 8}).json()
        [(_, fresh)] = list(local_query([text], src, "lv", str(memory), limit=8))
        assert [(m["score"], m["source"], m["target"], m["repeats"]) for m in served["results"][0]["matches"]["lv"]] \
            == [(m.percent, m.source, m.target, m.repeats) for m in fresh]
    hits = client.get("/api/concordance", params={"text": "serveru", "lang": "lv"}).json()["hits"]
    assert [hit["text"] for hit in hits] == ["serveru telpa"]


def test_a_busy_worker_closes_its_connections_so_clients_reconnect_to_another(memory):
    """Keep-alive clients stay with the worker that accepted them: while this worker has shed_at lookups in flight
    (others' requests), each answer says Connection: close; otherwise the connection is kept."""
    client = client_for(memory, shed_at=2)
    url = "/tmserver/en/lv/unit/" + quote(CLAUSE, safe="")
    assert "close" not in client.get(url).headers.get("connection", "")
    client.app.state.memory.reading = 2  # two lookups of other clients running or waiting
    answer = client.get(url)
    assert answer.status_code == 200 and answer.headers["connection"] == "close"
    client.app.state.memory.reading = 0
    assert "close" not in client.get(url).headers.get("connection", "")


def test_a_bad_upload_leaves_the_memory_as_it_was(client, tokens):
    before = client.get("/api/status").json()
    files = [("files", ("good.tmx", SMALL_TMX.encode())), ("files", ("bad.tmx", b"<tmx><body><tu></body>"))]
    response = client.post("/api/import", headers=bearer(tokens["alice"]), files=files)
    assert response.status_code == 400 and "bad.tmx" in response.json()["error"]
    assert client.get("/api/status").json() == before


def test_reading_may_need_a_token(memory, tokens):
    closed = client_for(memory, read_token=True)
    assert closed.get("/tmserver/languages/").status_code == 401
    assert closed.get("/api/query", params={"text": CLAUSE, "tgt": "lv"}).status_code == 401
    assert closed.get("/tmserver/languages/", headers=bearer(tokens["bob"])).status_code == 200
    assert closed.get("/tmserver/languages/", headers=bearer(tokens["carol"])).status_code == 401


def test_tokens_are_made_listed_and_revoked_from_the_command_line(memory):
    from click.testing import CliRunner

    from tm.cli import cli

    runner = CliRunner()
    made = runner.invoke(cli, ["serve", "token", "create", "dora", "--read-only", "--memory", str(memory)])
    assert made.exit_code == 0 and made.output.startswith("tm_")
    secret = made.output.strip()
    stored = sqlite3.connect(f"{memory}.tokens").execute("SELECT * FROM tm_server_tokens").fetchall()
    assert stored and not any(secret in str(value) for row in stored for value in row)
    listed = runner.invoke(cli, ["serve", "token", "list", "--memory", str(memory)])
    assert "dora\tread\t" in listed.output
    again = runner.invoke(cli, ["serve", "token", "create", "dora", "--memory", str(memory)])
    assert again.exit_code == 2 and "exists already" in again.output
    revoked = runner.invoke(cli, ["serve", "token", "revoke", "dora", "--memory", str(memory)])
    assert revoked.exit_code == 0 and TokenStore(str(memory)).check(secret) == (None, "token 'dora' was revoked")


# -- the real thing: a server process, the command line as its client, a browser -----------------------------

@pytest.fixture()
def running(memory, tokens):
    """`python3 -m tm serve` with two worker processes on a free port of the loopback."""
    with serving(str(memory), "-g", str(GLOSSARY)) as started:
        yield started


def workers(pid: int) -> set[int]:
    """uvicorn's worker processes: the children of its supervisor started by multiprocessing's spawn."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in map(int, task.read_text().split()):
            try:
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.add(child)
            except FileNotFoundError:
                pass
    return found


def test_a_real_server_process_answers_and_the_cli_is_its_client(running, memory):
    running, _ = running
    with urllib.request.urlopen(running + "/tmserver/en/lt/unit/" + quote(CLAUSE, safe=""), timeout=10) as answer:
        suggestions = json.load(answer)
    assert suggestions and suggestions[0]["quality"] == 92
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    remote = subprocess.run([sys.executable, "-m", "tm", "query", CLAUSE, "--tgt", "lt", "--memory", running + "/",
                             "--json"], capture_output=True, text=True, env=env, cwd=REPO)
    local = subprocess.run([sys.executable, "-m", "tm", "query", CLAUSE, "--tgt", "lt", "--memory", str(memory),
                            "--json"], capture_output=True, text=True, env=env, cwd=REPO)
    assert remote.returncode == 0, remote.stderr
    assert json.loads(remote.stdout) == {**json.loads(local.stdout)}
    wrong = subprocess.run([sys.executable, "-m", "tm", "query", CLAUSE, "--tgt", "xx", "--memory", running],
                           capture_output=True, text=True, env=env, cwd=REPO)
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1


def test_an_upload_cut_off_midway_imports_nothing(running, tokens):
    import socket

    base, _ = running
    status = json.load(urllib.request.urlopen(base + "/api/status", timeout=10))
    port = int(base.rsplit(":", 1)[1])
    boundary = "cutoff"
    part = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"new.tmx\"\r\n"
            f"Content-Type: application/xml\r\n\r\n{SMALL_TMX}").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall((f"POST /api/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {tokens['alice']}\r\n"
                     f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                     f"Content-Length: {len(part) * 10}\r\n\r\n").encode() + part)
        time.sleep(0.5)  # the client goes away with nine tenths of its upload unsent
    time.sleep(0.5)
    assert json.load(urllib.request.urlopen(base + "/api/status", timeout=10)) == status


CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


def test_a_worker_killed_the_others_keep_serving_and_it_is_replaced(running):
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to find the worker processes")
    base, supervisor = running
    before = workers(supervisor)
    assert len(before) == 2
    os.kill(min(before), 9)
    url = base + "/tmserver/en/lv/unit/" + quote(CLAUSE, safe="")
    answers = [urllib.request.urlopen(url, timeout=10).status for _ in range(20)]
    assert answers == [200] * 20
    deadline = time.monotonic() + 30
    while len(workers(supervisor) - {min(before)}) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(workers(supervisor) - {min(before)}) == 2  # uvicorn's supervisor started a new one


def test_the_search_page_from_the_keyboard_in_chromium(running):
    running, _ = running
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install 'tm[server]')")
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)))
    try:
        browser.get(running + "/")
        wait = WebDriverWait(browser, 20)
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys("/")  # the shortcut to the search box
        assert browser.switch_to.active_element.get_attribute("id") == "clause"
        browser.switch_to.active_element.send_keys(CLAUSE, Keys.ENTER)
        wait.until(ready.text_to_be_present_in_element((By.ID, "status"), "Done: " + CLAUSE[:40]))
        first = browser.find_elements(By.CSS_SELECTOR, "#match-table tr.match")[0]
        cells = first.find_elements(By.TAG_NAME, "td")
        assert cells[0].text == "92%"
        assert [c.get_attribute("lang") for c in cells[1:]] == ["en", "et", "lv", "lt"]
        assert first.find_element(By.TAG_NAME, "del").text == "date"
        assert first.find_element(By.TAG_NAME, "ins").text == "day"
        assert cells[3].text == "Šis lēmums stājas spēkā tā pieņemšanas dienā."
        # the concordance, by keyboard: Alt+C, a Latvian word, Enter; inflected forms are highlighted
        browser.find_element(By.ID, "src").send_keys("lv")
        browser.switch_to.active_element.send_keys(Keys.ALT, "c")
        assert browser.switch_to.active_element.get_attribute("id") == "word"
        browser.switch_to.active_element.send_keys("komiteja", Keys.ENTER)
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#concordance-table mark")))
        marked = {m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "#concordance-table mark")}
        assert "komitejas" in marked
        # the glossary's terms of a clause
        box = browser.find_element(By.ID, "clause")
        box.clear()
        browser.find_element(By.ID, "src").send_keys("en")
        box.send_keys("The fight against trafficking in human beings", Keys.ENTER)
        wait.until(ready.text_to_be_present_in_element((By.ID, "terms"), "cilvēku tirdzniecība"))
    finally:
        browser.quit()


# -- PostgreSQL: one memory, several workers, a server restarted under them -----------------------------------

def test_on_postgres_imports_are_seen_by_other_workers_and_a_restart_gives_503_then_recovers(postgres, tmp_path):
    address = postgres.database()
    store = TokenStore(address)
    secret = store.create("alice")
    one, two = (TestClient(create_app(Settings(memory=address, glossary=str(GLOSSARY)))) for _ in range(2))
    assert one.get("/api/status").status_code == 400  # no memory yet: the first import makes it
    sent = one.post("/api/import", headers=bearer(secret), files={"files": ("new.tmx", SMALL_TMX.encode())})
    assert sent.status_code == 200, sent.text
    seen = two.get("/tmserver/en/lv/unit/" + quote("The Baltic Assembly welcomes the new server.", safe=""))
    assert seen.status_code == 200 and seen.json()[0]["quality"] == 100
    before = two.get("/api/status").json()["generation"]
    assert one.post("/api/import", headers=bearer(secret),
                    files={"files": ("more.csv", "en,lv\nA second clause.,Otrā klauzula.\n")}).status_code == 200
    assert two.get("/api/status").json()["generation"] != before  # the other worker sees it at its next request

    postgres._run("pg_ctl", "-D", str(postgres.root / "data"), "-l", str(postgres.root / "log"), "-m", "fast", "-w",
                  "restart")  # the options it was started with are kept (postmaster.opts)
    down = two.get("/api/query", params={"text": "A second clause.", "tgt": "lv"})
    # the worker's connection died with the restart: one clear 503 with Retry-After, and the next one reconnects
    assert down.status_code == 503 and down.headers["retry-after"] == "1"
    assert "unavailable" in down.json()["error"] and "\n" not in down.json()["error"]
    again = two.get("/api/query", params={"text": "A second clause.", "tgt": "lv"})
    assert again.status_code == 200 and again.json()["results"][0]["matches"]["lv"][0]["score"] == 100


def test_on_postgres_an_import_is_suggested_to_another_worker_from_the_index_it_holds(postgres, monkeypatch):
    """Import visibility without reloading: the other worker's next request brings the index it holds up to date
    with the new unit alone. Observed through the store and the index, not the clock: no load_blob call (the
    saved index is not read again), one index built, of the one unit imported, and the worker's index still has
    the very object it loaded first as its saved part."""
    from tm.memory.ngram_index import NgramIndex
    from tm.memory.postgres_store import PostgresStore
    from tm.memory.query import Indexes

    address = postgres.database()
    secret = TokenStore(address).create("alice")
    one, two = (TestClient(create_app(Settings(memory=address, glossary=str(GLOSSARY)))) for _ in range(2))
    rows = "en,lv\n" + "".join(f"The Assembly adopts resolution number {n} on regional item {n % 97}.,"
                               f"Asambleja pieņem rezolūciju numur {n}.\n" for n in range(300))
    assert one.post("/api/import", headers=bearer(secret), files={"files": ("big.csv", rows)}).status_code == 200
    first = two.get("/tmserver/en/lv/unit/" + quote("The Assembly adopts resolution number 5 on regional item 5.",
                                                    safe="")).json()
    assert first[0]["quality"] == 100
    service = two.app.state.memory._read
    loaded = service._indexes["en"][1]
    loads, builds = [], []
    load_blob, build = PostgresStore.load_blob, NgramIndex.build.__func__
    monkeypatch.setattr(PostgresStore, "load_blob", lambda self, *args: loads.append(args) or load_blob(self, *args))
    monkeypatch.setattr(NgramIndex, "build", classmethod(lambda cls, items: builds.append(list(items)) or
                                                         build(cls, builds[-1])))
    clause = "The Baltic Assembly welcomes the new server."
    assert one.post("/api/import", headers=bearer(secret),
                    files={"files": ("new.tmx", SMALL_TMX.encode())}).status_code == 200
    seen = two.get("/tmserver/en/lv/unit/" + quote(clause, safe=""))
    assert seen.status_code == 200 and seen.json()[0]["quality"] == 100
    held = service._indexes["en"][1]
    assert isinstance(held, Indexes) and held.parts[0] is loaded and len(held.parts) == 2
    assert loads == [] and [[text for _, text in items] for items in builds] == [[clause]]


def test_on_postgres_a_worker_keeps_its_reading_snapshot_while_the_memory_is_unchanged(postgres, monkeypatch):
    """No ROLLBACK and BEGIN before each lookup: the generation is asked on a second connection, and the snapshot
    is ended only when it has changed (then the import is seen at once) or has grown old."""
    from tm.commands import service as service_module

    address = postgres.database()
    secret = TokenStore(address).create("alice")
    one, two = (TestClient(create_app(Settings(memory=address, glossary=str(GLOSSARY)))) for _ in range(2))
    assert one.post("/api/import", headers=bearer(secret),
                    files={"files": ("more.csv", "en,lv\nA first clause.,Pirmā klauzula.\n")}).status_code == 200
    ended = []
    end_snapshot = service_module._end_snapshot
    monkeypatch.setattr(service_module, "_end_snapshot", lambda store: ended.append(store) or end_snapshot(store))

    def ask(text: str) -> list:
        return two.get("/tmserver/en/lv/unit/" + quote(text, safe="")).json()

    assert ask("A first clause.")[0]["quality"] == 100
    reading = two.app.state.memory._read._store
    assert ended == [reading]
    for _ in range(3):
        assert ask("A first clause.")[0]["quality"] == 100
    assert ended == [reading]
    clause = "The Baltic Assembly welcomes the new server."
    assert one.post("/api/import", headers=bearer(secret),
                    files={"files": ("new.tmx", SMALL_TMX.encode())}).status_code == 200
    assert ask(clause)[0]["quality"] == 100 and [s for s in ended if s is reading] == [reading] * 2
    monkeypatch.setattr(service_module, "SNAPSHOT_SECONDS", 0.0)
    assert ask(clause)[0]["quality"] == 100 and [s for s in ended if s is reading] == [reading] * 3
