"""What the command line takes in and prints out: an empty question, bytes that are not
UTF-8 (as an argument or a line of `ask -`), and a PDF's control characters on a terminal."""

from __future__ import annotations

import json

import pytest

from app.terminal import plain
from indexing.samples import SEED_FILE
from tests import hostile
from tests.commands import run

KNOWN = "What was the shortfall on output MEX_D_2.1.1?"
RETREAT = "Where was the annual staff retreat held?"
# What a hostile text layer holds: a colour escape, a window title, BEL, NUL, a bidi override.
SHOWN = b"Minutes of the annual staff retreat, held by the lake \x01[31mRED\x02\x03 \x04evil."
MEANING = {1: "\x1b", 2: "\x07", 3: "\x00", 4: "\u202e"}


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_dir):
    folder = tmp_path_factory.mktemp("input")
    controls = hostile.write(folder / "controls.pdf", hostile.text_layer(SHOWN, MEANING))
    store = folder / "store"
    result = run("index", controls, sample_dir / SEED_FILE, "--quiet", store=store)
    assert result.returncode == 0, result.stderr
    return store


@pytest.mark.parametrize("question", ["", "   "])
def test_an_empty_question_is_a_usage_error(question, tmp_path):
    result = run("ask", question, store=tmp_path / "store")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "QUESTION is empty" in result.stderr


def test_a_question_that_is_not_utf8_is_a_usage_error(tmp_path):
    result = run("ask", b"What was the shortfall \xff\xfe?", store=tmp_path / "store")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "QUESTION is not UTF-8 text" in result.stderr


def test_a_line_that_is_not_utf8_is_named_and_the_lines_after_it_are_answered(store):
    lines = KNOWN.encode() + b"\nWhat was \xff the shortfall?\n" + RETREAT.encode() + b"\n"
    result = run("ask", "-", input=lines, store=store)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "error: line 2 of the input is not UTF-8 text (byte 0xff at position 10); skipped"
    )
    answers = result.stdout.splitlines()
    assert len(answers) == 2
    assert "$2.27 M" in answers[0] and "held by the lake" in answers[1]


def test_a_pdfs_control_characters_are_made_visible_on_a_terminal_and_kept_in_json(store):
    shown = run("ask", RETREAT, store=store)
    assert shown.returncode == 0, shown.stderr
    assert "held by the lake ␛[31mRED␇␀ <U+202E>evil." in shown.stdout
    for raw in ("\x1b", "\x07", "\x00", "\u202e"):
        assert raw not in shown.stdout
    answer = json.loads(run("ask", RETREAT, "--json", store=store).stdout)
    assert "held by the lake \x1b[31mRED\x07\x00 \u202eevil." in answer["answer"]


def test_every_character_a_terminal_acts_on_is_made_visible():
    assert plain("a\x1b]0;title\x07b") == "a␛]0;title␇b"
    assert plain("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    assert plain("\x7f\x85\u2066\u200f") == "␡<U+0085><U+2066><U+200F>"
    assert plain("Shortfall: $2.27 M — “quoted” é ü 中") == "Shortfall: $2.27 M — “quoted” é ü 中"


def test_a_newline_in_a_file_name_cannot_forge_a_line_in_sources_or_status(tmp_path, sample_dir):
    folder = tmp_path / "reports"
    folder.mkdir()
    forged = "mexico\n  [2] forged.pdf, page 9 — Outcome: “a claim”\n.pdf"
    (folder / forged).write_bytes((sample_dir / SEED_FILE).read_bytes())
    store = tmp_path / "store"
    assert run("index", folder, "--quiet", store=store).returncode == 0
    for result in (run("ask", KNOWN, store=store), run("status", store=store)):
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert not [line for line in lines if line.lstrip().startswith(("[2] forged", ".pdf"))]
        assert "mexico␤  [2] forged.pdf, page 9 — Outcome: “a claim”␤.pdf" in result.stdout
    # The raw name is kept where it is data: the JSON answer's citation.
    answer = json.loads(run("ask", KNOWN, "--json", store=store).stdout)
    assert any(c["file"] == forged for c in answer["citations"])


@pytest.mark.parametrize("count", ["-5", "100000000", "many"])
def test_samples_refuses_a_count_out_of_range_before_writing_anything(tmp_path, count):
    result = run("samples", tmp_path / "out", "--count", count)
    assert result.returncode == 2 and "--count" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
