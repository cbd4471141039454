"""Sign-in and roles (app/access.py, app/signin.py): who may ask, upload and remove, the
audit log of adds and removes, and a chat served openly without sign-in."""

from __future__ import annotations

import hashlib
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from app.access import check_rules, local_role, role_for
from app.display import shown
from app.saved import open_saved
from indexing.errors import UsageError
from indexing.samples import SEED_FILE
from tests.commands import run
from tests.test_chat import CHAT, ask, main_text

RULES = {
    "ana@unwomen.example": "admin",
    "*@unwomen.example": "reader",
    "group:comms-editors": "editor",
    "ed@partner.example": "editor",
}
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-cookie-secret-for-tests-only",
    "client_id": "resultsqa",
    "client_secret": "not-a-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    ("email", "groups", "role"),
    [
        ("ana@unwomen.example", [], "admin"),  # named, above her domain's reader
        ("ANA@UNWomen.example", [], "admin"),  # addresses compare without case
        ("rita@unwomen.example", [], "reader"),  # by domain
        ("rita@unwomen.example", ["comms-editors"], "editor"),  # the higher of two
        ("ed@partner.example", [], "editor"),
        ("eve@partner.example", [], None),  # a domain no rule names
        ("eve@evil-unwomen.example", [], None),  # a domain ending like one is another
        ("", ["comms-editors"], "editor"),
        (None, [], None),
    ],
)
def test_a_users_role_is_the_highest_any_rule_gives(email, groups, role):
    assert role_for(email, groups, check_rules(RULES)) == role


@pytest.mark.parametrize(
    ("rules", "said"),
    [
        ({"ana@unwomen.example": "owner"}, "use one of reader, editor, admin"),
        ({"ana": "reader"}, "is not an e-mail address, '*@domain' or 'group:NAME'"),
        ({"group:": "reader"}, "is not an e-mail address"),
    ],
)
def test_a_misconfigured_role_table_is_refused_with_what_is_wrong(rules, said):
    with pytest.raises(UsageError, match=re.escape(said)):
        check_rules(rules)


@pytest.mark.parametrize(
    ("address", "allow", "role"),
    [
        ("127.0.0.1", None, "admin"),
        ("localhost", None, "admin"),
        ("0.0.0.0", None, "reader"),
        ("10.1.2.3", None, "reader"),
        ("0.0.0.0", "1", "admin"),
    ],
)
def test_without_sign_in_edits_are_allowed_on_loopback_only(address, allow, role, monkeypatch):
    if allow:
        monkeypatch.setenv("RESULTSQA_ALLOW_EDITS", allow)
    assert local_role(address) == role


@pytest.fixture
def own_store(indexed_store, tmp_path):
    store = tmp_path / "own-store"
    shutil.copytree(indexed_store, store)
    return store


def signed_in(store, monkeypatch, user: dict | None) -> AppTest:
    monkeypatch.setenv("RESULTSQA_STORE", str(store))
    app = AppTest.from_file(CHAT, default_timeout=180)
    app.secrets["auth"] = AUTH
    app.secrets["roles"] = RULES
    app.user = {"is_logged_in": False} if user is None else {"is_logged_in": True, **user}
    app.run()
    assert not app.exception
    return app


def sidebar_text(app: AppTest) -> str:
    parts = [shown(m.value) for m in app.sidebar.markdown] + [
        shown(c.value) for c in app.sidebar.caption
    ]
    return " ".join(parts)


def test_with_sign_in_configured_a_visitor_sees_only_the_sign_in(own_store, monkeypatch):
    app = signed_in(own_store, monkeypatch, None)
    assert [b.label for b in app.button] == ["Sign in"]
    assert not app.chat_input and not app.sidebar.expander


def test_an_account_with_no_role_is_turned_away(own_store, monkeypatch):
    app = signed_in(own_store, monkeypatch, {"email": "eve@partner.example"})
    assert "eve@partner.example has no role in this workspace" in shown(app.error[0].value)
    assert not app.chat_input and [b.label for b in app.button] == ["Sign out"]


def test_a_reader_asks_and_keeps_saved_work_but_cannot_upload_or_remove(own_store, monkeypatch):
    app = signed_in(own_store, monkeypatch, {"email": "rita@unwomen.example"})
    assert "Signed in as rita@unwomen.example (reader)" in sidebar_text(app)
    assert not app.sidebar.get("file_uploader")
    assert not [b for b in app.sidebar.button if b.key and b.key.startswith("remove_")]
    assert "Audit log" not in [e.label for e in app.sidebar.expander]
    ask(app, "What was the shortfall on output MEX_D_2.1.1?")
    assert "$2.27 M" in main_text(app)
    (mine,) = open_saved().works("rita@unwomen.example", "conversation")
    assert mine.count == 1 and open_saved().works("local", "conversation") == []


