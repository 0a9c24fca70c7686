"""The one catalogue: no key defined twice across its parts, both languages present with the
same placeholders, and every key the core code asks for exists."""
import re
import string
from pathlib import Path

from tracker import i18n

ROOT = Path(__file__).resolve().parents[1] / "tracker"


def _fields(text: str) -> set[str]:
    return {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f}


def test_parts_do_not_redefine_keys():
    seen: dict[str, str] = {}
    for part, messages in i18n.load_parts().items():
        for key in messages:
            assert key not in seen, f"{key} in both {seen[key]} and {part}"
            seen[key] = part


def test_both_languages_with_same_placeholders():
    for key, (vi, en) in i18n.catalog().items():
        assert bool(vi.strip()) == bool(en.strip()), key  # both given (or both blank on purpose)
        assert _fields(vi) == _fields(en), key


def test_literal_keys_used_in_code_exist():
    cat = i18n.catalog()
    missing = set()
    pattern = re.compile(r"""(?<![\w.])_\(\s*["']([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)["']""")
    for path in ROOT.rglob("*.py"):
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            if key not in cat:
                missing.add(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, sorted(missing)


def test_every_history_action_and_record_kind_has_words():
    """The audit and a task's history say each row's action (``action.*``) and what it is
    about (``audit.entity.*``) in words: every one the code records has them (a calendar
    change once read 'action.calendar', a name register's row 'name #3')."""
    cat = i18n.catalog()
    actions, entities = set(), set()
    for path in ROOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        actions |= set(re.findall(r"""\baction=["']([a-z_]+)["']""", text))
        entities |= set(re.findall(r"""\bentity=["']([a-z_]+)["']""", text))
    assert {"create", "calendar", "merge", "remove"} <= actions and {"task", "name"} <= entities
    assert not sorted(a for a in actions if f"action.{a}" not in cat)
    assert not sorted(e for e in entities if f"audit.entity.{e}" not in cat)


def test_switching_language():
    assert i18n.t("word.yes", lang="en") == "yes"
    assert i18n.t("word.yes", lang="vi") == "có"
    i18n.set_lang("xx")
    assert i18n.get_lang() == "vi"


def test_placeholders_are_one_word_in_capitals():
    """A value's placeholder in the help (``NGÀY``, ``ĐƠN_VỊ``, ``TỆP…``) is one word, or the
    usage line reads as two arguments (``THƯ MỤC``); Click's own "required" is said too."""
    from tracker.i18n.core import CLICK_VI

    cat = i18n.catalog()
    keys = [k for k in cat if ".metavar." in k and not k.startswith("help.metavar.subcommand")]
    assert len(keys) > 20
    for key in keys:
        for text in cat[key]:
            assert " " not in text and text == text.upper(), (key, text)
    assert CLICK_VI["required"] == "bắt buộc"


def test_the_counts_an_import_and_a_reminder_say_read_in_english_plurals():
    """"1 errors, 1 warnings" closed every English import summary with a warning; a unit's
    reminder letter said "1 overdue tasks"."""
    from tracker.i18n import t

    said = t("import.summary", lang="en", added="0", updated="1", unchanged="5", skipped="0", rejected="0",
             errors="1", warnings="1")
    assert said.endswith("; 1 error, 1 warning.")
    assert t("import.summary", lang="en", added="0", updated="0", unchanged="0", skipped="0", rejected="2",
             errors="2", warnings="0").endswith("; 2 errors, 0 warnings.")
    letter = t("report.reminder.intro", lang="en", date="15/06/2021", overdue="1", soon="0", days="7")
    assert "your unit has 1 overdue task and 0 tasks falling due in the next 7 days." in letter
    assert "3 overdue tasks and 1 task falling due in the next 1 day." in t(
        "report.reminder.intro", lang="en", date="15/06/2021", overdue="3", soon="1", days="1")
