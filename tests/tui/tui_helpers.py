"""Helpers shared by the TUI tests (imported by name: tests/tui is on sys.path)."""
from __future__ import annotations


def make_desk_app(ctx, lang: str = "vi", **options):
    from tracker import i18n
    from tracker.tui.app import make_app

    i18n.set_lang(lang)
    return make_app(ctx, poll_seconds=0, **options)


async def settle(pilot, rounds: int = 3) -> None:
    """Let every worker finish and the screen repaint (a repaint may start more work)."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def plain(widget, width: int = 200) -> str:
    """What a Static shows, as plain text (Rich tables and groups included)."""
    import io

    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(content)
    return console.file.getvalue()


def screen_text(screen, selector: str = "Static") -> str:
    return "\n".join(plain(w) for w in screen.query(selector))
