"""The team server (`tm serve`): one shared memory over HTTP for CAT tools, Weblate, colleagues' browsers and
other `tm` command lines. It sits beside the command line: it calls tm.commands, and only `tm serve` imports it.

app.py: the HTTP application; tokens.py: who may do what; run.py: starting uvicorn's worker processes;
static/: the search page.
"""
