"""The Streamlit chat a briefing writer works in.

UI only: answers come from app.answer, pictures of pages from app.pages, charts from
app.charts, briefings from app.briefing, uploads from app.uploads, editions from
app.documents; a document leaves the index through indexing.pipeline.remove_files.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app import signin, workspace  # noqa: E402
from app.access import can_edit, can_manage  # noqa: E402
from app.answering import NO_LLM, Answer, Answerer, Scope  # noqa: E402
from app.briefing import Briefing, copy_text  # noqa: E402
from app.catalog import Catalog  # noqa: E402
from app.charts import Chart, chart_for  # noqa: E402
from app.display import escape, quote_markdown  # noqa: E402
from app.documents import edition_groups, edition_label  # noqa: E402
from app.examples import example_questions  # noqa: E402
from app.pages import (  # noqa: E402
    NARROW_WIDTH,
    PageImage,
    PageNotDrawn,
    file_version,
    regular_file,
    render_page,
)
from app.synthesis import Config, Synthesizer  # noqa: E402
from app.uploads import index_uploads, max_upload_bytes  # noqa: E402
from indexing import settings  # noqa: E402
from indexing.errors import ResultsQAError  # noqa: E402


@st.cache_resource
def get_answerer(location: str, name: str) -> Answerer:
    """One store client and one model per process and index, shared by every session."""
    import threading

    from indexing.store import open_store

    answerer = Answerer(open_store(None if location.startswith("http") else location, name))
    # The model and the catalog load while the first page renders, not on the first question.
    threading.Thread(target=answerer.warm_up, name="resultsqa-warm-up", daemon=True).start()
    return answerer


def store_location() -> tuple[str, str]:
    """The user's index: (folder or server URL, index name). Uploads always go here."""
    from indexing.paths import default_store
    from indexing.store import collection_name

    return settings.chroma_url() or str(default_store()), collection_name()


YOURS, DEMO = "Your reports", "Demo: fictional samples"


def viewed_location() -> tuple[str, str]:
    """The index this session answers from: the one chosen in the sidebar; at first the
    user's once anything was indexed into it, else the demo (indexing.store.served_name)."""
    from indexing.store import demo_name, is_demo, served_name

    location, name = store_location()
    if st.session_state.index_view is None:
        chosen = served_name(None if location.startswith("http") else location, demo_flag())
        st.session_state.index_view = DEMO if is_demo(chosen) else YOURS
    view = st.session_state.index_view
    if st.session_state.history_of != view:
        # Each index has its own conversation: the demo's answers never stand among yours.
        kept = st.session_state.histories
        if st.session_state.history_of is not None:
            kept[st.session_state.history_of] = st.session_state.history
        st.session_state.history = kept.pop(view, [])
        st.session_state.history_of, st.session_state.last_query = view, None
        workspace.follow(view)
    return location, demo_name(name) if view == DEMO else name


def view_of(index_name: str) -> str:
    """The sidebar's view of an index name (a saved conversation's)."""
    from indexing.store import is_demo

    return DEMO if is_demo(index_name) else YOURS


def viewed_name() -> str:
    from indexing.store import collection_name, demo_name

    return demo_name() if st.session_state.index_view == DEMO else collection_name()


def demo_flag() -> bool:
    """``resultsqa app --demo``: open on the demo."""
    return os.environ.get("RESULTSQA_DEMO", "") not in ("", "0")


@st.cache_data(max_entries=128, show_spinner=False)
def page_image(
    path: str,
    mtime_ns: int,
    size: int,
    page: int,
    quote: str,
    highlight: str,
    whole: bool,
    narrow: bool = False,
) -> PageImage:
    """A cited page's picture, cached by the file's version (its modification time and size
    stand for it in the key) and page. A failure raises and is not cached: the next run,
    after the file is mended, draws it."""
    return render_page(path, page, quote, highlight, whole=whole, narrow=narrow)


