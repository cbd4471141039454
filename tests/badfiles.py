"""Bad inputs, made for real, and the reason each must be reported with."""

from __future__ import annotations

from pathlib import Path

from indexing.samples import fictional_file

BAD_FILES = {
    "not_a_pdf": "not a PDF",
    "empty": "empty file",
    "truncated": "damaged or truncated PDF",
    "encrypted": "encrypted PDF",
    "scanned": "no text layer, looks scanned",
}


def make_bad_file(kind: str, folder: Path, sample_dir: Path) -> Path:
    path = folder / f"{kind}.pdf"
    good = (sample_dir / fictional_file(0)).read_bytes()
    if kind == "not_a_pdf":
        path.write_text("Quarterly numbers, sent as plain text by mistake.\n")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(good[: len(good) // 3])
    elif kind == "encrypted":
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(sample_dir / fictional_file(0)))
        writer.encrypt(user_password="secret", algorithm="RC4-128")
        with path.open("wb") as handle:
            writer.write(handle)
    elif kind == "scanned":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.set_fill_color(120, 120, 120)
        pdf.rect(20, 20, 150, 200, style="F")  # a page that is all picture, no text
        pdf.output(str(path))
    return path
