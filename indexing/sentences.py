"""Every sentence a report states, as evidence an answer can quote.

Progress notes are split into sentences, each cited to the page it stands on (a paragraph
can run over a page break) and carrying the figures it states (``indexing.figures``). Page
text is split too, so that prose the parser did not place (a PDF of another layout, a
section it does not know) is still searchable sentence by sentence; in a results report,
page sentences that repeat a parsed record's text are left to that record.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .figures import Stated, stated_figures, stated_from_dict
from .parse import OUTCOME_HEADING, clean_lines, join_wrapped
from .records import Report

# A full stop after one of these does not end a sentence ("e.g. Kenya", "No. 5").
ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "no",
    "nos",
    "st",
    "vs",
    "approx",
    "incl",
    "govt",
    "dept",
    "fig",
    "para",
    "art",
    "ref",
    "est",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "sr",
    "jr",
}
# A sentence ends at . ! or ? (and any closing quote or bracket), before a space and
# something that can open a sentence.
END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘'(\[#¿¡]?[A-Z0-9ÁÉÍÓÚÑ])")
WORD_BEFORE = re.compile(r"(\S+)$")
MIN_WORDS = 4


@dataclass
class Sentence:
    text: str
    page: int
    source: str  # "note" (a progress note) or "page" (page text outside the parsed records)
    pages: list[int] = field(default_factory=list)
    outcome_code: str = ""
    paragraph: int = 0  # the note paragraph it belongs to (0 for page text)
    position: int = 0  # its place in the paragraph, or on the page
    figures: list[Stated] = field(default_factory=list)
    data_year: int | None = None  # the year of the note it belongs to

    def to_dict(self) -> dict:
        return asdict(self)


def sentence_from_dict(data: dict) -> Sentence:
    data = dict(data)
    data["figures"] = [stated_from_dict(f) for f in data.get("figures", [])]
    return Sentence(**data)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, surrounding spaces left out."""
    spans, start = [], 0
    for match in END.finditer(text):
        word = WORD_BEFORE.search(text[start : match.start()])
        token = word.group(1).lower().lstrip("(\"“'") if word else ""
        if token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
            continue  # "e.g.", an initial
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def report_sentences(report: Report) -> list[Sentence]:
    """The sentences of a report's progress notes, then those of its page text."""
    sentences: list[Sentence] = []
    covered: set[str] = set()
    for narrative in report.narratives:
        for position, (start, end) in enumerate(split_sentences(narrative.text)):
            text = narrative.text[start:end]
            figures = stated_figures(text)
            for figure in figures:
                figure.page = narrative.page_at(start + figure.start)
            first, last = narrative.page_at(start), narrative.page_at(end - 1)
            sentences.append(
                Sentence(
                    text=text,
                    page=first,
                    source="note",
                    pages=sorted({first, last}),
                    outcome_code=narrative.outcome_code,
                    paragraph=narrative.paragraph,
                    position=position,
                    figures=figures,
                    data_year=narrative.data_year,
                )
            )
            covered.add(_key(text))
    covered |= {_key(part) for part in _record_texts(report)}
    sentences += page_sentences(report, covered)
    return sentences


def page_sentences(report: Report, covered: set[str]) -> list[Sentence]:
    """Prose sentences of every page that no record already holds."""
    out: list[Sentence] = []
    outcome = ""
    positions: dict[int, int] = {}
    # A paragraph that runs over a page break is two blocks here, its sentence cut in two:
    # each half is held by the record whose text runs on, if one does.
    held = "\n".join(covered)
    for number, block in _blocks(report.pages):
        heading = OUTCOME_HEADING.match(block[0])
        if heading:
            outcome = heading.group(1)
            continue
        text = join_wrapped(block)
        spans = split_sentences(text)
        for index, (start, end) in enumerate(spans):
            sentence = text[start:end]
            if not _prose(sentence) or _key(sentence) in covered:
                continue
            if index in (0, len(spans) - 1) and _key(sentence) in held:
                continue
            covered.add(_key(sentence))
            positions[number] = positions.get(number, 0) + 1
            figures = stated_figures(sentence)
            for figure in figures:
                figure.page = number
            out.append(
                Sentence(
                    text=sentence,
                    page=number,
                    source="page",
                    pages=[number],
                    outcome_code=outcome if report.is_results_report else "",
                    position=positions[number],
                    figures=figures,
                )
            )
    return out


def _blocks(pages: list[str]) -> list[tuple[int, list[str]]]:
    """(page, lines) of each blank-separated run of lines on a page, layout noise dropped
    (by the parser's own reading of it)."""
    lines, _, _ = clean_lines(pages)
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    page = 1
    for line in lines:
        if current and (not line.text or line.page != page):
            blocks.append((page, current))
            current = []
        if line.text:
            page = line.page
            current.append(line.text)
    if current:
        blocks.append((page, current))
    return blocks


def _prose(sentence: str) -> bool:
    """Words a person wrote, not a heading, a table row or a label."""
    words = sentence.split()
    if len(words) < MIN_WORDS:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= len(words) / 3


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _record_texts(report: Report) -> list[str]:
    """Texts the parsed records hold, sentence by sentence."""
    texts: list[str] = []
    for outcome in report.outcomes:
        texts += [outcome.statement, outcome.description]
    texts += [output.statement for output in report.outputs]
    texts += [indicator.statement for indicator in report.indicators]
    texts += [narrative.text for narrative in report.narratives]
    out = []
    for text in texts:
        out += [text[a:b] for a, b in split_sentences(text or "")]
    return out
