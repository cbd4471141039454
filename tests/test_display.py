"""Report text in the chat's Markdown is shown as itself: escaped, never rendered as markup,
and nothing in it turns into a link or an image (the browser test watches the network)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from app.display import escape, shown

# What remark-gfm links by itself, in the text it sees after escapes are undone.
AUTOLINK = re.compile(r"(?i)(https?://|(?<![\w.])www\.|[\w.+-]+@\w)")


@given(st.text())
def test_a_reader_sees_exactly_the_text_the_report_holds(text):
    assert shown(escape(text)) == text


@given(st.text(alphabet=st.sampled_from(list("htps:/w.@ab1!*_[]()<>$`~#-=|:^&\n "))))
def test_no_markup_character_is_left_unescaped_and_no_bare_link_is_left_whole(text):
    escaped = escape(text)
    unescaped = re.sub(r"\\.", "", escaped)
    assert not re.search(r"[`*\[\]<>()#!|$~:@&^\\]", unescaped)
    # The renderer undoes the escapes, then looks for links: none may be whole.
    assert not AUTOLINK.search(re.sub(r"\\(.)", r"\1", escaped))


def test_links_images_emphasis_and_streamlit_markup_are_escaped():
    note = "See ![x](http://t.example/p.png), www.example.org, a@b.org, **bold** :red[x] $y$"
    escaped = escape(note)
    assert "http\u200b\\://t.example/p.png" in escaped and "\\!\\[x\\]" in escaped
    assert "www\u200b.example.org" in escaped and "a\\@\u200bb.org" in escaped
    assert "\\*\\*bold\\*\\*" in escaped and "\\:red\\[x\\]" in escaped and "\\$y\\$" in escaped


def test_codes_keep_their_underscores_and_a_line_cannot_start_a_list_or_heading():
    assert escape("MEX_D_2.1.1 _emphasis_") == "MEX_D_2.1.1 \\_emphasis\\_"
    assert escape("- one\n2. two\n===") == "\\- one\n2\\. two\n\\==="