# The phone's crop shows under 641 px, the wide one above (containers with a key carry the
# class st-key-<key>).
CROP_STYLE = """<style>
@media (max-width: 640px) { div[class*="st-key-crop_wide_"] { display: none; } }
@media (min-width: 641px) { div[class*="st-key-crop_narrow_"] { display: none; } }
</style>"""


@st.cache_data(max_entries=64, show_spinner=False)
def version_on_disk(path: str, mtime_ns: int, size: int) -> str:
    return file_version(path)


def setup_state() -> None:
    st.session_state.setdefault("history", [])
    st.session_state.setdefault("briefing", Briefing())
    st.session_state.setdefault("pending", None)
    st.session_state.setdefault("upload_results", [])
    # The last question's reading: a follow-up ("and in 2023?") goes on from it.
    st.session_state.setdefault("last_query", None)
    # The indexed file (its path) whose removal waits for Confirm, and what the last one did.
    st.session_state.setdefault("remove_pending", None)
    st.session_state.setdefault("remove_outcome", None)
    # A note the last action left for this run to show ("Added to briefing").
    st.session_state.setdefault("toast", None)
    workspace.setup_state()
    st.session_state.setdefault("role", None)  # app/access.py: reader, editor or admin
    # Which index the session answers from (YOURS or DEMO); None until first chosen. The
    # conversation shown is that index's; the other's waits in ``histories``.
    st.session_state.setdefault("index_view", None)
    st.session_state.setdefault("history_of", None)
    st.session_state.setdefault("histories", {})


@st.cache_resource
def get_synthesizer(url: str, model: str, timeout: float) -> Synthesizer:
    """One LLM client per configuration; the key is read from the environment, never cached
    as an argument."""
    return Synthesizer(Config(url, model, settings.llm_api_key(), timeout))


def synthesizer() -> Synthesizer | None:
    config = Config.from_env()
    return get_synthesizer(config.url, config.model, config.timeout) if config else None


def draft_in_place(writer: Synthesizer, answer: Answer) -> Answer:
    """Stream the model's draft where the answer will stand, then keep it only if checked."""
    placeholder = st.empty()
    with placeholder.container(), st.chat_message("assistant"):
        st.caption(
            f"Drafting with {escape(writer.config.model)}… every figure is checked against "
            "the reports before the draft is kept."
        )
        draft = writer.stream(answer)
        # Shown as escaped text while it streams, never as the model's Markdown: an image
        # or a link in an unchecked draft must not be fetched or followed.
        shown, text = st.empty(), ""
        for piece in draft:
            text += piece
            shown.markdown(escape(text))
    placeholder.empty()
    return draft.result()


def llm_note() -> str:
    try:
        config = Config.from_env()
    except ResultsQAError as error:
        return f"LLM not usable: {error}"
    if config:
        return f"LLM configured ({config.model}); figures are still checked against the reports."
    return "No LLM configured: answers give the exact figures from the reports, tersely."


def sidebar(answerer: Answerer, status: dict) -> tuple[Scope, dict]:
    """The sidebar, and the scope and index status the rest of the run uses.

    An upload is indexed before the counts, document list and scope filters above it are
    drawn, so they show it in the same run; its panel still stands below them. Uploads go
    to the user's index whichever is viewed, and the view moves there.
    """
    role = st.session_state.role
    signin.identity_bar(st.sidebar, role)
    summary, uploads, briefing = (st.sidebar.container() for _ in range(3))
    if can_edit(role) and upload_panel(get_answerer(*store_location()), uploads):
        if st.session_state.index_view != YOURS:
            st.session_state.index_view = YOURS
            st.rerun()  # the whole page on the user's index, with what was just added
        try:
            status = answerer.store.status()
        except ResultsQAError as error:  # the server went away mid-upload
            summary.error(str(error))
    scope = summary_panel(answerer, status, summary)
    with briefing:
        briefing_panel()
    workspace.panel(st.sidebar, st.session_state.index_view)
    if can_edit(role):
        signin.audit_panel(st.sidebar)
    if can_manage(role):
        signin.versions_panel(st.sidebar, answerer.store)
    return scope, status


