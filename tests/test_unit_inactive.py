"""A unit no longer active (a ward merged away, 2025's reform): the open work it still leads
is said when it is set inactive, and work still to do given to it is said wherever a task is
given — a command, the app's form and its live check, an import row.  Finished work in an old
sheet is history: not said."""
import json

from tracker.services import units


def test_setting_a_unit_inactive_says_the_open_work_it_leads(office, run):
    from tracker.services.tasks import add_task, complete_task

    first = add_task(office, directive="67/KH-UBND", content="Giải phóng mặt bằng", lead="P5", due="30/06/2021")
    done = add_task(office, directive="67/KH-UBND", content="Báo cáo", lead="P5", due="30/03/2021")
    complete_task(office, done.id, on="20/03/2021")
    res = run("unit", "edit", "P5", "--inactive")
    assert res.code == 0, res.stderr
    assert f"P5 còn chủ trì 1 nhiệm vụ chưa xong (#{first.id})" in res.stderr
    assert f"tracker task edit {first.id} --lead" in res.stderr  # (and how to move them)
    res = run("unit", "edit", "TNMT", "--inactive")  # (nothing to do there: nothing said)
    assert res.code == 0 and "chủ trì" not in res.stderr


def test_open_work_given_to_an_inactive_unit_is_said_every_way_in(office, run, tmp_path):
    from tracker.services.tasks import check_task

    units.edit_unit(office, "P5", active=False)
    res = run("task", "add", "Rà soát hồ sơ", "--directive", "67/KH-UBND", "--lead", "Phường 5",
              "--due", "30/06/2021")
    assert res.code == 0 and "P5 (UBND Phường 5) đã ngừng hoạt động" in res.stderr
    # one --support naming two units is two units (as the form's field and a sheet's cell)
    res = run("task", "add", "Kiểm tra", "--directive", "67/KH-UBND", "--lead", "TCKH",
              "--support", "QLDT, Phường 5", "--due", "30/06/2021")
    assert res.code == 0, res.stderr
    assert "P5 (UBND Phường 5) đã ngừng hoạt động" in res.stderr
    shown = json.loads(run("task", "show", res.stdout.strip(), "--format", "json").stdout)
    assert shown["support"] == ["QLDT", "P5"]
    # the app's form asks the same check as it is typed
    plan = check_task(office, directive="67/KH-UBND", content="Việc khác", lead="P5", due="30/06/2021")
    assert [(p.key, p.field) for p in plan.problems] == [("unit.inactive", "lead")]
    # an import: open rows said, a finished one (history) not
    sheet = tmp_path / "tasks.csv"
    sheet.write_text("Văn bản,Nội dung,Chủ trì,Phối hợp,Thời hạn,Tình trạng,Ngày hoàn thành\n"
                     "67/KH-UBND,Việc mới A,Phường 5,,30/06/2021,,\n"
                     "67/KH-UBND,Việc cũ B,Phường 5,,30/03/2021,Hoàn thành,20/03/2021\n"
                     "67/KH-UBND,Việc mới C,TCKH,Phường 5,30/06/2021,,\n", encoding="utf-8")
    res = run("import", str(sheet))
    assert res.code == 0, res.stderr
    said = [line for line in res.stderr.splitlines() if "ngừng hoạt động" in line]
    assert len(said) == 2 and "dòng 2, cột \"Chủ trì\"" in said[0] and "dòng 4, cột \"Phối hợp\"" in said[1]


def test_an_update_sheet_giving_open_work_to_an_inactive_unit_says_so(office, run, tmp_path):
    """An update sheet (ID and the cells that move) does not say whether its task is open:
    the stored task does — an open one given to a merged ward is said, as `task edit` says it;
    a finished one moved for the record is not."""
    from tracker.services.tasks import add_task, complete_task

    open_task = add_task(office, directive="67/KH-UBND", content="Giải phóng mặt bằng", lead="TCKH", due="30/06/2021")
    other = add_task(office, directive="67/KH-UBND", content="Kiểm tra hồ sơ", lead="TCKH", due="30/06/2021")
    done = add_task(office, directive="67/KH-UBND", content="Báo cáo", lead="TCKH", due="30/03/2021")
    complete_task(office, done.id, on="20/03/2021")
    units.edit_unit(office, "P5", active=False)
    sheet = tmp_path / "update.csv"
    sheet.write_text(f"ID,Chủ trì,Phối hợp\n{open_task.id},Phường 5,\n{other.id},,\"QLDT, Phường 5\"\n"
                     f"{done.id},Phường 5,\n", encoding="utf-8")
    res = run("import", "--update", str(sheet))
    assert res.code == 0, res.stderr
    said = [line for line in res.stderr.splitlines() if "ngừng hoạt động" in line]
    assert len(said) == 2, res.stderr
    assert "dòng 2, cột \"Chủ trì\"" in said[0] and "dòng 3, cột \"Phối hợp\"" in said[1]
    # each updated task is said once: the lead's moves on their own line, no "and 1 other"
    assert f"nhiệm vụ #{open_task.id} đổi đơn vị chủ trì TCKH → P5" in res.stderr
    assert "nhiệm vụ khác được cập nhật" not in res.stderr
