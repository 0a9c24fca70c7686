"""Helpers for the io tests: text in the encodings Excel and Windows produce.

(Imported by name from the test modules; a module called ``conftest`` would be ambiguous
next to the other test folders' conftest files.)"""
from __future__ import annotations

import unicodedata

# cp1258 keeps the vowel letters with their shape marks (ă â ê ô ơ ư đ) precomposed and
# writes the five tone marks as separate combining characters after the letter.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in decomposed if m in _TONES)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


TASKS_CSV = (
    "STT,Nội dung nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn\n"
    "1,Tổ chức Hội nghị triển khai nhiệm vụ năm 2021,Phòng Tài chính - Kế hoạch,\"Phòng Nội vụ; Phường 1\",Quý II/2021\n"
    "2,\"Rà soát hộ nghèo, cận nghèo\",Phòng Lao động - Thương binh và Xã hội,,thường xuyên\n"
)
