"""What an answer is made of: the types every part of the app shares, with no engine in them.

Charts, briefings, the LLM synthesis and the chat import these without importing the
answering engine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

NO_LLM = {"used": False, "reason": "no LLM configured (RESULTSQA_LLM_URL is not set)"}
# Beside a figure, citation or chart drawn from a fictional sample report.
SAMPLE_MARK = " (fictional sample)"
# Opens the line of an answer that names the fictional sample reports it draws on.
SAMPLE_LINE = "Fictional sample:"


@dataclass
class Citation:
    file: str
    page: int
    section: str
    quote: str
    # The figure the quote is cited for, as printed in it (marked in the chat and on the page).
    highlight: str = ""
    # From a fictional sample report: said wherever the citation is shown or exported.
    sample: bool = False

    def where(self) -> str:
        """ "file, page N", marked when the file is a fictional sample."""
        return f"{self.file}, page {self.page}{SAMPLE_MARK if self.sample else ''}"


@dataclass
class Fact:
    what: str
    subject: str
    display: str
    value: float | str | None
    unit: str
    year: int | None
    file: str
    page: int
    # Where the figure stands: a parsed table ("table"), a sentence of a progress note
    # ("note"), other text of the report ("page"), or worked out from others ("computed").
    source: str = "table"
    # From a fictional sample report: said wherever the figure is shown or exported.
    sample: bool = False

    def where(self) -> str:
        """ "file, p. N" (or "computed"), marked when the file is a fictional sample."""
        place = f"{self.file}, p. {self.page}" if self.file else "computed"
        return place + (SAMPLE_MARK if self.sample else "")


@dataclass
class Choice:
    """One reading offered when a question is asked back: what it says, and the question
    that asks for it unambiguously (what the chat's button and the CLI's number ask)."""

    label: str
    question: str
    code: str = ""
    # The record it stands for, answered directly when chosen (two indicators can share a
    # statement and an output, so the question's words alone may not tell them apart).
    record: str = ""
    kind: str = ""


@dataclass
class Answer:
    question: str
    answer: str
    citations: list[Citation] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    found: bool = True
    alternatives: list[str] = field(default_factory=list)
    # Ids of the records the answer stands on, for charts and the page view.
    records: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    # Whether an LLM wrote ``answer`` (app/synthesis.py); if it did, ``grounded`` keeps the
    # answer composed from the records.
    synthesis: dict = field(default_factory=lambda: dict(NO_LLM))
    grounded: str = ""
    # How the question was read (app/answering/interpretation.py).
    interpretation: dict = field(default_factory=dict)
    # Figures the answer states or leaves out that two indexed reports print differently
    # (app/answering/conflicts.py): subject, figure, and each document's figure and page.
    disagreements: list[dict] = field(default_factory=list)
    # When two readings are close, the question asked back and the readings to choose from
    # (``found`` is False and nothing is stated).
    ask_back: str = ""
    choices: list[Choice] = field(default_factory=list)
    # What the answer lists, for a follow-up that operates on it ("which of them …",
    # "who else …", "the other output"): {"kind", "code", "partner", "label"} each.
    items: list[dict] = field(default_factory=list)
    # The reading itself, which a follow-up question goes on from; not part of the JSON.
    query: object = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict:
        data = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name != "query"}
        data["elapsed_ms"] = round(self.elapsed_ms, 1)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Answer:
        """An answer as :meth:`to_json` gave it (a saved one); keys it does not know, from
        a later version, are left out."""
        known = {f.name for f in fields(cls)} - {"query"}
        values = {key: value for key, value in data.items() if key in known}
        for key, kind in (("citations", Citation), ("facts", Fact), ("choices", Choice)):
            names = {f.name for f in fields(kind)}
            values[key] = [
                kind(**{k: v for k, v in item.items() if k in names})
                for item in values.get(key) or []
            ]
        return cls(**values)


def _plain(value):
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return value


@dataclass
class Scope:
    """Filters the user set (the chat's sidebar), applied where the question names none."""

    iso3s: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