def summary_panel(answerer: Answerer, status: dict, bar) -> Scope:
    bar.header("Indexed reports")
    bar.radio(
        "Index",
        [YOURS, DEMO],
        key="index_view",
        horizontal=True,
        help="Your reports, or the demo's fictional sample reports (made-up figures). "
        "Uploads always go to your reports.",
    )
    bar.caption(escape(llm_note()))
    if not status["documents"]:
        bar.info("No reports indexed yet. Upload PDFs below, or run `resultsqa index PATH`.")
    countries = sorted({doc["country"] for doc in status["files"] if doc["country"]})
    outcomes = sorted(
        {code for doc in status["files"] for code in doc["outcomes"].split(",") if code}
    )
    years = sorted({doc["data_year"] for doc in status["files"] if doc["data_year"]})
    bar.markdown(
        f"{status['documents']} documents · {len(countries)} countries · {len(outcomes)} outcomes"
    )
    documents_panel(answerer, status["files"], bar)
    bar.subheader("Scope")
    chosen_countries = bar.multiselect("Country", countries, key="filter_country")
    chosen_outcomes = bar.multiselect("Outcome", outcomes, key="filter_outcome")
    chosen_years = bar.multiselect("Year", years, key="filter_year")
    iso3s = sorted({doc["iso3"] for doc in status["files"] if doc["country"] in chosen_countries})
    return Scope(iso3s=iso3s, codes=list(chosen_outcomes), years=list(chosen_years))


def ask_to_remove(path: str) -> None:
    st.session_state.remove_pending = path
    st.session_state.remove_outcome = None


def cancel_remove() -> None:
    st.session_state.remove_pending = None


def remove_document(answerer: Answerer, path: str, file: str) -> None:
    """Confirm's callback. Callbacks run before the script, so the whole run that follows
    (counts, list, scope filters, answers) sees the index without the document."""
    from indexing.pipeline import remove_files

    st.session_state.remove_pending = None
    if not can_edit(st.session_state.role):
        return
    try:
        held = answerer.store.documents_at_path(path)
        (result,) = remove_files([path], answerer.store)
    except (ResultsQAError, OSError) as error:  # another writer at work, a server down
        st.session_state.remove_outcome = ("error", f"Could not remove {file}: {error}")
        return
    if result.status == "removed":
        for document in held:
            signin.record("removed", file, document.get("sha256", ""), answerer.store.name)
        st.session_state.remove_outcome = (
            "success",
            f"Removed {file} ({result.records} records) from the index; "
            "the PDF file itself was not deleted.",
        )
    else:  # another session removed it first
        st.session_state.remove_outcome = ("error", f"Could not remove {file}: {result.reason}")


def document_entry(answerer: Answerer, doc: dict, edition: str = "") -> None:
    """One indexed document in the list, with its Remove button or its confirmation."""
    label = " — *sample: fictional figures*" if doc["sample"] else ""
    prefix = f"edition {escape(edition)} · " if edition else ""
    # The file name and what the report says of itself are shown as text, never as markup.
    st.markdown(
        f"**{escape(doc['file'])}**{label}  \n{prefix}{escape(doc['country'] or '?')} · "
        f"{doc['page_count']} pages · {escape(doc['outcomes'] or 'no outcomes')}"
    )
    path = doc["path"]
    if not can_edit(st.session_state.role):
        return
    if st.session_state.remove_pending != path:
        st.button(
            "Remove",
            key=f"remove_{path}",
            help="Remove from the index; the PDF file stays on disk",
            on_click=ask_to_remove,
            args=(path,),
        )
        return
    st.warning(
        f"Remove {escape(doc['file'])} from the index? Its answers will no longer be "
        "available. The PDF file itself is not deleted."
    )
    confirm, cancel = st.columns(2)
    confirm.button(
        "Confirm",
        key=f"remove_confirm_{path}",
        type="primary",
        on_click=remove_document,
        args=(answerer, path, doc["file"]),
    )
    cancel.button("Cancel", key=f"remove_cancel_{path}", on_click=cancel_remove)


