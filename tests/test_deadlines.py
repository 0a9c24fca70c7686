"""Deadlines as Vietnamese documents write them (DESIGN §4, issue 3).

The table holds real phrasings: from the 302/BC-UBND report of Đông Hà city (2020), from the
work programmes and notices of conclusions of People's Committees, and the variants clerks
type (no diacritics, capitals, NFD text pasted from PDFs, look-alike dashes and spaces)."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.calendar import WorkCalendar
from tracker.domain.dates import format_date
from tracker.domain.deadlines import Deadline, DeadlineError, parse_deadline
from tracker.i18n import t

D = dt.date
REF = D(2020, 12, 4)  # the date of 302/BC-UBND, a Friday
REF21 = D(2021, 1, 15)  # a directive of mid-January 2021, a Friday

# (words as written, reference date, expected date, kind, period)
TABLE = [
    # --- exact dates
    ("30/06/2021", None, D(2021, 6, 30), "exact", None),
    ("30-6-2021", None, D(2021, 6, 30), "exact", None),
    ("30.6.2021", None, D(2021, 6, 30), "exact", None),
    ("2021-06-30", None, D(2021, 6, 30), "exact", None),
    ("ngày 30 tháng 6 năm 2021", None, D(2021, 6, 30), "exact", None),
    ("Ngày 30 tháng 06 năm 2021", None, D(2021, 6, 30), "exact", None),
    ("trước ngày 10/12/2023", None, D(2023, 12, 10), "exact", None),
    ("Trước ngày 15/01/2021", None, D(2021, 1, 15), "exact", None),
    ("chậm nhất ngày 30-6", REF21, D(2021, 6, 30), "exact", None),
    ("trước 15/3", REF21, D(2021, 3, 15), "exact", None),
    ("trước 14 giờ, ngày 05/12/2017", None, D(2017, 12, 5), "exact", None),
    ("Hoàn thành trước ngày 31/12/2021", None, D(2021, 12, 31), "exact", None),
    ("Báo cáo kết quả về UBND thành phố (qua Văn phòng HĐND và UBND thành phố) trước ngày "
     "25/12/2020", None, D(2020, 12, 25), "exact", None),
    ("Chậm nhất ngày 20/12/2020", None, D(2020, 12, 20), "exact", None),
    ("trước 16 giờ 00 ngày 10/12/2020", None, D(2020, 12, 10), "exact", None),
    ("Trước 10h00, ngày 15/12/2020", None, D(2020, 12, 15), "exact", None),
    ("chậm nhất là ngày 15/7/2021", None, D(2021, 7, 15), "exact", None),
    ("Hoàn thành xong trước 30/4/2021", None, D(2021, 4, 30), "exact", None),
    ("Trước ngày 30 tháng 6 năm 2021", None, D(2021, 6, 30), "exact", None),
    ("Từ ngày 01/3/2021 đến ngày 30/6/2021", None, D(2021, 6, 30), "exact", None),
    ("Thời hạn: 31/3/2021", None, D(2021, 3, 31), "exact", None),
    ("Hạn chót 30/6", REF21, D(2021, 6, 30), "exact", None),
    ("trước ngày 10-12-2023", None, D(2023, 12, 10), "exact", None),
    ("ngày 10 tháng 12 năm 2023", None, D(2023, 12, 10), "exact", None),
    ("Trước ngày 20/12/2020 (theo Kế hoạch số 67/KH-HĐND ngày 16/11/2020)", None,
     D(2020, 12, 20), "exact", None),
    ("ngày 30 tháng 6", REF21, D(2021, 6, 30), "exact", None),
    ("Trước ngày 31/3/2021 (Quý I)", None, D(2021, 3, 31), "exact", None),
    ("trước 17h ngày 30/6/2021", None, D(2021, 6, 30), "exact", None),
    ("Thứ Tư, ngày 15/12/2021", None, D(2021, 12, 15), "exact", None),
    # --- months
    ("tháng 6/2021", None, D(2021, 6, 30), "period", "month"),
    ("Tháng 02/2021", None, D(2021, 2, 28), "period", "month"),
    ("tháng 2/2024", None, D(2024, 2, 29), "period", "month"),
    ("trong tháng 11/2019", None, D(2019, 11, 30), "period", "month"),
    ("Trong tháng 01/2021", None, D(2021, 1, 31), "period", "month"),
    ("Tháng 12 năm 2020", None, D(2020, 12, 31), "period", "month"),
    ("Cuối tháng 6/2021", None, D(2021, 6, 30), "period", "month"),
    ("Đến hết tháng 12/2021", None, D(2021, 12, 31), "period", "month"),
    ("trong tháng 12-2020", None, D(2020, 12, 31), "period", "month"),
    ("Tháng 11-2019", None, D(2019, 11, 30), "period", "month"),
    ("trong tháng 12", REF, D(2020, 12, 31), "period", "month"),
    ("06/2021", None, D(2021, 6, 30), "period", "month"),
    ("Trước tháng 6/2021", None, D(2021, 5, 31), "period", "month"),
    # 302/BC-UBND: "dự kiến khai trương trong tháng 12-2020"
    ("dự kiến khai trương trong tháng 12-2020", None, D(2020, 12, 31), "period", "month"),
    # --- quarters
    ("Quý II/2021", None, D(2021, 6, 30), "period", "quarter"),
    ("quý 2 năm 2021", None, D(2021, 6, 30), "period", "quarter"),
    ("Quý I/2021", None, D(2021, 3, 31), "period", "quarter"),
    ("Quý III/2021", None, D(2021, 9, 30), "period", "quarter"),
    ("Trong Quý IV/2020", None, D(2020, 12, 31), "period", "quarter"),
    ("Hoàn thành trong Quý II năm 2021", None, D(2021, 6, 30), "period", "quarter"),
    ("trong quý 3/2021", None, D(2021, 9, 30), "period", "quarter"),
    ("Quý 4 năm 2021", None, D(2021, 12, 31), "period", "quarter"),
    ("Quý IV-2020", None, D(2020, 12, 31), "period", "quarter"),
    ("Q2/2021", None, D(2021, 6, 30), "period", "quarter"),
    ("quý IV", REF, D(2020, 12, 31), "period", "quarter"),
    ("Thời gian hoàn thành: Quý I/2021", None, D(2021, 3, 31), "period", "quarter"),
    ("trước quý IV/2021", None, D(2021, 9, 30), "period", "quarter"),
    # --- halves and parts of a year
    ("6 tháng đầu năm 2021", None, D(2021, 6, 30), "period", "half_year"),
    ("06 tháng đầu năm 2021", None, D(2021, 6, 30), "period", "half_year"),
    ("6 tháng cuối năm", REF21, D(2021, 12, 31), "period", "half_year"),
    ("6 tháng cuối năm 2021", None, D(2021, 12, 31), "period", "half_year"),
    ("nửa đầu năm 2021", None, D(2021, 6, 30), "period", "half_year"),
    ("9 tháng đầu năm 2021", None, D(2021, 9, 30), "period", None),
    # --- years
    ("năm 2021", None, D(2021, 12, 31), "period", "year"),
    ("trong năm 2021", None, D(2021, 12, 31), "period", "year"),
    ("cuối năm 2021", None, D(2021, 12, 31), "period", "year"),
    ("Hết năm 2021", None, D(2021, 12, 31), "period", "year"),
    ("Từ nay đến cuối năm 2021", None, D(2021, 12, 31), "period", "year"),
    ("trong năm", REF21, D(2021, 12, 31), "period", "year"),
    ("trong năm nay", REF21, D(2021, 12, 31), "period", "year"),
    ("Trước năm 2025", None, D(2024, 12, 31), "period", "year"),
    ("giai đoạn 2021-2025", None, D(2025, 12, 31), "period", "year"),
    ("Giai đoạn 2021 - 2025", None, D(2025, 12, 31), "period", "year"),
    ("Năm 2021-2022", None, D(2022, 12, 31), "period", "year"),
    ("Năm 2021 và những năm tiếp theo", None, D(2021, 12, 31), "period", "year"),
    ("Tháng 12/2021 (trình HĐND thành phố tại kỳ họp cuối năm)", None, D(2021, 12, 31),
     "period", "month"),
    # 302/BC-UBND, as written in the report
    ("dự kiến sẽ đưa vào sử dụng trong năm 2020", None, D(2020, 12, 31), "period", "year"),
    ("đưa thành phố Đông Hà đạt đô thị loại II đến năm 2020", None, D(2020, 12, 31), "period",
     "year"),
    ("sách giáo khoa mới đến năm 2025 theo kế hoạch", None, D(2025, 12, 31), "period", "year"),
    ("ngay trong năm 2021", None, D(2021, 12, 31), "period", "year"),
    # --- relative to the directive's date (REF is a Friday)
    ("trong 10 ngày", REF, D(2020, 12, 14), "relative", None),
    ("trong vòng 05 ngày làm việc", REF, D(2020, 12, 11), "relative", None),
    ("trong 02 tuần", REF, D(2020, 12, 18), "relative", None),
    ("trong 03 tháng", REF, D(2021, 3, 4), "relative", None),
    ("Trong thời hạn 07 ngày làm việc kể từ ngày nhận được văn bản này", REF, D(2020, 12, 15),
     "relative", None),
    ("Trong vòng 10 ngày kể từ ngày ký", REF, D(2020, 12, 14), "relative", None),
    ("15 ngày kể từ ngày 01/3/2021", REF, D(2021, 3, 16), "relative", None),
    ("trong 30 ngày", REF, D(2021, 1, 3), "relative", None),
    ("Trong 01 tháng", REF, D(2021, 1, 4), "relative", None),
    ("Không quá 05 ngày làm việc", REF, D(2020, 12, 11), "relative", None),
    ("Sau 15 ngày", REF, D(2020, 12, 19), "relative", None),
    ("Trong 01 năm", REF, D(2021, 12, 4), "relative", None),
    ("trong 24 giờ", REF, D(2020, 12, 5), "relative", None),
    ("trong ngày", REF, D(2020, 12, 4), "relative", None),
    # months end on the same day of the last month, or its last day (Civil Code art. 147)
    ("trong 03 tháng", D(2020, 11, 30), D(2021, 2, 28), "relative", None),
    # working days skip Tết 2021 (10–16/02) ...
    ("trong 05 ngày làm việc", D(2021, 2, 8), D(2021, 2, 22), "relative", None),
    # ... and 30/4, 1/5 and the day off in lieu on Monday 03/05/2021
    ("trong 03 ngày làm việc", D(2021, 4, 29), D(2021, 5, 6), "relative", None),
    # --- ongoing
    ("thường xuyên", None, None, "ongoing", None),
    ("Thường xuyên", None, None, "ongoing", None),
    ("hằng năm", None, None, "ongoing", "year"),
    ("hàng năm", None, None, "ongoing", "year"),
    ("định kỳ hằng quý", None, None, "ongoing", "quarter"),
    ("Hằng tháng", None, None, "ongoing", "month"),
    ("hàng tuần", None, None, "ongoing", "week"),
    ("Định kỳ 6 tháng một lần", None, None, "ongoing", "half_year"),
    ("ngày 20 hằng tháng", None, None, "ongoing", "month"),
    ("trước ngày 15/12 hằng năm", None, None, "ongoing", "year"),
    ("Hằng quý (trước ngày 20 của tháng cuối quý)", None, None, "ongoing", "quarter"),
    ("Không thời hạn", None, None, "ongoing", None),
    ("Liên tục", None, None, "ongoing", None),
    ("Thường xuyên, theo dõi và báo cáo khi có yêu cầu", None, None, "ongoing", None),
    # --- the same, typed without diacritics, in capitals, NFD, with stray spaces/dashes
    ("truoc ngay 10/12/2023", None, D(2023, 12, 10), "exact", None),
    ("TRƯỚC NGÀY 10/12/2023", None, D(2023, 12, 10), "exact", None),
    (unicodedata.normalize("NFD", "Trước ngày 10/12/2023"), None, D(2023, 12, 10), "exact", None),
    ("  trước   ngày  10 / 12 / 2023 ", None, D(2023, 12, 10), "exact", None),
    ("trước\u00a0ngày\u00a010/12/2023", None, D(2023, 12, 10), "exact", None),
    ("30\u20136\u20132021", None, D(2021, 6, 30), "exact", None),
    ("Quy II/2021", None, D(2021, 6, 30), "period", "quarter"),
    ("QUÝ II/2021", None, D(2021, 6, 30), "period", "quarter"),
    (unicodedata.normalize("NFD", "Quý II/2021"), None, D(2021, 6, 30), "period", "quarter"),
    ("6 thang dau nam 2021", None, D(2021, 6, 30), "period", "half_year"),
    ("tháng 6\u20132021", None, D(2021, 6, 30), "period", "month"),
    ("trong vong 05 ngay lam viec", REF, D(2020, 12, 11), "relative", None),
    ("THUONG XUYEN", None, None, "ongoing", None),
    ("hang nam", None, None, "ongoing", "year"),
    # --- two months or quarters: due at the end of the later (was "6 - 7/2021", 6 July;
    # and the first quarter of "Quý II-III")
    ("Tháng 6 - 7/2021", None, D(2021, 7, 31), "period", "month"),
    ("tháng 6-7/2021", None, D(2021, 7, 31), "period", "month"),
    ("Trong tháng 6 và tháng 7 năm 2021", None, D(2021, 7, 31), "period", "month"),
    ("tháng 6/2021 - tháng 7/2021", None, D(2021, 7, 31), "period", "month"),
    ("tháng 11/2021 - 02/2022", None, D(2022, 2, 28), "period", "month"),
    ("Quý II-III/2021", None, D(2021, 9, 30), "period", "quarter"),
    ("quý III, IV năm 2021", None, D(2021, 12, 31), "period", "quarter"),
    ("Quý I/2021 - Quý II/2021", None, D(2021, 6, 30), "period", "quarter"),
    ("quý 2-3", REF, D(2021, 9, 30), "period", "quarter"),
]


def test_table_is_large_enough():
    assert len(TABLE) >= 80
    assert len({row[:2] for row in TABLE}) == len(TABLE)


@pytest.mark.parametrize("text,ref,expected,kind,period", TABLE, ids=[r[0][:40] for r in TABLE])
def test_phrase(text, ref, expected, kind, period):
    d = parse_deadline(text, ref_date=ref)
    assert (d.date, d.kind, d.period) == (expected, kind, period)
    assert d.text == unicodedata.normalize("NFC", " ".join(text.replace("\u00a0", " ").split())) \
        .replace("\u2013", "-")
    assert d.phrase and d.phrase in d.text


def test_words_are_kept_as_written_in_nfc():
    d = parse_deadline(unicodedata.normalize("NFD", "  Trước  ngày 10/12/2023 "))
    assert d.text == "Trước ngày 10/12/2023"
    assert unicodedata.is_normalized("NFC", d.text)


def test_hour_is_kept_as_written():
    assert parse_deadline("trước 14 giờ, ngày 05/12/2017").hour == "14 giờ"
    assert parse_deadline("Trước 10h00, ngày 15/12/2020").hour == "10h00"
    assert parse_deadline("trước 16 giờ 00 ngày 10/12/2020").hour == "16 giờ 00"
    assert parse_deadline("ngày 05/12/2017, trước 14 giờ 30").hour == "14 giờ 30"
    assert parse_deadline("trước ngày 05/12/2017").hour is None
    # an hour only goes with an exact date
    assert parse_deadline("trong 10 ngày, trước 17 giờ", REF).hour is None


def test_year_from_the_reference_date_rolls_forward_with_a_warning():
    d = parse_deadline("trước ngày 15/01", REF)  # written on 04/12/2020
    assert d.date == D(2021, 1, 15)
    assert d.warning_keys == ("deadline.year_next",)
    said = _said(d.warnings[0])
    assert "2021" in said and "04/12/2020" in said
    d = parse_deadline("quý I", REF)
    assert d.date == D(2021, 3, 31) and d.warning_keys == ("deadline.year_next",)
    # same year when it does not fall before the reference date: no warning
    d = parse_deadline("trước 15/3", REF21)
    assert d.date == D(2021, 3, 15) and d.warnings == ()


def test_a_second_deadline_is_reported_not_used():
    d = parse_deadline("Trước ngày 15/6/2021 và 15/12/2021")
    assert d.date == D(2021, 6, 15)
    assert d.warning_keys == ("deadline.second_ignored",)
    assert d.others == ("15/12/2021",)
    assert "15/12/2021" in _said(d.warnings[0])
    d = parse_deadline("Báo cáo sơ kết trước ngày 15/6/2021; tổng kết trước ngày 15/12/2021")
    assert (d.date, d.others) == (D(2021, 6, 15), ("15/12/2021",))
    d = parse_deadline("Quý II/2021; Quý IV/2021")
    assert (d.date, d.others) == (D(2021, 6, 30), ("Quý IV/2021",))
    # the same date said twice is not a second deadline
    assert parse_deadline("Quý II/2021 (trước ngày 30/6/2021)").warnings == ()
    # a second phrase that cannot be read is reported too
    d = parse_deadline("trước ngày 30/6/2021, chậm nhất 31/02/2021")
    assert d.date == D(2021, 6, 30) and len(d.others) == 1


def test_dates_of_cited_documents_are_not_deadlines():
    d = parse_deadline("Trước ngày 20/12/2020 (theo Kế hoạch số 67/KH-HĐND ngày 16/11/2020)")
    assert d.warnings == () and d.others == ()


def _said(warning, lang=None):
    """A deadline's warning — (key, fields) from the domain — as the edges say it."""
    from tracker.i18n import t

    key, fields = warning
    return t(key, lang=lang, **dict(fields))


