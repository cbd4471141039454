"""A cited PDF page as a picture, with the quoted text marked where it can be found, and the
figure the answer gives marked more strongly inside it."""

from __future__ import annotations

import io
import re
from pathlib import Path

SCALE = 1.6
QUOTE_FILL, QUOTE_LINE = (255, 221, 0, 90), (230, 120, 0, 255)
FIGURE_FILL, FIGURE_LINE = (255, 120, 0, 110), (200, 40, 0, 255)

Box = tuple[float, float, float, float]  # left, bottom, right, top, in PDF points


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


def render_page(
    path: Path | str, page: int, quote: str = "", highlight: str = ""
) -> tuple[bytes, bool]:
    """PNG bytes of 1-based ``page`` of the PDF, and whether the quote was marked on it.

    ``highlight``, a figure as printed in the quote, is marked within the quote's place.
    """
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    document = pdfium.PdfDocument(str(path))
    try:
        pdf_page = document[page - 1]
        _, height = pdf_page.get_size()
        image = pdf_page.render(scale=SCALE).to_pil().convert("RGB")
        text_page = pdf_page.get_textpage()
        boxes = find_quote(text_page, quote) if quote else []
        figure = find_within(text_page, highlight, boxes) if highlight and boxes else []
        overlay = ImageDraw.Draw(image, "RGBA")
        for marked, fill, line in (
            (boxes, QUOTE_FILL, QUOTE_LINE),
            (figure, FIGURE_FILL, FIGURE_LINE),
        ):
            for left, bottom, right, top in marked:
                overlay.rectangle(
                    [
                        left * SCALE - 2,
                        (height - top) * SCALE - 2,
                        right * SCALE + 2,
                        (height - bottom) * SCALE + 2,
                    ],
                    fill=fill,
                    outline=line,
                    width=2,
                )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue(), bool(boxes)
    finally:
        document.close()


def find_quote(text_page, quote: str) -> list[Box]:
    """Where the quote stands: the whole of it, across line breaks, else a fragment."""
    span = _span(text_page, quote.strip(' “”"'))
    if span:
        return _rects(text_page, *span)
    for fragment in quote_fragments(quote):
        match = text_page.search(fragment, match_case=False).get_next()
        if match:
            return _rects(text_page, *match)
    return []


def find_within(text_page, text: str, within: list[Box]) -> list[Box]:
    """Where ``text`` stands inside the boxes of a quote (a figure may be printed twice)."""
    search = text_page.search(text, match_case=False)
    while match := search.get_next():
        rects = _rects(text_page, *match)
        if any(_overlaps(rect, box) for rect in rects for box in within):
            return rects
    return []


def _span(text_page, quote: str) -> tuple[int, int] | None:
    """The characters of the page that read as ``quote``, whitespace aside: (index, count)."""
    words = quote.split()
    if not words:
        return None
    full = text_page.get_text_range()
    positions = [i for i, char in enumerate(full) if not char.isspace()]
    squeezed = "".join(full[i] for i in positions).lower()
    at = squeezed.find("".join(words).lower())
    if at < 0:
        return None
    start, end = positions[at], positions[at + len("".join(words)) - 1]
    return start, end - start + 1


def _rects(text_page, index: int, count: int) -> list[Box]:
    return [text_page.get_rect(i) for i in range(text_page.count_rects(index, count))]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
