"""The command line speaks the user's words and its closest matches help (issue 17)."""
import json
import re

import pytest


def test_directive_closest_by_letters_and_digits(office, run):
    r = run("directive", "show", "320 kl/tu")
    assert r.code == 1 and "Gần nhất: 320-KL/TU@04/12/2019" in r.stderr
    r = run("directive", "show", "67/KH-UBNX")
    assert "67/KH-UBND@10/01/2020" in r.stderr


def test_lead_like_a_department_suggests_departments(office, run):
    r = run("task", "add", "X", "--directive", "320-KL/TU", "--lead", "Phòng Ma")
    assert r.code == 1
    hint = r.stderr.split("Gần nhất:", 1)[1]
    assert "Phòng" in hint and "Phường 5" not in hint


def test_unknown_import_header_names_the_nearest_column(office, run, tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("Số ký hiệu,Nội dung,Đơn vị chủ trì,Ghi chu them\n320-KL/TU,Việc,TCKH,x\n",
                 encoding="utf-8")
    r = run("import", "--dry-run", "--kind", "tasks", f)
    assert 'không biết cột "Ghi chu them"; có phải là: Ghi chú?' in r.stderr
    assert "Lý do hủy" not in r.stderr  # not the whole list of columns


@pytest.mark.parametrize("args,words", [
    (["-o", "{d}/x.xls"], "Excel 97-2003"),
    (["-o", "{d}/x.txt"], "đuôi .txt"),
    (["-o", "{d}/x.csv", "--format", "xlsx"], "--format là xlsx"),
])
def test_export_writes_what_the_name_says_or_refuses(office, run, tmp_path, args, words):
    out = tmp_path / "out"
    out.mkdir()
    r = run("export", *[a.format(d=out) for a in args])
    assert r.code == 2 and words in r.stderr
    assert list(out.iterdir()) == []
    assert run("export", "--kind", "units", "-o", out / "u.xlsx").code == 0
    assert (out / "u.xlsx").read_bytes()[:2] == b"PK"


def test_messages_name_options_and_no_click_type_names(office, run):
    from tracker.services.tasks import add_task

    t = add_task(office, directive="320-KL/TU", content="Việc", lead="TCKH", due="30/06/2021")
    r = run("task", "done", t.id, "--on", "31/02/2021")
    # the field in the user's words: the option typed or its name, never the code's "on:"
    assert r.code == 2 and "ngày “31/02/2021” không tồn tại" in r.stderr
    assert "Lỗi: on:" not in r.stderr and ("--on:" in r.stderr or "Ngày hoàn thành:" in r.stderr)
    r = run("task", "list", "--due-before", "31/02/2021")
    assert "--due-before: ngày" in r.stderr
    r = run("task", "note", t.id, "x", "--percent", "abc")
    assert r.code == 2 and "'abc' không phải là số" in r.stderr and "integer" not in r.stderr


def test_only_sqlite_and_postgresql(make_run):
    r = make_run("mysql://u:p@localhost/office")("task", "list")
    assert r.code == 1 and "chỉ hỗ trợ SQLite" in r.stderr and "PostgreSQL" in r.stderr
    assert "pip install" not in r.stderr


def test_unknown_type_code_refused_with_the_known_ones(office, run):
    r = run("directive", "add", "1/ZZ-UBND", "--type", "ZZ", "--issuer", "UBND thành phố",
            "--date", "01/03/2021", "--title", "Thử")
    assert r.code == 1 and "“ZZ”" in r.stderr and "QĐ" in r.stderr and "KL" in r.stderr
    assert "1/ZZ-UBND" not in run("directive", "list").stdout
    ok = run("directive", "add", "2/QD-UBND", "--type", "qd", "--issuer", "UBND thành phố",
             "--date", "01/03/2021", "--title", "Thử")
    assert ok.code == 0
    assert run("directive", "show", "2/QD-UBND", lang="en").stdout.count("QĐ") >= 1
    r = run("directive", "edit", "2/QD-UBND", "--type", "XY")
    assert r.code == 1 and "“XY”" in r.stderr


def test_a_deadline_that_cannot_be_read_names_the_option_typed(run, office):
    """The services name the field ("deadline", "extension"); the command line says the
    option the person typed (--due, --to), the app the field's words."""
    r = run("task", "add", "Việc", "--directive", "67/KH-UBND", "--lead", "TCKH", "--due", "trước ngày bla")
    assert r.code == 1 and "--due: " in r.stderr and "----" not in r.stderr
    added = run("task", "add", "Việc", "--directive", "67/KH-UBND", "--lead", "TCKH", "--due", "30/12/2021")
    tid = re.search(r"#(\d+)", added.stdout + added.stderr).group(1)
    r = run("task", "extend", tid, "--to", "bla", "--reason", "x")
    assert r.code == 1 and "--to: " in r.stderr and "----" not in r.stderr, r.stderr


def test_a_mistyped_option_is_answered_in_vietnamese_with_its_nearest(office, run):
    """Click's "Did you mean …?" in the interface language, not English beside Vietnamese."""
    r = run("task", "add", "--note", "x")
    assert r.code == 2 and "Không có tùy chọn '--note'. Có phải là '--notes'?" in r.stderr
    assert "Did you mean" not in r.stderr
    r = run("task", "list", "--du-before", "30/06/2021")
    assert r.code == 2 and "Có phải là" in r.stderr and "Did you mean" not in r.stderr


def test_a_notes_day_that_is_none_is_named_as_the_notes(office, run):
    """`task note --on 31/2/2021`: the note's day, not the done date ("Ngày hoàn thành") —
    on the command line the option typed (a usage error); in the app the field's words."""
    from tracker.services.tasks import add_task

    t = add_task(office, directive="320-KL/TU", content="Việc", lead="TCKH", due="30/06/2021")
    r = run("task", "note", t.id, "Đã họp", "--on", "31/2/2021")
    assert r.code == 2 and "--on: ngày “31/2/2021” không tồn tại." in r.stderr
    assert "Ngày hoàn thành" not in r.stderr
    from tracker.services.errors import ValidationError
    from tracker.services.tasks import add_note

    with pytest.raises(ValidationError) as refused:  # (what the app's note form says)
        add_note(office, t.id, "Đã họp", on="31/2/2021")
    assert refused.value.message() == "Ngày ghi tiến độ: ngày “31/2/2021” không tồn tại."


# --- the help of every command, in both languages ---------------------------------------
# Each command module says its help in the language it was imported in, so the tree is read
# in a process of its own per language.
_DUMP = r"""
import json, sys
import click
from tracker import i18n
i18n.set_lang(sys.argv[1])
from tracker.cli import click_vi
click_vi.install()
from tracker.cli.main import build_cli

def walk(cmd, path, ctx):
    yield path, cmd, ctx
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            yield from walk(sub, path + [name], click.Context(sub, info_name=name, parent=ctx))

root = build_cli()
out = []
for path, cmd, ctx in walk(root, [], click.Context(root, info_name="tracker", max_content_width=100,
                                                    terminal_width=100)):
    params = []
    for p in cmd.params:
        record = p.get_help_record(ctx) if isinstance(p, click.Option) else None
        params.append(dict(
            name=p.name, option=isinstance(p, click.Option), opts=p.opts,
            flag=bool(isinstance(p, click.Option) and (p.is_flag or p.count)),
            choice=isinstance(p.type, click.Choice), metavar=p.metavar,
            help=getattr(p, "help", None) or "", record=list(record) if record else None,
            shows_default=bool(isinstance(p, click.Option) and p.show_default),
            ours=p.name not in ("help", "version")))
    out.append(dict(path=" ".join(path), help=cmd.help or "", group=isinstance(cmd, click.Group),
                    subcommands=cmd.list_commands(ctx) if isinstance(cmd, click.Group) else [],
                    text=cmd.get_help(ctx), params=params))
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def help_tree():
    import json
    import os
    import subprocess
    import sys

    trees = {}
    for lang in ("vi", "en"):
        env = {**os.environ, "COLUMNS": "100"}
        env.pop("TRACKER_LANG", None)
        done = subprocess.run([sys.executable, "-c", _DUMP, lang], capture_output=True,
                              text=True, env=env, check=True)
        trees[lang] = {c["path"]: c for c in json.loads(done.stdout)}
    return trees


# Click's words for a value's kind, and the English names the commands once had
ENGLISH_PLACEHOLDERS = re.compile(
    r"\b(TEXT|INTEGER|RANGE|FLOAT|CHAR|CODEC|REF|FILE|PATH|DIRECTORY|DIR|CODE|NAME|NUMBER|"
    r"CONTENT|OLD|INTO|COUNT|TASK_ID|REC_ID|KEY|OPTIONS|COMMAND|ARGS)\b|required")


def test_vietnamese_help_has_no_english_placeholders(help_tree):
    """`[required]`, `INTEGER RANGE`, `TEXT`, `CODE NAME`, `FILE...` in the Vietnamese help."""
    found = {path: sorted({m.group(0) for m in ENGLISH_PLACEHOLDERS.finditer(c["text"])})
             for path, c in help_tree["vi"].items()}
    assert {p: f for p, f in found.items() if f} == {}
    assert "[bắt buộc]" in help_tree["vi"]["directive add"]["text"]
    assert "[1990<=x<=2100]" in help_tree["vi"]["programme import"]["text"]  # (a range: no English)
    assert "tracker unit add [TÙY_CHỌN] MÃ TÊN" in help_tree["vi"]["unit add"]["text"]


def test_every_value_is_named_in_the_catalogues_words(help_tree):
    """Every option that takes a value and every argument has its placeholder given (from
    the catalogue, or a choice list): never Click's type name."""
    for lang in ("vi", "en"):
        bare = [(path, p["name"]) for path, c in help_tree[lang].items() for p in c["params"]
                if p["ours"] and not p["flag"] and not p["choice"] and not p["metavar"]]
        assert bare == [], lang


@pytest.mark.parametrize("lang,files,file", [("vi", "TỆP…", "TỆP"), ("en", "FILE…", "FILE")])
def test_files_are_named_one_way(help_tree, lang, files, file):
    tree = help_tree[lang]
    assert tree["import"]["text"].split("\n", 1)[0].endswith(" " + files)
    assert tree["extract"]["text"].split("\n", 1)[0].endswith(" " + files)
    assert tree["programme import"]["text"].split("\n", 1)[0].endswith(" " + file)
    assert tree["db restore"]["text"].split("\n", 1)[0].endswith(" " + file)
    assert tree["db backup"]["text"].split("\n", 1)[0].endswith(f" [{file}]")
    # the argument is said in the help, not only in the usage line
    for path in ("db backup", "db restore"):
        assert f"\n  {file}: " in tree[path]["text"], (lang, path)


def test_every_option_says_what_it_is(help_tree):
    """`directive edit` and `task edit` had options without a word of help."""
    for lang in ("vi", "en"):
        silent = [(path, p["opts"][0]) for path, c in help_tree[lang].items()
                  for p in c["params"] if p["option"] and p["ours"] and not p["help"].strip()]
        assert silent == [], lang
    def record(lang, path, option):
        return next(p["record"] for p in help_tree[lang][path]["params"] if option in p["opts"])

    assert record("vi", "directive edit", "--issuer") == ["--issuer TÊN", "Cơ quan ban hành"]
    assert record("en", "task edit", "--lead")[1].startswith("Lead unit")


def test_summaries_and_option_help_are_written_alike(help_tree):
    """A one-line summary (a help's first paragraph) ends without a full stop and every help
    begins with a capital."""
    for lang in ("vi", "en"):
        for path, c in help_tree[lang].items():
            if not path:
                continue
            summary = c["help"].partition("\n\n")[0].strip()
            assert summary and not summary.endswith("."), (lang, path, summary)
            assert summary[0].isupper(), (lang, path, summary)
            for p in c["params"]:
                words = p["help"].strip()
                if p["option"] and p["ours"]:
                    assert not words.endswith("."), (lang, path, p["opts"])
                    assert not words[0].isalpha() or words[0].isupper(), (lang, path, p["opts"])


def test_a_default_is_said_once(help_tree):
    """`--width … (mặc định 100)  [mặc định: 100; x>=40]`."""
    for lang, word in (("vi", "mặc định"), ("en", "default")):
        twice = [(path, p["opts"][0]) for path, c in help_tree[lang].items() for p in c["params"]
                 if p["record"] and p["record"][1].lower().count(word) > 1]
        assert twice == [], lang


def test_group_summaries_name_every_subcommand(help_tree):
    en, vi = help_tree["en"], help_tree["vi"]
    for group in ("db", "report"):
        summary = en[group]["help"]
        assert [s for s in en[group]["subcommands"] if s not in summary] == [], summary
    assert "sao chép" in vi["db"]["help"] and "khôi phục" in vi["db"]["help"]
    assert "tồn đọng" in vi["report"]["help"] and "giao ban tuần" in vi["report"]["help"]


@pytest.mark.parametrize("lang,words", [("vi", "Có phải là"), ("en", "Did you mean")])
def test_a_command_that_is_none_names_the_one_meant(run, lang, words):
    r = run("db", "upgrade", lang=lang)
    assert r.code == 2 and f"{words} 'migrate'?" in r.stderr
    r = run("tsak", "list", lang=lang)  # (the top level is loaded lazily: Click had no names)
    assert r.code == 2 and f"{words} 'task'?" in r.stderr
    r = run("upgrade", lang=lang)
    assert r.code == 2 and f"{words} 'db migrate'?" in r.stderr


def test_a_folder_for_a_backup_file_is_said_plainly(sqlite_url, make_run, tmp_path):
    """(SQLite: a PostgreSQL store is backed up by pg_dump, said before any file is looked at.)"""
    run = make_run(sqlite_url)
    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    before = sorted(tmp_path.iterdir())
    r = run("db", "backup", tmp_path)
    assert r.code == 2 and f"“{tmp_path}” là một thư mục" in r.stderr
    assert "Giá trị không hợp lệ" not in r.stderr and "[FILE]" not in r.stderr
    assert sorted(tmp_path.iterdir()) == before
    r = run("db", "restore", tmp_path, "--yes", lang="en")
    assert r.code == 2 and f"“{tmp_path}” is a folder" in r.stderr and "'FILE'" not in r.stderr


@pytest.mark.parametrize("args,hint", [
    (["task", "add", "Việc", "--directive", "320-KL/TU", "--lead", "QWERTY"], "tracker unit list"),
    (["task", "list", "--unit", "QWERTY"], "tracker unit list"),
    (["report", "overdue", "--unit", "QWERTY"], "tracker unit list"),
    (["task", "add", "Việc", "--directive", "QWERTY", "--lead", "TCKH"], "tracker directive list"),
])
def test_a_name_with_nothing_close_says_where_the_names_are(office, run, args, hint):
    """"Không có đơn vị “QWERTY”. Gần nhất: -": with nothing close, no empty "closest" but
    the command that lists the names."""
    r = run(*args)
    assert r.code == 1 and "“QWERTY”" in r.stderr and hint in r.stderr, r.stderr
    assert "Gần nhất" not in r.stderr and ": -" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    en = run(*args, lang="en")
    assert "Closest" not in en.stderr and ": -" not in en.stderr and hint in en.stderr
    # something close is still offered as before
    close = run(*[a.replace("QWERTY", "TCKHH" if hint.endswith("unit list") else "320-KL") for a in args])
    assert "Gần nhất: " in close.stderr or close.code == 0


def test_an_import_row_naming_nothing_close_says_so_and_where_the_names_are(office, run, tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("Số ký hiệu,Nội dung,Đơn vị chủ trì,Thời hạn\n320-KL/TU,Việc thử,QWERTY,30/06/2021\n"
                 "QWERTY/XX,Việc thử 2,TCKH,30/06/2021\n", encoding="utf-8")
    r = run("import", "--dry-run", "--kind", "tasks", f)
    assert r.code == 1
    assert 'không biết đơn vị "QWERTY", cũng không có đơn vị nào tên gần giống.' in r.stderr
    assert "cũng không có văn bản nào số, ký hiệu gần giống." in r.stderr
    assert "gần nhất: -" not in r.stderr and "gần nhất: ." not in r.stderr
    assert r.stderr.count("Xem các đơn vị: tracker unit list") == 1
    assert r.stderr.count("Xem các văn bản: tracker directive list") == 1
    import json

    data = json.loads(run("import", "--dry-run", "--kind", "tasks", "--json", f).stdout)
    assert [p["key"] for p in data["problems"]] == ["import.unknown_unit", "import.unknown_directive"]


def test_a_western_code_page_is_named_as_it_is(run, tmp_path):
    """A units file Excel saved on a Western Windows (cp1252) was said to be "bảng mã
    cp1250" — or read as Baltic cp1257, its header "Mã" as "Mć"."""
    plain = tmp_path / "units.csv"
    plain.write_bytes("Mã;Tên\nHT;Ban “Hợp tác” – Café\n".replace("ợ", "o").encode("cp1252"))
    r = run("import", "--dry-run", "--kind", "units", plain)
    assert r.code == 0 and "bảng mã cp1252" in r.stderr and "cp1250" not in r.stderr, r.stderr
    accents = tmp_path / "units2.csv"
    accents.write_bytes("Mã;Tên\nFR;Café crème brûlée déjà vu à la carte\n".encode("cp1252"))
    r = run("import", "--dry-run", "--kind", "units", accents)
    assert r.code == 0 and "bảng mã cp1252" in r.stderr and "Mć" not in r.stderr, r.stderr


def test_type_named_in_words_as_the_import_reads_it(office, run):
    """--type takes the type's name too ('Kết luận', 'Thông báo kết luận', 'Công văn'), as a
    directive sheet's type cell is read."""
    for number, typed, shown in (("5/KL-UBND", "Kết luận", "KL"), ("6/TB-UBND", "thong bao ket luan", "TB"),
                                 ("7/UBND-VP", "Công văn", ""), ("8/KH-UBND", "Plan", "KH")):
        r = run("directive", "add", number, "--type", typed, "--issuer", "UBND thành phố",
                "--date", "01/03/2021", "--title", "Thử")
        assert r.code == 0, r.stderr
        assert json.loads(run("directive", "show", number, "--format", "json").stdout)["type"] == shown
    r = run("directive", "edit", "5/KL-UBND", "--type", "Chỉ thị")
    assert r.code == 0 and json.loads(run("directive", "show", "5/KL-UBND", "--format", "json").stdout)["type"] == "CT"


def test_type_names_read_into_codes():
    from tracker.domain.docnumbers import TYPE_NAMES, known_type_code

    for code, (vi, en) in TYPE_NAMES.items():
        if code != "CV":  # (a Công văn's name: a state one, no code)
            assert known_type_code(vi) == known_type_code(en) == code, (code, vi, en)
    assert known_type_code("ket  luan") == "KL" and known_type_code("Công văn") == ""
    assert known_type_code("Thông báo kết luận") == "TB" and known_type_code("Báo cáo tổng hợp") is None


def test_swapped_due_dates_are_refused_not_an_empty_list(office, run, tmp_path):
    """--due-after later than --due-before matched nothing: an empty list (or an export of 0
    tasks) that read as "no such work"; refused, as the reports refuse --from after --to."""
    from tracker.services.tasks import add_task

    add_task(office, directive="320-KL/TU", content="Việc", lead="TCKH", due="15/02/2021")
    for argv in (["task", "list"], ["export", "tasks", "-o", str(tmp_path / "x.csv")]):
        r = run(*argv, "--due-after", "31/03/2021", "--due-before", "01/01/2021")
        assert r.code == 2 and "Hạn từ 31/03/2021 sau hạn đến 01/01/2021" in r.stderr, r.stderr
    assert not (tmp_path / "x.csv").exists()
    r = run("task", "list", "--due-after", "01/01/2021", "--due-before", "31/03/2021", "--format", "ids")
    assert r.code == 0 and len(r.stdout.split()) == 1


def test_due_bounds_take_a_period_as_the_reports_do(office, run, tmp_path):
    """`--due-after "quý I/2021" --due-before "quý I/2021"`: the quarter's first and last days,
    as a report's --from/--to take a period — it was "not a date"; a word that is neither
    still says the date it expected."""
    from tracker.services.tasks import add_task

    ids = [add_task(office, directive="320-KL/TU", content=f"Việc {d}", lead="TCKH", due=d).id
           for d in ("31/12/2020", "01/01/2021", "31/03/2021", "01/04/2021")]
    r = run("task", "list", "--due-after", "quý I/2021", "--due-before", "quý I/2021", "--format", "ids")
    assert r.code == 0 and [int(x) for x in r.stdout.split()] == ids[1:3], r.stderr
    r = run("export", "tasks", "-o", str(tmp_path / "q.csv"), "--due-before", "năm 2020")
    assert r.code == 0 and "1 nhiệm vụ" in r.stderr
    r = run("task", "list", "--due-before", "tháng 13")
    assert r.code == 2 and "--due-before: “tháng 13” không phải ngày" in r.stderr