def test_relative_details():
    d = parse_deadline("trong vòng 05 ngày làm việc", REF)
    assert (d.amount, d.unit, d.counted_from) == (5, "working_day", REF)
    d = parse_deadline("15 ngày kể từ ngày 01/3/2021", REF)
    assert (d.amount, d.unit, d.counted_from) == (15, "day", D(2021, 3, 1))
    assert d.phrase == "15 ngày kể từ ngày 01/3/2021"
    d = parse_deadline("Trong thời hạn 07 ngày làm việc kể từ ngày nhận được văn bản này", REF)
    assert d.warning_keys == ("deadline.counted_from_ref",)


def test_working_days_use_the_calendar_given():
    # the government swaps Friday 11/12/2020 for a Saturday: both are in the override table
    cal = WorkCalendar({D(2020, 12, 11): ("off", "Nghỉ bù"), D(2020, 12, 12): ("work", "Làm bù")})
    d = parse_deadline("trong vòng 05 ngày làm việc", REF, calendar=cal)
    assert d.date == D(2020, 12, 12)
    assert parse_deadline("trong vòng 05 ngày làm việc", REF).date == D(2020, 12, 11)


PERIOD_STARTS = [
    ("tháng 2/2024", D(2024, 2, 1)),
    ("Quý III/2021", D(2021, 7, 1)),
    ("6 tháng đầu năm 2021", D(2021, 1, 1)),
    ("6 tháng cuối năm 2021", D(2021, 7, 1)),
    ("3 tháng cuối năm 2021", D(2021, 10, 1)),
    ("9 tháng đầu năm 2021", D(2021, 1, 1)),
    ("năm 2020", D(2020, 1, 1)),
    ("giai đoạn 2021-2025", D(2021, 1, 1)),
    ("tháng 6 - 7/2021", D(2021, 6, 1)),
    ("Quý IV/2021 - Quý I/2022", D(2021, 10, 1)),
    ("trước ngày 10/12/2023", D(2023, 12, 10)),
    ("10/12/2023", D(2023, 12, 10)),
]


