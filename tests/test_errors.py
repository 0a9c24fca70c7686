"""One error root: every error a user can cause — store, read, domain and service — is a
``tracker.errors.TrackerError`` carrying a catalogue key, its fields and an exit code, and the
CLI's one handler says it in words and exits with that code."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tracker.domain.dates import DateError, parse_date
from tracker.domain.deadlines import DeadlineError, parse_deadline
from tracker.domain.docnumbers import DocNumberError, parse_number
from tracker.errors import EXIT_FAILURE, EXIT_USAGE, TrackerError
from tracker.io.problems import ReadError
from tracker.services.errors import ConflictError, NotFoundError, UsageError, ValidationError
from tracker.store.db import StoreError

KINDS = [(StoreError, EXIT_FAILURE), (ReadError, EXIT_FAILURE), (NotFoundError, EXIT_FAILURE),
         (ValidationError, EXIT_FAILURE), (ConflictError, EXIT_FAILURE), (UsageError, EXIT_USAGE),
         (DateError, EXIT_FAILURE), (DeadlineError, EXIT_FAILURE), (DocNumberError, EXIT_FAILURE)]


@pytest.mark.parametrize("kind,code", KINDS, ids=[k.__name__ for k, _c in KINDS])
def test_every_error_is_under_the_root_with_its_exit_code(kind, code):
    assert issubclass(kind, TrackerError)
    assert kind.exit_code == code


def test_the_root_imports_nothing_of_ours():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, tracker.errors; "
         "print(sorted(m for m in sys.modules if m.startswith('tracker')))"],
        capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['tracker', 'tracker.errors']"


def _raised(fn, *args):
    with pytest.raises(TrackerError) as info:
        fn(*args)
    return info.value


def test_domain_errors_carry_keys_and_fields_the_edges_say():
    date = _raised(parse_date, "31/02/2021")
    assert (date.key, date.fields["value"]) == ("date.impossible", "31/02/2021")
    assert isinstance(date, ValueError)  # still a ValueError for callers that read values
    deadline = _raised(parse_deadline, "sớm")
    assert deadline.key == "deadline.unreadable" and deadline.fields["text"] == "sớm"
    said = deadline.message("en")
    assert "sớm" in said and said != deadline.key  # framed by deadline.error, with the reason
    number = _raised(parse_number, "  ")
    assert number.key == "docnum.empty" and number.message("vi") != "docnum.empty"


@pytest.mark.parametrize("error,code", [
    (UsageError("date.malformed", value="x", field="--today"), 2),
    (StoreError("store.missing", path="/nowhere/a.db"), 1),
    (DeadlineError("sớm", "deadline.unreadable"), 1),
    (ReadError("io.not_found", file="a.csv"), 1),
])
def test_the_cli_handler_catches_the_root(error, code, capsys):
    from tracker.cli.main import report_exception

    assert report_exception(error, debug=False) == code
    err = capsys.readouterr().err
    assert error.message() in err and error.message() != error.key and "Traceback" not in err
