"""The chat's saved work (app/saved.py): every answer saved to the conversation it belongs to
and every briefing change to its briefing, both restored after a reload from the page's
address (``?c=…&b=…``), and a sidebar panel to reopen, rename, duplicate and delete them.

Saving never stops the chat: a database that cannot be reached is said once in the panel,
and answering goes on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime

import streamlit as st

from app.briefing import Briefing
from app.charts import Chart
from app.display import escape
from app.saved import (
    SavedAnswer,
    SavedWorkError,
    WorkInfo,
    changed_since,
    database_url,
    open_saved,
    versions_of,
)
from indexing.errors import ResultsQAError

from .answering.model import Answer

# The one user of a chat without sign-in; with sign-in, the signed-in user's address.
LOCAL_USER = "local"


def setup_state() -> None:
    state = st.session_state
    state.setdefault("user", LOCAL_USER)
    state.setdefault("restored", False)  # the address read into the session
    state.setdefault("conversation_ids", {})  # the open conversation's id, per index viewed
    state.setdefault("briefing_id", None)
    # What each answer's reports were when it was saved, by the answer's id().
    state.setdefault("versions", {})
    state.setdefault("documents", {})  # the viewed index's documents by file, this run
    state.setdefault("saved_problem", None)
    state.setdefault("work_delete_pending", None)


@st.cache_resource(show_spinner=False)
def _open(url: str):
    return open_saved(url)


def saved():
    """The saved-work database, or None when it cannot be opened (said in the panel)."""
    try:
        return _open(database_url())
    except ResultsQAError as error:  # a bad URL, a server down: answering goes on
        st.session_state.saved_problem = str(error)
        return None


def _guarded(action: Callable[[], object]) -> object:
    try:
        return action()
    except SavedWorkError as error:
        st.session_state.saved_problem = str(error)
        return None


def restore(view_of: Callable[[str], str]) -> None:
    """Once per session (and after Open): the conversation and briefing the page's address
    names, back as they were saved; ``view_of`` maps an index name to the chat's view."""
    state = st.session_state
    if state.restored:
        return
    state.restored = True
    database = saved()
    if database is None:
        return
    conversation = st.query_params.get("c")
    info = _guarded(lambda: database.info(state.user, conversation)) if conversation else None
    if info is not None and info.kind == "conversation":
        kept = _guarded(lambda: database.answers(state.user, conversation)) or []
        view = view_of(info.index_name)
        state.index_view = state.history_of = view
        state.history = [item.answer for item in reversed(kept)]
        state.conversation_ids[view] = conversation
        state.last_query = None
        for item in kept:
            state.versions[id(item.answer)] = item.versions
    elif conversation:
        del st.query_params["c"]  # deleted, or another user's: start afresh
    briefing_id = st.query_params.get("b")
    info = _guarded(lambda: database.info(state.user, briefing_id)) if briefing_id else None
    if info is not None and info.kind == "briefing":
        briefing = Briefing()
        for item in _guarded(lambda: database.answers(state.user, briefing_id)) or []:
            briefing.add(item.answer, Chart(**item.chart) if item.chart else None)
            state.versions[id(item.answer)] = item.versions
        state.briefing, state.briefing_id = briefing, briefing_id
    elif briefing_id:
        del st.query_params["b"]


def follow(view: str) -> None:
    """The address names the conversation of the index now viewed (or none)."""
    conversation = st.session_state.conversation_ids.get(view)
    if conversation:
        st.query_params["c"] = conversation
    elif "c" in st.query_params:
        del st.query_params["c"]


def save_answer(answer: Answer, view: str, index_name: str) -> None:
    """Add ``answer`` to the view's conversation, starting one (titled by the question)."""
    state = st.session_state
    versions = versions_of(answer, state.documents)
    state.versions[id(answer)] = versions
    database = saved()
    if database is None:
        return

    def save() -> None:
        conversation = state.conversation_ids.get(view)
        if conversation is None:
            conversation = database.create(state.user, "conversation", answer.question, index_name)
            state.conversation_ids[view] = conversation
        database.append(state.user, conversation, answer, versions)
        st.query_params["c"] = conversation

    _guarded(save)


def save_briefing(index_name: str) -> None:
    """Save the briefing as it now stands (a callback's change), starting one if needed."""
    state = st.session_state
    briefing: Briefing = state.briefing
    database = saved()
    if database is None or (state.briefing_id is None and not briefing.items):
        return

    def save() -> None:
        if state.briefing_id is None:
            title = f"Briefing of {datetime.now(UTC):%d %b %Y, %H:%M} UTC"
            state.briefing_id = database.create(state.user, "briefing", title, index_name)
        items = [
            SavedAnswer(
                answer,
                state.versions.get(id(answer)) or versions_of(answer, state.documents),
                _chart(briefing.charts.get(answer.question)),
            )
            for answer in briefing.items
        ]
        database.replace(state.user, state.briefing_id, items)
        st.query_params["b"] = state.briefing_id

    _guarded(save)


