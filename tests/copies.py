"""Files as people end up with them: the same report downloaded twice."""

from __future__ import annotations

import os

from pypdf import PdfReader, PdfWriter


def downloaded_again(source, target, later_by: float = 60):
    """The same report as other bytes: what a second download from the portal gives."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_metadata({"/Title": "Results report (downloaded again)"})
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        writer.write(handle)
    stamp = os.stat(source).st_mtime + later_by
    os.utime(target, (stamp, stamp))
    assert target.read_bytes() != source.read_bytes()
    return target
