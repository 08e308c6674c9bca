"""The invented people of the case benchmark: every case derived from its index alone.

No real person: first names, patronymics and surnames are drawn from short lists of common ones,
and the stories from a handful of typical paths through a transit country.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

FIRST = [
    ("Алексей", "Aleksei"),
    ("Андрей", "Andrei"),
    ("Артём", "Artem"),
    ("Борис", "Boris"),
    ("Вадим", "Vadim"),
    ("Виктор", "Viktor"),
    ("Владислав", "Vladislav"),
    ("Глеб", "Gleb"),
    ("Григорий", "Grigorii"),
    ("Денис", "Denis"),
    ("Дмитрий", "Dmitrii"),
    ("Евгений", "Evgenii"),
    ("Егор", "Egor"),
    ("Иван", "Ivan"),
    ("Игорь", "Igor"),
    ("Илья", "Ilia"),
    ("Кирилл", "Kirill"),
    ("Константин", "Konstantin"),
    ("Леонид", "Leonid"),
    ("Максим", "Maksim"),
    ("Михаил", "Mikhail"),
    ("Никита", "Nikita"),
    ("Олег", "Oleg"),
    ("Павел", "Pavel"),
    ("Роман", "Roman"),
    ("Руслан", "Ruslan"),
    ("Сергей", "Sergei"),
    ("Станислав", "Stanislav"),
    ("Тимофей", "Timofei"),
    ("Юрий", "Iurii"),
]
PATRONYMIC = [
    ("Александрович", "Aleksandrovich"),
    ("Алексеевич", "Alekseevich"),
    ("Андреевич", "Andreevich"),
    ("Борисович", "Borisovich"),
    ("Викторович", "Viktorovich"),
    ("Владимирович", "Vladimirovich"),
    ("Геннадьевич", "Gennadevich"),
    ("Дмитриевич", "Dmitrievich"),
    ("Евгеньевич", "Evgenevich"),
    ("Иванович", "Ivanovich"),
    ("Игоревич", "Igorevich"),
    ("Михайлович", "Mikhailovich"),
    ("Николаевич", "Nikolaevich"),
    ("Олегович", "Olegovich"),
    ("Павлович", "Pavlovich"),
    ("Петрович", "Petrovich"),
    ("Сергеевич", "Sergeevich"),
    ("Юрьевич", "Iurevich"),
]
SURNAME = [
    ("Абрамов", "Abramov"),
    ("Белов", "Belov"),
    ("Васильев", "Vasilev"),
    ("Волков", "Volkov"),
    ("Воробьёв", "Vorobev"),
    ("Гаврилов", "Gavrilov"),
    ("Голубев", "Golubev"),
    ("Григорьев", "Grigorev"),
    ("Егоров", "Egorov"),
    ("Жуков", "Zhukov"),
    ("Зайцев", "Zaitsev"),
    ("Ильин", "Ilin"),
    ("Казаков", "Kazakov"),
    ("Киселёв", "Kiselev"),
    ("Ковалёв", "Kovalev"),
    ("Комаров", "Komarov"),
    ("Кузнецов", "Kuznetsov"),
    ("Лебедев", "Lebedev"),
    ("Макаров", "Makarov"),
    ("Медведев", "Medvedev"),
    ("Морозов", "Morozov"),
    ("Никитин", "Nikitin"),
    ("Новиков", "Novikov"),
    ("Орлов", "Orlov"),
    ("Павлов", "Pavlov"),
    ("Попов", "Popov"),
    ("Романов", "Romanov"),
    ("Семёнов", "Semenov"),
    ("Смирнов", "Smirnov"),
    ("Соколов", "Sokolov"),
    ("Степанов", "Stepanov"),
    ("Тарасов", "Tarasov"),
    ("Титов", "Titov"),
    ("Фёдоров", "Fedorov"),
    ("Филиппов", "Filippov"),
    ("Фролов", "Frolov"),
    ("Чернов", "Chernov"),
    ("Шубин", "Shubin"),
    ("Щербаков", "Shcherbakov"),
    ("Яковлев", "Iakovlev"),
]
# Transit countries with stay rules, weighted roughly as cases arrive, and how long stays run.
TRANSIT = [("KZ", 35, 95), ("AM", 20, 190), ("GE", 20, 380), ("KG", 10, 60), ("TR", 10, 65)]
TRANSIT += [("MN", 5, 35)]
NOTES = [
    "Called him; he is well and waiting for news from the consulate.",
    "He asked how long he may stay; explained the rule and the date shown here.",
    "Sent the list of documents the lawyer needs before the appointment.",
    "He has found work for a few weeks; asked him to keep his registration current.",
    "His family was visited again; he wants to wait before telling them anything.",
    "Reminded him to renew his foreign passport while he still can.",
]
SUMMARIES = [
    "Mobilised; left before his unit was sent forward.",
    "Contract soldier; refused to sign a new contract and left.",
    "Conscript; left after being told he would be transferred.",
    "Reservist; received a summons and left the same week.",
]


@dataclass(frozen=True)
class Invented:
    """Everything a seeded case holds, derived from its index alone (so a no-op copy of a case
    has exactly the same shape)."""

    index: int
    name_cyrillic: str
    name_latin: str
    birth_date: str
    country: str
    entered_on: date
    registered_until: date | None
    left_russia: date
    passport_expires: date
    retention: date
    moves: list[tuple[str, str, str]]  # (from, to, reason)
    notes: list[str]
    checkin_interval: int | None
    summary: str
    wanted_level: str


def invent(index: int, today: date) -> Invented:
    from safepassage.cases import stages

    rng = random.Random(index)
    first, patronymic, surname = rng.choice(FIRST), rng.choice(PATRONYMIC), rng.choice(SURNAME)
    country, _weight, longest = rng.choices(TRANSIT, weights=[t[1] for t in TRANSIT])[0]
    entered = today - timedelta(days=rng.randint(0, longest))
    registered = None
    if country == "KG" and rng.random() < 0.7:
        registered = entered + timedelta(days=rng.randint(30, 360))
    moves = [
        (stages.FIRST_CONTACT, stages.CONSULTATION, ""),
        (stages.CONSULTATION, stages.TRANSIT, ""),
    ]
    draw = rng.random()
    if draw < 0.15:
        moves.append((stages.TRANSIT, stages.VETTING, ""))
    elif draw < 0.20:
        moves.append((stages.TRANSIT, stages.PAUSED, ""))
    elif draw < 0.25:
        moves.append((stages.TRANSIT, stages.CLOSED, "safe"))
    return Invented(
        index=index,
        name_cyrillic=f"{first[0]} {patronymic[0]} {surname[0]}",
        name_latin=f"{first[1]} {surname[1]}".upper(),
        birth_date=f"{rng.randint(1970, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        country=country,
        entered_on=entered,
        registered_until=registered,
        left_russia=entered - timedelta(days=rng.randint(0, 20)),
        passport_expires=today + timedelta(days=rng.randint(-60, 3000)),
        retention=today + timedelta(days=5 * 365 + rng.randint(-300, 300)),
        moves=moves,
        notes=rng.sample(NOTES, rng.choice([1, 2, 3])) if rng.random() < 0.3 else [],
        checkin_interval=rng.choice([7, 14, 30]) if rng.random() < 0.25 else None,
        summary=rng.choice(SUMMARIES),
        wanted_level=rng.choice(["none", "federal", "unknown", "interstate"]),
    )
