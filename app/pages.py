"""A cited PDF page as a picture: a crop around the quote, sharp enough to read, with the
quoted text marked and the figure the answer gives marked more strongly inside it; or the
whole page. No Streamlit here.

Every picture is drawn under a pixel budget, whatever size a page claims to be, and any
error of the PDF renderer becomes ``PageNotDrawn`` with a reason a reader can be told.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

# Fills are multiplied into the page, so the print under them stays black and legible.
QUOTE_FILL, QUOTE_LINE = (255, 232, 110), (230, 120, 0)
FIGURE_FILL, FIGURE_LINE = (255, 160, 90), (200, 40, 0)

# A crop is drawn as sharp as the chat shows it without scaling it down (MAX_WIDTH), up to
# 300 dpi, and never under 150 dpi unless a quote runs wider than MAX_WIDTH allows: 8-pt
# print then stands 17 to 33 px high.
CROP_DPI = 300
MIN_DPI = 150
PAGE_DPI = 150  # the whole page
# Streamlit scales an image wider than this down before sending it: a crop is never wider.
MAX_WIDTH = 1460
MAX_PIXELS = 4_000_000  # about 12 MB of RGB: a page claiming 200 × 200 inches is drawn small
CONTEXT_X, CONTEXT_Y = 36.0, 54.0  # points of the page shown around the quote
MIN_CROP_WIDTH = 260.0  # points: a short quote still shows the line it stands on
# A phone's column is about 270 px: a crop this wide (points) shows a point as 1.3 px or more,
# so the page's text stays as legible as the chat's own.
NARROW_WIDTH = 200.0

Box = tuple[float, float, float, float]  # left, bottom, right, top, in PDF points

# pdfium is not thread-safe, and the chat serves every browser session from one process.
_PDFIUM = threading.Lock()


class PageNotDrawn(Exception):
    """The page could not be drawn; ``str()`` says why, for a reader."""


@dataclass(frozen=True)
class PageImage:
    png: bytes
    width: int  # pixels
    height: int
    box: Box  # the part of the page drawn, in PDF points
    dpi: float  # pixels per inch of the page
    marked: bool  # the quote was found, and is marked
    whole: bool  # the whole page rather than a crop around the quote


def regular_file(path: Path | str) -> os.stat_result:
    """``path``'s status, if it is a regular file: never open a FIFO or a device, which
    could be read for ever."""
    try:
        status = os.stat(path)
    except FileNotFoundError as error:
        raise PageNotDrawn("the cited file is no longer there") from error
    except OSError as error:
        raise PageNotDrawn(f"the cited file cannot be read ({error.strerror})") from error
    if not stat.S_ISREG(status.st_mode):
        raise PageNotDrawn("the cited path is no longer a regular file")
    return status


def file_version(path: Path | str) -> str:
    """The version an indexed document is known by: its bytes' SHA-256, first 12 digits."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]


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
    path: Path | str,
    page: int,
    quote: str = "",
    highlight: str = "",
    *,
    whole: bool = False,
    narrow: bool = False,
) -> PageImage:
    """1-based ``page`` of the PDF: a crop around ``quote`` at ``CROP_DPI`` with the quote
    marked, or (``whole``, or when the quote is not found on the page) the whole page at
    ``PAGE_DPI``, its quote marked if found. ``highlight``, a figure as printed in the
    quote, is marked within the quote's place. ``narrow``: the crop for a phone, at most
    ``NARROW_WIDTH`` wide, around the figure (else the quote's start) and its lines.

    Raises ``PageNotDrawn`` when the file cannot be read or drawn.
    """
    import pypdfium2 as pdfium
    from PIL import Image

    regular_file(path)
    try:
        with _PDFIUM:
            return _render(pdfium, Path(path), page, quote, highlight, whole, narrow)
    except PageNotDrawn:
        raise
    except FileNotFoundError as error:
        raise PageNotDrawn("the cited file is no longer there") from error
    except (
        pdfium.PdfiumError,
        OSError,
        ValueError,
        IndexError,
        MemoryError,
        RecursionError,
        Image.DecompressionBombError,
    ) as error:
        reason = f"the PDF renderer could not draw it ({type(error).__name__})"
        raise PageNotDrawn(reason) from error


