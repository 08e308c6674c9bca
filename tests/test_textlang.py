"""The language of a message, from its letters alone."""

from __future__ import annotations

import pytest

from safepassage.textlang import text_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Меня мобилизовали в сентябре. Сейчас я в Казахстане.", "ru"),
        ("Здравствуйте! Мы получили ваше сообщение и поможем.", "ru"),
        # A Russian message that names a Ukrainian city stays Russian.
        ("Нас отправили под Київ, я отказался идти дальше.", "ru"),
        ("Мене мобілізували у вересні, зараз я в Казахстані.", "uk"),
        ("Мяне мабілізавалі ў верасні, цяпер я ў Казахстане.", "be"),
        ("Мен қыркүйекте жұмылдырылдым, қазір Қазақстандамын.", "kk"),
        ("I was mobilised in September and I need help with my papers.", "en"),
        ("J'ai été mobilisé en septembre et je suis dans le Kazakhstan avec mon frère.", "fr"),
        ("Ich wurde im September mobilisiert und bin jetzt in Kasachstan, bitte helfen Sie.", "de"),
        # Transliterated Russian has no English words to go on: English is the guess.
        ("Menya mobilizovali v sentyabre.", "en"),
        ("სექტემბერში მობილიზებული ვიყავი", "ka"),
        # Mostly Cyrillic with a Latin word: the script with the most letters decides.
        ("Мой Signal для связи, пишите сюда пожалуйста", "ru"),
    ],
)
def test_the_language_is_told_from_the_letters(text, expected):
    assert text_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "12345 +7 999", "ok", "😀😀😀", "中文消息内容"])
def test_no_guess_without_enough_letters_of_a_known_script(text):
    assert text_language(text) is None
