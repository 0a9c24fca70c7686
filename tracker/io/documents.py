"""Reading a directive's file into paragraphs and tables (issue 16).

What a file is comes from its first bytes, not its name: ``%PDF`` a PDF, a ZIP holding
``word/document.xml`` a Word document, an OLE2 file an old Word ``.doc``, anything else text
(UTF-8, UTF-16 with BOM, cp1258 …).  A name that says otherwise is warned about and the file
read as what it is.  ``-`` is standard input.

* ``.docx`` (python-docx): paragraphs and tables in their order; a table's merged cells
  give their text in every grid cell they cover (python-docx's ``row.cells``), a cell's
  paragraphs are kept as its lines; tracked changes are read as if accepted (insertions in,
  deletions out) and said so.
* ``.pdf`` (pypdf): the text layer, page by page.  pypdf rather than pdfminer.six: pure
  Python with no dependencies of its own, kept up (monthly releases), and its text
  extraction keeps Vietnamese combining marks in order on the documents tried; a PDF without
  a text layer (a scan) is refused with a word about OCR.
* ``.doc``: through ``antiword`` or LibreOffice (``soffice --convert-to txt``) when one is
  installed; otherwise refused, naming what to install.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field

from tracker.domain.extract import Block, text_blocks
from tracker.io.problems import ReadError

KINDS = ("txt", "docx", "pdf", "doc")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class ReadDocument:
    name: str
    kind: str
    blocks: list[Block]
    warnings: list[tuple[str, dict]] = field(default_factory=list)  # (catalogue key, fields)


def sniff(data: bytes) -> str:
    """'pdf' | 'docx' | 'doc' | 'zip' | 'binary' | 'txt' from the first bytes."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "docx" if "word/document.xml" in z.namelist() else "zip"
        except zipfile.BadZipFile:
            return "binary"
    if head.startswith(_OLE):
        return "doc"
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "txt"
    if b"\x00" in sample:
        return "binary"
    return "txt"


def read_document(path: str, *, data: bytes | None = None) -> ReadDocument:
    """The blocks of the file at ``path`` (``-``: standard input, or ``data`` when given)."""
    name = "stdin" if path == "-" else path
    if data is None:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            if not os.path.isfile(path):
                raise ReadError("extract.no_file", file=path)
            with open(path, "rb") as f:
                data = f.read()
    if not data.strip():
        raise ReadError("extract.empty_file", file=name)
    kind = sniff(data)
    warnings: list[tuple[str, dict]] = []
    ext = os.path.splitext(path)[1].lower().lstrip(".") if path != "-" else ""
    if kind in ("binary", "zip"):
        raise ReadError("extract.not_a_document", file=name, ext=ext or "-",
                        expected=".txt, .docx, .pdf, .doc")
    if ext and ext in KINDS and ext != kind:
        warnings.append(("extract.wrong_extension", {"file": name, "ext": ext, "kind": kind}))
    reader = {"txt": _read_text, "docx": _read_docx, "pdf": _read_pdf, "doc": _read_doc}[kind]
    blocks = reader(name, data, warnings)
    return ReadDocument(name, kind, blocks, warnings)


def _read_text(name: str, data: bytes, warnings) -> list[Block]:
    from tracker.io.readers import detect_encoding

    codec = detect_encoding(data[:65536], complete=len(data) <= 65536, file=name)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise ReadError("io.bad_encoding", file=name, row=1, value="?",
                        expected="utf-8, utf-16, cp1258") from None
    return text_blocks(text.lstrip("\ufeff"))  # (its tables between | or tabs as tables)


# --------------------------------------------------------------------------- docx

def _read_docx(name: str, data: bytes, warnings) -> list[Block]:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds for a broken package
        raise ReadError("extract.broken_docx", file=name) from None
    body = document.element.body
    if body.find(".//" + qn("w:ins")) is not None or body.find(".//" + qn("w:del")) is not None:
        warnings.append(("extract.tracked_changes", {"file": name}))
    blocks: list[Block] = []
    from docx.table import Table

    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(Block(text=_para_text(child)))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            rows = []
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    cells.append("\n".join(_para_text(p) for p in cell._tc.iter(qn("w:p"))).strip())
                rows.append(tuple(cells))
            if rows:
                blocks.append(Block(rows=tuple(rows)))
    return blocks


def _para_text(p) -> str:
    """A paragraph's text with insertions (tracked or not) and without deletions; a tab
    is a space, a line break a new line."""
    from docx.oxml.ns import qn

    t, tab, br, cr, deleted = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:del")
    out: list[str] = []
    for el in p.iter():
        if el.tag == t:
            anc = el.getparent()
            skip = False
            while anc is not None and anc is not p:
                if anc.tag == deleted:
                    skip = True
                    break
                anc = anc.getparent()
            if not skip:
                out.append(el.text or "")
        elif el.tag == tab:
            out.append(" ")
        elif el.tag in (br, cr):
            out.append("\n")
    return "".join(out)


# --------------------------------------------------------------------------- pdf

def _read_pdf(name: str, data: bytes, warnings) -> list[Block]:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ReadError("extract.pdf_encrypted", file=name) from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError:
        raise ReadError("extract.broken_pdf", file=name) from None
    letters = sum(sum(ch.isalpha() for ch in p) for p in pages)
    if letters < 20 * max(1, len(pages)) // 2:
        raise ReadError("extract.scanned_pdf", file=name, pages=len(pages))
    return [Block(text="\n".join(pages))]


# --------------------------------------------------------------------------- doc

def converter() -> str | None:
    """The converter for old Word files at hand: 'antiword', 'soffice' or None."""
    for tool in ("antiword", "soffice", "libreoffice"):
        if shutil.which(tool):
            return tool
    return None


def _read_doc(name: str, data: bytes, warnings) -> list[Block]:
    tool = converter()
    if tool is None:
        raise ReadError("extract.doc_no_converter", file=name)
    with tempfile.TemporaryDirectory(prefix="tracker-doc-") as tmp:
        src = os.path.join(tmp, "in.doc")
        with open(src, "wb") as f:
            f.write(data)
        try:
            if tool == "antiword":
                done = subprocess.run([tool, "-m", "UTF-8.txt", "-w", "0", src], capture_output=True,
                                      timeout=120, check=False)
                text = done.stdout.decode("utf-8", "replace")
            else:
                done = subprocess.run([tool, "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                                       "--outdir", tmp, src], capture_output=True, timeout=180,
                                      check=False)
                out = os.path.join(tmp, "in.txt")
                text = open(out, encoding="utf-8-sig").read() if os.path.exists(out) else ""
        except (OSError, subprocess.SubprocessError):
            raise ReadError("extract.doc_failed", file=name, tool=tool) from None
    if not text.strip():
        raise ReadError("extract.doc_failed", file=name, tool=tool)
    return [Block(text=text)]