@pytest.mark.parametrize("text,start", PERIOD_STARTS)
def test_periods_know_their_first_day(text, start):
    assert parse_deadline(text).start == start


@pytest.mark.parametrize("text, first, last", [
    ("01/01/2021-31/03/2021", D(2021, 1, 1), D(2021, 3, 31)),
    ("01/01/2021 - 31/03/2021", D(2021, 1, 1), D(2021, 3, 31)),
    ("1/1/2021 đến 31/3/2021", D(2021, 1, 1), D(2021, 3, 31)),
    ("từ ngày 01/01/2021 đến ngày 31/03/2021", D(2021, 1, 1), D(2021, 3, 31)),
    ("Thực hiện từ 15/6 đến 30/9/2021", D(2021, 6, 15), D(2021, 9, 30)),
    ("30/6/2021 \u2013 30/9/2021", D(2021, 6, 30), D(2021, 9, 30)),
    ("01/12 - 31/01/2022", D(2021, 12, 1), D(2022, 1, 31)),
])
def test_two_days_are_a_span_due_by_the_later(text, first, last):
    """Two days joined as a span ("01/01/2021 - 31/03/2021") are the work's time: due by the
    later, as "tháng 6 - 7/2021" is — not the first day with the second said as ignored (a
    task due on 01/01 was overdue from the day it was imported); a report's --period so
    written is that span, not its first day."""
    d = parse_deadline(text, D(2021, 1, 1))
    assert (d.start, d.date, d.kind, d.warning_keys) == (first, last, "exact", ())
    # two deadlines ("và", ";") are still one deadline and a second said as ignored
    assert parse_deadline("trước 15/6/2021 và 15/12/2021").warning_keys == ("deadline.second_ignored",)
    with pytest.raises(DeadlineError, match="kỳ sau đứng trước"):
        parse_deadline("31/03/2021 - 01/01/2021")


