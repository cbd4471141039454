"""The classifier that reads a question's measure and operation by meaning: trained on the
exemplar bank (app/answering/exemplars/*.yaml) with the bundled model, kept as plain arrays,
and the same labels whether loaded or trained anew."""

from __future__ import annotations

import shutil
import zlib

import numpy as np
import pytest

from app.answering import intent


@pytest.fixture(scope="module")
def embed(embedder):
    return embedder.embed


@pytest.fixture(scope="module")
def bank():
    return intent.bank()


def _split(bank: dict, held: bool) -> dict:
    """A fifth of each label's phrasings held out, chosen by a hash of the text."""
    return {
        head: {
            label: [p for p in phrasings if (zlib.crc32(p.encode()) % 5 == 0) is held]
            for label, phrasings in labelled.items()
        }
        for head, labelled in bank.items()
    }


def test_the_bank_has_at_least_thirty_phrasings_per_label_in_three_languages(bank):
    for head, labelled in bank.items():
        assert set(labelled) == set(intent.LABELS[head])
        for label, phrasings in labelled.items():
            assert len(phrasings) >= 30, (head, label)
            assert len(set(phrasings)) == len(phrasings), (head, label)


def test_the_heads_on_disk_are_the_ones_the_bank_trains(embed, bank):
    path = intent.ready(embed)
    loaded = intent.load(path)
    trained = intent.train(embed, bank)
    sample = [p for labelled in bank.values() for ps in labelled.values() for p in ps[::7]]
    x = intent.features(sample, embed)
    for head in intent.HEADS:
        assert [g.label for g in loaded[head].guess(x)] == [g.label for g in trained[head].guess(x)]


def test_phrasings_held_out_of_the_bank_are_read(embed, bank):
    heads = intent.train(embed, _split(bank, held=False))
    floors = {"measure": 0.55, "operation": 0.4}
    for head, labelled in _split(bank, held=True).items():
        texts = [p for ps in labelled.values() for p in ps]
        truth = [label for label, ps in labelled.items() for _ in ps]
        guesses = heads[head].guess(intent.features(texts, embed))
        accuracy = np.mean([g.label == t for g, t in zip(guesses, truth, strict=True)])
        assert accuracy >= floors[head], (head, accuracy)


def test_the_heads_are_plain_arrays_never_a_pickle(embed):
    path = intent.ready(embed)
    with np.load(path, allow_pickle=False) as arrays:
        assert {"measure_coef", "operation_coef"} <= set(arrays.files)
        assert arrays["measure_coef"].dtype == np.float32


def test_a_bank_label_the_reader_does_not_know_is_refused(tmp_path, monkeypatch):
    for name in ("measures.yaml", "operations.yaml"):
        shutil.copy(intent.EXEMPLARS / name, tmp_path / name)
    with (tmp_path / "measures.yaml").open("a", encoding="utf-8") as bank_file:
        bank_file.write("gossip:\n- who said what at the retreat?\n")
    monkeypatch.setattr(intent, "EXEMPLARS", tmp_path)
    with pytest.raises(ValueError, match="gossip"):
        intent.bank()


def test_a_guess_says_how_sure_it_is(embed):
    classifier = intent.Classifier(embed)
    read = classifier.read("How much less than planned did output KEN_D_1.3.1 get?")
    assert read["measure"].label == "shortfall" and read["operation"].label == "difference"
    assert 0 < read["measure"].margin <= read["measure"].p <= 1
