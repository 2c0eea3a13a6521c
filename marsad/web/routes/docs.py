"""``/docs``: Swagger UI served from the package ``swagger-ui-bundle`` (no CDN); without it, a
plain page listing the API routes from the OpenAPI document."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, HTMLResponse

from ..errors import WebError
from ..views import render

router = APIRouter()
ASSETS = {"swagger-ui-bundle.js", "swagger-ui.css"}


def swagger_dir() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    path = Path(swagger_ui_bundle.swagger_ui_path)
    return path if (path / "swagger-ui-bundle.js").exists() else None


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs(request: Request):
    spec = request.app.openapi()
    routes = [{"path": p, "summary": op.get("summary", ""), "params": [
        {"name": x["name"], "in": x["in"], "description": x.get("description", "")}
        for x in op.get("parameters", [])]} for p, item in spec["paths"].items()
        for op in item.values()]
    return render(request, "docs.html", {"title": "API", "routes": routes, "api_url": "/openapi.json",
                                         "swagger": swagger_dir() is not None})


@router.get("/docs-assets/{name}", include_in_schema=False)
def docs_asset(name: str):
    root = swagger_dir()
    if root is None or name not in ASSETS:
        raise WebError("E804", f"no docs asset {name!r}", "open /docs", status=404)
    return FileResponse(root / name)
