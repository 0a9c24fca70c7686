"""Text bars and percentages for the scorecards (no colour needed to read them)."""
from __future__ import annotations

BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(fraction: float, width: int) -> str:
    """A bar ``width`` cells wide filled to ``fraction`` (0..1), in eighths of a cell; the
    empty part is a light shade so the length reads without colour."""
    fraction = max(0.0, min(1.0, fraction or 0.0))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (BLOCKS[part] if part else "")
    return text + "░" * (width - len(text))


def percent(fraction: float | None) -> str:
    """95,6% in Vietnamese (decimal comma), 95.6% in English; a dash when there is nothing
    to divide."""
    from tracker.i18n import get_lang

    if fraction is None:
        return "—"
    text = f"{fraction * 100:.1f}%"
    return text.replace(".", ",") if get_lang() == "vi" else text


def thousands(n: int) -> str:
    """1.234 in Vietnamese, 1,234 in English (the reports' ``fmt_int`` in the app's language)."""
    from tracker.i18n import get_lang
    from tracker.reports.fmt import fmt_int

    return fmt_int(n, get_lang())