def documents_panel(answerer: Answerer, files: list[dict], bar) -> None:
    """The indexed documents, editions of one report together, each removable."""
    outcome = st.session_state.remove_outcome
    if outcome:
        kind, message = outcome
        (bar.success if kind == "success" else bar.error)(escape(message))
    groups = edition_groups(files)
    grouped = {id(doc) for group in groups for doc in group.files}
    with bar.expander("Documents", expanded=False):
        for group in groups:
            st.caption(escape(group.heading))
            for doc in group.files:
                document_entry(answerer, doc, edition_label(doc))
            st.divider()
        for doc in files:
            if id(doc) not in grouped:
                document_entry(answerer, doc)


def upload_panel(answerer: Answerer, bar) -> bool:
    """The upload, drawn in ``bar``; True when it indexed files in this run."""
    indexed = False
    bar.subheader("Add reports")
    files = bar.file_uploader(
        f"Results report PDFs (up to {max_upload_bytes() // (1024 * 1024)} MB each)",
        type=["pdf"],
        accept_multiple_files=True,
        key="uploads",
    )
    if files and bar.button("Index uploaded files", key="index_uploads"):
        progress = bar.progress(0.0, text="Indexing…")

        def on_file(done: int, total: int, result) -> None:
            progress.progress(done / total, text=escape(f"{done}/{total}: {result.path}"))

        uploaded = [(f.name, f.getvalue()) for f in files]
        st.session_state.upload_results = index_uploads(uploaded, answerer.store, progress=on_file)
        progress.empty()
        indexed = True
        hashes = {name: signin.sha256_of(data) for name, data in uploaded}
        for result in st.session_state.upload_results:
            if result.status in ("indexed", "replaced"):
                signin.record("added", result.path, hashes[result.path], answerer.store.name)
    for result in st.session_state.upload_results:
        if result.status == "failed":
            bar.error(escape(f"{result.path}: {result.reason}"))
        elif result.status == "unchanged":
            note = f" ({result.reason})" if result.reason else ""
            bar.info(escape(f"{result.path}: already indexed{note}"))
        elif result.reason:  # "replaced an earlier copy of Kenya, plan 2022-2025, 2023 data …"
            bar.success(escape(f"{result.path}: indexed, {result.pages} pages; {result.reason}"))
        else:
            bar.success(escape(f"{result.path}: indexed, {result.pages} pages"))
    return indexed


def add_to_briefing(answer: Answer, chart: Chart | None) -> None:
    """The callbacks below run before the script, so the run they start draws the briefing
    (its count in the sidebar, the buttons under each answer) as they left it."""
    st.session_state.briefing.add(answer, chart)
    st.session_state.toast = "Added to briefing"
    workspace.save_briefing(viewed_name())


def move_in_briefing(index: int, step: int) -> None:
    st.session_state.briefing.move(index, step)
    workspace.save_briefing(viewed_name())


def remove_from_briefing(index: int) -> None:
    st.session_state.briefing.remove(index)
    workspace.save_briefing(viewed_name())


def briefing_panel() -> None:
    briefing: Briefing = st.session_state.briefing
    st.subheader(f"Briefing ({len(briefing.items)})")
    if not briefing.items:
        st.caption("Use “Add to briefing” under an answer to collect it here.")
        return
    last = len(briefing.items) - 1
    for index, item in enumerate(briefing.items):
        st.markdown(f"{index + 1}. {escape(item.question)}")
        up, down, remove = st.columns(3)
        up.button(
            "↑",
            key=f"brief_up_{index}",
            help="Move up",
            disabled=index == 0,
            on_click=move_in_briefing,
            args=(index, -1),
        )
        down.button(
            "↓",
            key=f"brief_down_{index}",
            help="Move down",
            disabled=index == last,
            on_click=move_in_briefing,
            args=(index, 1),
        )
        remove.button(
            "✕",
            key=f"brief_remove_{index}",
            help="Remove from the briefing",
            on_click=remove_from_briefing,
            args=(index,),
        )
    # The files are made when a button is pressed, not on every run (charts are drawn then).
    st.download_button(
        "Download Markdown (.zip, with charts)",
        briefing.to_markdown_zip,
        file_name="briefing.zip",
        mime="application/zip",
        key="brief_md",
        on_click="ignore",
    )
    st.download_button(
        "Download Word (.docx)",
        briefing.to_docx,
        file_name="briefing.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="brief_docx",
        on_click="ignore",
    )
    with st.expander("Preview and copy", icon=":material/content_copy:"):
        st.code(briefing.to_markdown(), language="markdown", wrap_lines=True)


