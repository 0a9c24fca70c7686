"""Long tables in a python-docx paper: body rows written while the paper is saved.

python-docx adds a table row at a cost that grows with the table and holds every element
in memory.  Here python-docx lays out one row of each kind, and the body rows are
serialized one at a time by lxml into ``word/document.xml`` as the zip is written:
seconds for tens of thousands of rows, memory flat.  Each row is the XML python-docx
writes for it row by row (tests/reports/test_docx.py reads them back), each also
declaring the ``w`` namespace.
"""
from __future__ import annotations

import re
from typing import NamedTuple

_MARK = "tracker-body-rows-"


class LongTable:
    """A table whose body rows are written while the paper is saved, one at a time, so a
    paper of 30k tasks takes seconds and its memory stays flat.

    python-docx lays out one row of each kind (``kind``: fonts, alignment, widths, rows
    kept whole — the same calls a short table makes); ``close`` takes those rows out of
    the table and leaves a marker where the body goes.  Each body row is its kind's row
    with its own texts put in (the elements python-docx's ``run.text`` writes), serialized
    by lxml; an empty text leaves the cell without a run, as ``_cell`` does.  The kind's
    row is reused from one body row to the next (a copy per row would cost more than the
    rest together)."""

    def __init__(self, table, rows):
        self.table = table
        self.rows = rows            # iterable of (kind, texts), read once, while saving
        self.kinds: dict[str, object] = {}
        self.marker = None

    def kind(self, name: str, row) -> None:
        """``row`` (a python-docx row) lays out the body rows of kind ``name``: each of its
        cells holds one run with placeholder text, in the font and alignment wanted."""
        self.kinds[name] = row._tr

    def close(self, index: int) -> None:
        """Take the kinds' rows out (after widths and row options were set on them) and
        mark the body's place with a comment."""
        from docx.oxml.ns import qn
        from lxml import etree

        first = True
        for name, tr in self.kinds.items():
            if first:
                self.marker = etree.Comment(f"{_MARK}{index}")
                tr.addprevious(self.marker)
                first = False
            tr.getparent().remove(tr)
            etree.cleanup_namespaces(tr)  # a row carries only the declarations it uses
            runs = list(tr.iter(qn("w:r")))
            self.kinds[name] = (tr, [(run.getparent(), run, run.find(qn("w:t")))
                                     for run in runs])

    def serialized(self):
        """The body rows as XML bytes, one row at a time."""
        from docx.oxml.ns import qn
        from lxml import etree

        tags = _RunTags(qn("w:t"), qn("w:tab"), qn("w:br"), qn("xml:space"))
        for name, texts in self.rows:
            tr, runs = self.kinds[name]
            for (p, run, t), text in zip(runs, texts):
                if text:
                    _fill_run(run, t, text, tags)
                    if run.getparent() is None:
                        p.append(run)
                elif run.getparent() is not None:
                    p.remove(run)
            yield etree.tostring(tr, encoding="UTF-8", xml_declaration=False)


class _RunTags(NamedTuple):
    t: str
    tab: str
    br: str
    space: str


_BREAKS = re.compile(r"([\t\r\n])")


def _fill_run(run, t, text: str, tags: _RunTags) -> None:
    """Make ``text`` the content of ``run`` (its properties, then ``t``, its ``w:t``), with
    the elements python-docx's ``run.text`` writes — a ``w:t`` per stretch of text
    (``xml:space`` kept when it starts or ends in a space), ``w:tab`` for a tab, ``w:br``
    for a line break — without its character-by-character walk.
    The one ``w:t`` of a plain text is kept from row to row."""
    if "\t" in text or "\n" in text or "\r" in text:
        del run[1:]  # all but the run's properties
        for part in _BREAKS.split(text):
            if not part:
                continue
            if part == "\t":
                run.append(run.makeelement(tags.tab, {}))
            elif part in "\r\n":
                run.append(run.makeelement(tags.br, {}))
            else:
                piece = run.makeelement(tags.t, {})
                _set_text(piece, part, tags.space)
                run.append(piece)
        return
    if len(run) != 2 or run[1] is not t:
        del run[1:]
        run.append(t)
    _set_text(t, text, tags.space)


def _set_text(t, text: str, space: str) -> None:
    t.text = text
    if len(text.strip()) < len(text):
        t.set(space, "preserve")
    elif space in t.attrib:
        del t.attrib[space]


def save_streaming(doc, out, long_tables: list[LongTable]) -> None:
    """Save ``doc`` to ``out`` (a path or a binary stream), writing each long table's body
    rows into ``word/document.xml`` as they are made (zipfile's streaming writer)."""
    import io
    import zipfile

    small = io.BytesIO()
    doc.save(small)
    small.seek(0)
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename != "word/document.xml" or not long_tables:
                zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            target.compress_type = zipfile.ZIP_DEFLATED
            with zout.open(target, "w") as part:
                for index, table in enumerate(long_tables):
                    mark = f"<!--{_MARK}{index}-->".encode()
                    head, data = data.split(mark, 1)
                    part.write(head)
                    chunk, size = [], 0
                    for row in table.serialized():  # written a megabyte at a time
                        chunk.append(row)
                        size += len(row)
                        if size >= 1 << 20:
                            part.write(b"".join(chunk))
                            chunk, size = [], 0
                    part.write(b"".join(chunk))
                part.write(data)
