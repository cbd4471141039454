"""The chat with an LLM configured: the draft streams in and is kept only when it checks out;
a slow, down or inventive server leaves the grounded answer with a visible note."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.display import shown
from tests.llm_server import faithful, llm_server
from tests.servers import free_port

CHAT = str(Path(__file__).resolve().parent.parent / "app" / "chat.py")
SHORTFALL = "What was the shortfall on output MEX_D_2.1.1?"


@pytest.fixture
def ask(indexed_store, monkeypatch):
    def ask(url: str, question: str = SHORTFALL, timeout: float = 20) -> AppTest:
        monkeypatch.setenv("RESULTSQA_STORE", str(indexed_store))
        monkeypatch.setenv("RESULTSQA_LLM_URL", url)
        monkeypatch.setenv("RESULTSQA_LLM_MODEL", "briefing-model")
        monkeypatch.setenv("RESULTSQA_LLM_TIMEOUT", str(timeout))
        app = AppTest.from_file(CHAT, default_timeout=180)
        app.run()
        app.chat_input[0].set_value(question).run()
        assert not app.exception
        return app

    return ask


def text(app: AppTest) -> str:
    """The answers' text as a reader sees it (report text is escaped in the Markdown)."""
    return " ".join(shown(m.value) for m in app.main.markdown)


def notes(app: AppTest) -> str:
    return " ".join(shown(i.value) for i in app.main.info)


def test_a_checked_draft_is_shown_with_who_wrote_it(ask):
    with llm_server(faithful) as server:
        app = ask(server.url)
    assert server.requests[0]["stream"] is True
    assert "According to the report, Output MEX_D_2.1.1" in text(app)
    captions = " ".join(c.value for c in app.main.caption)
    assert "Written by briefing-model from the sources below" in captions
    assert any(e.label == "The answer composed from the records" for e in app.main.expander)
    assert not notes(app)


@pytest.mark.parametrize(
    ("server", "note"),
    [
        ("slow", "gave no answer within 1 s"),
        ("down", "failed: "),
        ("inventive", "the draft gives “$2.9 M”, which the cited reports do not state"),
    ],
)
def test_a_draft_that_cannot_be_used_leaves_the_grounded_answer_and_says_why(ask, server, note):
    if server == "down":
        app = ask(f"http://127.0.0.1:{free_port()}/v1", timeout=1)
    else:
        reply = (
            (lambda r: "The output fell $2.9 M short [1].") if server == "inventive" else faithful
        )
        with llm_server(reply, delay=8 if server == "slow" else 0) as running:
            app = ask(running.url, timeout=1)
    assert "The LLM's draft was not used" in notes(app) and note in notes(app)
    assert "shortfall $2.27 M" in text(app) and "$2.9 M" not in text(app)
    assert "Written by" not in " ".join(c.value for c in app.main.caption)