def synthesis_note(answer: Answer) -> None:
    synthesis = answer.synthesis
    if synthesis["used"]:
        st.caption(
            f"Written by {escape(synthesis['model'])} from the sources below; every figure in "
            "it was checked against the reports."
        )
        with st.expander("The answer composed from the records"):
            st.markdown(escape(answer.grounded).replace("\n", "  \n"))
    elif synthesis["reason"] != NO_LLM["reason"]:
        st.info(
            f"The LLM's draft was not used: {escape(synthesis['reason'])}. "
            "This is the answer composed from the reports."
        )


def figures_table(facts: list) -> None:
    """The figures an answer used, in four columns that fit a phone: what (and of what),
    the year, the value as printed (its unit with it: "$2.27 M", "78%"), right-aligned
    and never broken, and the source (file and page). Cells wrap rather than being cut."""
    import pandas as pd

    frame = pd.DataFrame(
        [
            {
                "figure": escape(f"{f.what} · {f.subject}" if f.subject else f.what),
                "year": str(f.year or ""),
                "value": escape(f.display),
                "source": escape(f.where()),
            }
            for f in facts
        ]
    )
    numeric = [isinstance(f.value, int | float) and not isinstance(f.value, bool) for f in facts]
    # Streamlit aligns each cell inline (only !important overrides it) and sets the text in a
    # paragraph inside the cell, which wrapping rules must name.
    right = "text-align: right !important"
    styler = frame.style.apply(
        lambda column: {
            "year": [right] * len(facts),
            "value": [right if n else "" for n in numeric],
        }.get(column.name, [""] * len(facts))
    )
    rules = [
        # A long file name breaks where it must, never past the table's edge.
        {"selector": "td.col3 p", "props": [("overflow-wrap", "anywhere")]},
        {"selector": "td.col1 p", "props": [("white-space", "nowrap")]},
    ] + [
        {"selector": f"td.row{row}.col2 p", "props": [("white-space", "nowrap")]}
        for row, number in enumerate(numeric)
        if number
    ]
    st.table(styler.set_table_styles(rules), hide_index=True)


def citation_evidence(citation, doc: dict | None, key: str) -> None:
    """Inside a citation: the quote, a crop of the page around it (or why there is none),
    the whole page on request and the PDF."""
    st.markdown(quote_markdown(citation.quote, citation.highlight))
    if doc is None or not doc.get("path"):
        st.caption(f"{escape(citation.file)} is no longer indexed.")
        return
    path = doc["path"]
    try:
        stat = regular_file(path)
        version = doc.get("version")
        if version and version_on_disk(path, stat.st_mtime_ns, stat.st_size) != version:
            raise PageNotDrawn("its bytes are not the version that was indexed")
        image = page_image(
            path,
            stat.st_mtime_ns,
            stat.st_size,
            citation.page,
            citation.quote,
            citation.highlight,
            False,
        )
    except (OSError, PageNotDrawn) as error:
        reason = str(error) if isinstance(error, PageNotDrawn) else "it cannot be read"
        st.warning(
            f"Page {citation.page} of {escape(citation.file)} is not shown: the cited file "
            f"changed or can't be drawn ({escape(reason)}). Index it again to see the page."
        )
        return
    where = f"{escape(citation.file)}, page {citation.page}"
    if image.whole:
        caption = f"{where} (quote not located on the page)"
    else:
        caption = f"{where}, quote marked · {image.dpi:.0f} dpi"
    # Stretched to the column: a narrow crop is shown larger than print (it is drawn sharper
    # than the column is wide, so this never blurs it).
    left, _, right, _ = image.box
    if image.whole or right - left <= NARROW_WIDTH * 1.2:
        st.image(image.png, caption=caption, width="stretch", output_format="PNG")
    else:
        # On a phone the wide crop would shrink its text below reading size: a narrower one
        # around the figure shows there instead (the quote is whole above, as text).
        narrow = page_image(
            path,
            stat.st_mtime_ns,
            stat.st_size,
            citation.page,
            citation.quote,
            citation.highlight,
            False,
            True,
        )
        st.html(CROP_STYLE)
        with st.container(key=f"crop_wide_{key}"):
            st.image(image.png, caption=caption, width="stretch", output_format="PNG")
        with st.container(key=f"crop_narrow_{key}"):
            st.image(narrow.png, caption=f"{caption} (part)", width="stretch", output_format="PNG")
    whole, download = st.columns(2)
    zoom = ":material/zoom_in:"
    if not image.whole and whole.button("See the whole page", key=f"page_{key}", icon=zoom):
        whole_page(path, stat.st_mtime_ns, stat.st_size, citation)
    download.download_button(
        "Download PDF",
        lambda: Path(path).read_bytes(),
        file_name=citation.file,
        mime="application/pdf",
        key=f"pdf_{key}",
        on_click="ignore",
    )


