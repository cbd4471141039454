"""The Streamlit chat. UI only: every answer comes from app.answer.Answerer."""

from __future__ import annotations

import os

import streamlit as st

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@st.cache_resource
def get_answerer():
    """One store client and one model per process, shared by every browser session."""
    from app.answer import Answerer
    from indexing.store import open_store

    return Answerer(open_store())


def setup_state() -> None:
    st.session_state.setdefault("history", [])


def show_answer(answer) -> None:
    st.markdown(answer.answer.replace("\n", "  \n"))
    if answer.facts and answer.found:
        st.dataframe(
            [
                {
                    "what": f.what,
                    "subject": f.subject,
                    "year": f.year,
                    "value": f.display,
                    "file": f.file,
                    "page": f.page,
                }
                for f in answer.facts
            ],
            hide_index=True,
        )
    for number, citation in enumerate(answer.citations, start=1):
        with st.expander(f"[{number}] {citation.file}, page {citation.page} — {citation.section}"):
            st.markdown(f"> {citation.quote}")


def sidebar(answerer) -> None:
    info = answerer.store.status()
    st.sidebar.header("Indexed reports")
    if not info["documents"]:
        st.sidebar.info("Nothing indexed yet. Add reports with `resultsqa index PATH`.")
    for doc in info["files"]:
        label = " (sample: fictional figures)" if doc["sample"] else ""
        st.sidebar.markdown(
            f"**{doc['file']}**{label}  \n{doc['country']} · "
            f"{doc['page_count']} pages · {doc['outcomes']}"
        )


def main() -> None:
    st.set_page_config(page_title="resultsqa", page_icon="📊")
    setup_state()
    answerer = get_answerer()
    question = st.chat_input(
        "Ask about progress or funding, e.g. 'What was the shortfall on output MEX_D_2.1.1?'"
    )
    st.title("resultsqa")
    st.caption("Figures come from the parsed reports, each with the file and page it stands on.")
    sidebar(answerer)
    for past in st.session_state.history:
        with st.chat_message("user"):
            st.markdown(past.question)
        with st.chat_message("assistant"):
            show_answer(past)
    if question:
        with st.chat_message("user"):
            st.markdown(question)
        with st.chat_message("assistant"), st.spinner("Looking it up…"):
            answer = answerer.ask(question)
            show_answer(answer)
        st.session_state.history.append(answer)


main()