@pytest.mark.parametrize("text, first, last", [
    ("từ tháng 6 đến tháng 12/2021", D(2021, 6, 1), D(2021, 12, 31)),
    ("Thời gian thực hiện: từ tháng 6 đến tháng 12/2021", D(2021, 6, 1), D(2021, 12, 31)),
    ("từ quý II đến quý IV/2021", D(2021, 4, 1), D(2021, 12, 31)),
    ("từ năm 2021 - 2025", D(2021, 1, 1), D(2025, 12, 31)),
])
def test_a_span_opened_by_tu_is_the_span_not_a_start(text, first, last):
    """"Từ tháng 6 đến tháng 12/2021", a plan's time as written, was refused as "only a start
    date": the "từ" was taken as opening a start, as before a lone date ("từ ngày 15/6/2021",
    still refused) — a span it opens is the span."""
    d = parse_deadline(text, D(2021, 1, 1))
    assert (d.start, d.date) == (first, last)
    with pytest.raises(DeadlineError, match="chỉ có ngày bắt đầu"):
        parse_deadline("từ tháng 6/2021", D(2021, 1, 1))


def test_date_objects_are_exact_deadlines():
    assert parse_deadline(D(2021, 6, 30)) == Deadline(date=D(2021, 6, 30), kind="exact",
                                                       text="30/06/2021", phrase="30/06/2021",
                                                       start=D(2021, 6, 30))
    assert parse_deadline(dt.datetime(2021, 6, 30, 14, 0)).date == D(2021, 6, 30)


