"""Saved work: each user's conversations and briefings, in a database that outlives a page
reload; and the audit log of reports added and removed.

SQLite in the data folder by default, PostgreSQL (or any database SQLAlchemy speaks) when
``RESULTSQA_DATABASE_URL`` names one. The same models and the same Alembic migrations
(``app/migrations``) serve both; :func:`open_saved` brings a database up to the latest
schema before anything is read.

A work is a conversation or a briefing: a titled, ordered list of answers, each stored as
its JSON (``Answer.to_json``) with the version of every report it cites, so that an answer
reopened after its report changed can say so.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import ForeignKey, String, Text, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from indexing import settings
from indexing.errors import ResultsQAError

from .answering.model import Answer

MIGRATIONS = Path(__file__).with_name("migrations")
KINDS = ("conversation", "briefing")
TITLE_CHARS = 120


class SavedWorkError(ResultsQAError):
    """The database of saved work cannot be opened or written."""


class Base(DeclarativeBase):
    pass


class Work(Base):
    __tablename__ = "works"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user: Mapped[str] = mapped_column(String(320), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(TITLE_CHARS))
    # The index the answers came from (``resultsqa`` or its demo), reopened with them.
    index_name: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column()
    updated: Mapped[datetime] = mapped_column(index=True)
    entries: Mapped[list[Entry]] = relationship(
        back_populates="work", cascade="all, delete-orphan", order_by="Entry.position"
    )


class Entry(Base):
    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    work_id: Mapped[str] = mapped_column(ForeignKey("works.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    answer: Mapped[str] = mapped_column(Text)  # Answer.to_json(), as JSON
    # {file: version} of the reports the answer cites, when it was saved.
    versions: Mapped[str] = mapped_column(Text)
    # The chart shown with it in a briefing (app.charts.Chart's fields), as JSON; or none.
    chart: Mapped[str | None] = mapped_column(Text, nullable=True)
    work: Mapped[Work] = relationship(back_populates="entries")


class AuditEntry(Base):
    """One report added to or removed from an index, by whom (the audit log)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(16))  # added, removed
    file: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    index_name: Mapped[str] = mapped_column(String(64))


@dataclass(frozen=True)
class WorkInfo:
    id: str
    kind: str
    title: str
    index_name: str
    updated: datetime
    count: int


@dataclass(frozen=True)
class SavedAnswer:
    answer: Answer
    versions: dict[str, str]
    chart: dict | None = None


