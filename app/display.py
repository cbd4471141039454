"""Report text for the chat's Markdown: shown as itself, with the figure an answer gives
marked. No Streamlit here, so it is tested without a browser."""

from __future__ import annotations

import re

# Characters Markdown (and Streamlit's :color[], :material/…: and $math$ extensions) would
# read as markup: links, images, emphasis, code, HTML, tables, headings, entities.
MARKDOWN_SPECIAL = re.compile(r"([\\`*{}\[\]<>()#+!|$~:@&^])")
# "_" is emphasis only at a word's edge: inside a word (MEX_D_2.1.1) it is left alone.
EDGE_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")
# At a line's start: a list item ("- ", "1. "), a heading's underline ("===", "---").
LINE_START = re.compile(r"(?m)^(\s*)([-=]|\d+(?=[.)]))")
# What GitHub-flavoured Markdown turns into a link by itself: "http://…", "www.…" and
# "name@host.org". It finds them in the text after escapes are undone, so escaping cannot
# stop it; an invisible zero-width space inside each breaks the pattern instead.
BARE_LINKS = re.compile(r"(?i)(?<=\w)(?=://)|(?<=www)(?<![\w.]www)(?=\.)|(?<=@)(?=\w)")
UNSEEN = "\u200b"


def escape(text: str) -> str:
    """``text`` as Markdown that shows it as itself: no link, image, emphasis or markup of
    any kind renders, and nothing is fetched."""
    text = BARE_LINKS.sub(UNSEEN, text)
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = EDGE_UNDERSCORE.sub(r"\\_", text)
    return LINE_START.sub(_line_start, text)


def _line_start(match: re.Match) -> str:
    indent, mark = match.groups()
    if mark in "-=":
        return f"{indent}\\{mark}"
    return f"{indent}{mark}\\"  # "1." → "1\." (the digits stay, the dot is escaped)


def quote_markdown(quote: str, highlight: str = "") -> str:
    """A quote as a Markdown block quote, its figure (as printed in it) marked."""
    shown = escape(quote)
    if highlight:
        figure = escape(highlight)
        shown = shown.replace(figure, f":orange-background[**{figure}**]", 1)
    return "> " + shown


def shown(markdown: str) -> str:
    """The text a reader sees of escaped Markdown (what ``escape`` undoes)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(UNSEEN, "")
