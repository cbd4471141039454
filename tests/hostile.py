"""Hostile PDFs, written byte by byte in the test that needs them: small on disk, each
aimed at one weakness of a PDF reader (no large files in the repository)."""

from __future__ import annotations

import zlib
from pathlib import Path

HELLO = b"BT /F1 12 Tf 72 720 Td (Hello from a hostile file) Tj ET\n"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; object 1 the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + (b"\nendstream")
        )
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def one_page(contents: list[bytes], font: bytes = FONT) -> bytes:
    """One page whose /Contents are the given streams (objects 4 on), font object 3."""
    refs = b" ".join(b"%d 0 R" % (4 + i) for i in range(len(contents)))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents [" + refs + b"] >>"
    )
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (4 + len(contents)),
            font,
            *contents,
            page,
        ]
    )


def inflating(megabytes: int, streams: int = 1) -> bytes:
    """A small file whose content streams inflate to ``megabytes`` MB each (a zip bomb)."""
    block = zlib.compress(b" " * (megabytes * 2**20), 9)
    bomb = (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(block) + block + (b"\nendstream")
    )
    return one_page([stream(HELLO), *[bomb] * streams])


def many_tokens(count: int) -> bytes:
    """A content stream of ``count`` numbers: more operands than a reader should parse."""
    return one_page([stream(HELLO), stream(b"0 " * count + b"n\n", compress=True)])


def nested_arrays(depth: int) -> bytes:
    """A content stream of ``depth`` arrays nested in one another."""
    return one_page([stream(HELLO), stream(b"[" * depth + b"]" * depth + b" pop\n", True)])


def deep_page_tree(depth: int) -> bytes:
    """One page under ``depth`` levels of /Pages nodes."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", FONT, stream(HELLO)]
    # Objects: 1 catalog, 2 the root /Pages, 3 font, 4 contents: the tree is appended.
    objects = [objects[0], b"", objects[1], objects[2]]
    first = len(objects) + 1
    for level in range(depth):
        number = first + level
        parent = 2 if level == 0 else number - 1
        objects.append(
            b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>" % (parent, number + 1)
        )
    leaf_parent = first + depth - 1
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>" % leaf_parent
    )
    objects[1] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % first
    return raw_pdf(objects)


def pages(count: int) -> bytes:
    """``count`` pages, each saying hello."""
    first = 5
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        FONT,
        stream(HELLO),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    ] * count
    return raw_pdf(objects)


def text_layer(shown: bytes, meaning: dict[int, str]) -> bytes:
    """One page showing the codes ``shown``, whose text layer reads each code as itself
    unless ``meaning`` maps it to other text (a font's ToUnicode map says what a glyph
    means, whatever it looks like)."""

    def utf16(text: str) -> bytes:
        return text.encode("utf-16-be", "surrogatepass").hex().upper().encode()

    codes = sorted(set(shown))
    pairs = [b"<%02X> <%s>" % (code, utf16(meaning.get(code, chr(code)))) for code in codes]
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Hostile def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        + b"%d beginbfchar " % len(pairs)
        + b" ".join(pairs)
        + b" endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >>"
    escaped = shown.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    text = b"BT /F1 12 Tf 72 720 Td (" + escaped + b") Tj ET\n"
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
            font,
            stream(text),
            stream(cmap),
            page,
        ]
    )


def lone_surrogate() -> bytes:
    """A text layer holding an unpaired UTF-16 code unit (U+D800) between letters."""
    return text_layer(b"ABC ABC ABC", {ord("B"): "\ud800"})


def planted_note(path: Path, text: str) -> Path:
    """Kenya's sample report with ``text`` written into the first paragraph of its first
    progress note, as the portal would print a note that held it."""
    from indexing.samples import PrintLine, fictional_report, render_pdf, wrap

    truth, pages = fictional_report(0)
    note = truth.narratives[0].text
    for page in pages:
        for number, line in enumerate(page):
            if line.text and note.startswith(line.text[:40]):
                end = next(i for i in range(number, len(page)) if not page[i].text.strip())
                page[end:end] = [PrintLine(part, size=7) for part in wrap(text, 100)]
                render_pdf(pages, path)
                return path
    raise AssertionError("progress note not found")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
