"""Build the sample office (sample_data/*.csv, tasks.xlsx) from the readable tables below.

(Over 600 lines on purpose: most of it is the office itself — its units, directives, tasks,
periodic reports and work programme as readable tables — with the few functions that write
them; splitting the data from its writers would make a clerk's example harder to read.)

    python sample_data/make_sample.py          # rewrites the files beside this script

A believable city secretariat in the style of Đông Hà (Quảng Trị), written from public facts:
the city's departments and wards, directives of the kinds its 2020 year-end review
(302/BC-UBND, 04/12/2020) cites — Government and Prime Minister, the Provincial Party
Committee, People's Council and People's Committee, the City Party Committee, the City
People's Council and People's Committee — and the tasks they gave the city's units.

The directives' numbers and subjects follow the real ones where the review names them
(01/NQ-CP, 320-KL/TU, 31/2019/NQ-HĐND, 18-KL/TU, 22/2019/NQ-HĐND, 67/KH-HĐND, 04-CTr/TU…);
the others, every task, every date not in the review, and the leaders' names are invented.

The files are what a clerk could have made: Vietnamese headers, deadlines written the ways
documents write them (``trước ngày 30/6/2021``, ``Quý II/2021``, ``thường xuyên``…), unit
names as people type them (full names, ``Phòng TC-KH``, ``TN&MT``, ``UBND Phường 5``).
The XLSX has the title rows a clerk puts above the table.  Everything is deterministic:
the same script gives the same bytes (bar the XLSX's zip timestamps, which are pinned).

Status is as of AS_OF (15/06/2021): ``tracker demo`` opens the office on that day.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tracker.domain.dates import format_date  # noqa: E402
from tracker.domain.deadlines import DeadlineError, parse_deadline  # noqa: E402

AS_OF = dt.date(2021, 6, 15)
SEED = 302  # the review's number

# --------------------------------------------------------------------------- units
# code, name, kind (as a clerk writes it), aliases (the ways people write the name)
UNITS = [
    ("VP", "Văn phòng HĐND và UBND", "Phòng chuyên môn",
     ["Văn phòng HĐND-UBND", "VP HĐND&UBND", "VPHĐND-UBND", "Văn phòng"]),
    ("NV", "Phòng Nội vụ", "Phòng chuyên môn", ["Nội vụ", "P.NV"]),
    ("TP", "Phòng Tư pháp", "Phòng chuyên môn", ["Tư pháp", "P.TP"]),
    ("TCKH", "Phòng Tài chính - Kế hoạch", "Phòng chuyên môn",
     ["TC-KH", "Phòng TC-KH", "Tài chính - Kế hoạch", "Phòng TCKH"]),
    ("TNMT", "Phòng Tài nguyên và Môi trường", "Phòng chuyên môn",
     ["TN&MT", "Phòng TN&MT", "TNMT", "Tài nguyên - Môi trường"]),
    ("QLDT", "Phòng Quản lý đô thị", "Phòng chuyên môn", ["QLĐT", "Phòng QLĐT", "Quản lý đô thị"]),
    ("KT", "Phòng Kinh tế", "Phòng chuyên môn", ["Kinh tế", "P.KT"]),
    ("LDTBXH", "Phòng Lao động - Thương binh và Xã hội", "Phòng chuyên môn",
     ["LĐ-TB&XH", "Phòng LĐ-TB&XH", "LĐTBXH", "Lao động - TBXH"]),
    ("VHTT", "Phòng Văn hóa và Thông tin", "Phòng chuyên môn",
     ["VH&TT", "Phòng VH&TT", "VHTT", "Văn hóa - Thông tin"]),
    ("GDDT", "Phòng Giáo dục và Đào tạo", "Phòng chuyên môn",
     ["GD&ĐT", "Phòng GD&ĐT", "GDĐT", "Giáo dục - Đào tạo"]),
    ("YT", "Phòng Y tế", "Phòng chuyên môn", ["Y tế", "P.YT"]),
    ("TTRA", "Thanh tra thành phố", "Phòng chuyên môn", ["Thanh tra", "TTr TP"]),
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng thành phố", "Đơn vị sự nghiệp",
     ["Ban QLDA", "BQLDA", "Ban Quản lý dự án"]),
    ("PTQD", "Trung tâm Phát triển quỹ đất", "Đơn vị sự nghiệp",
     ["TT PTQĐ", "Trung tâm PTQĐ", "TTPTQĐ"]),
    ("TTVHTT", "Trung tâm Văn hóa - Thể thao thành phố", "Đơn vị sự nghiệp",
     ["TT VH-TT", "Trung tâm VH-TT", "Trung tâm Văn hóa - Thể thao"]),
    ("TTYT", "Trung tâm Y tế thành phố", "Đơn vị sự nghiệp", ["TTYT", "Trung tâm Y tế"]),
    ("DTTDT", "Đội Kiểm tra trật tự đô thị", "Đơn vị sự nghiệp",
     ["Đội KTTTĐT", "Đội trật tự đô thị", "Đội TTĐT"]),
    ("BQLC", "Ban Quản lý các chợ", "Đơn vị sự nghiệp", ["BQL chợ", "Ban QL chợ"]),
    ("CATP", "Công an thành phố", "Cơ quan khác", ["CATP", "Công an TP"]),
    ("BCHQS", "Ban Chỉ huy Quân sự thành phố", "Cơ quan khác", ["BCHQS", "Ban CHQS TP"]),
    ("CCT", "Chi cục Thuế thành phố", "Cơ quan khác", ["Chi cục Thuế", "CCT"]),
    ("VPDKDD", "Chi nhánh Văn phòng đăng ký đất đai Đông Hà", "Cơ quan khác",
     ["CN VPĐKĐĐ", "Chi nhánh VPĐKĐĐ", "VPĐKĐĐ Đông Hà"]),
    ("P1", "Phường 1", "UBND phường", ["UBND Phường 1", "P1", "P.1"]),
    ("P2", "Phường 2", "UBND phường", ["UBND Phường 2", "P2", "P.2"]),
    ("P3", "Phường 3", "UBND phường", ["UBND Phường 3", "P3", "P.3"]),
    ("P4", "Phường 4", "UBND phường", ["UBND Phường 4", "P4", "P.4"]),
    ("P5", "Phường 5", "UBND phường", ["UBND Phường 5", "P5", "P.5"]),
    ("DGIANG", "Phường Đông Giang", "UBND phường", ["UBND Phường Đông Giang", "Đông Giang"]),
    ("DLE", "Phường Đông Lễ", "UBND phường", ["UBND Phường Đông Lễ", "Đông Lễ"]),
    ("DLUONG", "Phường Đông Lương", "UBND phường", ["UBND Phường Đông Lương", "Đông Lương"]),
    ("DTHANH", "Phường Đông Thanh", "UBND phường", ["UBND Phường Đông Thanh", "Đông Thanh"]),
]
WARDS = [u[0] for u in UNITS if u[2] == "UBND phường"]

# --------------------------------------------------------------------------- leaders
# Invented names: the sample must not put words in real people's mouths.
CT = "Chủ tịch Lê Minh Tuấn"
PCT_KT = "PCT Hoàng Văn Lợi"
PCT_VX = "PCT Nguyễn Thị Hạnh"
LEADER_OF = {
    "VP": CT, "NV": CT, "TTRA": CT, "CATP": CT, "BCHQS": CT, "TP": CT,
    "TCKH": PCT_KT, "TNMT": PCT_KT, "QLDT": PCT_KT, "KT": PCT_KT, "BQLDA": PCT_KT,
    "PTQD": PCT_KT, "DTTDT": PCT_KT, "BQLC": PCT_KT, "CCT": PCT_KT, "VPDKDD": PCT_KT,
    "LDTBXH": PCT_VX, "VHTT": PCT_VX, "GDDT": PCT_VX, "YT": PCT_VX, "TTVHTT": PCT_VX,
    "TTYT": PCT_VX,
}

# --------------------------------------------------------------------------- directives
# key, number, type, issuer, date, title, signer, parent key
DIRECTIVES = [
    ("NQ01-2020", "01/NQ-CP", "Nghị quyết", "Chính phủ", "01/01/2020",
     "Về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2020",
     "Thủ tướng Chính phủ", None),
    ("NQ01-2021", "01/NQ-CP", "Nghị quyết", "Chính phủ", "01/01/2021",
     "Về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2021",
     "Thủ tướng Chính phủ", None),
    ("CT16", "16/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", "31/03/2020",
     "Về thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19", "Thủ tướng Chính phủ", None),
    ("NQ42", "42/NQ-CP", "Nghị quyết", "Chính phủ", "09/04/2020",
     "Về các biện pháp hỗ trợ người dân gặp khó khăn do đại dịch COVID-19", "Thủ tướng Chính phủ", None),
    ("QD15", "15/2020/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "24/04/2020",
     "Quy định về việc thực hiện các chính sách hỗ trợ người dân gặp khó khăn do đại dịch COVID-19",
     "Thủ tướng Chính phủ", "NQ42"),
    ("KL320", "320-KL/TU", "Kết luận", "Tỉnh ủy", "04/12/2019",
     "Kết luận của Hội nghị Ban Chấp hành Đảng bộ tỉnh về tình hình thực hiện nhiệm vụ năm 2019, phương hướng, nhiệm vụ năm 2020",
     "Bí thư Tỉnh ủy", None),
    ("NQ31", "31/2019/NQ-HĐND", "Nghị quyết", "HĐND tỉnh", "06/12/2019",
     "Về kế hoạch phát triển kinh tế - xã hội năm 2020", "Chủ tịch HĐND tỉnh", None),
    ("QD28", "28/2020/QĐ-UBND", "Quyết định", "UBND tỉnh", "15/05/2020",
     "Ban hành danh mục dự án kêu gọi đầu tư phát triển các khu đô thị trên địa bàn tỉnh",
     "Chủ tịch UBND tỉnh", None),
    ("CV2650", "2650/UBND-VX", "Công văn", "UBND tỉnh", "10/05/2021",
     "Về tăng cường các biện pháp phòng, chống dịch COVID-19 trong tình hình mới",
     "Phó Chủ tịch UBND tỉnh", None),
    ("KL18", "18-KL/TU", "Kết luận", "Thành ủy", "09/12/2019",
     "Kết luận của Ban Chấp hành Đảng bộ thành phố khóa XII về nhiệm vụ phát triển kinh tế - xã hội năm 2020",
     "Bí thư Thành ủy", "KL320"),
    ("NQ22", "22/2019/NQ-HĐND", "Nghị quyết", "HĐND thành phố", "18/12/2019",
     "Về nhiệm vụ phát triển kinh tế - xã hội năm 2020", "Chủ tịch HĐND thành phố", "NQ31"),
    ("CTR04", "04-CTr/TU", "Chương trình", "Thành ủy", "11/09/2020",
     "Chương trình công tác toàn khóa của Ban Chấp hành Đảng bộ thành phố khóa XIII, nhiệm kỳ 2020-2025",
     "Bí thư Thành ủy", None),
    ("CTR03", "03-CTr/TU", "Chương trình", "Thành ủy", "26/10/2020",
     "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thành phố lần thứ XIII, nhiệm kỳ 2020-2025",
     "Bí thư Thành ủy", None),
    ("KH67HD", "67/KH-HĐND", "Kế hoạch", "HĐND thành phố", "16/11/2020",
     "Tổ chức kỳ họp thứ Mười bốn HĐND thành phố khóa XI, nhiệm kỳ 2016-2021", "Chủ tịch HĐND thành phố", None),
    ("KL05", "05-KL/TU", "Kết luận", "Thành ủy", "10/12/2020",
     "Kết luận của Ban Chấp hành Đảng bộ thành phố khóa XIII về nhiệm vụ phát triển kinh tế - xã hội năm 2021",
     "Bí thư Thành ủy", "CTR03"),
    ("NQ85", "85/NQ-HĐND", "Nghị quyết", "HĐND thành phố", "18/12/2020",
     "Về nhiệm vụ phát triển kinh tế - xã hội năm 2021", "Chủ tịch HĐND thành phố", None),
    ("NQ90", "90/NQ-HĐND", "Nghị quyết", "HĐND thành phố", "18/12/2020",
     "Về Kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 của thành phố", "Chủ tịch HĐND thành phố", None),
    ("QD120", "120/QĐ-UBND", "Quyết định", "UBND thành phố", "08/01/2020",
     "Ban hành Chương trình công tác năm 2020 của UBND thành phố", CT, "NQ22"),
    ("KH09", "09/KH-UBND", "Kế hoạch", "UBND thành phố", "10/01/2020",
     "Kế hoạch hành động thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2020",
     CT, "NQ22"),
    ("CT01", "01/CT-UBND", "Chỉ thị", "UBND thành phố", "20/02/2020",
     "Về tăng cường công tác quản lý trật tự đô thị, trật tự xây dựng trên địa bàn thành phố", CT, None),
    ("KH35", "35/KH-UBND", "Kế hoạch", "UBND thành phố", "02/04/2020",
     "Triển khai thực hiện Chỉ thị số 16/CT-TTg về các biện pháp cấp bách phòng, chống dịch COVID-19",
     CT, "CT16"),
    ("TB45", "45/TB-UBND", "Thông báo", "UBND thành phố", "21/04/2020",
     "Kết luận của Chủ tịch UBND thành phố tại cuộc họp về công tác giải phóng mặt bằng các công trình trọng điểm",
     CT, None),
    ("KH52", "52/KH-UBND", "Kế hoạch", "UBND thành phố", "05/05/2020",
     "Triển khai chính sách hỗ trợ người dân gặp khó khăn do đại dịch COVID-19 theo Nghị quyết số 42/NQ-CP",
     PCT_VX, "NQ42"),
    ("CT02", "02/CT-UBND", "Chỉ thị", "UBND thành phố", "15/06/2020",
     "Về công tác phòng, chống thiên tai, tìm kiếm cứu nạn năm 2020", CT, None),
    ("TB112", "112/TB-UBND", "Thông báo", "UBND thành phố", "14/08/2020",
     "Kết luận của Chủ tịch UBND thành phố tại buổi kiểm tra tiến độ các công trình thuộc dự án GMS",
     CT, None),
    ("CV2105", "2105/UBND-TNMT", "Công văn", "UBND thành phố", "22/09/2020",
     "Về tăng cường quản lý đất nghĩa trang, nghĩa địa trên địa bàn thành phố", PCT_KT, None),
    ("TB178", "178/TB-UBND", "Thông báo", "UBND thành phố", "02/11/2020",
     "Kết luận của Chủ tịch UBND thành phố tại cuộc họp khắc phục hậu quả mưa lũ", CT, None),
    ("QD85", "85/QĐ-UBND", "Quyết định", "UBND thành phố", "11/01/2021",
     "Ban hành Chương trình công tác năm 2021 của UBND thành phố", CT, "NQ85"),
    # the programme the decision issues, kept as its own sheet (programme.xlsx)
    ("CTR02", "02/CTr-UBND", "Chương trình", "UBND thành phố", "11/01/2021",
     "Chương trình công tác năm 2021 của UBND thành phố", CT, "QD85"),
    # the periodic reports every unit owes (Decree 09/2019/NĐ-CP on reporting regimes)
    ("QD12", "12/QĐ-UBND", "Quyết định", "UBND thành phố", "05/01/2021",
     "Ban hành Quy định chế độ báo cáo định kỳ phục vụ chỉ đạo, điều hành của UBND thành phố",
     CT, None),
    ("KH10", "10/KH-UBND", "Kế hoạch", "UBND thành phố", "15/01/2021",
     "Kế hoạch hành động thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2021",
     CT, "NQ85"),
    ("TB12", "12/TB-UBND", "Thông báo", "UBND thành phố", "20/01/2021",
     "Kết luận của Chủ tịch UBND thành phố tại hội nghị triển khai nhiệm vụ thu ngân sách năm 2021",
     CT, None),
    ("KH48", "48/KH-UBND", "Kế hoạch", "UBND thành phố", "12/03/2021",
     "Chuyển đổi số, xây dựng đô thị thông minh thành phố Đông Hà năm 2021", PCT_VX, None),
    ("TB58", "58/TB-UBND", "Thông báo", "UBND thành phố", "26/03/2021",
     "Kết luận của Chủ tịch UBND thành phố tại cuộc họp giao ban tháng 3 năm 2021", CT, None),
    ("KH67", "67/KH-UBND", "Kế hoạch", "UBND thành phố", "08/04/2021",
     "Thực hiện chủ đề năm 2021 \"Quy hoạch, giải phóng mặt bằng và xây dựng văn minh đô thị\"",
     CT, "KL05"),
    ("TB95", "95/TB-UBND", "Thông báo", "UBND thành phố", "05/04/2021",
     "Kết luận của Chủ tịch UBND thành phố về công tác chuẩn bị bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021-2026",
     CT, None),
    ("CV1520", "1520/UBND-KT", "Công văn", "UBND thành phố", "20/05/2021",
     "Về đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2021", PCT_KT, "NQ90"),
    ("KH81", "81/KH-UBND", "Kế hoạch", "UBND thành phố", "28/05/2021",
     "Triển khai các biện pháp phòng, chống dịch COVID-19 trong tình hình mới", PCT_VX, "CV2650"),
]

# --------------------------------------------------------------------------- tasks
# Per directive: (content, lead as written, supporting units as written, deadline as written,
# work group).  "*" in content is replaced by each ward's name for the ward tasks below.
T = tuple
TASKS: dict[str, list[T]] = {
    "NQ01-2020": [
        ("Báo cáo tình hình thực hiện Nghị quyết 01/NQ-CP của Chính phủ trên địa bàn thành phố 6 tháng đầu năm 2020", "Phòng TC-KH", "các phòng, ban liên quan", "trước ngày 15/6/2020", "Kinh tế - ngân sách"),
        ("Cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh cấp sở, ngành và địa phương (DDCI)", "Phòng TC-KH", "Văn phòng HĐND-UBND", "năm 2020", "Kinh tế - ngân sách"),
    ],
    "NQ01-2021": [
        ("Báo cáo tình hình thực hiện Nghị quyết 01/NQ-CP năm 2021 định kỳ hằng quý", "Phòng TC-KH", "", "định kỳ hằng quý", "Kinh tế - ngân sách"),
        ("Rà soát, cắt giảm thời gian giải quyết thủ tục hành chính về đất đai, xây dựng", "Văn phòng HĐND-UBND", "Phòng TN&MT; Phòng QLĐT; CN VPĐKĐĐ", "Quý II/2021", "Cải cách hành chính"),
    ],
    "KL320": [
        ("Xây dựng kế hoạch của thành phố thực hiện Kết luận số 320-KL/TU của Tỉnh ủy", "Văn phòng HĐND-UBND", "Phòng TC-KH", "trước ngày 31/12/2019", "Công tác chung"),
        ("Báo cáo kết quả thực hiện các chỉ tiêu kinh tế - xã hội theo Kết luận 320-KL/TU", "Phòng TC-KH", "", "trước ngày 30/11/2020", "Kinh tế - ngân sách"),
    ],
    "NQ31": [
        ("Triển khai các dự án trọng điểm của tỉnh trên địa bàn thành phố năm 2020", "Ban QLDA", "Trung tâm PTQĐ; Phòng QLĐT", "năm 2020", "Xây dựng cơ bản"),
    ],
    "QD15": [
        ("Thẩm định, trình phê duyệt danh sách người lao động không có giao kết hợp đồng lao động bị mất việc làm", "Phòng LĐ-TB&XH", "UBND các phường", "trong 05 ngày làm việc", "An sinh xã hội"),
        ("Công khai danh sách đối tượng được hỗ trợ tại trụ sở UBND các phường", "Phòng LĐ-TB&XH", "UBND các phường", "trong tháng 5/2020", "An sinh xã hội"),
    ],
    "QD28": [
        ("Lập quy hoạch chi tiết tỷ lệ 1/500 Khu đô thị sinh thái Nam Đông Hà", "Phòng Quản lý đô thị", "Phòng TN&MT", "Quý IV/2020", "Đô thị"),
        ("Đề xuất danh mục dự án kêu gọi đầu tư các khu đô thị trên địa bàn thành phố", "Phòng TC-KH", "Phòng QLĐT; Phòng TN&MT", "trước ngày 30/6/2020", "Kinh tế - ngân sách"),
        ("Hoàn thiện hồ sơ đất đai, bàn giao mặt bằng sạch cho nhà đầu tư khu đô thị phía Đông", "Trung tâm PTQĐ", "Phòng TN&MT; Phường Đông Lễ; Phường Đông Lương", "năm 2021", "Giải phóng mặt bằng"),
    ],
    "KL18": [
        ("Thực hiện chủ đề năm 2020 \"Quy hoạch, giải phóng mặt bằng và xây dựng văn minh đô thị\"", "Phòng Quản lý đô thị", "Trung tâm PTQĐ; UBND các phường", "năm 2020", "Đô thị"),
        ("Xây dựng và công bố Đề án điều chỉnh quy hoạch chung thành phố Đông Hà đến năm 2030, tầm nhìn đến năm 2050", "Phòng Quản lý đô thị", "Phòng TN&MT; Phòng TC-KH", "trước ngày 31/12/2020", "Đô thị"),
        ("Đầu tư xây dựng mới chợ Phường 5 và khu phố chợ", "Phòng Kinh tế", "Ban Quản lý các chợ; Phường 5", "Quý IV/2020", "Kinh tế - ngân sách"),
        ("Nâng cao hiệu quả quản lý đất đai, đất nghĩa địa, đất lâm nghiệp tại các phường", "Phòng TN&MT", "UBND các phường", "thường xuyên", "Đất đai"),
    ],
    "CTR04": [
        ("Xây dựng chương trình công tác năm 2021 của UBND thành phố theo Chương trình công tác toàn khóa", "Văn phòng HĐND-UBND", "", "trước ngày 15/01/2021", "Công tác chung"),
        ("Chuẩn bị nội dung sơ kết 1 năm thực hiện Nghị quyết Đại hội Đảng bộ thành phố lần thứ XIII", "Văn phòng HĐND-UBND", "Phòng TC-KH", "trong tháng 11/2021", "Công tác chung"),
    ],
    "KL05": [
        ("Khẩn trương ban hành và triển khai Kế hoạch thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", "Văn phòng HĐND-UBND", "các phòng, ban liên quan", "Quý I/2021", "Công tác chung"),
        ("Thực hiện \"mục tiêu kép\": phòng, chống dịch COVID-19 và khôi phục kinh tế", "Phòng Kinh tế", "Phòng Y tế; Trung tâm Y tế", "thường xuyên", "Kinh tế - ngân sách"),
        ("Hỗ trợ doanh nghiệp, hộ kinh doanh khôi phục sản xuất, kinh doanh sau dịch", "Phòng Kinh tế", "Chi cục Thuế; Phòng TC-KH", "6 tháng đầu năm 2021", "Kinh tế - ngân sách"),
        ("Giải quyết dứt điểm vướng mắc kéo dài trong công tác giải phóng mặt bằng", "Trung tâm PTQĐ", "Phòng TN&MT; Thanh tra thành phố", "trước ngày 30/6/2021", "Giải phóng mặt bằng"),
    ],
    "NQ85": [
        ("Phấn đấu tốc độ tăng giá trị sản xuất các ngành kinh tế năm 2021 đạt kế hoạch", "Phòng TC-KH", "Phòng Kinh tế", "năm 2021", "Kinh tế - ngân sách"),
        ("Nâng tỷ lệ trường đạt chuẩn quốc gia theo chỉ tiêu Nghị quyết", "Phòng GD&ĐT", "Ban QLDA", "năm 2021", "Văn hóa - xã hội"),
        ("Giải quyết việc làm mới cho người lao động theo chỉ tiêu năm 2021", "Phòng LĐ-TB&XH", "UBND các phường", "năm 2021", "An sinh xã hội"),
        ("Nâng tỷ lệ thu gom, xử lý chất thải rắn sinh hoạt đô thị", "Phòng TN&MT", "Phòng QLĐT", "Quý IV/2021", "Môi trường"),
    ],
    "CV2650": [
        ("Kích hoạt lại Ban Chỉ đạo phòng, chống dịch COVID-19 các cấp", "Phòng Y tế", "Trung tâm Y tế; UBND các phường", "trong 02 ngày", "Phòng, chống dịch"),
        ("Kiểm soát người ra vào thành phố từ vùng có dịch, khai báo y tế bắt buộc", "Trung tâm Y tế", "Công an thành phố; UBND các phường", "thường xuyên", "Phòng, chống dịch"),
        ("Báo cáo tình hình phòng, chống dịch COVID-19 trên địa bàn thành phố", "Phòng Y tế", "Trung tâm Y tế", "trước 16 giờ, ngày 14/5/2021", "Phòng, chống dịch"),
    ],
    "QD120": [
        ("Xây dựng, trình ban hành Kế hoạch đầu tư công năm 2020", "Phòng TC-KH", "Ban QLDA", "trước ngày 31/01/2020", "Kinh tế - ngân sách"),
        ("Tổ chức hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội và giao dự toán ngân sách năm 2020", "Văn phòng HĐND-UBND", "Phòng TC-KH", "trước ngày 10/01/2020", "Công tác chung"),
        ("Báo cáo tình hình kinh tế - xã hội quý I năm 2020", "Phòng TC-KH", "các phòng, ban liên quan", "trong tháng 3/2020", "Kinh tế - ngân sách"),
        ("Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2020, phương hướng nhiệm vụ 6 tháng cuối năm", "Văn phòng HĐND-UBND", "Phòng TC-KH", "trước ngày 20/6/2020", "Công tác chung"),
        ("Rà soát, hoàn thiện hồ sơ đề nghị công nhận thành phố Đông Hà đạt tiêu chí đô thị loại II", "Phòng Quản lý đô thị", "Phòng TC-KH; Phòng TN&MT", "Quý III/2020", "Đô thị"),
        ("Tổ chức đánh giá chỉ số cải cách hành chính năm 2019 của các cơ quan, đơn vị", "Phòng Nội vụ", "Văn phòng HĐND-UBND", "Quý I/2020", "Cải cách hành chính"),
        ("Xây dựng Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025", "Phòng TC-KH", "các phòng, ban liên quan", "trước ngày 30/9/2020", "Kinh tế - ngân sách"),
        ("Tổng kết năm học 2019-2020, triển khai nhiệm vụ năm học 2020-2021", "Phòng GD&ĐT", "", "trước ngày 15/9/2020", "Văn hóa - xã hội"),
        ("Tiếp công dân định kỳ của lãnh đạo UBND thành phố theo quy định", "Thanh tra thành phố", "Văn phòng HĐND-UBND", "thường xuyên", "Thanh tra - tiếp dân"),
    ],
    "KH09": [
        ("Triển khai phần mềm Quản lý văn bản và hồ sơ công việc mới đến các cơ quan, đơn vị", "Văn phòng HĐND-UBND", "Phòng VH&TT", "Quý II/2020", "Chuyển đổi số"),
        ("Tổ chức các hoạt động kỷ niệm 90 năm Ngày thành lập Đảng Cộng sản Việt Nam", "Phòng VH&TT", "Trung tâm VH-TT", "trước ngày 03/02/2020", "Văn hóa - xã hội"),
        ("Tổ chức các hoạt động kỷ niệm 45 năm Ngày giải phóng miền Nam, thống nhất đất nước", "Phòng VH&TT", "Trung tâm VH-TT; BCHQS", "trước ngày 30/4/2020", "Văn hóa - xã hội"),
        ("Chi trả kịp thời chế độ cho người có công với cách mạng", "Phòng LĐ-TB&XH", "UBND các phường", "thường xuyên", "An sinh xã hội"),
        ("Tập trung thu ngân sách, phấn đấu hoàn thành dự toán thu ngân sách năm 2020", "Chi cục Thuế", "Phòng TC-KH; UBND các phường", "năm 2020", "Kinh tế - ngân sách"),
        ("Đẩy mạnh công tác đấu giá quyền sử dụng đất, tạo nguồn thu cho ngân sách", "Trung tâm PTQĐ", "Phòng TN&MT; Phòng TC-KH", "trong tháng 11/2020", "Đất đai"),
        ("Triển khai Đề án phát triển nông nghiệp đô thị trên địa bàn thành phố đến năm 2020", "Phòng Kinh tế", "UBND các phường", "Quý IV/2020", "Kinh tế - ngân sách"),
        ("Tổ chức thực hiện Đề án phát triển hệ thống kết cấu hạ tầng vùng vành đai thành phố giai đoạn 2016-2020", "Phòng Quản lý đô thị", "Ban QLDA; Phòng TC-KH", "Quý IV/2020", "Đô thị"),
        ("Triển khai Đề án phát triển Giáo dục và Đào tạo thành phố giai đoạn 2017-2021", "Phòng GD&ĐT", "Phòng TC-KH", "năm 2020", "Văn hóa - xã hội"),
        ("Kiện toàn tổ chức bộ máy các cơ quan chuyên môn, đơn vị sự nghiệp thuộc UBND thành phố", "Phòng Nội vụ", "", "6 tháng đầu năm 2020", "Tổ chức bộ máy"),
        ("Chuẩn bị các điều kiện tổ chức Đại hội Đảng bộ các cấp nhiệm kỳ 2020-2025, bảo vệ an toàn Đại hội", "Công an thành phố", "Ban CHQS TP", "trước ngày 15/8/2020", "Quốc phòng - an ninh"),
        ("Xây dựng Trung tâm Điều hành đô thị thông minh thành phố", "Văn phòng HĐND-UBND", "Phòng VH&TT", "trong tháng 12/2020", "Chuyển đổi số"),
        ("Triển khai hệ thống hội nghị truyền hình trực tuyến từ thành phố đến UBND các phường", "Văn phòng HĐND-UBND", "Phòng VH&TT; UBND các phường", "Quý III/2020", "Chuyển đổi số"),
    ],
    "CT01": [
        ("Rà soát, xử lý dứt điểm các trường hợp vi phạm trật tự xây dựng trên các tuyến phố chính", "Đội trật tự đô thị", "Phòng QLĐT; UBND các phường", "trước ngày 30/4/2020", "Trật tự đô thị"),
        ("Lập lại trật tự lòng đường, vỉa hè trên các tuyến Hùng Vương, Lê Duẩn, Quốc lộ 9", "Đội trật tự đô thị", "Công an TP; Phường 1; Phường 5", "Quý II/2020", "Trật tự đô thị"),
        ("Công khai quy hoạch chi tiết các khu dân cư tại trụ sở UBND phường và trên cổng thông tin điện tử thành phố", "Phòng Quản lý đô thị", "UBND các phường", "trong 30 ngày", "Đô thị"),
        ("Kiểm tra việc cấp phép xây dựng và quản lý sau cấp phép trên địa bàn", "Phòng Quản lý đô thị", "Thanh tra thành phố", "thường xuyên", "Trật tự đô thị"),
    ],
    "KH35": [
        ("Thiết lập, quản lý các khu cách ly tập trung trên địa bàn thành phố", "BCHQS", "Trung tâm Y tế; Công an thành phố", "trong 05 ngày làm việc", "Phòng, chống dịch"),
        ("Rà soát, lập danh sách người về từ vùng dịch, theo dõi sức khỏe tại nhà", "Trung tâm Y tế", "UBND các phường", "thường xuyên", "Phòng, chống dịch"),
        ("Tuyên truyền các biện pháp phòng, chống dịch COVID-19 trên hệ thống loa truyền thanh", "Phòng VH&TT", "Trung tâm VH-TT", "trong 03 ngày", "Phòng, chống dịch"),
        ("Kiểm tra việc tạm dừng hoạt động các cơ sở kinh doanh dịch vụ không thiết yếu", "Phòng Kinh tế", "Công an TP; Phòng Y tế", "trước ngày 15/4/2020", "Phòng, chống dịch"),
    ],
    "KH52": [
        ("Rà soát, lập danh sách người lao động mất việc làm, hộ kinh doanh tạm ngừng kinh doanh đề nghị hỗ trợ", "Phòng LĐ-TB&XH", "Chi cục Thuế; UBND các phường", "trước ngày 15/5/2020", "An sinh xã hội"),
        ("Chi trả hỗ trợ cho người có công, đối tượng bảo trợ xã hội, hộ nghèo, hộ cận nghèo theo Nghị quyết 42/NQ-CP", "Phòng LĐ-TB&XH", "Phòng TC-KH", "trước ngày 30/5/2020", "An sinh xã hội"),
        ("Thẩm định hồ sơ hỗ trợ hộ kinh doanh có doanh thu khai thuế dưới 100 triệu đồng/năm", "Chi cục Thuế", "Phòng TC-KH", "trong tháng 6/2020", "An sinh xã hội"),
    ],
    "TB45": [
        ("Hoàn thành giải phóng mặt bằng Công trình cầu kết nối khu đô thị Bắc sông Hiếu với trung tâm thành phố (GMS)", "Trung tâm PTQĐ", "Phòng TN&MT; Phường Đông Giang; Phường 5", "trước ngày 30/6/2020", "Giải phóng mặt bằng"),
        ("Xác định nguồn gốc đất, lập phương án bồi thường các hộ còn vướng mắc tại dự án đường Thành Cổ - Cửa Việt đoạn qua thành phố", "Phòng TN&MT", "Trung tâm PTQĐ; Phường Đông Lương", "Quý II/2020", "Giải phóng mặt bằng"),
        ("Tổ chức đối thoại với các hộ dân chưa đồng thuận bàn giao mặt bằng", "Phường Đông Lễ", "Trung tâm PTQĐ; Thanh tra thành phố", "trong 10 ngày", "Giải phóng mặt bằng"),
        ("Tham mưu cưỡng chế thu hồi đất đối với các trường hợp cố tình chây ỳ", "Phòng TN&MT", "Công an thành phố; Phòng Tư pháp", "trước ngày 31/7/2020", "Giải phóng mặt bằng"),
    ],
    "CT02": [
        ("Kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn thành phố năm 2020", "Phòng Kinh tế", "BCHQS", "trước ngày 30/6/2020", "Phòng, chống thiên tai"),
        ("Rà soát, xây dựng phương án sơ tán dân tại các vùng thấp trũng, ven sông", "Ban CHQS TP", "UBND các phường", "trước ngày 31/7/2020", "Phòng, chống thiên tai"),
        ("Kiểm tra, gia cố hệ thống kênh mương, cống thoát nước trước mùa mưa bão", "Phòng Quản lý đô thị", "Ban QLDA", "trong tháng 8/2020", "Phòng, chống thiên tai"),
    ],
    "TB112": [
        ("Di dời hệ thống điện, nước phục vụ thi công cầu kết nối khu đô thị Bắc sông Hiếu", "Ban QLDA", "Phòng QLĐT", "trong tháng 10/2020", "Xây dựng cơ bản"),
        ("Đẩy nhanh tiến độ thi công các hạng mục công trình thuộc dự án GMS, bảo đảm hoàn thành theo kế hoạch", "Ban QLDA", "Phòng QLĐT", "trước ngày 31/12/2020", "Xây dựng cơ bản"),
        ("Giải quyết dứt điểm kiến nghị của các hộ dân bị ảnh hưởng bởi thi công dự án GMS", "Phường Đông Giang", "Ban QLDA; Trung tâm PTQĐ", "trong tháng 9/2020", "Giải phóng mặt bằng"),
        ("Báo cáo tình hình giải ngân vốn ODA của dự án GMS", "Ban Quản lý dự án", "Phòng TC-KH", "chậm nhất ngày 25/8/2020", "Xây dựng cơ bản"),
    ],
    "CV2105": [
        ("Rà soát hiện trạng sử dụng đất nghĩa trang, nghĩa địa trên địa bàn, đề xuất quy hoạch đến năm 2030", "Phòng TN&MT", "UBND các phường", "Quý IV/2020", "Đất đai"),
        ("Xử lý các trường hợp xây dựng lăng mộ trái phép tại nghĩa địa Phường Đông Thanh", "Phường Đông Thanh", "Đội trật tự đô thị; Phòng TN&MT", "trước ngày 30/11/2020", "Đất đai"),
    ],
    "TB178": [
        ("Thống kê, đánh giá thiệt hại do mưa lũ, đề xuất hỗ trợ cho các hộ bị thiệt hại", "Phòng Kinh tế", "Phòng LĐ-TB&XH; UBND các phường", "trong 07 ngày", "Phòng, chống thiên tai"),
        ("Khắc phục hư hỏng trường lớp do ngập lụt, bảo đảm an toàn cho học sinh trở lại trường", "Phòng GD&ĐT", "Ban QLDA", "trước ngày 15/11/2020", "Văn hóa - xã hội"),
        ("Tổ chức vệ sinh môi trường, phun hóa chất khử khuẩn sau lũ tại các khu dân cư", "Trung tâm Y tế", "Phòng TN&MT; UBND các phường", "trong 05 ngày", "Phòng, chống dịch"),
        ("Sửa chữa các tuyến đường giao thông nội thị bị sạt lở do mưa lũ", "Phòng Quản lý đô thị", "Ban QLDA", "Quý I/2021", "Xây dựng cơ bản"),
    ],
    "KH67HD": [
        ("Chuẩn bị báo cáo kiểm điểm công tác chỉ đạo, điều hành của UBND thành phố năm 2020", "Văn phòng HĐND-UBND", "", "trước ngày 05/12/2020", "Công tác chung"),
        ("Báo cáo giải trình kiến nghị của cử tri trước kỳ họp thứ Mười bốn HĐND thành phố", "Văn phòng HĐND-UBND", "các phòng, ban liên quan", "trước ngày 10/12/2020", "Công tác chung"),
        ("Xây dựng dự toán thu, chi ngân sách năm 2021 trình HĐND thành phố", "Phòng TC-KH", "Chi cục Thuế", "trước ngày 05/12/2020", "Kinh tế - ngân sách"),
    ],
    "QD85": [
        ("Xây dựng, trình ban hành Kế hoạch đầu tư công năm 2021", "Phòng TC-KH", "Ban QLDA", "trước ngày 31/01/2021", "Kinh tế - ngân sách"),
        ("Báo cáo tình hình kinh tế - xã hội quý I năm 2021", "Phòng TC-KH", "các phòng, ban liên quan", "trong tháng 3/2021", "Kinh tế - ngân sách"),
        ("Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2021, phương hướng nhiệm vụ 6 tháng cuối năm", "Văn phòng HĐND-UBND", "Phòng TC-KH", "trước ngày 20/6/2021", "Công tác chung"),
        ("Tổ chức đánh giá, xếp loại chỉ số cải cách hành chính năm 2020 của các phòng, ban và UBND các phường", "Phòng Nội vụ", "Văn phòng HĐND-UBND", "Quý I/2021", "Cải cách hành chính"),
        ("Tổng kết năm học 2020-2021, triển khai nhiệm vụ năm học 2021-2022", "Phòng GD&ĐT", "", "trước ngày 15/9/2021", "Văn hóa - xã hội"),
        ("Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của UBND thành phố", "Phòng Tư pháp", "Văn phòng HĐND-UBND", "Quý III/2021", "Cải cách hành chính"),
        ("Xây dựng Đề án nâng loại đô thị thành phố Đông Hà", "Phòng Quản lý đô thị", "Phòng TC-KH; Phòng TN&MT", "năm 2021", "Đô thị"),
        ("Tổ chức tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo theo quy định", "Thanh tra thành phố", "Văn phòng HĐND-UBND; Phòng TN&MT", "thường xuyên", "Thanh tra - tiếp dân"),
        ("Theo dõi, đôn đốc tiến độ thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao", "Văn phòng HĐND-UBND", "", "hằng tháng", "Công tác chung"),
    ],
    "KH10": [
        ("Tăng cường các giải pháp thu ngân sách, xử lý nợ đọng thuế, phấn đấu hoàn thành dự toán năm 2021", "Chi cục Thuế", "Phòng TC-KH; UBND các phường", "năm 2021", "Kinh tế - ngân sách"),
        ("Kêu gọi, thu hút đầu tư dự án Khu đô thị phía Đông thành phố", "Phòng TC-KH", "Phòng QLĐT; Phòng TN&MT", "6 tháng cuối năm 2021", "Kinh tế - ngân sách"),
        ("Lựa chọn nhà đầu tư dự án Chợ - khu phố chợ Phường 5", "Phòng Kinh tế", "Ban Quản lý các chợ; Phường 5", "Quý II/2021", "Kinh tế - ngân sách"),
        ("Xây dựng Đề án xây dựng, chỉnh trang hạ tầng đô thị khu vực trung tâm thành phố giai đoạn 2021-2025", "Phòng Quản lý đô thị", "Ban QLDA", "Quý III/2021", "Đô thị"),
        ("Triển khai Đề án xã hội hóa đầu tư hạ tầng thiết yếu thành phố giai đoạn 2020-2025", "Phòng TC-KH", "Phòng QLĐT", "năm 2021", "Đô thị"),
        ("Triển khai chương trình giáo dục phổ thông mới đối với lớp 2 và lớp 6", "Phòng GD&ĐT", "", "trước ngày 05/9/2021", "Văn hóa - xã hội"),
        ("Thực hiện công tác giảm nghèo bền vững năm 2021", "Phòng LĐ-TB&XH", "UBND các phường", "năm 2021", "An sinh xã hội"),
        ("Đánh giá cán bộ, sắp xếp, kiện toàn tổ chức bộ máy các cơ quan, đơn vị", "Phòng Nội vụ", "", "Quý II/2021", "Tổ chức bộ máy"),
        ("Tổng kết Nghị quyết 02-NQ/TU của Ban Thường vụ Tỉnh ủy về xây dựng, phát triển thành phố Đông Hà đến năm 2020", "Phòng Quản lý đô thị", "Phòng TC-KH", "trước ngày 31/3/2021", "Đô thị"),
        ("Đảm bảo quốc phòng - an ninh, trật tự an toàn xã hội; triệt phá các tụ điểm ma túy", "Công an thành phố", "UBND các phường", "thường xuyên", "Quốc phòng - an ninh"),
    ],
    "TB12": [
        ("Chống thất thu thuế trong hoạt động kinh doanh vận tải, xây dựng tư nhân", "Chi cục Thuế", "Phòng Kinh tế; Công an TP", "năm 2021", "Kinh tế - ngân sách"),
        ("Đôn đốc thu tiền sử dụng đất các dự án đã giao đất", "Phòng TC-KH", "Chi cục Thuế; Trung tâm PTQĐ", "Quý II/2021", "Kinh tế - ngân sách"),
        ("Làm việc với Cục Thuế tỉnh về phân cấp quản lý doanh nghiệp, quản lý nguồn thu", "Chi cục Thuế", "Phòng TC-KH", "trong tháng 2/2021", "Kinh tế - ngân sách"),
        ("Rà soát, lập danh sách các khu đất đấu giá quyền sử dụng đất năm 2021", "Trung tâm PTQĐ", "Phòng TN&MT", "trước ngày 28/02/2021", "Đất đai"),
        ("Báo cáo tình hình nợ đọng thuế của các doanh nghiệp trên địa bàn", "CCT", "", "chậm nhất ngày 15/3/2021", "Kinh tế - ngân sách"),
    ],
    "KH48": [
        ("Xây dựng cơ sở dữ liệu dân cư, đất đai dùng chung của thành phố", "Phòng TN&MT", "Văn phòng HĐND-UBND; CN VPĐKĐĐ", "Quý IV/2021", "Chuyển đổi số"),
        ("Tập huấn kỹ năng số cho cán bộ, công chức thành phố và các phường", "Phòng Nội vụ", "Phòng VH&TT", "trong tháng 7/2021", "Chuyển đổi số"),
        ("Vận hành, khai thác hiệu quả Trung tâm điều hành đô thị thông minh", "Văn phòng HĐND-UBND", "Phòng VH&TT; Công an thành phố", "thường xuyên", "Chuyển đổi số"),
        ("Triển khai dịch vụ công trực tuyến mức độ 3, 4 tại bộ phận một cửa thành phố và các phường", "Văn phòng HĐND-UBND", "UBND các phường", "Quý III/2021", "Chuyển đổi số"),
        ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực", "Văn phòng HĐND-UBND", "Phòng Nội vụ", "năm 2021", "Chuyển đổi số"),
        ("Xây dựng hệ thống camera giám sát an ninh trật tự, giao thông giai đoạn 2", "Công an thành phố", "Phòng VH&TT; Ban QLDA", "trong tháng 10/2021", "Chuyển đổi số"),
    ],
    "TB58": [
        ("Kiểm tra, xử lý các cơ sở sản xuất gây ô nhiễm môi trường trong khu dân cư", "Phòng TN&MT", "Phòng Kinh tế; UBND các phường", "Quý III/2021", "Môi trường"),
        ("Rà soát, đề xuất sửa chữa các trường học xuống cấp trước năm học mới", "Phòng GD&ĐT", "Ban QLDA; Phòng TC-KH", "trước ngày 15/7/2021", "Văn hóa - xã hội"),
        ("Hoàn thành cấp giấy chứng nhận quyền sử dụng đất lần đầu cho các hộ đủ điều kiện", "CN VPĐKĐĐ", "Phòng TN&MT; UBND các phường", "trong tháng 8/2021", "Đất đai"),
        ("Hoàn thiện hồ sơ quyết toán các công trình hoàn thành năm 2020", "Ban QLDA", "Phòng TC-KH", "trước ngày 30/4/2021", "Xây dựng cơ bản"),
        ("Xử lý dứt điểm các điểm tập kết rác thải tự phát trên địa bàn", "Phòng TN&MT", "UBND các phường", "trong tháng 4/2021", "Môi trường"),
        ("Báo cáo tình hình thực hiện các kiến nghị sau thanh tra năm 2020", "Thanh tra thành phố", "", "trước ngày 15/4/2021", "Thanh tra - tiếp dân"),
        ("Kiểm tra công tác an toàn thực phẩm tại các chợ, bếp ăn tập thể", "Phòng Y tế", "Phòng Kinh tế; Ban Quản lý các chợ", "Quý II/2021", "Văn hóa - xã hội"),
    ],
    "KH67": [
        ("Xử lý các công trình xây dựng không phép, sai phép trên các tuyến đường chính", "Đội trật tự đô thị", "Phòng QLĐT; UBND các phường", "trước ngày 31/8/2021", "Trật tự đô thị"),
        ("Lắp đặt biển tên đường, số nhà tại các khu dân cư mới", "Phòng Quản lý đô thị", "Phòng VH&TT", "Quý III/2021", "Đô thị"),
        ("Hoàn thành giải phóng mặt bằng các công trình trọng điểm năm 2021", "Trung tâm PTQĐ", "Phòng TN&MT; UBND các phường", "trước ngày 30/9/2021", "Giải phóng mặt bằng"),
        ("Tổ chức ra quân xây dựng văn minh đô thị, chỉnh trang các tuyến phố", "Phòng Quản lý đô thị", "Đội trật tự đô thị; UBND các phường", "Quý II/2021", "Trật tự đô thị"),
        ("Xây dựng tuyến phố văn minh đô thị kiểu mẫu trên đường Hùng Vương", "Phòng VH&TT", "Phòng QLĐT; Phường 1; Phường 5", "trong tháng 9/2021", "Trật tự đô thị"),
        ("Phát động phong trào \"Toàn dân đoàn kết xây dựng đời sống văn hóa\" gắn với xây dựng văn minh đô thị", "Phòng VH&TT", "Trung tâm VH-TT", "thường xuyên", "Văn hóa - xã hội"),
        ("Rà soát, điều chỉnh quy hoạch chung xây dựng thành phố đến năm 2030, tầm nhìn đến năm 2050", "Phòng Quản lý đô thị", "Phòng TN&MT", "năm 2021", "Đô thị"),
    ],
    "TB95": [
        ("Rà soát, cập nhật danh sách cử tri, bảo đảm không bỏ sót cử tri", "Phòng Nội vụ", "Công an thành phố; UBND các phường", "trước ngày 10/5/2021", "Bầu cử"),
        ("Tuyên truyền về cuộc bầu cử đại biểu Quốc hội và HĐND các cấp trên các phương tiện thông tin", "Phòng VH&TT", "Trung tâm VH-TT", "trước ngày 22/5/2021", "Bầu cử"),
        ("Bố trí kinh phí phục vụ công tác bầu cử", "Phòng TC-KH", "Phòng Nội vụ", "trong tháng 4/2021", "Bầu cử"),
        ("Niêm yết danh sách cử tri tại các khu vực bỏ phiếu", "Phòng Nội vụ", "UBND các phường", "trước ngày 13/4/2021", "Bầu cử"),
        ("Bảo đảm an ninh, trật tự tại các khu vực bỏ phiếu trong ngày bầu cử", "Công an thành phố", "Ban CHQS TP", "trước 14 giờ, ngày 22/5/2021", "Bầu cử"),
        ("Tổng hợp kết quả bầu cử, báo cáo Ủy ban bầu cử thành phố", "Phòng Nội vụ", "Văn phòng HĐND-UBND", "trong 03 ngày làm việc", "Bầu cử"),
    ],
    "CV1520": [
        ("Báo cáo tiến độ giải ngân từng công trình, đề xuất điều chuyển vốn các công trình giải ngân chậm", "Phòng TC-KH", "Ban QLDA", "trước ngày 05/6/2021", "Xây dựng cơ bản"),
        ("Đẩy nhanh tiến độ thi công, nghiệm thu khối lượng hoàn thành để giải ngân vốn", "Ban QLDA", "Phòng QLĐT", "Quý III/2021", "Xây dựng cơ bản"),
        ("Phấn đấu giải ngân vốn đầu tư công năm 2021 đạt trên 60% kế hoạch trước ngày 30/9/2021", "Ban QLDA", "Phòng TC-KH", "trước ngày 30/9/2021", "Xây dựng cơ bản"),
    ],
    "KH81": [
        ("Triển khai tiêm vắc xin phòng COVID-19 cho các đối tượng ưu tiên", "Trung tâm Y tế", "Phòng Y tế; UBND các phường", "trong tháng 7/2021", "Phòng, chống dịch"),
        ("Kiểm tra việc thực hiện các biện pháp phòng, chống dịch tại cơ sở kinh doanh, dịch vụ", "Phòng Y tế", "Phòng Kinh tế; Công an TP", "thường xuyên", "Phòng, chống dịch"),
        ("Chuẩn bị phương án thiết lập cơ sở thu dung, điều trị người mắc COVID-19", "Trung tâm Y tế", "BCHQS; Phòng TC-KH", "trước ngày 30/6/2021", "Phòng, chống dịch"),
    ],
    "CTR03": [
        ("Xây dựng kế hoạch của UBND thành phố thực hiện Chương trình hành động số 03-CTr/TU", "Văn phòng HĐND-UBND", "các phòng, ban liên quan", "trong tháng 12/2020", "Công tác chung"),
        ("Xây dựng Đề án phát triển du lịch, dịch vụ thành phố giai đoạn 2021-2025", "Phòng VH&TT", "Phòng Kinh tế", "Quý IV/2021", "Văn hóa - xã hội"),
    ],
    "NQ90": [
        ("Phân bổ chi tiết kế hoạch vốn đầu tư công năm 2021 cho từng công trình", "Phòng TC-KH", "Ban QLDA", "trước ngày 15/01/2021", "Xây dựng cơ bản"),
    ],
}

# The same work given to every ward (UBND các phường).  "{w}" is the ward's name.
WARD_TASKS: dict[str, list[T]] = {
    "KH09": [
        ("Xây dựng chương trình công tác năm 2020 của UBND {w}, trình UBND thành phố phê duyệt", "trước ngày 20/01/2020", "Công tác chung"),
        ("Thực hiện chỉ tiêu thu ngân sách năm 2020 trên địa bàn {w}", "năm 2020", "Kinh tế - ngân sách"),
    ],
    "KH35": [
        ("Kiểm tra, nhắc nhở việc đeo khẩu trang, giữ khoảng cách nơi công cộng tại {w}", "thường xuyên", "Phòng, chống dịch"),
        ("Thành lập tổ COVID cộng đồng tại các khu phố của {w}", "trong 03 ngày", "Phòng, chống dịch"),
    ],
    "KH52": [
        ("Rà soát, lập danh sách đối tượng được hỗ trợ theo Nghị quyết 42/NQ-CP trên địa bàn {w}", "trước ngày 10/5/2020", "An sinh xã hội"),
    ],
    "CT02": [
        ("Xây dựng phương án phòng, chống thiên tai, tìm kiếm cứu nạn năm 2020 của {w}", "trước ngày 15/7/2020", "Phòng, chống thiên tai"),
    ],
    "KL18": [
        ("Xây dựng tuyến đường, khu dân cư kiểu mẫu \"Sáng - Xanh - Sạch - Đẹp\" tại {w}", "trước ngày 30/11/2020", "Trật tự đô thị"),
    ],
    "KH10": [
        ("Xây dựng chương trình công tác năm 2021 của UBND {w}, trình UBND thành phố phê duyệt", "trước ngày 25/01/2021", "Công tác chung"),
        ("Rà soát hộ nghèo, hộ cận nghèo năm 2021 trên địa bàn {w}", "trong tháng 11/2021", "An sinh xã hội"),
        ("Thực hiện chỉ tiêu thu ngân sách năm 2021 trên địa bàn {w}", "năm 2021", "Kinh tế - ngân sách"),
    ],
    "CV2105": [
        ("Rà soát, thống kê hiện trạng đất nghĩa địa trên địa bàn {w}", "trong tháng 10/2020", "Đất đai"),
    ],
    "TB178": [
        ("Thống kê thiệt hại do mưa lũ trên địa bàn {w}, báo cáo UBND thành phố", "trong 03 ngày làm việc", "Phòng, chống thiên tai"),
    ],
    "KH48": [
        ("Triển khai tiếp nhận hồ sơ trực tuyến tại bộ phận một cửa của {w}", "Quý III/2021", "Chuyển đổi số"),
    ],
    "KH67": [
        ("Ra quân dọn dẹp vệ sinh môi trường, chỉnh trang khu dân cư tại {w}", "trong tháng 7/2021", "Trật tự đô thị"),
        ("Xây dựng và ra mắt mô hình tự quản về vệ sinh môi trường, văn minh đô thị tại {w}", "Quý II/2021", "Trật tự đô thị"),
    ],
    "TB95": [
        ("Tổ chức bầu cử đại biểu Quốc hội và HĐND các cấp tại các khu vực bỏ phiếu thuộc {w}", "trước ngày 23/5/2021", "Bầu cử"),
    ],
    "KH81": [
        ("Giám sát việc cách ly y tế tại nhà đối với người về từ vùng có dịch trên địa bàn {w}", "thường xuyên", "Phòng, chống dịch"),
        ("Lập danh sách người dân thuộc đối tượng ưu tiên tiêm vắc xin phòng COVID-19 tại {w}", "trước ngày 20/6/2021", "Phòng, chống dịch"),
    ],
}

# --------------------------------------------------------------------------- recurring reports
# The reports units owe the city on a rhythm (chế độ báo cáo định kỳ): (directive key, content,
# lead as written, deadline as written, work group).  A duty's row says its rule; each past
# period has a row of its own ("… - tháng 01/2021": done on time, late, or still owed); the
# current period and the next are left to the duty (the importer makes them).  Two tasks of
# TASKS above recur as well ("định kỳ hằng quý", "hằng tháng"): their periods are added too.
RECURRING: list[T] = [
    ("QD12", "Báo cáo tình hình kinh tế - xã hội, quốc phòng - an ninh hằng tháng", "Phòng TC-KH",
     "Báo cáo định kỳ hằng tháng, trước ngày 20", "Kinh tế - ngân sách"),
    ("QD12", "Báo cáo tiến độ thực hiện và giải ngân vốn đầu tư công", "Ban QLDA",
     "ngày 25 hằng tháng", "Xây dựng cơ bản"),
    ("QD12", "Báo cáo kết quả thực hiện công tác cải cách hành chính", "Phòng Nội vụ",
     "hằng quý, trước ngày 15 của tháng cuối quý", "Cải cách hành chính"),
    ("QD12", "Báo cáo công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "Thanh tra thành phố",
     "hằng quý, trước ngày 15 của tháng cuối quý", "Thanh tra - tiếp dân"),
    ("QD12", "Báo cáo công tác phòng, chống tham nhũng", "Thanh tra thành phố",
     "6 tháng, trước 15/6 và 15/12", "Thanh tra - tiếp dân"),
    ("QD12", "Báo cáo kiểm điểm công tác chỉ đạo, điều hành của UBND thành phố", "Văn phòng HĐND-UBND",
     "hằng năm, trước ngày 05/12", "Công tác chung"),
]

# --------------------------------------------------------------------------- work programme
# Chương trình công tác năm 2021 (02/CTr-UBND), as the office keeps it: numbered groups, each
# all year ("Cả năm") or in the quarters marked; the items under a group, with the quarter
# marked on an item's own row when it differs, and the day an item was done (if it was).
# (number, group title, "year" or quarters, [(content, lead as written, own quarters, done on)])
PROGRAMME_YEAR = 2021
PROGRAMME: list[tuple] = [
    (1, "Công tác chỉ đạo, điều hành chung", "year", [
        ("Duy trì giao ban đầu tuần của Thường trực UBND thành phố", "Văn phòng HĐND-UBND", (), None),
        ("Rà soát, tổng hợp các nội dung công việc còn tồn đọng hằng tháng, quý", "Văn phòng HĐND-UBND", (), None),
    ]),
    (2, "Phát triển kinh tế, thu chi ngân sách", "year", [
        ("Điều hành thu, chi ngân sách năm 2021 đảm bảo dự toán", "Phòng TC-KH", (), None),
        ("Hỗ trợ doanh nghiệp, hộ kinh doanh phục hồi sản xuất sau dịch", "Phòng Kinh tế", (), None),
    ]),
    (3, "Đầu tư xây dựng cơ bản", "year", [
        ("Giải ngân vốn đầu tư công năm 2021 đạt kế hoạch", "Ban QLDA", (), None),
        ("Giám sát chất lượng, tiến độ các công trình đang thi công", "Phòng QLĐT", (), None),
    ]),
    (4, "Phòng, chống dịch COVID-19", "year", [
        ("Duy trì hoạt động của Ban Chỉ đạo phòng, chống dịch COVID-19 các cấp", "Phòng Y tế", (), None),
    ]),
    (5, "Quốc phòng - an ninh, trật tự an toàn xã hội", "year", [
        ("Giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn", "Công an thành phố", (), None),
    ]),
    (6, "Thanh tra, tiếp công dân, phòng, chống tham nhũng", "year", [
        ("Thực hiện kế hoạch thanh tra năm 2021", "Thanh tra thành phố", (), None),
        ("Tiếp công dân định kỳ của Chủ tịch UBND thành phố", "Thanh tra thành phố", (), None),
    ]),
    (7, "Triển khai nhiệm vụ năm 2021", (1,), [
        ("Xây dựng, ban hành Chương trình công tác năm 2021 của UBND thành phố", "Văn phòng HĐND-UBND", (), "11/01/2021"),
        ("Phân bổ, giao kế hoạch vốn đầu tư công năm 2021", "Phòng TC-KH", (), "22/01/2021"),
        ("Quyết toán các công trình hoàn thành năm 2020", "Ban QLDA", (), None),
    ]),
    (8, "Quy hoạch, giải phóng mặt bằng và văn minh đô thị (chủ đề năm)", (2, 3), [
        ("Công bố quy hoạch phân khu các khu đô thị mới", "Phòng QLĐT", (2,), None),
        ("Giải phóng mặt bằng các công trình trọng điểm năm 2021", "Trung tâm PTQĐ", (), None),
        ("Tổ chức đấu giá quyền sử dụng đất các khu đất năm 2021", "Trung tâm PTQĐ", (), None),
    ]),
    (9, "Cải cách hành chính, chuyển đổi số", (1, 2), [
        ("Công bố chỉ số cải cách hành chính năm 2020 của các phòng, ban và UBND các phường", "Phòng Nội vụ", (1,), "25/03/2021"),
        ("Kiện toàn bộ phận tiếp nhận và trả kết quả của UBND các phường", "Phòng Nội vụ", (1,), "12/04/2021"),
        ("Triển khai dịch vụ công trực tuyến mức độ 3, 4", "Văn phòng HĐND-UBND", (), None),
    ]),
    (10, "Bầu cử đại biểu Quốc hội khóa XV và HĐND các cấp nhiệm kỳ 2021-2026", (1, 2), [
        ("Thành lập Ủy ban bầu cử và các tổ chức phụ trách bầu cử", "Phòng Nội vụ", (1,), "19/02/2021"),
        ("Tổ chức ngày bầu cử 23/5/2021 an toàn, đúng luật", "Phòng Nội vụ", (2,), "23/05/2021"),
        ("Tổng kết công tác bầu cử trên địa bàn thành phố", "Phòng Nội vụ", (2,), None),
    ]),
    (11, "Văn hóa - xã hội, y tế", (1, 3), [
        ("Chăm lo Tết Tân Sửu cho người có công, hộ nghèo, đối tượng bảo trợ xã hội", "Phòng LĐ-TB&XH", (1,), "08/02/2021"),
        ("Tổ chức các hoạt động mừng Đảng, mừng Xuân Tân Sửu 2021", "Phòng VH&TT", (1,), "09/02/2021"),
        ("Tổng kết năm học 2020-2021, chuẩn bị năm học mới", "Phòng GD&ĐT", (3,), None),
        ("Tiêm vắc xin phòng COVID-19 cho các đối tượng ưu tiên", "Trung tâm Y tế", (3,), None),
    ]),
    (12, "Quân sự địa phương", (1, 4), [
        ("Tổ chức tuyển chọn và gọi công dân nhập ngũ năm 2021", "Ban CHQS TP", (1,), "27/02/2021"),
        ("Diễn tập khu vực phòng thủ thành phố năm 2021", "Ban CHQS TP", (4,), None),
    ]),
    (13, "Chuẩn bị các kỳ họp HĐND và kế hoạch năm 2022", (2, 4), [
        ("Chuẩn bị nội dung kỳ họp thứ nhất HĐND thành phố khóa XII", "Văn phòng HĐND-UBND", (2,), None),
        ("Báo cáo kiểm điểm công tác chỉ đạo, điều hành năm 2021", "Văn phòng HĐND-UBND", (4,), None),
        ("Xây dựng kế hoạch phát triển kinh tế - xã hội năm 2022", "Phòng TC-KH", (4,), None),
    ]),
]

# How clerks write the lead units they copy from a directive (chosen per task, fixed by SEED).
WRITTEN_WARD = ["{name}", "UBND {name}"]

# --------------------------------------------------------------------------- notes
NOTES_OPEN = [
    "Đã xây dựng dự thảo, đang lấy ý kiến các phòng, ban liên quan",
    "Đang tổ chức khảo sát thực địa, tổng hợp số liệu",
    "Đã làm việc với các đơn vị liên quan, thống nhất phương án thực hiện",
    "Đang hoàn thiện hồ sơ trình UBND thành phố",
    "Vướng mắc về nguồn vốn, đã báo cáo UBND thành phố xin ý kiến chỉ đạo",
    "Một số hộ dân chưa đồng thuận, đang tiếp tục vận động",
    "Đã triển khai đến các phường, đang theo dõi kết quả",
]
NOTES_DONE = [
    "Đã hoàn thành dự thảo, trình lãnh đạo UBND thành phố xem xét",
    "Đã tổ chức thực hiện theo kế hoạch",
    "Đã tổng hợp, báo cáo kết quả",
]
EXTENSION_REASONS = [
    "Ảnh hưởng của dịch COVID-19, phải thực hiện giãn cách xã hội",
    "Vướng mắc công tác giải phóng mặt bằng",
    "Chờ bố trí vốn",
    "Chờ ý kiến thẩm định của các sở, ngành cấp tỉnh",
    "Ảnh hưởng của mưa lũ kéo dài",
]
CANCEL_REASONS = [
    "Nội dung đã được điều chỉnh theo Kế hoạch số 81/KH-UBND",
    "Không còn phù hợp do thay đổi chủ trương của tỉnh",
]
PROOF_KINDS = [("Báo cáo", "BC"), ("Tờ trình", "TTr"), ("Kế hoạch", "KH"), ("Công văn", "")]

HEADERS = ["STT", "Mã nhiệm vụ", "Số, ký hiệu văn bản", "Ngày ban hành", "Cơ quan ban hành",
           "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Lãnh đạo phụ trách",
           "Nhóm công việc", "Thời hạn", "Gia hạn", "Trạng thái", "Ngày hoàn thành", "Kết quả",
           "Tiến độ thực hiện", "Ghi chú"]
STATUS_WORDS = {"open": "Đang thực hiện", "done": "Đã hoàn thành", "cancelled": "Không thực hiện"}


def _d(text: str) -> dt.date:
    d, m, y = (int(p) for p in text.split("/"))
    return dt.date(y, m, d)


def _unit_code(written: str) -> str:
    for code, name, _kind, aliases in UNITS:
        if written in (code, name, *aliases):
            return code
    raise KeyError(f"the sample writes a unit the register does not know: {written!r}")


def _deadline_date(text: str, ref: dt.date) -> dt.date | None:
    try:
        return parse_deadline(text, ref_date=ref).date
    except DeadlineError as exc:
        raise SystemExit(f"sample deadline {text!r} does not parse: {exc}") from None


def _clamp(day: dt.date, lo: dt.date, hi: dt.date) -> dt.date:
    return max(lo, min(hi, day))


def _written_unit(rng: random.Random, code: str) -> str:
    """A lead unit as the clerk typed it: mostly the full name, sometimes a short form."""
    for c, name, kind, aliases in UNITS:
        if c == code:
            if kind == "UBND phường":
                return rng.choice(WRITTEN_WARD).format(name=name)
            return name if rng.random() < 0.7 else rng.choice(aliases)
    raise KeyError(code)


def build_tasks() -> list[dict]:
    rng = random.Random(SEED)
    directives = {d[0]: d for d in DIRECTIVES}
    ward_names = {u[0]: u[1] for u in UNITS if u[0] in WARDS}
    items: list[tuple[str, str, str, str, str]] = []  # directive key, content, lead, support, deadline, group
    for key in sorted(directives, key=lambda k: _d(directives[k][4])):
        for content, lead, support, deadline, group in TASKS.get(key, ()):
            items.append((key, content, lead, support, deadline, group))
        for content, deadline, group in WARD_TASKS.get(key, ()):
            for code in WARDS:
                lead = _written_unit(rng, code)
                items.append((key, content.format(w=ward_names[code]), lead, "", deadline, group))
    rows = []
    seq: dict[int, int] = {}
    cancelled_left = len(CANCEL_REASONS)
    for n, (key, content, lead, support, deadline, group) in enumerate(items, start=1):
        _k, number, _type, issuer, date_text, _title, _signer, _parent = directives[key]
        issued = _d(date_text)
        lead_code = _unit_code(lead)
        for s in support.split("; ") if support else ():
            if not s.startswith("các ") and not s.startswith("UBND các"):
                _unit_code(s)
        due = _deadline_date(deadline, issued)
        seq[issued.year] = seq.get(issued.year, 0) + 1
        row = {
            "STT": n, "Mã nhiệm vụ": f"NV-{issued.year}-{seq[issued.year]:03d}",
            "Số, ký hiệu văn bản": number, "Ngày ban hành": issued, "Cơ quan ban hành": issuer,
            "Nội dung nhiệm vụ": content, "Đơn vị chủ trì": lead, "Đơn vị phối hợp": support,
            "Lãnh đạo phụ trách": LEADER_OF.get(lead_code, PCT_VX if lead_code in WARDS else CT),
            "Nhóm công việc": group, "Thời hạn": deadline, "Gia hạn": "", "Trạng thái": "",
            "Ngày hoàn thành": None, "Kết quả": "", "Tiến độ thực hiện": "", "Ghi chú": "",
        }
        if lead_code in WARDS:
            row["Lãnh đạo phụ trách"] = PCT_VX if group in ("An sinh xã hội", "Phòng, chống dịch") else PCT_KT
        status = "open"
        done_on = None
        notes: list[tuple[dt.date, str]] = []
        roll = rng.random()
        if issued > AS_OF:
            pass
        elif due is None:
            # ongoing work: progress notes, never "done"
            for _ in range(rng.randint(1, 3)):
                notes.append((issued + dt.timedelta(days=rng.randint(10, max(11, (AS_OF - issued).days))),
                              rng.choice(NOTES_OPEN)))
        elif cancelled_left and roll < 0.012:
            status = "cancelled"
            row["Ghi chú"] = CANCEL_REASONS[len(CANCEL_REASONS) - cancelled_left]
            cancelled_left -= 1
        elif due < AS_OF:
            if roll < 0.62:      # done on time
                status, done_on = "done", _clamp(due - dt.timedelta(days=rng.randint(0, 20)), issued, AS_OF)
            elif roll < 0.80:    # done late
                status, done_on = "done", _clamp(due + dt.timedelta(days=rng.randint(3, 60)), issued, AS_OF)
            elif roll < 0.90:    # extended, then done or still open
                new_due = due + dt.timedelta(days=rng.choice([30, 45, 61, 92]))
                row["Thời hạn"] = format_date(new_due)
                row["Gia hạn"] = f"{deadline} → {format_date(new_due)}: {rng.choice(EXTENSION_REASONS)}"
                if new_due < AS_OF and rng.random() < 0.6:
                    status, done_on = "done", _clamp(new_due - dt.timedelta(days=rng.randint(0, 10)), issued, AS_OF)
                notes.append((_clamp(due - dt.timedelta(days=5), issued, AS_OF), rng.choice(NOTES_OPEN)))
            else:                # still open, overdue
                for _ in range(rng.randint(1, 2)):
                    notes.append((_clamp(due + dt.timedelta(days=rng.randint(-20, 40)), issued, AS_OF),
                                  rng.choice(NOTES_OPEN)))
                row["Ghi chú"] = "Đã nhắc nhở bằng văn bản" if rng.random() < 0.5 else ""
        else:
            if roll < 0.22:      # done early
                status, done_on = "done", _clamp(issued + dt.timedelta(days=rng.randint(5, 60)), issued, AS_OF)
            else:
                if roll > 0.93:  # asked for more time already
                    new_due = due + dt.timedelta(days=rng.choice([30, 61]))
                    row["Thời hạn"] = format_date(new_due)
                    row["Gia hạn"] = f"{deadline} → {format_date(new_due)}: {rng.choice(EXTENSION_REASONS)}"
                if rng.random() < 0.7:
                    notes.append((_clamp(issued + dt.timedelta(days=rng.randint(7, 50)), issued, AS_OF),
                                  rng.choice(NOTES_OPEN)))
        if status == "done":
            assert done_on is not None
            if rng.random() < 0.5:
                notes.append((_clamp(done_on - dt.timedelta(days=rng.randint(5, 25)), issued, done_on),
                              rng.choice(NOTES_DONE)))
            kind, code = rng.choice(PROOF_KINDS)
            unit_code = lead_code
            symbol = f"{code}-{unit_code}" if code else f"UBND-{unit_code}"
            if lead_code in WARDS:
                symbol = f"{code}-UBND" if code else "UBND"
            row["Kết quả"] = f"{kind} số {rng.randint(12, 480)}/{symbol} ngày {format_date(done_on)}"
            row["Ngày hoàn thành"] = done_on
        row["Trạng thái"] = STATUS_WORDS[status]
        notes = sorted(set(notes))
        row["Tiến độ thực hiện"] = "\n".join(f"{format_date(d)}: {t}" for d, t in notes)
        rows.append(row)
    return rows + recurring_rows(rows)


def recurring_rows(rows: list[dict]) -> list[dict]:
    """The recurring reports: TASKS' rows whose deadline recurs become duties' rows (a rule,
    no task's own cells), then RECURRING's duties, then a row for each past period of each
    duty (and a few current ones done early) — drawn from a generator of their own, so the
    tasks above keep their statuses."""
    from tracker.domain.recurrence import read_recurrence
    from tracker.services.recurrence import instance_words

    rng = random.Random(SEED + 18)  # (issue 18: the office's rhythm)
    directives = {d[0]: d for d in DIRECTIVES}
    by_number = {(d[1], d[4]): d[0] for d in DIRECTIVES}
    duties = []
    for row in rows:
        if read_recurrence(row["Thời hạn"]) is not None:
            row.update({"Mã nhiệm vụ": "", "Trạng thái": "", "Tiến độ thực hiện": "", "Ghi chú": ""})
            key = by_number[(row["Số, ký hiệu văn bản"], format_date(row["Ngày ban hành"]))]
            duties.append((key, row["Nội dung nhiệm vụ"], row["Đơn vị chủ trì"], row["Thời hạn"],
                           row["Nhóm công việc"], row["Lãnh đạo phụ trách"], None))
    out = []
    for key, content, lead, words, group in RECURRING:
        code = _unit_code(lead)
        row = _row(directives[key], content, lead, LEADER_OF.get(code, CT), group, words)
        row["Trạng thái"] = ""  # a duty has no status: each period's task has its own
        out.append(row)
        duties.append((key, content, lead, words, group, row["Lãnh đạo phụ trách"], None))
    for n, (key, content, lead, words, group, leader, _r) in enumerate(duties, start=1):
        issued = _d(directives[key][4])
        code = _unit_code(lead)
        rule = read_recurrence(words)
        for period, due in rule.due_dates(issued, AS_OF + dt.timedelta(days=400)):
            if period.start > AS_OF:
                break
            if due >= AS_OF and rng.random() >= 0.25:
                continue  # still to do: the duty makes its task
            row = _row(directives[key], content, lead, leader, group, instance_words(words, period))
            row["Mã nhiệm vụ"] = f"BC{n:02d}-{period.key}"
            lo = max(issued, period.start)
            roll = rng.random()
            if due >= AS_OF:      # done early
                done_on = _clamp(AS_OF - dt.timedelta(days=rng.randint(0, 10)), lo, AS_OF)
            elif roll < 0.70:     # done on time
                done_on = _clamp(due - dt.timedelta(days=rng.randint(0, 5)), lo, AS_OF)
            elif roll < 0.88:     # done late
                done_on = _clamp(due + dt.timedelta(days=rng.randint(6, 15)), lo, AS_OF)
            else:                 # still owed
                done_on = None
                row["Ghi chú"] = "Đã nhắc nhở bằng văn bản"
            if done_on is not None:
                row["Trạng thái"] = STATUS_WORDS["done"]
                row["Ngày hoàn thành"] = done_on
                row["Kết quả"] = f"Báo cáo số {rng.randint(12, 480)}/BC-{code} ngày {format_date(done_on)}"
            out.append(row)
    for i, row in enumerate(out, start=len(rows) + 1):
        row["STT"] = i
    return out


def _row(directive: tuple, content: str, lead: str, leader: str, group: str, deadline: str) -> dict:
    """A task sheet's row of a recurring report (a duty's, or one period's)."""
    _k, number, _type, issuer, date_text, _title, _signer, _parent = directive
    return {
        "STT": 0, "Mã nhiệm vụ": "", "Số, ký hiệu văn bản": number, "Ngày ban hành": _d(date_text),
        "Cơ quan ban hành": issuer, "Nội dung nhiệm vụ": content, "Đơn vị chủ trì": lead,
        "Đơn vị phối hợp": "", "Lãnh đạo phụ trách": leader, "Nhóm công việc": group,
        "Thời hạn": deadline, "Gia hạn": "", "Trạng thái": STATUS_WORDS["open"],
        "Ngày hoàn thành": None, "Kết quả": "", "Tiến độ thực hiện": "", "Ghi chú": "",
    }


def write_units(path: Path) -> None:
    import csv

    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["STT", "Mã đơn vị", "Tên đơn vị", "Loại", "Tên viết tắt"])
        for i, (code, name, kind, aliases) in enumerate(UNITS, start=1):
            w.writerow([i, code, name, kind, "; ".join(aliases)])