@st.dialog("The cited page", width="large")
def whole_page(path: str, mtime_ns: int, size: int, citation) -> None:
    try:
        image = page_image(
            path, mtime_ns, size, citation.page, citation.quote, citation.highlight, True
        )
    except PageNotDrawn as error:
        st.warning(
            f"Page {citation.page} is not shown: the cited file changed or can't be drawn "
            f"({escape(str(error))})."
        )
        return
    marked = "quote marked" if image.marked else "quote not located on the page"
    st.image(
        image.png,
        caption=f"{escape(citation.file)}, page {citation.page}, {marked} · {image.dpi:.0f} dpi",
        width="stretch",
        output_format="PNG",
    )


def show_answer(answer: Answer, index: int, catalog: Catalog, documents: dict) -> None:
    if answer.ask_back:
        # Two readings were close: ask which, each one a button that asks it outright.
        st.info(escape(answer.ask_back))
        for number, choice in enumerate(answer.choices, start=1):
            st.button(
                escape(choice.label),
                key=f"choice_{index}_{number}",
                on_click=ask_example,
                args=(choice.question,),
            )
        return
    for change in workspace.changes(answer):  # a saved answer, reopened
        st.warning(escape(f"{change}: its figures may differ now. Ask again to check."))
    if not answer.found:
        st.warning(escape(answer.answer))
    else:
        st.markdown(escape(answer.answer).replace("\n", "  \n"))
        synthesis_note(answer)
        # Streamlit's code block has a copy button: the answer and its sources, paste-ready.
        with st.expander("Copy this answer", icon=":material/content_copy:"):
            st.code(copy_text(answer), language=None, wrap_lines=True)
    for dispute in answer.disagreements:  # two indexed reports print different figures
        printed = " against ".join(
            f"{p['text']} in {p['file']}, page {p['page']}" for p in dispute["printed"]
        )
        st.warning(
            escape(
                f"Reports disagree on the {dispute['figure']} of {dispute['subject']}: {printed}"
            )
        )
    if answer.facts and answer.found:
        figures_table(answer.facts)
    chart = chart_for(answer, catalog) if answer.found else None
    if chart is not None:
        st.altair_chart(chart.altair(), width="stretch")
        st.caption(f"Chart source: {escape(chart.source)}")
    for number, citation in enumerate(answer.citations, start=1):
        label = escape(f"[{number}] {citation.where()} — {citation.section}")
        with st.expander(label):
            citation_evidence(citation, documents.get(citation.file), f"{index}_{number}")
    if not answer.found:
        return
    if st.session_state.briefing.holds(answer):
        st.button("In the briefing", key=f"brief_add_{index}", icon="✅", disabled=True)
    else:
        st.button(
            "Add to briefing",
            key=f"brief_add_{index}",
            on_click=add_to_briefing,
            args=(answer, chart),
        )


