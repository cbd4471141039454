"""Which indexed documents are editions of one another. No Streamlit here, so it is tested
without a browser.

Two documents are editions of one another when they come from the same office for the same
strategic-plan period and cover different data years: the 2021 and the 2023 report of one
Kenya plan. Documents are the dicts of ``store.status()["files"]``. The keys ``office``,
``office_code``, ``plan_period`` and ``data_years`` may be missing (indexes written before
they existed): then the country (``country``, ``iso3``) stands for the office and
``data_year`` for the data years, and a missing plan period counts as one unknown period.
"""

from __future__ import annotations

from dataclasses import dataclass


def office_code(doc: dict) -> str:
    """The office a document comes from, as a code ("" when it is not known)."""
    return str(doc.get("office_code") or doc.get("iso3") or "").strip().upper()


def office_name(doc: dict) -> str:
    return str(doc.get("office") or doc.get("country") or office_code(doc)).strip()


def plan_period(doc: dict) -> str:
    return str(doc.get("plan_period") or "").strip()


def data_years(doc: dict) -> tuple[str, ...]:
    """The data years a document covers, sorted; () when none is known."""
    raw = doc.get("data_years") or ""
    parts = raw.split(",") if isinstance(raw, str) else [str(year) for year in raw]
    years = {part.strip() for part in parts if part.strip() and part.strip() != "0"}
    if not years and doc.get("data_year"):
        years = {str(doc["data_year"]).strip()} - {"0", ""}
    return tuple(sorted(years))


def edition_label(doc: dict) -> str:
    """How one edition is named: the latest year it shows data of ("2023", even when it
    also holds the notes of 2022), as the index tells editions apart."""
    latest = str(doc.get("data_year") or "").strip()
    if latest and latest != "0":
        return latest
    years = data_years(doc)
    return years[-1] if years else ""


@dataclass(frozen=True)
class EditionGroup:
    """Documents of one office and plan period that cover different data years."""

    office: str
    office_code: str
    plan_period: str
    editions: tuple[str, ...]  # the editions' labels, oldest first
    files: tuple[dict, ...]  # the documents, oldest edition first

    @property
    def heading(self) -> str:
        """E.g. "Kenya · plan 2022-2025 · editions: 2021, 2023"."""
        plan = f" · plan {self.plan_period}" if self.plan_period else ""
        return f"{self.office}{plan} · editions: {', '.join(self.editions)}"


def edition_groups(files: list[dict]) -> list[EditionGroup]:
    """The groups of documents that are editions of one another, by office name then plan.

    A document whose office or data years are not known is in no group. Two copies of one
    edition (same office, plan and years) stand in its group side by side.
    """
    together: dict[tuple[str, str], list[dict]] = {}
    for doc in files:
        if office_code(doc) and data_years(doc):
            together.setdefault((office_code(doc), plan_period(doc)), []).append(doc)
    groups = []
    for (code, plan), docs in together.items():
        editions = sorted({edition_label(doc) for doc in docs})
        if len(editions) < 2:
            continue
        docs = sorted(docs, key=lambda doc: (edition_label(doc), str(doc.get("file") or "")))
        groups.append(
            EditionGroup(
                office=office_name(docs[-1]),  # the newest edition names the office
                office_code=code,
                plan_period=plan,
                editions=tuple(editions),
                files=tuple(docs),
            )
        )
    return sorted(groups, key=lambda group: (group.office, group.plan_period))