def _render(
    pdfium, path: Path, page: int, quote: str, highlight: str, whole: bool, narrow: bool = False
) -> PageImage:
    document = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(document):
            raise PageNotDrawn(f"the file has {len(document)} pages, not a page {page}")
        pdf_page = document[page - 1]
        width, height = pdf_page.get_size()
        if not (width > 0 and height > 0 and math.isfinite(width * height)):
            raise PageNotDrawn(f"the page claims a size of {width} × {height} points")
        text_page = pdf_page.get_textpage()
        boxes = find_quote(text_page, quote) if quote else []
        figure = find_within(text_page, highlight, boxes) if highlight and boxes else []
        if whole or not boxes:
            region: Box = (0.0, 0.0, width, height)
            dpi = PAGE_DPI
        elif narrow:
            region = narrow_box(figure or boxes[:1], width, height)
            dpi = CROP_DPI
        else:
            region = crop_box(boxes, width, height)
            dpi = CROP_DPI
        left, bottom, right, top = region
        scale = budget_scale(right - left, top - bottom, dpi / 72)
        bitmap = pdf_page.render(
            scale=scale, crop=(left, bottom, width - right, height - top), may_draw_forms=False
        )
        image = bitmap.to_pil().convert("RGB")
        image = _mark(image, region, scale, boxes, figure)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=False)
        return PageImage(
            png=buffer.getvalue(),
            width=image.width,
            height=image.height,
            box=region,
            dpi=round(scale * 72, 1),
            marked=bool(boxes),
            whole=region == (0.0, 0.0, width, height),
        )
    finally:
        document.close()


def crop_box(boxes: list[Box], width: float, height: float) -> Box:
    """The part of a ``width`` × ``height`` page shown around a quote's ``boxes``: the
    quote with some lines above and below it, at least ``MIN_CROP_WIDTH`` wide, on the page."""
    left = min(box[0] for box in boxes) - CONTEXT_X
    right = max(box[2] for box in boxes) + CONTEXT_X
    bottom = min(box[1] for box in boxes) - CONTEXT_Y
    top = max(box[3] for box in boxes) + CONTEXT_Y
    if right - left < MIN_CROP_WIDTH:
        middle = (left + right) / 2
        left, right = middle - MIN_CROP_WIDTH / 2, middle + MIN_CROP_WIDTH / 2
    # Slide back onto the page, then clip what is still off it.
    left, right = _onto(left, right, width)
    bottom, top = _onto(bottom, top, height)
    return (left, bottom, right, top)


def narrow_box(anchor: list[Box], width: float, height: float) -> Box:
    """A phone's crop: ``NARROW_WIDTH`` of the page from just before ``anchor`` (the figure's
    boxes, or the quote's first), with a line or two above and below it."""
    left = min(box[0] for box in anchor) - CONTEXT_X / 3
    right = left + NARROW_WIDTH
    bottom = min(box[1] for box in anchor) - CONTEXT_Y / 2
    top = max(box[3] for box in anchor) + CONTEXT_Y / 2
    left, right = _onto(left, right, width)
    bottom, top = _onto(bottom, top, height)
    return (left, bottom, right, top)


def _onto(low: float, high: float, size: float) -> tuple[float, float]:
    if low < 0:
        low, high = 0.0, high - low
    if high > size:
        low, high = low - (high - size), size
    return max(0.0, low), min(size, high)


def budget_scale(width: float, height: float, wanted: float) -> float:
    """Pixels per point for a ``width`` × ``height`` (points) picture: ``wanted``, unless
    that would be wider than ``MAX_WIDTH`` or more than ``MAX_PIXELS`` in all."""
    return min(
        wanted,
        MAX_WIDTH / width,
        math.sqrt(MAX_PIXELS / (width * height)),
    )


def _mark(image, region: Box, scale: float, boxes: list[Box], figure: list[Box]):
    """``image`` with the quote's and the figure's boxes filled (multiplied into the print,
    so it stays legible) and outlined."""
    from PIL import Image, ImageChops, ImageDraw

    left, _, _, top = region
    pad = max(2, round(scale))

    def pixels(box: Box) -> list[float]:
        x0, y0, x1, y1 = box
        return [
            (x0 - left) * scale - pad,
            (top - y1) * scale - pad,
            (x1 - left) * scale + pad,
            (top - y0) * scale + pad,
        ]

    fills = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(fills)
    for marked, fill in ((boxes, QUOTE_FILL), (figure, FIGURE_FILL)):
        for box in marked:
            draw.rectangle(pixels(box), fill=fill)
    image = ImageChops.multiply(image, fills)
    draw = ImageDraw.Draw(image)
    for marked, line in ((boxes, QUOTE_LINE), (figure, FIGURE_LINE)):
        for box in marked:
            draw.rectangle(pixels(box), outline=line, width=pad)
    return image


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
