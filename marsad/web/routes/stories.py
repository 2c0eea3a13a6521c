"""Story clusters: articles about the same story across sources and days."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request

from ..errors import WebError
from ..params import Paging, paging
from . import store_of, twin

router = APIRouter()


@twin(router, "/stories", "stories.html", "Story clusters, largest first")
def stories(request: Request, paging: Paging = Depends(paging)) -> dict:
    """Stories built by the archive's story clustering (empty until it has been run)."""
    rows = store_of(request).stories(paging.per_page + 1, paging.offset)
    return {"stories": rows[:paging.per_page], "pagination": paging.info(None, len(rows))}


@twin(router, "/stories/{story_id}", "story.html", "One story and its articles")
def story(request: Request, story_id: int = Path(..., ge=1, le=2**62),
          paging: Paging = Depends(paging)) -> dict:
    """A story with its member articles in date order (paginated)."""
    found = store_of(request).story(story_id)
    if found is None:
        raise WebError("E804", f"no story {story_id}", "list the stories at /stories", status=404)
    members = found.pop("articles", [])
    shown = members[paging.offset:paging.offset + paging.per_page]
    return {"story": found | {"articles": shown}, "pagination": paging.info(len(members), len(shown))}
