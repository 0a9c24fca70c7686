"""A code, a name and an alias each name one unit only (as the matcher reads a name: no
case, no diacritics, no punctuation) — on add, edit and import — and an import never moves
a task to another lead unit without saying so, row by row."""
from __future__ import annotations

import pytest

from tracker.services.errors import ValidationError
from tracker.services.units import add_unit, edit_unit, name_clash
from tracker.store.tables import task as T


@pytest.mark.parametrize("code,name,aliases,owner,what", [
    ("X2", "Phòng TC-KH", (), "TCKH", "tên gọi khác"),            # the case: an alias
    ("X2", "phong tai chinh - ke hoach", (), "TCKH", "tên"),      # a name, folded
    ("tnmt", "Phòng mới", (), "TNMT", "mã"),                       # a code, any case
    ("X3", "Phòng mới", ("QLĐT",), "QLDT", "tên gọi khác"),        # an alias of the new one
    ("X4", "Phòng mới", ("qldt",), "QLDT", "mã"),                  # … that is another's code
    # as the matcher reads names: punctuation and leading zeros aside (a new "Phòng Tài chính
    # Kế hoạch" made "phong tai chinh" match two units; "P05" is Phường 5 to every lookup)
    ("X5", "Phòng Tài chính Kế hoạch", (), "TCKH", "tên"),
    ("P05", "Phường Năm", (), "P5", "mã"),
])
def test_add_refuses_a_name_another_unit_owns(office, code, name, aliases, owner, what):
    with pytest.raises(ValidationError) as exc:
        add_unit(office, code, name, aliases=aliases)
    said = exc.value.message()
    assert exc.value.key == "unit.name_taken" and f"đơn vị {owner} (" in said and what in said
    with office.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM unit WHERE code = ?" if office.dialect == "sqlite"
                                    else "SELECT count(*) FROM unit WHERE code = %s", (code,)).scalar() == 0


def test_edit_refuses_a_taken_name_and_accepts_its_own(office):
    with pytest.raises(ValidationError) as exc:
        edit_unit(office, "TNMT", add_aliases=["Phòng TC-KH"])
    assert "TCKH" in exc.value.message()
    with pytest.raises(ValidationError):
        edit_unit(office, "TNMT", name="Phòng Quản lý Đô thị")
    # its own names again (another case): no clash
    u = edit_unit(office, "TCKH", add_aliases=["tc-kh", "Phòng Tài chính"])
    assert "Phòng Tài chính" in u.aliases


def test_name_clash_is_one_rule_for_every_way_in():
    from tracker.domain.unitmatch import UnitEntry

    units = [UnitEntry(1, "TCKH", "Phòng Tài chính - Kế hoạch", ("Phòng TC-KH",)),
             UnitEntry(2, "TNMT", "Phòng Tài nguyên và Môi trường", ())]
    assert name_clash(units, None, ["PHÒNG tc-kh"]).owner.code == "TCKH"
    assert name_clash(units, 1, ["Phòng TC-KH"]) is None  # its own
    assert name_clash(units, None, ["Phòng Nội vụ", ""]) is None


def test_cli_add_is_refused_and_the_alias_still_finds_its_unit(office, run):
    r = run("unit", "add", "X2", "Phòng TC-KH")
    assert r.code == 1 and "TCKH" in r.stderr
    r = run("unit", "add", "X2", "Phòng TC-KH", lang="en")
    assert "is already the alias of unit TCKH" in r.stderr


def test_an_import_cannot_give_a_unit_anothers_name(office, tmp_path, run):
    f = tmp_path / "units.csv"
    f.write_text("Mã,Tên đơn vị,Tên khác\nX2,Phòng Kế hoạch mới,Phòng TC-KH\n", encoding="utf-8")
    r = run("import", f)
    assert r.code == 1 and "dòng 2" in r.stderr and "TCKH" in r.stderr and "Tên khác" in r.stderr
    with office.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM unit").scalar() == 4
    g = tmp_path / "units2.csv"  # a row that renames a unit to another's name
    g.write_text("Mã,Tên đơn vị\nTNMT,Phòng Quản lý đô thị\n", encoding="utf-8")
    r = run("import", "--update", g)
    assert r.code == 1 and "QLDT" in r.stderr


def test_an_import_lists_every_lead_change(office, tmp_path, run):
    from tracker.services.tasks import add_task

    a = add_task(office, content="Lập kế hoạch vốn", directive="320-KL/TU", lead="TCKH", due="30/06/2021")
    b = add_task(office, content="Rà soát đất công", directive="320-KL/TU", lead="TNMT", due="30/06/2021")
    f = tmp_path / "tasks.csv"
    f.write_text("ID,Số, ký hiệu văn bản,Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn\n".replace(
        "Số, ký hiệu văn bản", '"Số, ký hiệu văn bản"')
        + f"{a.id},320-KL/TU,Lập kế hoạch vốn,QLDT,30/06/2021\n"
        + f"{b.id},320-KL/TU,Rà soát đất công,TNMT,30/06/2021\n", encoding="utf-8")
    r = run("import", "--update", f)
    assert r.code == 0, r.stderr
    lines = [x for x in r.stderr.splitlines() if "đổi đơn vị chủ trì" in x]
    assert lines == [f"{f}, dòng 2: nhiệm vụ #{a.id} đổi đơn vị chủ trì TCKH → QLDT."]
    r = run("import", "--update", "--json", "--dry-run", f)
    import json

    assert json.loads(r.stdout)["files"][0]["lead_changes"] == []  # already done: nothing new
    with office.read() as conn:
        from sqlalchemy import select

        assert conn.execute(select(T.c.lead_unit_id).where(T.c.id == b.id)).scalar() is not None


def test_two_lead_units_in_one_cell_are_said_as_such(office, run, tmp_path):
    """A department writes two lead units in one cell: that is no name that could be either
    unit ('có thể là nhiều đơn vị'), but two — a task has one lead unit."""
    f = tmp_path / "nv.csv"
    f.write_text('"Số, ký hiệu văn bản",Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn\n'
                 '320-KL/TU,Rà soát,"Phòng TC-KH; Phòng QLĐT",30/06/2021\n', encoding="utf-8")
    r = run("import", f)
    assert r.code == 1
    assert ('"Phòng TC-KH; Phòng QLĐT" ghi nhiều đơn vị (TCKH (Phòng Tài chính - Kế hoạch), '
            'QLDT (Phòng Quản lý đô thị)); một nhiệm vụ có một đơn vị chủ trì') in r.stderr
    assert "có thể là nhiều đơn vị" not in r.stderr
    r = run("task", "add", "Rà soát", "--directive", "320-KL/TU", "--lead", "Phòng TC-KH và Phòng QLĐT", lang="en")
    assert r.code == 1 and "names several units" in r.stderr, r.stderr