def write_directives(path: Path) -> None:
    import csv

    keys = {d[0]: d for d in DIRECTIVES}
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["STT", "Số, ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành",
                    "Trích yếu", "Người ký", "Văn bản cấp trên"])
        for i, (key, number, kind, issuer, date, title, signer, parent) in enumerate(DIRECTIVES, start=1):
            parent_ref = ""
            if parent:
                p = keys[parent]
                parent_ref = f"{p[1]}@{p[4]}"
            w.writerow([i, number, kind, issuer, date, title, signer, parent_ref])


def _cell(value) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    return "" if value is None else str(value)


def write_tasks_csv(rows: list[dict], path: Path) -> None:
    import csv

    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADERS)
        for r in rows:
            w.writerow([_cell(r[h]) for h in HEADERS])


def _header_row(ws, row: int, headers) -> object:
    """A sheet's header row in bold, centred and boxed; returns the box for the cells below."""
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i, h in enumerate(headers, start=1):
        c = ws.cell(row=row, column=i, value=h)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        c.border = box
    return box


def write_tasks_xlsx(rows: list[dict], path: Path) -> None:
    """The sheet a clerk keeps: title rows, a bold wrapped header, real dates, frozen panes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Theo dõi nhiệm vụ"
    last = get_column_letter(len(HEADERS))
    ws["A1"] = "UBND THÀNH PHỐ ĐÔNG HÀ"
    ws["A2"] = "VĂN PHÒNG HĐND VÀ UBND"
    ws["A3"] = "DANH MỤC THEO DÕI TÌNH HÌNH THỰC HIỆN NHIỆM VỤ DO CẤP TRÊN VÀ UBND THÀNH PHỐ GIAO"
    ws["A4"] = f"(Cập nhật đến ngày {format_date(AS_OF)})"
    for cell, size in (("A1", 11), ("A2", 11), ("A3", 13), ("A4", 11)):
        ws[cell].font = Font(bold=cell != "A4", italic=cell == "A4", size=size)
    ws.merge_cells(f"A3:{last}3")
    ws.merge_cells(f"A4:{last}4")
    ws["A3"].alignment = Alignment(horizontal="center")
    ws["A4"].alignment = Alignment(horizontal="center")
    header_row = 6
    box = _header_row(ws, header_row, HEADERS)
    widths = {"STT": 5, "Mã nhiệm vụ": 12, "Số, ký hiệu văn bản": 16, "Ngày ban hành": 12,
              "Cơ quan ban hành": 16, "Nội dung nhiệm vụ": 60, "Đơn vị chủ trì": 24,
              "Đơn vị phối hợp": 28, "Lãnh đạo phụ trách": 20, "Nhóm công việc": 18,
              "Thời hạn": 18, "Gia hạn": 30, "Trạng thái": 14, "Ngày hoàn thành": 12,
              "Kết quả": 30, "Tiến độ thực hiện": 50, "Ghi chú": 24}
    for i, h in enumerate(HEADERS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths[h]
    ws.row_dimensions[header_row].height = 33  # two lines of wrapped header text
    top = Alignment(wrap_text=True, vertical="top")
    for r_i, r in enumerate(rows, start=header_row + 1):
        for c_i, h in enumerate(HEADERS, start=1):
            value = r[h]
            if value == "" or value is None:
                value = None
            c = ws.cell(row=r_i, column=c_i, value=value)
            c.alignment = top
            c.border = box
            if isinstance(value, dt.date):
                c.number_format = "dd/mm/yyyy"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=7)
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + len(rows)}"
    _save_pinned(wb, path)


PROGRAMME_HEADERS = ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Lãnh đạo phụ trách", "Cả năm",
                     "Quý I", "Quý II", "Quý III", "Quý IV", "Ngày hoàn thành", "Kết quả"]


def programme_rows() -> list[list]:
    """The programme sheet's rows under its header: a group's heading (its number, title and
    marks), then its items (lead unit, leader, their own quarters when they differ, done)."""
    out = []
    n = 0
    for number, title, marks, items in PROGRAMME:
        year = marks == "year"
        out.append([number, title, None, None, "x" if year else None,
                    *("x" if not year and q in marks else None for q in range(1, 5)), None, None])
        for i, (content, lead, own, done) in enumerate(items, start=1):
            code = _unit_code(lead)
            done_on = _d(done) if done else None
            n += 1
            proof = f"Báo cáo số {20 + 7 * n}/BC-{code} ngày {done}" if done else None
            out.append([f"{number}.{i}", content, lead, LEADER_OF.get(code, CT), None,
                        *("x" if q in own else None for q in range(1, 5)), done_on, proof])
    return out


def write_programme_xlsx(path: Path) -> None:
    """Chương trình công tác năm 2021 as the office keeps it (title rows, a bold header,
    groups in bold above their items, quarter columns marked x)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Chương trình công tác"
    last = get_column_letter(len(PROGRAMME_HEADERS))
    ws["A1"] = "UBND THÀNH PHỐ ĐÔNG HÀ"
    ws["A2"] = f"CHƯƠNG TRÌNH CÔNG TÁC NĂM {PROGRAMME_YEAR} CỦA UBND THÀNH PHỐ"
    ws["A3"] = "(Ban hành kèm theo Quyết định số 85/QĐ-UBND ngày 11/01/2021 của UBND thành phố)"
    for cell in ("A1", "A2", "A3"):
        ws[cell].font = Font(bold=cell != "A3", italic=cell == "A3", size=13 if cell == "A2" else 11)
    for r in (2, 3):
        ws.merge_cells(f"A{r}:{last}{r}")
        ws[f"A{r}"].alignment = Alignment(horizontal="center")
    header_row = 5
    box = _header_row(ws, header_row, PROGRAMME_HEADERS)
    for i, width in enumerate((6, 60, 22, 22, 7, 7, 7, 7, 7, 12, 34), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for r_i, values in enumerate(programme_rows(), start=header_row + 1):
        heading = values[2] is None
        for c_i, value in enumerate(values, start=1):
            c = ws.cell(row=r_i, column=c_i, value=value)
            c.border = box
            c.alignment = Alignment(wrap_text=True, vertical="top",
                                    horizontal="center" if 5 <= c_i <= 9 else None)
            if heading:
                c.font = Font(bold=True)
            if isinstance(value, dt.date):
                c.number_format = "dd/mm/yyyy"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    _save_pinned(wb, path)


def _save_pinned(wb, path: Path) -> None:
    """Save a sheet the same bytes every run: its author and times fixed, the zip's too."""
    wb.properties.creator = "Văn phòng HĐND và UBND thành phố"
    pinned = dt.datetime(2021, 6, 15, 16, 30)
    wb.properties.created = pinned
    wb.properties.modified = pinned
    wb.save(path)
    _pin_zip_times(path)


def _pin_zip_times(path: Path) -> None:
    """Rewrite the XLSX with fixed member timestamps so regenerating gives the same bytes."""
    import zipfile

    import re

    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info.filename)) for info in src.infolist()]
    # openpyxl stamps the save time into docProps/core.xml: pin it too
    members = [(info, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2021-06-15T16:30:00Z", data)
                if info.filename == "docProps/core.xml" else data) for info, data in members]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2021, 6, 15, 16, 30, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)


def main() -> None:
    rows = build_tasks()
    write_units(HERE / "units.csv")
    write_directives(HERE / "directives.csv")
    write_tasks_csv(rows, HERE / "tasks.csv")
    write_tasks_xlsx(rows, HERE / "tasks.xlsx")
    write_programme_xlsx(HERE / "programme.xlsx")
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["Trạng thái"]] = counts.get(r["Trạng thái"], 0) + 1
    items = sum(len(g[3]) for g in PROGRAMME)
    print(f"{len(UNITS)} units, {len(DIRECTIVES)} directives, {len(rows)} task rows: {counts}; "
          f"programme: {len(PROGRAMME)} groups, {items} items")


if __name__ == "__main__":
    main()
