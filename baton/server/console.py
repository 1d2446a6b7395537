"""The agent console at /console: one server-rendered page plus its script and styles, all served
by the backend (nothing is fetched from elsewhere at run time). It talks to the agent API with the
key the agent signs in with."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

HERE = Path(__file__).parent
_templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape())


def mount_console(app: FastAPI) -> None:
    router = APIRouter()

    @router.get("/console", response_class=HTMLResponse, include_in_schema=False)
    def console(request: Request) -> str:
        return _templates.get_template("console.html").render(static="/console/static")

    app.include_router(router)
    app.mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static")
