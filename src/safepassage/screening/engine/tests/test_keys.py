"""Properties of the keys and of the edit distance under them."""

from hypothesis import given
from hypothesis import strategies as st

from safepassage.screening.engine.keys import normalise, osa_distance, skeleton, trigrams

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzSXC", max_size=12)


def table_distance(a, b):
    """The textbook dynamic-programming table, as a reference for the bit-parallel version."""
    rows = [
        [max(i, j) if min(i, j) == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)
    ]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


@given(st.text(alphabet="abcSX", max_size=10), st.text(alphabet="abcSX", max_size=10))
def test_bit_parallel_distance_equals_the_table(a, b):
    assert osa_distance(a, b) == table_distance(a, b)


@given(words, words)
def test_edit_distance_is_symmetric_and_bounded(a, b):
    distance = osa_distance(a, b)
    assert distance == osa_distance(b, a)
    assert distance <= max(len(a), len(b))
    assert (distance == 0) == (a == b)


@given(words, words)
def test_edit_distance_limit_only_caps(a, b):
    exact = osa_distance(a, b)
    capped = osa_distance(a, b, limit=2)
    assert capped == exact if exact <= 2 else capped == 3


def test_swap_of_neighbours_is_one_edit():
    assert osa_distance("sidorov", "sidorvo") == 1


@given(st.text(max_size=20))
def test_normalised_part_is_plain_lower_case_latin(text):
    assert set(normalise(text)) <= set("abcdefghijklmnopqrstuvwxyz")


def test_skeleton_folds_the_spellings_systems_disagree_on():
    assert skeleton("khrushchev") == skeleton("chruschtschow") == skeleton("xrushhyov")
    assert skeleton("tsoi") == skeleton("czoj") == skeleton("zoi")


def test_trigrams_mark_word_boundaries():
    assert trigrams("ivan") == sorted({"^iv", "iva", "van", "an$"})
