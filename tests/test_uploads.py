"""Uploads are checked and saved only under the data folder, with safe names."""

from __future__ import annotations

import pytest

from app.uploads import safe_name, save_upload
from indexing.errors import BadReportError

PDF = b"%PDF-1.4\n% a tiny stand-in body\n"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("..\\..\\windows\\system32\\evil.PDF", "evil.pdf"),
        ("Kenya report 2023 (final).pdf", "Kenya_report_2023_final.pdf"),
        ("...", "report.pdf"),
        ("rm -rf ~; echo.pdf", "rm_-rf_echo.pdf"),
    ],
)
def test_upload_names_are_made_safe(name, safe):
    assert safe_name(name) == safe


def test_upload_is_saved_only_under_the_uploads_folder(tmp_path):
    folder = tmp_path / "uploads"
    path = save_upload("../../outside.pdf", PDF, folder)
    assert path.parent == folder.resolve()
    assert path.read_bytes() == PDF
    assert not (tmp_path / "outside.pdf").exists()


def test_same_name_with_other_content_does_not_overwrite(tmp_path):
    first = save_upload("report.pdf", PDF, tmp_path)
    second = save_upload("report.pdf", PDF + b"changed", tmp_path)
    again = save_upload("report.pdf", PDF, tmp_path)
    assert first != second and again == first
    assert first.read_bytes() == PDF


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"PK\x03\x04 a zip file", "not a PDF"),
        (PDF + b"x" * (2 * 1024 * 1024), "larger than the 1 MB upload limit"),
    ],
)
def test_bad_uploads_are_refused_with_their_reason(tmp_path, monkeypatch, data, reason):
    monkeypatch.setenv("RESULTSQA_MAX_UPLOAD_MB", "1")
    with pytest.raises(BadReportError) as raised:
        save_upload("sent.pdf", data, tmp_path)
    assert reason in str(raised.value) and "sent.pdf" in str(raised.value)
    assert not list(tmp_path.iterdir())
