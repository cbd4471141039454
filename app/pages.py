"""A cited PDF page as a picture, with the quoted text marked where it can be found."""

from __future__ import annotations

import io
import re
from pathlib import Path

SCALE = 1.6


def quote_fragments(quote: str) -> list[str]:
    """Pieces of a quote worth searching for, most specific first.

    A quote can join a statement and a table row ("… 2021 (Milestone) 100 59") or run over
    line breaks, so the row, the amounts and the first words are tried separately.
    """
    pieces = [part.strip(' “”"') for part in quote.split("…") if part.strip(' “”"')]
    fragments: list[str] = []
    for piece in reversed(pieces):  # the row or figure sits at the end
        fragments.append(piece)
        fragments += re.findall(r"\$[\d.,]+(?: [KM])?", piece)
        words = piece.split()
        if len(words) > 6:
            fragments.append(" ".join(words[:6]))
    seen = set()
    return [f for f in fragments if len(f) >= 3 and not (f in seen or seen.add(f))]


def render_page(path: Path | str, page: int, quote: str = "") -> tuple[bytes, bool]:
    """PNG bytes of 1-based ``page`` of the PDF, and whether the quote was marked on it."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    document = pdfium.PdfDocument(str(path))
    try:
        pdf_page = document[page - 1]
        _, height = pdf_page.get_size()
        image = pdf_page.render(scale=SCALE).to_pil().convert("RGB")
        boxes = _find(pdf_page, quote) if quote else []
        if boxes:
            overlay = ImageDraw.Draw(image, "RGBA")
            for left, bottom, right, top in boxes:
                overlay.rectangle(
                    [
                        left * SCALE - 2,
                        (height - top) * SCALE - 2,
                        right * SCALE + 2,
                        (height - bottom) * SCALE + 2,
                    ],
                    fill=(255, 221, 0, 90),
                    outline=(230, 120, 0, 255),
                    width=2,
                )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue(), bool(boxes)
    finally:
        document.close()


def _find(pdf_page, quote: str) -> list[tuple[float, float, float, float]]:
    text_page = pdf_page.get_textpage()
    for fragment in quote_fragments(quote):
        match = text_page.search(fragment, match_case=False).get_next()
        if match:
            index, count = match
            return [text_page.get_rect(i) for i in range(text_page.count_rects(index, count))]
    return []