ERRORS = [
    ("", None, "deadline.empty"),
    ("   ", None, "deadline.empty"),
    ("30/02/2021", None, "deadline.impossible_date"),
    ("trước ngày 31/04/2021", None, "deadline.impossible_date"),
    ("29/02/2021", None, "deadline.impossible_date"),
    ("ngày 32 tháng 1 năm 2021", None, "deadline.impossible_date"),
    ("Quý V/2021", None, "deadline.bad_quarter"),
    ("quý 5 năm 2021", None, "deadline.bad_quarter"),
    ("năm 0021", None, "deadline.bad_year"),
    ("30/6/021", None, "deadline.bad_year"),
    ("30/06/0021", None, "deadline.bad_year"),
    ("tháng 13/2021", None, "deadline.bad_month"),
    ("trong 10 ngày", None, "deadline.needs_ref_date"),
    ("trong vòng 05 ngày làm việc", None, "deadline.needs_ref_date"),
    ("trước 15/3", None, "deadline.needs_ref_date"),
    ("quý I", None, "deadline.needs_ref_date"),
    ("6 tháng cuối năm", None, "deadline.needs_ref_date"),
    ("đầu tháng 7/2021", None, "deadline.vague"),
    ("giữa năm 2021", None, "deadline.vague"),
    ("sau ngày 30/6/2021", None, "deadline.start_only"),
    ("Từ ngày 01/3/2021", None, "deadline.start_only"),
    ("khi có yêu cầu", None, "deadline.unreadable"),
    ("Theo tiến độ dự án", None, "deadline.unreadable"),
    ("Triển khai ngay", None, "deadline.unreadable"),
    ("Trước Tết Nguyên đán Tân Sửu", None, "deadline.unreadable"),
    ("năm học 2020-2021", None, "deadline.unreadable"),
    ("Tuần đầu tháng 7/2021", None, "deadline.vague"),
    ("sớm", None, "deadline.unreadable"),
    ("Q2", None, "deadline.needs_year"),
    ("Tháng 7-6/2021", None, "deadline.span_backwards"),
    ("quý II - I/2021", None, "deadline.span_backwards"),
]


