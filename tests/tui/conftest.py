"""Shared set-up for the TUI tests.

``async def`` tests run on a fresh event loop each (the project does not depend on
pytest-asyncio; Textual's ``run_test`` only needs a running loop)."""
from __future__ import annotations

import asyncio
import inspect

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        kwargs = {name: pyfuncitem.funcargs[name] for name in names}
        asyncio.run(pyfuncitem.obj(**kwargs))
        return True
    return None


# --------------------------------------------------------------------------- the app


@pytest.fixture
def desk(office):
    """The small office of tests/conftest.py with tasks in every state (today 15/06/2021)."""
    from tracker.services import tasks

    ctx = office
    add = tasks.add_task
    ids = {}
    ids["soon"] = add(ctx, directive="67/KH-UBND", content="Rà soát hồ sơ giải phóng mặt bằng",
                      lead="TCKH", due="18/06/2021", leader="PCT Trần Thị B").id
    ids["late"] = add(ctx, directive="67/KH-UBND", content="Báo cáo tiến độ chỉnh trang đường Lê Lợi",
                      lead="QLDT", support=["P5"], due="01/06/2021", leader="Chủ tịch Nguyễn Văn A").id
    ids["ongoing"] = add(ctx, directive="320-KL/TU", content="Theo dõi vệ sinh môi trường",
                         lead="TNMT", due="thường xuyên").id
    ids["done"] = add(ctx, directive="320-KL/TU", content="Kiểm tra trật tự xây dựng phường 5",
                      lead="P5", due="10/06/2021").id
    tasks.complete_task(ctx, ids["done"], on="09/06/2021", proof="Báo cáo số 12/BC-UBND")
    ids["later"] = add(ctx, directive="67/KH-UBND", content="Lập kế hoạch đầu tư công năm 2022",
                       lead="TCKH", due="Quý IV/2021").id
    ctx.ids = ids
    return ctx


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    from tracker import i18n

    yield
    i18n.set_lang("vi")
