"""The chat page, driven through Streamlit's AppTest on a real indexed store."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

CHAT = str(Path(__file__).resolve().parent.parent / "app" / "chat.py")


@pytest.fixture
def chat(indexed_store, monkeypatch):
    monkeypatch.setenv("RESULTSQA_STORE", str(indexed_store))
    app = AppTest.from_file(CHAT, default_timeout=120)
    app.run()
    assert not app.exception
    return app


def test_chat_answers_with_figure_and_citation(chat):
    chat.chat_input[0].set_value("What was the shortfall on output MEX_D_2.1.1?").run()
    assert not chat.exception
    text = " ".join(m.value for m in chat.markdown)
    assert "$2.27 M" in text
    assert any("mexico_seed_pages.pdf, page 5" in e.label for e in chat.expander)


def test_sidebar_marks_the_sample_reports(chat):
    sidebar = " ".join(m.value for m in chat.sidebar.markdown)
    assert "sample_kenya.pdf** (sample: fictional figures)" in sidebar
    assert "mexico_seed_pages.pdf**  " in sidebar