@pytest.mark.parametrize("text,ref,reason", ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_unreadable_deadlines_are_errors_that_quote_the_text(text, ref, reason):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(text, ref_date=ref)
    exc = info.value
    assert isinstance(exc, ValueError)
    assert exc.reason == reason
    assert exc.text == " ".join(text.split())
    for lang in ("vi", "en"):
        msg = exc.message(lang)
        assert exc.text in msg
        assert t(reason, lang=lang) in msg and reason not in msg


# --- properties

dates = st.dates(min_value=D(1950, 1, 1), max_value=D(2150, 12, 31))


@given(dates)
def test_format_then_parse_gives_the_same_date(day):
    assert parse_deadline(format_date(day)).date == day
    assert parse_deadline(day.isoformat()).date == day
    assert parse_deadline(f"ngày {day.day} tháng {day.month} năm {day.year}").date == day
    assert parse_deadline(f"trước ngày {day.day}-{day.month}-{day.year}").date == day
    assert parse_deadline(f"chậm nhất ngày {day:%d.%m.%Y}").date == day


@given(dates, st.sampled_from(["trước ngày {d}/{m}", "chậm nhất ngày {d}-{m}", "trước {d}/{m}"]),
       st.integers(min_value=0, max_value=400))
def test_a_date_without_year_is_the_next_one_from_the_reference(day, form, back):
    if (day.month, day.day) == (2, 29):
        return
    ref = day - dt.timedelta(days=back)
    got = parse_deadline(form.format(d=day.day, m=day.month), ref).date
    assert (got.month, got.day) == (day.month, day.day)
    assert ref <= got <= ref + dt.timedelta(days=366)


@settings(deadline=None)
@given(st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)),
       st.integers(min_value=1, max_value=40))
