"""Answering: a question → an interpretation → records and sentences → a cited answer.

``model`` holds the answer types; ``search`` the lexical and dense search every writer uses;
``budgets``, ``funding``, ``indicators``, ``stated`` and ``passages`` each write one family of
answers; ``router`` decides which, and when to refuse.
"""

from .model import NO_LLM, Answer, Citation, Fact, Scope

__all__ = ["NO_LLM", "Answer", "Answerer", "Citation", "Fact", "Scope"]


def __getattr__(name: str):
    # The engine loads only when asked for: charts, briefings and the LLM check need the
    # answer types alone.
    if name == "Answerer":
        from .router import Answerer

        return Answerer
    raise AttributeError(name)
