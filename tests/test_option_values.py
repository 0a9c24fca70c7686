"""A value typed for an option that cannot be read is a usage error (DESIGN §9: usage errors
exit 2, failures 1), said in one line naming the option and the value — the same for every
command (``tracker.cli.params``; Click's own types through ``cli.main``)."""
from __future__ import annotations

import click
import pytest

BAD_DAY = "31/02/2021"


def _walk(cmd, path, ctx):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            yield from _walk(sub, path + [name], click.Context(sub, info_name=name, parent=ctx))


def date_params():
    """(command path, parameter) for every parameter of the tree that takes a date or a
    period — by its type, or by the metavar the help gives it (in either language, as the
    command's module was first imported in)."""
    from tracker.cli.main import build_cli
    from tracker.i18n import t

    metavars = {t(key, lang=lang) for key in ("help.metavar.date", "report.metavar.period")
                for lang in ("vi", "en")}
    root = build_cli()
    found = []
    for path, cmd in _walk(root, [], click.Context(root, info_name="tracker")):
        for p in cmd.params:
            from tracker.cli.params import DateType, PeriodType

            if p.metavar in metavars or isinstance(p.type, (DateType, PeriodType)):
                found.append((path, p))
    return found


def test_every_date_option_reads_its_value_with_the_shared_type():
    """A new option taking a date cannot drift: it is read by ``cli.params`` (the global
    ``--today`` excepted: the settings read it, TRACKER_TODAY too)."""
    from tracker.cli.params import DateType, PeriodType

    found = date_params()
    assert len(found) >= 25, found
    loose = [(" ".join(path), p.name) for path, p in found
             if not isinstance(p.type, (DateType, PeriodType)) and p.name != "today"]
    assert loose == []