def test_working_day_deadlines_never_land_on_a_day_off(ref, n):
    cal = WorkCalendar()
    d = parse_deadline(f"trong vòng {n:02d} ngày làm việc", ref, calendar=cal)
    assert not cal.is_day_off(d.date)
    assert cal.working_days_between(ref, d.date) == n


@given(st.integers(min_value=1900, max_value=2200), st.integers(min_value=1, max_value=4))
def test_quarters_end_on_their_last_day(year, q):
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[q]
    end = parse_deadline(f"Quý {roman}/{year}").date
    assert end == parse_deadline(f"quý {q} năm {year}").date
    assert end.month == 3 * q and (end + dt.timedelta(days=1)).day == 1


def test_a_two_digit_year_is_read_in_this_century_with_a_warning():
    d = parse_deadline("trước ngày 30/6/21")
    assert d.date == dt.date(2021, 6, 30) and d.warning_keys == ("rules.two_digit_year",)
    with pytest.raises(DeadlineError):
        parse_deadline("31/2/21")


@pytest.mark.parametrize("text", ["30/6/2021abc", "31/12/2021Lý", "2021-06-30x", "Quý II/2021abc",
                                  "tháng 6/2021abc"])
def test_a_date_glued_to_letters_is_not_read(text):
    """A date run into the next field's words ("31/12/2021Lý": a Tab lost in a burst of keys,
    or a cell typed "30/6/2021abc") was read as the date and the letters stored with it."""
    with pytest.raises(DeadlineError):
        parse_deadline(text, D(2021, 1, 1))
    # a date followed by words, a bracket or a full stop is read as before
    for ok in ("30/6/2021 (theo KH)", "30/6/2021.", "trước ngày 30/6/2021, báo cáo UBND"):
        assert parse_deadline(ok, D(2021, 1, 1)).date == D(2021, 6, 30)