def _chart(chart: Chart | None) -> dict | None:
    return dataclasses.asdict(chart) if chart is not None else None


def changes(answer: Answer) -> list[str]:
    """What happened to the reports an answer cites since it was saved."""
    state = st.session_state
    versions = state.versions.get(id(answer))
    return changed_since(versions, state.documents) if versions else []


# -- the sidebar panel -----------------------------------------------------------------------
def new_conversation(view: str) -> None:
    state = st.session_state
    state.conversation_ids.pop(view, None)
    state.history, state.last_query = [], None
    follow(view)


def new_briefing() -> None:
    state = st.session_state
    state.briefing, state.briefing_id = Briefing(), None
    if "b" in st.query_params:
        del st.query_params["b"]


def open_work(info: WorkInfo) -> None:
    st.query_params["c" if info.kind == "conversation" else "b"] = info.id
    st.session_state.restored = False  # restore() reads the address again, this run


def duplicate_work(info: WorkInfo) -> None:
    database = saved()
    if database is not None and _guarded(
        lambda: database.duplicate(st.session_state.user, info.id)
    ):
        st.session_state.toast = f"Duplicated “{info.title}”"


def rename_work(info: WorkInfo) -> None:
    title = st.session_state.get(f"work_title_{info.id}", "").strip()
    database = saved()
    if title and database is not None:
        _guarded(lambda: database.rename(st.session_state.user, info.id, title))


def ask_to_delete(info: WorkInfo | None) -> None:
    st.session_state.work_delete_pending = info.id if info is not None else None


def delete_work(info: WorkInfo, view: str) -> None:
    state = st.session_state
    state.work_delete_pending, state.saved_problem = None, None
    database = saved()
    if database is None:
        return
    _guarded(lambda: database.delete(state.user, info.id))
    if state.saved_problem:
        return
    if state.conversation_ids.get(view) == info.id:
        new_conversation(view)
    state.conversation_ids = {v: c for v, c in state.conversation_ids.items() if c != info.id}
    if state.briefing_id == info.id:
        new_briefing()
    state.toast = f"Deleted “{info.title}”"


def panel(bar, view: str) -> None:
    """Saved conversations and briefings, the last changed first."""
    state = st.session_state
    with bar.expander("Saved work", expanded=False):
        database = saved()
        if state.saved_problem:
            st.warning(escape(f"Not saved: {state.saved_problem}"))
        if database is None:
            return
        new, fresh = st.columns(2)
        new.button("New conversation", key="work_new", on_click=new_conversation, args=(view,))
        fresh.button("New briefing", key="work_new_briefing", on_click=new_briefing)
        for kind, heading in (("conversation", "Conversations"), ("briefing", "Briefings")):
            st.caption(heading)
            works = _guarded(lambda kind=kind: database.works(state.user, kind)) or []
            if not works:
                st.caption("None saved yet.")
            for info in works[:30]:
                _entry(info, view)


def _entry(info: WorkInfo, view: str) -> None:
    state = st.session_state
    current = info.id in (state.briefing_id, *state.conversation_ids.values())
    demo = " · demo" if info.index_name.endswith("-demo") else ""
    st.markdown(
        f"**{escape(info.title)}**{' (open)' if current else ''}  \n"
        f"{info.count} answer{'s' if info.count != 1 else ''} · {info.updated:%d %b %Y %H:%M}{demo}"
    )
    if state.work_delete_pending == info.id:
        st.warning(escape(f"Delete “{info.title}”? It cannot be brought back."))
        yes, no = st.columns(2)
        yes.button(
            "Delete",
            key=f"work_delete_confirm_{info.id}",
            type="primary",
            on_click=delete_work,
            args=(info, view),
        )
        no.button("Keep", key=f"work_delete_cancel_{info.id}", on_click=ask_to_delete, args=(None,))
        return
    opened, copy, remove = st.columns(3)
    opened.button("Open", key=f"work_open_{info.id}", on_click=open_work, args=(info,))
    copy.button("Duplicate", key=f"work_copy_{info.id}", on_click=duplicate_work, args=(info,))
    remove.button("Delete", key=f"work_delete_{info.id}", on_click=ask_to_delete, args=(info,))
    st.text_input(
        "Title",
        value=info.title,
        key=f"work_title_{info.id}",
        on_change=rename_work,
        args=(info,),
        label_visibility="collapsed",
    )
