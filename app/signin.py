"""The chat's door: sign-in with Streamlit's OpenID Connect (``st.login``) when ``[auth]`` is
configured, the signed-in user's role (app/access.py), and the audit log editors read.

Without ``[auth]`` the chat is one person's, as it always was (``local_role``).
"""

from __future__ import annotations

import hashlib
import os

import streamlit as st

from app import workspace
from app.access import can_edit, check_rules, local_role, role_for
from app.display import escape
from indexing.errors import ResultsQAError


def auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def served_address() -> str:
    """Where the chat listens: what ``resultsqa app --host`` said, else Streamlit's option."""
    return os.environ.get("RESULTSQA_SERVED_ON") or st.get_option("server.address") or ""


def _provider() -> str | None:
    """The one provider named under ``[auth]`` (``[auth.NAME]``), or None for ``[auth]``'s own."""
    named = [key for key, value in st.secrets["auth"].items() if isinstance(value, dict)]
    return named[0] if len(named) == 1 else None


def sign_in() -> None:
    provider = _provider()
    st.login(provider) if provider else st.login()


def role() -> str | None:
    """The session's role, its user set for saved work; None after drawing what a visitor who
    must first sign in (or who has no role) sees."""
    state = st.session_state
    if not auth_configured():
        state.user = workspace.LOCAL_USER
        return local_role(served_address())
    if not st.user.is_logged_in:
        st.title("resultsqa")
        st.write("Sign in to ask about the indexed reports.")
        if st.button("Sign in", key="sign_in", type="primary"):
            sign_in()  # a redirect to the identity provider, not from inside a callback
        return None
    email = str(st.user.get("email") or "")
    groups = st.user.get("groups") or []
    try:
        rules = check_rules(dict(st.secrets.get("roles", {})))
    except ResultsQAError as error:  # a bad [roles] table: said, and nobody gets in
        st.error(escape(f"The workspace's roles are misconfigured: {error}"))
        return None
    granted = role_for(email, groups if isinstance(groups, list) else [groups], rules)
    if granted is None:
        st.title("resultsqa")
        st.error(
            escape(
                f"{email or 'This account'} has no role in this workspace. "
                "Ask an admin to add it to the roles."
            )
        )
        st.button("Sign out", key="sign_out", on_click=st.logout)
        return None
    state.user = email
    return granted


def identity_bar(bar, granted: str) -> None:
    """Who is signed in and as what, or why edits are off on an open chat."""
    if auth_configured():
        column, out = bar.columns([3, 1])
        column.caption(escape(f"Signed in as {st.session_state.user} ({granted})"))
        out.button("Sign out", key="sign_out", on_click=st.logout)
        if not can_edit(granted):
            bar.caption("Readers ask and build briefings; editors add and remove reports.")
    elif not can_edit(granted):
        bar.warning(
            escape(
                f"Uploads and removals are off: this chat is served on {served_address()} "
                "without sign-in. Configure [auth] and [roles], or set "
                "RESULTSQA_ALLOW_EDITS=1 to allow them to anyone who can reach it."
            )
        )


def record(action: str, file: str, sha256: str, index_name: str) -> None:
    """One line of the audit log; a database that cannot be written is said in the panel."""
    database = workspace.saved()
    if database is None:
        return
    try:
        database.record(st.session_state.user, action, file, sha256, index_name)
    except ResultsQAError as error:
        st.session_state.saved_problem = str(error)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def audit_panel(bar) -> None:
    """The latest adds and removes, for editors and admins."""
    database = workspace.saved()
    with bar.expander("Audit log", expanded=False):
        if database is None:
            st.caption("No database for the audit log (see Saved work).")
            return
        try:
            entries = database.audit()
        except ResultsQAError as error:
            st.warning(escape(str(error)))
            return
        if not entries:
            st.caption("No report added or removed yet.")
        for entry in entries:
            demo = " (demo)" if entry.index_name.endswith("-demo") else ""
            st.markdown(
                escape(
                    f"{entry.at:%d %b %Y %H:%M} UTC · {entry.user} {entry.action} "
                    f"{entry.file}{demo} · sha256 {entry.sha256[:12]}…"
                )
            )


def restore_version(store, entry: dict) -> None:
    """Restore's callback: the kept version back in the index (what it displaces is kept),
    written to the audit log."""
    from indexing.pipeline import restore_version as restore

    try:
        restored, _ = restore(entry["doc_id"], store)
    except ResultsQAError as error:
        st.session_state.toast = f"Could not restore {entry['file']}: {error}"
        return
    record("restored", restored["file"], restored.get("sha256", ""), store.name)
    st.session_state.toast = f"Restored {restored['file']} (version {restored['doc_id']})"


def versions_panel(bar, store) -> None:
    """For admins: the versions other files replaced, each restorable (``resultsqa
    history`` and ``restore`` in the chat)."""
    from indexing.pipeline import replaced_versions

    with bar.expander("Replaced versions", expanded=False):
        try:
            kept = replaced_versions(store)
        except ResultsQAError as error:
            st.warning(escape(str(error)))
            return
        if not kept:
            st.caption("No replaced versions are kept.")
        for entry in kept[:30]:
            year = f", {entry['data_year']} data" if entry.get("data_year") else ""
            st.markdown(
                escape(
                    f"{entry['file']}{year}: replaced {str(entry.get('replaced_at', ''))[:16]}"
                    f" by {entry.get('replaced_by') or 'new bytes at its path'}"
                )
            )
            st.button(
                "Restore",
                key=f"restore_{entry['doc_id']}",
                on_click=restore_version,
                args=(store, entry),
            )
