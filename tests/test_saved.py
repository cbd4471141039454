"""Saved work (app/saved.py, app/workspace.py): conversations and briefings in SQLite and in
a real PostgreSQL server started here, the same migrations for both; a reload that restores
the chat; the sidebar's saved-work panel; answers reopened after their report changed."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.answering.model import Answer, Citation, Fact
from app.display import shown
from app.saved import SavedAnswer, SavedWorkError, open_saved, upgrade
from indexing.samples import SEED_FILE
from tests.servers import free_port
from tests.test_chat import CHAT, ask, main_text, start

SHORTFALL = "What was the shortfall on output MEX_D_2.1.1?"


def _postgres_program(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """A PostgreSQL server of its own on 127.0.0.1, for this test session (Debian's
    postgresql: .ci/run installs it where it is missing)."""
    initdb, pg_ctl = _postgres_program("initdb"), _postgres_program("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("no PostgreSQL server programs here (apt-get install postgresql)")
    # PostgreSQL refuses to run as root: as root, the server runs as the postgres user, in a
    # folder it owns outside pytest's root-only one.
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root with no postgres user to run the server as")
    folder = Path(tempfile.mkdtemp(prefix="resultsqa-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", free_port()

    def call(*command) -> None:
        subprocess.run([*as_user, *map(str, command)], check=True, capture_output=True, timeout=120)

    try:
        call(initdb, "-D", data, "-A", "trust", "-U", "resultsqa", "--no-sync")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        call(pg_ctl, "-D", data, "-o", options, "-l", folder / "log", "-w", "start")
        yield f"postgresql+psycopg://resultsqa@127.0.0.1:{port}/postgres"
        call(pg_ctl, "-D", data, "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'saved.sqlite3'}"
        return
    url = request.getfixturevalue("postgresql_url")
    yield url
    # Each test starts from an empty database: drop what the migrations made.
    from sqlalchemy import create_engine, text

    from app.saved import Base

    engine = create_engine(url)
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


def an_answer(question: str, file: str = "kenya.pdf") -> Answer:
    return Answer(
        question=question,
        answer="The shortfall was $2.27 M [1].",
        citations=[Citation(file, 5, "Output MEX_D_2.1.1", "Shortfall: $2.27 M", "$2.27 M")],
        facts=[Fact("shortfall", "MEX_D_2.1.1", "$2.27 M", 2_270_000.0, "USD", 2022, file, 5)],
        interpretation={"measure": "shortfall"},
    )


def test_the_migrations_build_the_schema_the_models_describe(database_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from app.saved import Base

    upgrade(database_url)
    upgrade(database_url)  # a second run finds the head and does nothing
    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        (version,) = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
    engine.dispose()
    assert version == ("0002",)


def test_an_answer_comes_back_as_it_was_saved_with_its_reports_versions(database_url):
    saved = open_saved(database_url)
    work = saved.create("ana@example.org", "conversation", SHORTFALL, "resultsqa")
    answer = an_answer(SHORTFALL)
    saved.append("ana@example.org", work, answer, {"kenya.pdf": "abc123"})
    (back,) = saved.answers("ana@example.org", work)
    assert back.answer == answer and back.versions == {"kenya.pdf": "abc123"}
    assert back.answer.facts[0].value == 2_270_000.0 and back.answer.citations[0].page == 5


def test_saved_work_is_listed_last_changed_first_renamed_duplicated_and_deleted(database_url):
    saved = open_saved(database_url)
    user = "ana@example.org"
    first = saved.create(user, "conversation", "First question", "resultsqa")
    second = saved.create(user, "conversation", "Second question " + "x" * 200, "resultsqa")
    briefing = saved.create(user, "briefing", "Donor briefing", "resultsqa")
    saved.append(user, first, an_answer("q1"), {})
    listed = saved.works(user, "conversation")
    assert [w.id for w in listed] == [first, second]  # the one answered last comes first
    assert [w.count for w in listed] == [1, 0] and len(listed[1].title) == 120
    saved.rename(user, second, "  Kenya   funding ")
    copy = saved.duplicate(user, first)
    titles = {w.id: w.title for w in saved.works(user, "conversation")}
    assert titles == {
        first: "First question",
        second: "Kenya funding",
        copy: "First question (copy)",
    }
    assert [a.answer.question for a in saved.answers(user, copy)] == ["q1"]
    saved.replace(
        user,
        briefing,
        [SavedAnswer(an_answer("b1"), {}, {"title": "t"}), SavedAnswer(an_answer("b2"), {})],
    )
    assert [(a.answer.question, a.chart) for a in saved.answers(user, briefing)] == [
        ("b1", {"title": "t"}),
        ("b2", None),
    ]
    saved.delete(user, first)
    assert {w.id for w in saved.works(user, "conversation")} == {second, copy}
    assert saved.answers(user, copy), "a copy outlives what it was copied from"


def test_another_users_work_is_neither_listed_nor_opened_nor_changed(database_url):
    saved = open_saved(database_url)
    work = saved.create("ana@example.org", "briefing", "Ana's", "resultsqa")
    assert saved.works("ben@example.org", "briefing") == []
    assert saved.info("ben@example.org", work) is None
    assert saved.answers("ben@example.org", work) == []
    with pytest.raises(SavedWorkError, match="not there"):
        saved.delete("ben@example.org", work)
    assert saved.info("ana@example.org", work) is not None


def test_a_database_that_cannot_be_opened_is_named_without_its_password(tmp_path):
    url = f"postgresql+psycopg://ana:s3cret@127.0.0.1:{free_port()}/nothing"
    with pytest.raises(SavedWorkError) as raised:
        open_saved(url)
    assert "cannot open the database postgresql+psycopg://ana:***@127.0.0.1" in str(raised.value)
    assert "s3cret" not in str(raised.value)


# -- the chat ----------------------------------------------------------------------------------
def reopen(app: AppTest, monkeypatch) -> AppTest:
    """The same page loaded again: a new session with the address the last one left."""
    again = AppTest.from_file(CHAT, default_timeout=180)
    for key, value in app.query_params.items():
        again.query_params[key] = value
    again.run()
    assert not again.exception
    return again


def test_a_reload_brings_back_the_conversation_and_the_briefing(indexed_store, monkeypatch):
    app = start(indexed_store, monkeypatch)
    ask(app, SHORTFALL)
    ask(app, "and output MEX_D_2.1.2?")
    app.button(key="brief_add_1").click().run()  # the first answer, into the briefing
    assert set(app.query_params) == {"c", "b"}
    again = reopen(app, monkeypatch)
    assert "$2.27 M" in main_text(again) and "$182.48 K" in main_text(again)
    assert "Briefing (1)" in [s.value for s in again.sidebar.subheader]
    # The conversation goes on where it was: its next answer is saved to it.
    ask(again, "What was the shortfall on output MEX_D_2.1.2?")
    saved = open_saved()
    (info,) = saved.works("local", "conversation")
    assert info.id == again.query_params["c"] and info.count == 3
    (briefing,) = saved.works("local", "briefing")
    assert [a.answer.question for a in saved.answers("local", briefing.id)] == [SHORTFALL]


def test_the_saved_work_panel_opens_renames_duplicates_and_deletes(indexed_store, monkeypatch):
    app = start(indexed_store, monkeypatch)
    ask(app, SHORTFALL)
    first = app.query_params["c"]
    app.button(key="work_new").click().run()
    assert "c" not in app.query_params and "$2.27 M" not in main_text(app)
    ask(app, "What was the shortfall on output MEX_D_2.1.2?")
    app.sidebar.text_input(key=f"work_title_{first}").input("Mexico shortfalls").run()
    app.sidebar.button(key=f"work_open_{first}").click().run()
    assert app.query_params["c"] == first and "$2.27 M" in main_text(app)
    assert "$182.48 K" not in main_text(app)
    app.sidebar.button(key=f"work_copy_{first}").click().run()
    saved = open_saved()
    titles = sorted(w.title for w in saved.works("local", "conversation"))
    assert titles == [
        "Mexico shortfalls",
        "Mexico shortfalls (copy)",
        "What was the shortfall on output MEX_D_2.1.2?",
    ]
    app.sidebar.button(key=f"work_delete_{first}").click().run()
    app.sidebar.button(key=f"work_delete_confirm_{first}").click().run()
    assert not app.exception
    assert len(saved.works("local", "conversation")) == 2
    assert "c" not in app.query_params and "$2.27 M" not in main_text(app)


def test_a_saved_answer_whose_report_changed_says_so_when_reopened(
    indexed_store, tmp_path, monkeypatch
):
    from indexing.pipeline import remove_files
    from indexing.store import open_store

    store = tmp_path / "own-store"
    shutil.copytree(indexed_store, store)
    app = start(store, monkeypatch)
    ask(app, SHORTFALL)
    assert "no longer indexed" not in " ".join(w.value for w in app.main.warning)
    seed = next(d["path"] for d in open_store(store).documents() if d["file"] == SEED_FILE)
    remove_files([seed], open_store(store))
    again = reopen(app, monkeypatch)
    warnings = " ".join(shown(w.value) for w in again.main.warning)
    assert f"{SEED_FILE} is no longer indexed: its figures may differ now" in warnings


def test_answers_go_on_when_the_database_cannot_be_reached(indexed_store, monkeypatch):
    monkeypatch.setenv(
        "RESULTSQA_DATABASE_URL", f"postgresql+psycopg://ana:s3cret@127.0.0.1:{free_port()}/x"
    )
    app = start(indexed_store, monkeypatch)
    ask(app, SHORTFALL)
    assert "$2.27 M" in main_text(app)
    (panel,) = [e for e in app.sidebar.expander if e.label == "Saved work"]
    (warning,) = panel.warning
    said = shown(warning.value)
    assert said.startswith("Not saved: cannot open the database postgresql+psycopg://ana:***@")
    assert "s3cret" not in said
