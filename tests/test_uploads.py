"""Uploads are checked and saved only under the data folder, with safe names of their own."""

from __future__ import annotations

import threading

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


def test_two_uploads_of_one_name_at_the_same_moment_keep_both_files_with_their_own_bytes(
    tmp_path,
):
    for trial in range(50):
        folder = tmp_path / f"trial{trial}"
        start = threading.Barrier(2)
        saved, errors = {}, []

        # Megabytes each, as a report is: the writes overlap.
        def upload(user, trial=trial, folder=folder, start=start, saved=saved, errors=errors):
            data = PDF + f"% sent by user {user} in trial {trial}\n".encode() * 100_000
            start.wait()
            try:
                saved[user] = (save_upload("report.pdf", data, folder), data)
            except Exception as error:  # noqa: BLE001 - the test reports any
                errors.append(error)

        users = [threading.Thread(target=upload, args=(user,)) for user in "ab"]
        for user in users:
            user.start()
        for user in users:
            user.join()
        assert not errors, errors
        assert saved["a"][0] != saved["b"][0]
        for path, data in saved.values():
            assert path.read_bytes() == data
        assert sorted(p.name for p in folder.iterdir()) == ["report-1.pdf", "report.pdf"]


def test_every_file_of_an_upload_gets_a_result_by_the_name_it_was_sent_as(
    tmp_path, sample_dir, embedder
):
    from app.uploads import index_uploads
    from indexing.samples import SEED_FILE
    from indexing.store import open_store
    from tests import hostile

    seed = (sample_dir / SEED_FILE).read_bytes()
    files = [
        ("notes.txt", b"minutes of the meeting"),
        ("bomb.pdf", hostile.inflating(100)),
        ("mexico.pdf", seed),
        ("mexico.pdf", seed),  # sent twice: one file, two results
    ]
    results = index_uploads(files, open_store(tmp_path / "store"), folder=tmp_path / "up")
    assert [(r.path, r.status) for r in results] == [
        ("notes.txt", "failed"),
        ("bomb.pdf", "failed"),
        ("mexico.pdf", "indexed"),
        ("mexico.pdf", "indexed"),
    ]
    assert results[0].reason == "not a PDF (no %PDF- header)"
    assert results[1].reason.startswith("a stream inflates to more than 32 MB")