def test_every_date_option_refuses_an_impossible_day_as_a_usage_error(run):
    cases = [(path, p) for path, p in date_params()]
    for path, p in cases:
        typed = [BAD_DAY] if isinstance(p, click.Argument) else [max(p.opts, key=len), BAD_DAY]
        if not path:  # the global --today goes before the command
            r = run(*typed, "task", "list", today_=None)
        else:
            r = run(*path, *typed)
        where = " ".join(path + typed)
        assert r.code == 2, (where, r.code, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1, (where, r.stderr)
        name = typed[0] if len(typed) == 2 else p.human_readable_name
        assert lines[0].startswith(f"Lỗi: {name}: ") and f"“{BAD_DAY}”" in lines[0], (where, lines)
        assert "Cách dùng" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("args,said", [
    (["task", "list", "--due-before", BAD_DAY], "Lỗi: --due-before: ngày “31/02/2021” không tồn tại."),
    (["task", "list", "--due-after", "tuần sau"],
     "Lỗi: --due-after: “tuần sau” không phải ngày (cần dd/mm/yyyy hoặc yyyy-mm-dd)."),
    (["report", "summary", "--period", "quý 5/2021"], "Lỗi: --period: không đọc được kỳ “quý 5/2021”: "),
    (["calendar", "show", "năm nay"], "Lỗi: NĂM: “năm nay” không phải năm (cần ghi đủ 4 chữ số, từ 1900 đến 2200)."),
    (["task", "list", "--limit", "x"], "Lỗi: --limit: 'x' không phải là số."),
    (["task", "list", "--format", "xml"], "Lỗi: --format: 'xml' không thuộc các giá trị"),
    (["export", "--delimiter", ";;"], "Lỗi: --delimiter: dấu phân cách phải là một ký tự"),
    (["import", "--dry-run", "--delimiter", ";;", "x.csv"], "Lỗi: --delimiter: dấu phân cách phải là một ký tự"),
    (["import", "--dry-run", "--encoding", "base64", "x.csv"], "Lỗi: --encoding: không biết bảng mã “base64”"),
    (["import", "--dry-run", "--encoding", "klingon", "x.csv"], "Lỗi: --encoding: không biết bảng mã “klingon”"),
])
def test_values_that_cannot_be_read_are_usage_errors_in_one_line(run, args, said):
    r = run(*args)
    assert r.code == 2, r.stderr
    assert r.stderr.startswith(said) and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr and "Lỗi không mong đợi" not in r.stderr


def test_english_says_the_same(run):
    r = run("task", "list", "--due-before", BAD_DAY, lang="en")
    assert r.code == 2 and r.stderr.strip() == "Error: --due-before: the date “31/02/2021” does not exist."
    r = run("report", "week", "--week", "xx", lang="en")
    assert r.code == 2 and r.stderr.startswith("Error: --week: cannot read the period “xx”: ")


def test_the_day_names_where_it_came_from(run):
    r = run("task", "list", today_=None, env={"TRACKER_TODAY": BAD_DAY})
    assert r.code == 2 and r.stderr.strip() == "Lỗi: TRACKER_TODAY: ngày “31/02/2021” không tồn tại."
    r = run("--today", "hôm nay", "task", "list", today_=None)
    assert r.code == 2 and r.stderr.startswith("Lỗi: --today: “hôm nay” không phải ngày")


def test_data_failures_stay_failures(run, office):
    """What the value names and the store refuses is no usage error: exit 1."""
    assert run("task", "show", "999").code == 1
    assert run("task", "done", "999", "--on", "15/06/2021").code == 1
    assert run("directive", "show", "1/XX").code == 1
    r = run("task", "list", "--unit", "QWERTY")
    assert r.code == 1 and "QWERTY" in r.stderr


def test_a_date_read_at_the_door_still_warns_of_a_short_year(run, office):
    from tracker.services.tasks import add_task

    t = add_task(office, directive="320-KL/TU", content="Việc", lead="TCKH", due="30/06/2021")
    r = run("task", "note", t.id, "Đã họp", "--on", "14/6/21")
    assert r.code == 0 and "năm ghi 2 chữ số, đã hiểu là năm 2021" in r.stderr
    assert "14/06/2021" in run("task", "show", t.id).stdout


def test_a_day_typed_without_its_year_is_in_the_run_s_year_and_said(run, office):
    """``--due-before 30/6`` is what a clerk types: the year of the run's today (DESIGN §4,
    "year from context"), with a warning naming the date it was read as — at the door of
    every date option, and in the services a form calls (the done date, a note's day)."""
    from tracker.services.tasks import add_task

    early = add_task(office, directive="320-KL/TU", content="Việc sớm", lead="TCKH", due="10/06/2021")
    late = add_task(office, directive="320-KL/TU", content="Việc muộn", lead="TCKH", due="30/09/2021")
    r = run("task", "list", "--due-before", "30/6", "--format", "csv")
    assert r.code == 0, r.stderr
    assert "Lưu ý: “30/6”: không ghi năm, đã hiểu là 30/06/2021." in r.stderr
    assert "Việc sớm" in r.stdout and "Việc muộn" not in r.stdout
    r = run("task", "list", "--due-after", "ngày 1-7", "--format", "csv")
    assert "đã hiểu là 01/07/2021" in r.stderr and "Việc muộn" in r.stdout and "Việc sớm" not in r.stdout
    r = run("task", "done", early.id, "--on", "9/6")
    assert r.code == 0 and "đã hiểu là 09/06/2021" in r.stderr
    assert "09/06/2021" in run("task", "show", early.id).stdout
    r = run("task", "list", "--due-before", "31/2")  # an impossible day is still refused
    assert r.code == 2 and r.stderr.strip() == "Lỗi: --due-before: ngày “31/2” không tồn tại."
    assert run("--today", "15/06/2022", "task", "list", "--due-before", "30/6", today_=None).stderr.count(
        "30/06/2022") == 1
    del late


def test_a_report_names_its_period_in_an_office_s_words_however_typed(run, office, tmp_path):
    """``--period "quy 2"`` counts the second quarter; the heading and the paper the
    chairman signs name it as an office writes it (Quý II/2021), not as it was typed; a
    --from/--to over a whole quarter is named too, any other span by its dates alone."""
    r = run("report", "summary", "--period", "quy 2", "--plain")
    assert r.code == 0 and "Kỳ báo cáo: Quý II/2021 (từ ngày 01/04/2021 đến ngày 30/06/2021)" in r.stdout
    r = run("report", "summary", "--from", "01/01/2021", "--to", "30/09/2021", "--plain")
    assert "Kỳ báo cáo: 9 tháng đầu năm 2021 (từ ngày 01/01/2021" in r.stdout
    r = run("report", "summary", "--from", "01/01/2021", "--to", "15/06/2021", "--plain")
    assert "Kỳ báo cáo: từ ngày 01/01/2021 đến ngày 15/06/2021," in r.stdout
    assert "Kỳ: tháng 05/2021 (từ ngày 01/05/2021" in run("report", "backlog", "--period", "thang 5").stdout
    paper = tmp_path / "q2.docx"
    assert run("report", "summary", "--period", "quy 2", "-o", str(paper)).code == 0
    import docx

    texts = [p.text for p in docx.Document(str(paper)).paragraphs[:4]]
    assert "Tình hình thực hiện nhiệm vụ Quý II/2021" in texts and not any("quy 2" in t for t in texts)
