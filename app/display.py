"""Report text for the chat's Markdown: shown as itself, with the figure an answer gives
marked. No Streamlit here, so it is tested without a browser."""

from __future__ import annotations

import re

# Characters Markdown (and Streamlit's :color[] and $math$ extensions) would read as markup.
# "_" is left alone: inside a word (MEX_D_2.1.1) it is never emphasis.
MARKDOWN_SPECIAL = re.compile(r"([\\`*{}\[\]<>()#+!|$~:])")


def escape(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def quote_markdown(quote: str, highlight: str = "") -> str:
    """A quote as a Markdown block quote, its figure (as printed in it) marked."""
    shown = escape(quote)
    if highlight:
        figure = escape(highlight)
        shown = shown.replace(figure, f":orange-background[**{figure}**]", 1)
    return "> " + shown


def shown(markdown: str) -> str:
    """The text a reader sees of escaped Markdown (what ``escape`` undoes)."""
    return re.sub(r"\\(.)", r"\1", markdown)
