"""The primitives as we use them: tampering of any kind is detected."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safepassage.crypto import aead, stream, words


def test_flipped_bit_in_a_field_ciphertext_is_detected():
    key = aead.new_key()
    sealed = bytearray(aead.encrypt(key, b"Ivanov", aead.associated_data("case", 1, "name")))
    sealed[-5] ^= 0x01
    with pytest.raises(aead.DecryptionError):
        aead.decrypt(key, bytes(sealed), aead.associated_data("case", 1, "name"))


def test_ciphertext_does_not_open_in_another_context():
    key = aead.new_key()
    sealed = aead.encrypt(key, b"Ivanov", aead.associated_data("case", 1, "name"))
    for other in (("case", 2, "name"), ("case", 1, "alias")):
        with pytest.raises(aead.DecryptionError):
            aead.decrypt(key, sealed, aead.associated_data(*other))


def test_associated_data_parts_cannot_be_shifted():
    assert aead.associated_data("ab", "c") != aead.associated_data("a", "bc")


def _sealed_stream(key: bytes, size: int) -> bytes:
    out = io.BytesIO()
    stream.encrypt(key, io.BytesIO(bytes(range(256)) * (size // 256)), out, b"file-1")
    return out.getvalue()


def _plain(key: bytes, data: bytes, aad: bytes = b"file-1") -> bytes:
    return b"".join(stream.decrypt(key, io.BytesIO(data), aad))


def test_stream_round_trip():
    key = aead.new_key()
    data = _sealed_stream(key, 300_000)
    assert _plain(key, data) == (bytes(range(256)) * (300_000 // 256))


CHUNK = stream.SEALED_CHUNK_BYTES
HEADER = 24


def test_truncated_stream_is_detected():
    key = aead.new_key()
    data = _sealed_stream(key, 300_000)
    with pytest.raises(stream.StreamError, match="truncated"):
        _plain(key, data[: HEADER + 2 * CHUNK])


def test_dropped_chunk_is_detected():
    key = aead.new_key()
    data = _sealed_stream(key, 300_000)
    dropped = data[: HEADER + CHUNK] + data[HEADER + 2 * CHUNK :]
    with pytest.raises(stream.StreamError):
        _plain(key, dropped)


def test_swapped_chunks_are_detected():
    key = aead.new_key()
    data = _sealed_stream(key, 300_000)
    first, second = data[HEADER : HEADER + CHUNK], data[HEADER + CHUNK : HEADER + 2 * CHUNK]
    swapped = data[:HEADER] + second + first + data[HEADER + 2 * CHUNK :]
    with pytest.raises(stream.StreamError):
        _plain(key, swapped)


def test_chunk_from_another_file_is_detected():
    key = aead.new_key()
    one, other = _sealed_stream(key, 200_000), _sealed_stream(key, 200_000)
    mixed = (
        one[: HEADER + CHUNK]
        + other[HEADER + CHUNK : HEADER + 2 * CHUNK]
        + one[HEADER + 2 * CHUNK :]
    )
    with pytest.raises(stream.StreamError):
        _plain(key, mixed)


def test_data_after_the_final_chunk_is_detected():
    key = aead.new_key()
    with pytest.raises(stream.StreamError):
        _plain(key, _sealed_stream(key, 1000) + b"x")


def test_stream_under_another_file_id_does_not_open():
    key = aead.new_key()
    with pytest.raises(stream.StreamError):
        _plain(key, _sealed_stream(key, 1000), aad=b"file-2")


def test_encrypting_a_large_file_keeps_memory_bounded():
    key = aead.new_key()

    class Zeros(io.RawIOBase):
        def __init__(self, size):
            self.left = size

        def read(self, n=-1):
            n = min(n, self.left)
            self.left -= n
            return bytes(n)

    class Sink(io.RawIOBase):
        written = 0

        def write(self, data):
            self.written += len(data)
            return len(data)

    sink = Sink()
    tracemalloc.start()
    stream.encrypt(key, Zeros(40 * 1024 * 1024), sink)  # type: ignore[arg-type]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert sink.written > 40 * 1024 * 1024
    assert peak < 2 * 1024 * 1024, f"peak {peak} bytes for a 40 MB file"


@given(st.binary(min_size=1, max_size=64))
def test_words_round_trip(data):
    assert words.words_to_bytes(" ".join(words.bytes_to_words(data)), len(data)) == data


def test_word_list_is_large_and_unique():
    listed = words.word_list()
    assert len(listed) == 8192 >= 7776
    assert len(set(listed)) == len(listed)


def test_a_mistyped_word_is_refused():
    typed = words.bytes_to_words(b"\x01" * 32)
    typed[3] = "zzzzz"
    with pytest.raises(words.WordsError):
        words.words_to_bytes(" ".join(typed), 32)
