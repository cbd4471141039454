"""Every setting read and checked in one place (indexing/settings.py); the data folder outside
the checkout; uploads kept in it wherever the index is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.cli import chat_environment
from app.display import shown
from indexing import settings
from indexing.paths import data_dir, default_store, samples_dir, uploads_dir
from indexing.samples import fictional_file
from tests.commands import run
from tests.servers import free_port

REPO = Path(__file__).resolve().parent.parent
CHAT = str(REPO / "app" / "chat.py")
SECRET = "sk-never-shown-4242"

# (variable, bad value, a command that reads it, what the message says is expected)
BAD_SETTINGS = [
    ("RESULTSQA_HOME", "/dev/null", ["status"], "a folder"),
    ("RESULTSQA_HOME", "/dev/null", ["index", "--samples"], "a folder"),
    ("RESULTSQA_STORE", "/dev/null", ["status"], "a folder"),
    ("RESULTSQA_CHROMA_URL", "localhost:8000", ["status"], "a URL like http://127.0.0.1:8000"),
    ("RESULTSQA_CHROMA_URL", "ftp://chroma.example", ["status"], "a URL like"),
    ("RESULTSQA_CHROMA_URL", "http://", ["ask", "anything"], "a URL like"),
    ("RESULTSQA_CHROMA_URL", "http://127.0.0.1:port", ["index", "--samples"], "a URL like"),
    ("RESULTSQA_COLLECTION", "a/b", ["status"], "a usable index name"),
    ("RESULTSQA_MAX_FILE_MB", "abc", ["index", "--samples"], "a size in MB above 0"),
    ("RESULTSQA_MAX_FILE_MB", "nan", ["index", "--samples"], "a size in MB above 0"),
    ("RESULTSQA_MAX_FILE_MB", "inf", ["index", "--samples"], "a size in MB above 0"),
    ("RESULTSQA_MAX_FILE_MB", "-5", ["index", "--samples"], "a size in MB above 0"),
    ("RESULTSQA_MAX_FILE_MB", "0", ["app"], "a size in MB above 0"),
    ("RESULTSQA_MAX_UPLOAD_MB", "abc", ["app"], "a size in MB above 0"),
    ("RESULTSQA_MAX_UPLOAD_MB", "nan", ["app"], "a size in MB above 0"),
    ("RESULTSQA_MAX_UPLOAD_MB", "-1", ["app"], "a size in MB above 0"),
    ("RESULTSQA_MAX_UPLOAD_MB", "0", ["app"], "a size in MB above 0"),
    ("RESULTSQA_LLM_URL", "localhost:11434", ["ask", "anything"], "a URL like"),
    ("RESULTSQA_LLM_URL", "http://:11434/v1", ["ask", "anything"], "a URL like"),
    ("RESULTSQA_LLM_TIMEOUT", "soon", ["ask", "anything"], "a number of seconds above 0"),
    ("RESULTSQA_LLM_TIMEOUT", "nan", ["ask", "anything"], "a number of seconds above 0"),
    ("RESULTSQA_LLM_TIMEOUT", "inf", ["ask", "anything"], "a number of seconds above 0"),
    ("RESULTSQA_LLM_TIMEOUT", "-3", ["ask", "anything"], "a number of seconds above 0"),
    ("RESULTSQA_LLM_TIMEOUT", "0", ["ask", "anything"], "a number of seconds above 0"),
    ("RESULTSQA_MAX_PAGES", "lots", ["index", "--samples"], "a whole number of pages above 0"),
    ("RESULTSQA_MAX_PAGES", "0", ["app"], "a whole number of pages above 0"),
    ("RESULTSQA_MAX_STREAM_MB", "inf", ["index", "--samples"], "a size in MB above 0"),
    ("RESULTSQA_MAX_INFLATED_MB", "abc", ["index", "--samples"], "a size in MB above 0"),
    ("RESULTSQA_READ_SECONDS", "nan", ["index", "--samples"], "a number of seconds above 0"),
    ("RESULTSQA_MAX_RECORDS", "many", ["index", "--samples"], "a whole number of records above 0"),
    ("RESULTSQA_MAX_RECORDS", "0", ["app"], "a whole number of records above 0"),
    ("RESULTSQA_MAX_INDEX_MB", "-2", ["index", "--samples"], "a size in MB above 0"),
    ("RESULTSQA_READ_MEMORY_MB", "-1", ["app"], "a size in MB above 0 and at most 1,048,576"),
    # setrlimit refuses a limit this large: said as a bad setting, not as every file crashing
    (
        "RESULTSQA_READ_MEMORY_MB",
        "1e30",
        ["index", "--samples"],
        "a size in MB above 0 and at most 1,048,576",
    ),
    ("RESULTSQA_CHROMA_TIMEOUT", "never", ["status"], "a number of seconds above 0"),
    (
        "RESULTSQA_MAX_QUESTION_CHARS",
        "2k",
        ["ask", "anything"],
        "a whole number of characters above 0",
    ),
    ("PORT", "abc", ["app"], "a port number from 1 to 65535"),
    ("PORT", "0", ["app"], "a port number from 1 to 65535"),
    ("PORT", "65536", ["app"], "a port number from 1 to 65535"),
    ("PORT", "-1", ["app"], "a port number from 1 to 65535"),
    ("PORT", "8501.5", ["app"], "a port number from 1 to 65535"),
]


@pytest.mark.parametrize(("variable", "value", "command", "expected"), BAD_SETTINGS)
def test_a_bad_setting_stops_the_command_with_a_message_naming_it(
    variable, value, command, expected
):
    # An LLM is configured (with a key) so that `ask` reads the LLM settings; a row about
    # RESULTSQA_LLM_URL replaces it.
    env = {"RESULTSQA_LLM_URL": "http://127.0.0.1:9/v1", "RESULTSQA_LLM_API_KEY": SECRET}
    result = run(*command, env={**env, variable: value})
    assert result.returncode == 1, result.stderr
    assert f"Error: {variable}={value!r} is not {expected}" in result.stderr
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:s3cret@db.example:8000/v1", "https://user:***@db.example:8000/v1"),
        ("http://:s3cret@127.0.0.1", "http://:***@127.0.0.1"),
        ("http://user@127.0.0.1:8000", "http://user@127.0.0.1:8000"),
        ("http://127.0.0.1:8000/a:b@c", "http://127.0.0.1:8000/a:b@c"),
    ],
)
def test_a_password_in_a_url_is_masked_wherever_it_is_shown(url, shown):
    assert settings.masked(url) == shown


def test_a_chroma_server_url_with_a_password_is_never_printed(tmp_path):
    port = free_port()
    result = run("status", env={"RESULTSQA_CHROMA_URL": f"http://u:s3cret-db@127.0.0.1:{port}"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"cannot reach the Chroma server at http://u:***@127.0.0.1:{port}" in result.stderr
    assert "s3cret-db" not in result.stdout + result.stderr
    bad = run("status", env={"RESULTSQA_CHROMA_URL": "ftp://u:s3cret-db@host"})
    assert bad.returncode == 1 and "s3cret-db" not in bad.stdout + bad.stderr


def test_every_bad_setting_is_named_at_once():
    result = run("app", env={"RESULTSQA_MAX_UPLOAD_MB": "abc", "RESULTSQA_MAX_FILE_MB": "nan"})
    assert result.returncode == 1
    assert "RESULTSQA_MAX_UPLOAD_MB='abc' is not a size in MB above 0" in result.stderr
    assert "RESULTSQA_MAX_FILE_MB='nan' is not a size in MB above 0" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "read", "expected"),
    [
        ("RESULTSQA_MAX_UPLOAD_MB", "1.5", settings.max_upload_bytes, 1_572_864),
        ("RESULTSQA_MAX_UPLOAD_MB", " 2 ", settings.max_upload_bytes, 2 * 2**20),
        ("RESULTSQA_MAX_UPLOAD_MB", "", settings.max_upload_bytes, 50 * 2**20),
        ("RESULTSQA_MAX_FILE_MB", "0.01", settings.max_file_bytes, 10_485),
        ("RESULTSQA_MAX_FILE_MB", "", settings.max_file_bytes, 200 * 2**20),
        ("RESULTSQA_COLLECTION", "", settings.collection, "resultsqa"),
        ("RESULTSQA_COLLECTION", "team_b", settings.collection, "team_b"),
        ("RESULTSQA_CHROMA_URL", "", settings.chroma_url, None),
        ("RESULTSQA_CHROMA_URL", "https://db.example/", settings.chroma_url, "https://db.example"),
        (
            "RESULTSQA_LLM_URL",
            " http://127.0.0.1:9/v1/ ",
            settings.llm_url,
            "http://127.0.0.1:9/v1",
        ),
        ("RESULTSQA_LLM_MODEL", "", settings.llm_model, "default"),
        ("RESULTSQA_LLM_TIMEOUT", "2.5", settings.llm_timeout, 2.5),
        ("RESULTSQA_LLM_TIMEOUT", "", settings.llm_timeout, 30.0),
        ("PORT", "8080", settings.port, 8080),
        ("PORT", "", settings.port, 8501),
    ],
)
def test_good_values_and_blank_ones_are_read_as_meant(monkeypatch, variable, value, read, expected):
    monkeypatch.setenv(variable, value)
    assert read() == expected


def test_the_data_folder_is_a_per_user_folder_when_resultsqa_home_is_unset(tmp_path, monkeypatch):
    user = tmp_path / "user"
    monkeypatch.delenv("RESULTSQA_HOME")
    monkeypatch.setenv("HOME", str(user))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert data_dir() == user / ".config" / "resultsqa"

    monkeypatch.setenv("XDG_CONFIG_HOME", str(user / "config"))
    home = user / "config" / "resultsqa"
    assert data_dir() == home
    assert (default_store(), samples_dir(), uploads_dir()) == (
        home / "store",
        home / "samples",
        home / "uploads",
    )
    status = json.loads(run("status", "--json").stdout)
    assert status["store"] == str(home / "store")
    assert not Path(status["store"]).is_relative_to(REPO)


def test_resultsqa_home_can_keep_the_data_in_the_checkouts_ignored_data_folder(monkeypatch):
    monkeypatch.setenv("RESULTSQA_HOME", "data")
    assert data_dir() == Path("data")
    assert "/data/" in (REPO / ".gitignore").read_text().splitlines()
    # The chat that `resultsqa app` starts is told the same folder, whatever its own cwd.
    assert chat_environment(None)["RESULTSQA_HOME"] == str(Path.cwd() / "data")


def test_make_index_builds_and_indexes_the_samples_in_the_data_folder(tmp_path):
    """What `make samples` and `make index` run, with no folder named."""
    home = tmp_path / "home"
    built = run("samples", "--count", "1")
    assert built.returncode == 0, built.stderr
    assert f"to {home / 'samples'}" in built.stdout
    pdfs = len(list((home / "samples").glob("*.pdf")))
    indexed = run("index", "--samples", "--quiet")
    assert indexed.returncode == 0, indexed.stderr
    assert f"Indexed {pdfs} file(s)" in indexed.stdout
    status = json.loads(run("status", "--json").stdout)
    assert (status["store"], status["documents"]) == (str(home / "store"), pdfs)


def test_index_samples_before_they_are_built_says_how_to_build_them(tmp_path):
    result = run("index", "--samples")
    assert result.returncode == 1
    assert f"no sample reports at {tmp_path / 'home' / 'samples'}" in result.stderr
    assert "resultsqa samples" in result.stderr and "Traceback" not in result.stderr


def test_an_index_elsewhere_still_keeps_uploads_in_the_data_folder_not_the_repository(
    tmp_path, monkeypatch, sample_dir
):
    """`resultsqa app --store DIR` moves the index only: its chat saves uploads under the
    data folder, here the per-user default."""
    monkeypatch.delenv("RESULTSQA_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    home = tmp_path / "config" / "resultsqa"
    elsewhere = tmp_path / "elsewhere" / "store"
    env = chat_environment(elsewhere)
    assert (env["RESULTSQA_HOME"], env["RESULTSQA_STORE"]) == (str(home), str(elsewhere))
    for variable in ("RESULTSQA_HOME", "RESULTSQA_STORE"):
        monkeypatch.setenv(variable, env[variable])

    app = AppTest.from_file(CHAT, default_timeout=180)
    app.run()
    report = (sample_dir / fictional_file(1)).read_bytes()
    app.sidebar.file_uploader(key="uploads").set_value(
        [("colombia report.pdf", report, "application/pdf")]
    ).run()
    app.sidebar.button(key="index_uploads").click().run()
    assert not app.exception
    assert any("colombia report.pdf: indexed" in shown(s.value) for s in app.sidebar.success)
    assert [p.name for p in (home / "uploads").iterdir()] == ["colombia_report.pdf"]
    assert not (elsewhere.parent / "uploads").exists()
    assert not (REPO / "data" / "uploads" / "colombia_report.pdf").exists()
    assert (elsewhere / "chroma.sqlite3").exists()


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("RESULTSQA_MAX_UPLOAD_MB", "abc", "RESULTSQA_MAX_UPLOAD_MB='abc' is not a size in MB"),
        ("RESULTSQA_MAX_FILE_MB", "nan", "RESULTSQA_MAX_FILE_MB='nan' is not a size in MB"),
        ("RESULTSQA_HOME", "/dev/null", "RESULTSQA_HOME='/dev/null' is not a folder"),
        ("RESULTSQA_CHROMA_URL", "localhost:8000", "RESULTSQA_CHROMA_URL='localhost:8000' is not"),
        ("RESULTSQA_COLLECTION", "a/b", "RESULTSQA_COLLECTION='a/b' is not a usable index name"),
    ],
)
def test_the_chat_shows_a_bad_setting_in_red_instead_of_a_traceback(
    monkeypatch, variable, value, message
):
    monkeypatch.setenv(variable, value)
    app = AppTest.from_file(CHAT, default_timeout=60)
    app.run()
    assert not app.exception
    assert message in " ".join(shown(e.value) for e in app.main.error)
