from tracker.services import query, tasks, views
from tracker.errors import TrackerError
from tracker.services.errors import NotFoundError

import pytest


def _ids(ctx, view):
    return [t.id for t in query.list_tasks(ctx, views.resolve_view_filter(ctx, view), sort="id")]


def test_builtin_and_saved_views(office):
    a = tasks.add_task(office, directive="67/KH-UBND", content="A", lead="TCKH", due="01/06/2021")
    b = tasks.add_task(office, directive="67/KH-UBND", content="B", lead="P5", due="20/06/2021")
    c = tasks.add_task(office, directive="67/KH-UBND", content="C", lead="P5", due="30/09/2021")
    builtins = {v.key: v for v in views.list_views(office)}
    assert _ids(office, builtins["builtin:overdue"]) == [a.id]
    assert _ids(office, builtins["builtin:due_soon"]) == [b.id]  # today 15/06 + 7 days
    assert _ids(office, builtins["builtin:mine"]) == [a.id, b.id, c.id]  # created by "tester"
    v = views.save_view(office, "Phường 5", {"units": ["phuong 5"], "timeliness": []})
    assert _ids(office, v) == [b.id, c.id]
    assert [x.name for x in views.list_views(office) if not x.builtin] == ["Phường 5"]
    with pytest.raises(TrackerError):
        views.save_view(office, "Sai", {"units": ["không có"]})
    views.delete_view(office, "Phường 5")
    with pytest.raises(NotFoundError):
        views.delete_view(office, "Phường 5")
