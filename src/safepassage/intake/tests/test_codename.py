"""Codenames: seven words from a list of 8,192, and two derivations that never coincide."""

from __future__ import annotations

import pytest

from safepassage.crypto.kdf import KdfParams
from safepassage.crypto.words import WORD_COUNT, word_list
from safepassage.intake import codename

FAST = KdfParams(1, 8 * 1024 * 1024)


def test_a_codename_has_seven_words_from_a_list_of_at_least_7776():
    assert len(word_list()) == WORD_COUNT == 8192
    assert len(set(word_list())) == 8192  # no word twice, so each carries 13 bits
    assert len(word_list()) >= 7776
    words = codename.new().split(" ")
    assert len(words) == codename.WORDS == 7
    assert set(words) <= set(word_list())
    assert codename.BITS == 91


def test_ten_thousand_generated_codenames_are_unique():
    names = [codename.new() for _ in range(10_000)]
    assert len(set(names)) == 10_000


def test_lookup_id_and_key_never_coincide():
    for _ in range(30):
        name = codename.new()
        derived = codename.derive(name, FAST)
        seed = FAST.derive(name, codename.KEY_SALT)
        lookup = bytes.fromhex(derived.lookup_id)
        assert lookup != seed
        assert lookup != bytes(derived.private)
        assert lookup != derived.public
        # neither half of one derivation shows up inside the other
        assert lookup[:16] not in seed
        assert seed[:16] not in lookup


def test_the_salts_differ_and_fit_argon2id():
    assert codename.LOOKUP_SALT != codename.KEY_SALT
    assert len(codename.LOOKUP_SALT) == len(codename.KEY_SALT) == 16


def test_derivations_are_stable_for_the_same_codename_and_differ_between_codenames():
    name, other = codename.new(), codename.new()
    assert codename.derive(name, FAST) == codename.derive(name, FAST)
    assert codename.lookup_id(name, FAST) != codename.lookup_id(other, FAST)
    assert codename.derive(name, FAST).public != codename.derive(other, FAST).public


def test_typed_codenames_are_normalised():
    name = codename.new()
    typed = "  " + name.upper().replace(" ", " ,  ") + "\n"
    assert codename.parse(typed) == name


@pytest.mark.parametrize(
    "typed",
    ["", "one two three", "babad " * 7, "bodan " * 6, "bodan " * 8],
)
def test_anything_else_is_not_a_codename(typed):
    with pytest.raises(codename.CodenameError):
        codename.parse(typed)


def test_the_configured_costs_are_argon2id_with_modest_memory(settings):
    from safepassage.intake.services import kdf_params

    params = kdf_params()
    # A codename carries 91 random bits, so the derivation's cost only has to make floods
    # expensive, not guessing: one pass over 8 MiB, still Argon2id, never less.
    assert params.opslimit == settings.INTAKE_CODENAME_OPSLIMIT >= 1
    assert params.memlimit == settings.INTAKE_CODENAME_MEMLIMIT >= 8 * 1024 * 1024
