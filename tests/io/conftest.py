"""Helpers for the io tests: files in the encodings Excel and Windows produce."""
from __future__ import annotations

import unicodedata

import pytest

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


@pytest.fixture
def write(tmp_path):
    """write(name, data) -> path; data is bytes or str (UTF-8)."""
    def _write(name: str, data) -> str:
        path = tmp_path / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return str(path)
    return _write


TASKS_CSV = (
    "STT,Nội dung nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn\n"
    "1,Tổ chức Hội nghị triển khai nhiệm vụ năm 2021,Phòng Tài chính - Kế hoạch,\"Phòng Nội vụ; Phường 1\",Quý II/2021\n"
    "2,\"Rà soát hộ nghèo, cận nghèo\",Phòng Lao động - Thương binh và Xã hội,,thường xuyên\n"
)