def test_an_editor_uploads_and_removes_and_the_audit_log_says_who_when_and_which(
    own_store, variant_dir, monkeypatch
):
    app = signed_in(
        own_store, monkeypatch, {"email": "rita@unwomen.example", "groups": ["comms-editors"]}
    )
    assert "Signed in as rita@unwomen.example (editor)" in sidebar_text(app)
    data = sorted(variant_dir.glob("*.pdf"))[0].read_bytes()  # a report not indexed yet
    app.sidebar.file_uploader(key="uploads").set_value(
        [("colombia 2024.pdf", data, "application/pdf")]
    ).run()
    app.sidebar.button(key="index_uploads").click().run()
    assert not app.exception
    seed = next(d for d in open_saved_documents(own_store) if d["file"] == SEED_FILE)
    app.sidebar.button(key=f"remove_{seed['path']}").click().run()
    app.sidebar.button(key=f"remove_confirm_{seed['path']}").click().run()
    assert not app.exception
    log = open_saved().audit()
    assert [(e.user, e.action, e.file) for e in log] == [
        ("rita@unwomen.example", "removed", SEED_FILE),
        ("rita@unwomen.example", "added", "colombia 2024.pdf"),
    ]
    assert log[1].sha256 == hashlib.sha256(data).hexdigest()
    assert log[0].sha256 == seed["sha256"] and log[0].index_name == "resultsqa"
    (audit,) = [e for e in app.sidebar.expander if e.label == "Audit log"]
    shown_log = " ".join(shown(m.value) for m in audit.markdown)
    assert "rita@unwomen.example removed mexico_seed_pages.pdf" in shown_log
    assert "rita@unwomen.example added colombia 2024.pdf" in shown_log


def open_saved_documents(store) -> list[dict]:
    from indexing.store import open_store

    return open_store(store).documents()


@pytest.mark.parametrize(("allow", "can"), [(None, False), ("1", True)])
def test_a_chat_served_openly_without_sign_in_allows_edits_only_when_told(
    own_store, monkeypatch, allow, can
):
    monkeypatch.setenv("RESULTSQA_SERVED_ON", "0.0.0.0")
    if allow:
        monkeypatch.setenv("RESULTSQA_ALLOW_EDITS", allow)
    monkeypatch.setenv("RESULTSQA_STORE", str(own_store))
    app = AppTest.from_file(CHAT, default_timeout=180)
    app.run()
    assert not app.exception
    assert bool(app.sidebar.get("file_uploader")) is can
    warnings = " ".join(shown(w.value) for w in app.sidebar.warning)
    assert ("Uploads and removals are off: this chat is served on 0.0.0.0" in warnings) is not can


def test_the_command_line_writes_its_adds_and_removes_to_the_audit_log(tmp_path, sample_dir):
    reports = tmp_path / "reports"
    reports.mkdir()
    seed = reports / SEED_FILE
    shutil.copy(sample_dir / SEED_FILE, seed)
    assert run("index", reports, "--quiet").returncode == 0
    assert run("index", reports, "--quiet").returncode == 0  # unchanged: nothing to log
    removed = run("remove", seed)
    assert removed.returncode == 0, removed.stderr
    log = open_saved().audit()
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    assert [(e.action, e.file, e.sha256) for e in log] == [
        ("removed", str(seed.resolve()), digest),
        ("added", str(seed), digest),
    ]
    assert all(e.user.endswith("(command line)") for e in log)


def test_an_admin_restores_a_replaced_version_and_an_editor_is_not_offered_it(
    tmp_path, embedder, monkeypatch
):
    from dataclasses import replace

    from indexing.pipeline import index_paths, replaced_versions
    from indexing.samples import fictional_spec, render_pdf, spec_report
    from indexing.store import open_store

    spec = fictional_spec(0)
    path = tmp_path / "reports" / spec.file
    path.parent.mkdir()
    store_path = tmp_path / "store"
    store = open_store(store_path)
    for version in (spec, replace(spec, seed="resultsqa-another-version")):
        render_pdf(spec_report(version)[1], path)  # new bytes at the same path
        assert not index_paths([path], store, embedder=embedder).failed
    [kept] = replaced_versions(store)
    editor = signed_in(store_path, monkeypatch, {"email": "ed@partner.example"})
    assert "Replaced versions" not in [e.label for e in editor.sidebar.expander]
    admin = signed_in(store_path, monkeypatch, {"email": "ana@unwomen.example"})
    (panel,) = [e for e in admin.sidebar.expander if e.label == "Replaced versions"]
    assert spec.file in shown(panel.markdown[0].value)
    admin.sidebar.button(key=f"restore_{kept['doc_id']}").click().run()
    assert not admin.exception
    assert [d["doc_id"] for d in open_store(store_path).documents()] == [kept["doc_id"]]
    (entry,) = open_saved().audit()
    assert (entry.user, entry.action, entry.file) == ("ana@unwomen.example", "restored", spec.file)