def ask_example(question: str) -> None:
    st.session_state.pending = question


def scope_note(scope: Scope) -> str:
    parts = [
        ", ".join(st.session_state.get("filter_country") or []),
        ", ".join(scope.codes),
        ", ".join(map(str, scope.years)),
    ]
    chosen = " · ".join(part for part in parts if part)
    return f"Scope: {chosen} (where a question names none)" if chosen else ""


def main() -> None:
    st.set_page_config(page_title="resultsqa", page_icon="📊", layout="wide")
    setup_state()
    st.session_state.role = signin.role()
    if st.session_state.role is None:  # signed out, or no role: the door is all there is
        return
    # Inside a container the input stands at the top of the page, the newest answer under it.
    question = st.container().chat_input("Ask about progress or funding in the indexed reports")
    try:  # a bad setting is said here, before any work, rather than mid-upload
        settings.check(*settings.INDEX, *settings.READING, settings.max_upload_bytes)
        workspace.restore(view_of)  # a reload: the conversation and briefing it had
        answerer = get_answerer(*viewed_location())
        status = answerer.store.status()
        st.session_state.documents = {doc["file"]: doc for doc in status["files"]}
    except ResultsQAError as error:  # a bad setting, a server that is down: say so, no traceback
        st.error(escape(str(error)))
        return
    scope, status = sidebar(answerer, status)
    if st.session_state.toast:
        st.toast(st.session_state.toast)
        st.session_state.toast = None
    note = scope_note(scope)
    if note:
        st.caption(note)
    question = question or st.session_state.pending
    st.session_state.pending = None
    if question:
        answer = None
        # Each step is said as it is done, not a bare spinner (the first question loads the
        # model and the catalog, a long one reads thousands of sentences).
        problem = None
        with st.status("Looking it up in the reports…", expanded=False) as progress:
            try:
                answer = answerer.ask(
                    question,
                    scope,
                    previous=st.session_state.last_query,
                    on_step=lambda text: st.write(escape(text)),
                )
                st.session_state.last_query = answer.query
                progress.update(
                    label=f"Looked it up in {answer.elapsed_ms / 1000:.1f} s", state="complete"
                )
            except ResultsQAError as error:
                progress.update(label="Could not look it up", state="error")
                problem = str(error)
        if problem:  # outside the folded steps, where it is seen
            st.error(escape(problem))
        if answer is not None and answer.found:
            try:
                writer = synthesizer()
            except ResultsQAError as error:  # a misconfigured LLM: say so, answer anyway
                st.error(escape(str(error)))
                writer = None
            if writer is not None:
                answer = draft_in_place(writer, answer)
        if answer is not None:
            st.session_state.history.insert(0, answer)
            workspace.save_answer(answer, st.session_state.index_view, viewed_name())
    history = st.session_state.history
    catalog = answerer.catalog()  # once per run, not once per answer shown
    if st.session_state.index_view == DEMO:
        st.warning(
            "Demo: these are fictional sample reports, and every figure in them is made up. "
            "Switch to **Your reports** in the sidebar, or upload PDFs there, to ask about "
            "real reports."
        )
    if not history:
        st.title("resultsqa — demo" if st.session_state.index_view == DEMO else "resultsqa")
        st.caption(
            "Ask about budgets, funding partners, indicator results and progress. "
            "Every figure comes from the reports, with the file and page it stands on."
        )
        if status["documents"]:
            st.markdown("Try one of these:")
            for number, example in enumerate(example_questions(catalog)):
                st.button(
                    escape(example), key=f"example_{number}", on_click=ask_example, args=(example,)
                )
        else:
            st.info(
                "No reports are indexed yet. Upload PDFs in the sidebar, or run "
                "`resultsqa index PATH` (the samples: `make index`)."
            )
    documents = st.session_state.documents = {doc["file"]: doc for doc in status["files"]}
    for index, answer in enumerate(history):
        with st.chat_message("user"):
            st.markdown(escape(answer.question))
        with st.chat_message("assistant"):
            show_answer(answer, len(history) - index, catalog, documents)


main()