def database_url() -> str:
    """``$RESULTSQA_DATABASE_URL``, else ``saved.sqlite3`` in the data folder."""
    return settings.database_url() or f"sqlite:///{settings.home() / 'saved.sqlite3'}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def upgrade(url: str) -> None:
    """Bring the database at ``url`` to the latest schema (Alembic's ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Alembic's config is an ini file: a literal % (a password's escape) must be doubled.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, "head")


class Saved:
    """The saved work in one database."""

    def __init__(self, url: str):
        self.url = url
        self.engine = create_engine(url, pool_pre_ping=True)

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def _write(self, change) -> object:
        try:
            with self._session() as session, session.begin():
                return change(session)
        except ResultsQAError:
            raise
        except Exception as error:  # a database gone, full or locked: said, never raised raw
            raise SavedWorkError(
                f"could not save to the database {settings.masked(self.url)}: "
                f"{type(error).__name__}"
            ) from None

    def _read(self, query) -> object:
        try:
            with self._session() as session:
                return query(session)
        except Exception as error:
            raise SavedWorkError(
                f"could not read the database {settings.masked(self.url)}: {type(error).__name__}"
            ) from None

    # -- works ----------------------------------------------------------------------------
    def create(self, user: str, kind: str, title: str, index_name: str) -> str:
        if kind not in KINDS:
            raise ValueError(kind)
        work_id = uuid.uuid4().hex
        now = _now()

        def change(session: Session) -> str:
            session.add(
                Work(
                    id=work_id,
                    user=user,
                    kind=kind,
                    title=_title(title) or kind,
                    index_name=index_name,
                    created=now,
                    updated=now,
                )
            )
            return work_id

        return self._write(change)

    def works(self, user: str, kind: str) -> list[WorkInfo]:
        """The user's works of ``kind``, the last changed first."""

        def query(session: Session) -> list[WorkInfo]:
            count = (
                select(Entry.work_id, func.count(Entry.id).label("n"))
                .group_by(Entry.work_id)
                .subquery()
            )
            rows = session.execute(
                select(Work, func.coalesce(count.c.n, 0))
                .outerjoin(count, count.c.work_id == Work.id)
                .where(Work.user == user, Work.kind == kind)
                .order_by(Work.updated.desc(), Work.id)
            )
            return [WorkInfo(w.id, w.kind, w.title, w.index_name, w.updated, n) for w, n in rows]

        return self._read(query)

    def info(self, user: str, work_id: str) -> WorkInfo | None:
        """One of the user's works; None when it is not theirs or not there."""

        def query(session: Session) -> WorkInfo | None:
            work = session.get(Work, work_id)
            if work is None or work.user != user:
                return None
            return WorkInfo(
                work.id, work.kind, work.title, work.index_name, work.updated, len(work.entries)
            )

        return self._read(query)

    def answers(self, user: str, work_id: str) -> list[SavedAnswer]:
        def query(session: Session) -> list[SavedAnswer]:
            work = session.get(Work, work_id)
            if work is None or work.user != user:
                return []
            return [
                SavedAnswer(
                    Answer.from_json(json.loads(e.answer)),
                    json.loads(e.versions),
                    json.loads(e.chart) if e.chart else None,
                )
                for e in work.entries
            ]

        return self._read(query)

    def append(self, user: str, work_id: str, answer: Answer, versions: dict[str, str]) -> None:
        """Add an answer at the end of the user's work (a conversation's next turn)."""

        def change(session: Session) -> None:
            work = self._own(session, user, work_id)
            work.entries.append(
                Entry(
                    position=len(work.entries),
                    answer=json.dumps(answer.to_json(), ensure_ascii=False),
                    versions=json.dumps(versions, ensure_ascii=False),
                )
            )
            work.updated = _now()

        self._write(change)

    def replace(self, user: str, work_id: str, answers: list[SavedAnswer]) -> None:
        """Make the work hold ``answers`` in this order (a briefing after an edit)."""

        def change(session: Session) -> None:
            work = self._own(session, user, work_id)
            work.entries.clear()
            session.flush()
            for position, saved in enumerate(answers):
                work.entries.append(
                    Entry(
                        position=position,
                        answer=json.dumps(saved.answer.to_json(), ensure_ascii=False),
                        versions=json.dumps(saved.versions, ensure_ascii=False),
                        chart=json.dumps(saved.chart, ensure_ascii=False) if saved.chart else None,
                    )
                )
            work.updated = _now()

        self._write(change)

    def rename(self, user: str, work_id: str, title: str) -> None:
        def change(session: Session) -> None:
            work = self._own(session, user, work_id)
            work.title, work.updated = _title(title) or work.title, _now()

        self._write(change)

    def duplicate(self, user: str, work_id: str) -> str:
        """A copy of the user's work, titled as such; returns its id."""
        copy_id = uuid.uuid4().hex

        def change(session: Session) -> str:
            work = self._own(session, user, work_id)
            now = _now()
            copy = Work(
                id=copy_id,
                user=user,
                kind=work.kind,
                title=_title(f"{work.title} (copy)"),
                index_name=work.index_name,
                created=now,
                updated=now,
            )
            copy.entries = [
                Entry(position=e.position, answer=e.answer, versions=e.versions, chart=e.chart)
                for e in work.entries
            ]
            session.add(copy)
            return copy_id

        return self._write(change)

    def delete(self, user: str, work_id: str) -> None:
        def change(session: Session) -> None:
            session.delete(self._own(session, user, work_id))

        self._write(change)

    # -- the audit log ----------------------------------------------------------------------
    def record(self, user: str, action: str, file: str, sha256: str, index_name: str) -> None:
        """Write one line of the audit log: ``user`` ``action`` (added, removed) ``file``."""

        def change(session: Session) -> None:
            session.add(
                AuditEntry(
                    at=_now(),
                    user=user,
                    action=action,
                    file=file,
                    sha256=sha256,
                    index_name=index_name,
                )
            )

        self._write(change)

    def audit(self, limit: int = 50) -> list[AuditEntry]:
        """The latest lines of the audit log, the newest first."""

        def query(session: Session) -> list[AuditEntry]:
            rows = session.scalars(
                select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
            )
            return list(rows)

        return self._read(query)

    @staticmethod
    def _own(session: Session, user: str, work_id: str) -> Work:
        work = session.get(Work, work_id)
        if work is None or work.user != user:
            raise SavedWorkError("that saved work is not there (deleted, or another user's)")
        return work


def open_saved(url: str | None = None) -> Saved:
    """The saved work at ``url`` (default: :func:`database_url`), its schema brought up to
    date first."""
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        upgrade(url)
    except Exception as error:
        raise SavedWorkError(
            f"cannot open the database {settings.masked(url)} for saved work: "
            f"{type(error).__name__}: {settings.masked(str(error)).splitlines()[0][:300]}"
        ) from None
    return Saved(url)


def versions_of(answer: Answer, documents: dict[str, dict]) -> dict[str, str]:
    """{file: version} of the indexed reports ``answer`` cites (``documents`` by file)."""
    files = {c.file for c in answer.citations} | {f.file for f in answer.facts if f.file}
    return {
        file: str(documents[file].get("version") or "")
        for file in sorted(files)
        if file in documents
    }


def changed_since(versions: dict[str, str], documents: dict[str, dict]) -> list[str]:
    """What happened since an answer was saved to the reports it cites: one line each for a
    report changed or no longer indexed."""
    lines = []
    for file, version in sorted(versions.items()):
        now = documents.get(file)
        if now is None:
            lines.append(f"{file} is no longer indexed")
        elif str(now.get("version") or "") != version:
            lines.append(f"{file} changed since this answer was saved")
    return lines
