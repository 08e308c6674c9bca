"""Russian given names, their patronymics, Ukrainian forms and the spellings met abroad."""

from __future__ import annotations

from dataclasses import dataclass

from . import peoples

# One line per man's name: Cyrillic | Ukrainian form | other spellings met on documents and
# in lists (Western forms, Belarusian romanisations, diminutives) | rough frequency weight.
_MALE = """
Александр|Олександр|Alexander Alexandre Aleksander Alexandr Aliaksandr Sasha Sacha Shura Alex|12
Сергей|Сергій|Serge Serhiy Serhii Siarhei Siarhey Sergiu Seryozha Serezha|10
Дмитрий|Дмитро|Dmitri Dimitri Dmytro Dzmitry Dzmitryi Dima Dmitrij|8
Андрей|Андрій|Andrew Andre Andrii Andriy Andrzej Andrei|8
Алексей|Олексій|Alexei Alexey Alexis Aliaksei Oleksii Oleksiy Alyosha Lyosha|8
Максим|Максим|Maxim Maksym Maxime Maks Max|6
Евгений|Євген|Eugene Eugen Evgeny Yevhen Yauhen Zhenya Jewgenij|6
Иван|Іван|Ivan Iwan Ivan Vanya Ivane|7
Михаил|Михайло|Michael Mikhail Michail Mykhailo Mikhas Misha Mihail|6
Артём|Артем|Artem Artyom Artiom Artsiom|4
Владимир|Володимир|Wladimir Vladimir Volodymyr Uladzimir Volodya Vova|7
Николай|Микола|Nicholas Nicolas Nikolay Mykola Mikalai Kolya|6
Денис|Денис|Dennis Denys Dzianis|4
Павел|Павло|Paul Pavlo Pavel Pasha Pawel|4
Роман|Роман|Roman Raman Roma|4
Игорь|Ігор|Igor Ihor Ihar|4
Олег|Олег|Oleg Oleh Aleh|4
Виктор|Віктор|Victor Viktar Vitya|4
Антон|Антон|Anton Antoine Antos|3
Юрий|Юрій|Yuri Yury Iurii Yurii Jurij Yuras Yura|4
Никита|Микита|Nikita Mykyta Mikita|3
Илья|Ілля|Ilya Ilia Illia Ilja Elias|3
Кирилл|Кирило|Kirill Cyril Kyrylo Kiryl|3
Вадим|Вадим|Vadim Vadym Vadzim|2
Константин|Костянтин|Konstantin Constantin Constantine Kostiantyn Kanstantsin Kostya|3
Владислав|Владислав|Vladislav Vladyslav Uladzislau Vlad|3
Егор|Єгор|Egor Yegor Yehor Yahor|3
Василий|Василь|Vasily Vasyl Vasil Basil Vasya|3
Станислав|Станіслав|Stanislav Stanislaw Stas|2
Руслан|Руслан|Ruslan|2
Анатолий|Анатолій|Anatoly Anatolii Anatol Tolya|2
Виталий|Віталій|Vitaly Vitalii Vital Vitalik|2
Валерий|Валерій|Valery Valerii Valer Valera|2
Пётр|Петро|Peter Pierre Petr Pyotr Petro Piatro Petya|2
Григорий|Григорій|Gregory Grigory Hryhorii Ryhor Grisha|2
Георгий|Георгій|George Georges Georgy Heorhii Georgi Zhora|2
Борис|Борис|Boris Borys Barys Borya|2
Вячеслав|В'ячеслав|Viacheslav Vyacheslav Viachaslau Slava|2
Геннадий|Геннадій|Gennady Hennadii Gena|2
Леонид|Леонід|Leonid Leanid Lyonya|2
Фёдор|Федір|Fedor Fyodor Fedir Fiodar Theodore Fedya|2
Степан|Степан|Stepan Stephen Stsiapan Styopa|1
Тимур|Тимур|Timur Tymur|2
Артур|Артур|Artur Arthur|2
Аркадий|Аркадій|Arkady Arkadii Arkadz|1
Яков|Яків|Yakov Yakiv Jacob Yasha|1
Лев|Лев|Lev Leo Leon Lyova|1
Эдуард|Едуард|Eduard Edward Edouard Edik|1
Валентин|Валентин|Valentin Valentyn|1
Семён|Семен|Semyon Semen Simon Siamion|1
Тимофей|Тимофій|Timofey Tymofii Timothy Tsimafei|1
Матвей|Матвій|Matvey Matvii Matthew Matsvei|1
Даниил|Данило|Daniil Danylo Daniel Danila|2
Ярослав|Ярослав|Yaroslav Jaroslav Yaraslau|1
Глеб|Гліб|Gleb Hlib Hleb|1
Богдан|Богдан|Bogdan Bohdan Bahdan|1
Арсений|Арсеній|Arseny Arsenii Arseni|1
Марк|Марко|Mark Marko Marc|1
Захар|Захар|Zakhar Zahar|1
Филипп|Пилип|Filipp Philippe Philip Pylyp|1
Вениамин|Веніамін|Veniamin Benjamin|1
Ростислав|Ростислав|Rostislav Rostyslav|1
Всеволод|Всеволод|Vsevolod Seva|1
Родион|Родіон|Rodion Rodya|1
Святослав|Святослав|Sviatoslav Svyatoslav|1
Иосиф|Йосип|Iosif Osip Joseph Yosyp|1
Ефим|Юхим|Efim Yefim Yukhym|1
Тарас|Тарас|Taras|1
Назар|Назар|Nazar|1
Марат|Марат|Marat|1
Ринат|Ринат|Rinat|1
Рустам|Рустам|Rustam Rustem|1
Ильдар|Ільдар|Ildar|1
Айдар|Айдар|Aidar Aydar|1
Лука|Лука|Luka Luca Luke|1
Фома|Хома|Foma Thomas Khoma|1
Кузьма|Кузьма|Kuzma|1
Савва|Сава|Savva Sava|1
"""

_FEMALE = """
Елена|Олена|Helena Yelena Elena Olena Alena Lena|6
Ольга|Ольга|Olga Olha Volha Olya|6
Наталья|Наталія|Natalia Natalya Nataliya Nathalie Natasha|6
Татьяна|Тетяна|Tatiana Tatyana Tetiana Tatsiana Tanya|6
Ирина|Ірина|Irina Iryna Iryna Irene Ira|6
Светлана|Світлана|Svetlana Svitlana Sviatlana Sveta|5
Екатерина|Катерина|Ekaterina Yekaterina Kateryna Katsiaryna Catherine Katya|5
Анна|Ганна|Anna Hanna Anya Anne|5
Мария|Марія|Maria Mariya Mariia Marie Masha|5
Юлия|Юлія|Yulia Julia Yuliia Yuliya Julie|4
Анастасия|Анастасія|Anastasia Anastasiya Nastya|4
Марина|Марина|Marina Maryna|3
Надежда|Надія|Nadezhda Nadiia Nadia Nadya|3
Людмила|Людмила|Lyudmila Liudmyla Ludmila Lyuda|3
Галина|Галина|Galina Halyna Galya|3
Евгения|Євгенія|Evgenia Yevgeniya Yevheniia Eugenia Zhenya|2
Валентина|Валентина|Valentina Valentyna Valya|2
Оксана|Оксана|Oksana Aksana|2
Дарья|Дар'я|Daria Darya Dariia Dasha|2
Ксения|Ксенія|Ksenia Kseniya Kseniia Xenia|2
Вера|Віра|Vera Vira Viera|2
Любовь|Любов|Lyubov Liubov Luba|2
Нина|Ніна|Nina|2
Лариса|Лариса|Larisa Larysa|2
Виктория|Вікторія|Victoria Viktoriya Viktoriia Vika|2
Александра|Олександра|Alexandra Aleksandra Oleksandra Sasha|2
Полина|Поліна|Polina Palina|2
Алина|Аліна|Alina|2
Кристина|Крістіна|Kristina Khrystyna Christina|2
"""

# Patronymics that the regular endings do not produce.
_IRREGULAR_PATRONYMICS = {
    "Павел": ("Павлович", "Павловна"), "Лев": ("Львович", "Львовна"),
    "Пётр": ("Петрович", "Петровна"), "Михаил": ("Михайлович", "Михайловна"),
    "Яков": ("Яковлевич", "Яковлевна"), "Даниил": ("Данилович", "Даниловна"),
    "Никита": ("Никитич", "Никитична"), "Илья": ("Ильич", "Ильинична"),
    "Лука": ("Лукич", "Лукинична"), "Фома": ("Фомич", "Фоминична"),
    "Кузьма": ("Кузьмич", "Кузьминична"), "Савва": ("Саввич", "Саввична"),
    "Иосиф": ("Иосифович", "Иосифовна"),
}  # fmt: skip
_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


@dataclass(frozen=True)
class GivenName:
    """A given name with the forms that stand for it and, for men, the patronymics it makes."""

    cyrillic: str
    female: bool
    ukrainian: str
    latin_variants: tuple[str, ...]
    weight: int
    patronymics: tuple[str, ...]  # masculine, feminine; then their Ukrainian forms


def russian_patronymics(name: str) -> tuple[str, str]:
    """The masculine and feminine patronymic a Russian man's name gives his children."""
    if name in _IRREGULAR_PATRONYMICS:
        return _IRREGULAR_PATRONYMICS[name]
    if name.endswith("ий"):
        stem = name[:-2]
        # Дмитрий, Георгий keep the и after two consonants; Юрий, Василий take a soft sign.
        link = "и" if stem[-1] in _CONSONANTS and stem[-2] in _CONSONANTS else "ь"
        return stem + link + "евич", stem + link + "евна"
    if name.endswith(("й", "ь")):
        return name[:-1] + "евич", name[:-1] + "евна"
    return name + "ович", name + "овна"


def ukrainian_patronymics(name: str) -> tuple[str, str]:
    """The masculine and feminine patronymic from a Ukrainian man's name."""
    if name.endswith("ій"):
        return name + "ович", name[:-1] + "ївна"
    if name.endswith("й"):
        return name + "ович", name[:-1] + "ївна"
    if name.endswith(("о", "а")):
        return name[:-1] + "ович", name[:-1] + "івна"
    if name.endswith("ь"):
        return name[:-1] + "ьович", name[:-1] + "івна"
    if name.endswith("я"):
        return name[:-1] + "іч", name[:-1] + "івна"
    return name + "ович", name + "івна"


def _parse(block: str, female: bool) -> tuple[GivenName, ...]:
    names = []
    for line in block.strip().splitlines():
        cyrillic, ukrainian, variants, weight = line.split("|")
        patronymics: tuple[str, ...] = ()
        if not female:
            patronymics = russian_patronymics(cyrillic) + ukrainian_patronymics(ukrainian)
        names.append(
            GivenName(
                cyrillic, female, ukrainian, tuple(variants.split()), int(weight), patronymics
            )
        )
    return tuple(names)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _peoples_patronymics(name: str) -> tuple[str, str]:
    # Names ending in a vowel take -евич / -евна: Абдулла → Абдуллаевич, Али → Алиевич.
    if name[-1] in "аяиуоэ":
        return name + "евич", name + "евна"
    return russian_patronymics(name)


def _parse_peoples(block: str, female: bool) -> tuple[GivenName, ...]:
    # A name with many spellings may take two lines: they make one class.
    names: dict[str, GivenName] = {}
    for line in block.strip().splitlines():
        cyrillic, second, variants, weight = line.split("|")
        if cyrillic in names:
            first = names[cyrillic]
            spellings = (*first.latin_variants, second, *variants.split())
            names[cyrillic] = GivenName(
                cyrillic, female, first.ukrainian, spellings, first.weight, first.patronymics
            )
            continue
        patronymics = () if female else _peoples_patronymics(cyrillic)
        names[cyrillic] = GivenName(
            cyrillic, female, second, tuple(variants.split()), int(weight), patronymics
        )
    return tuple(names.values())


MALE_NAMES = _parse(_MALE, female=False)
FEMALE_NAMES = _parse(_FEMALE, female=True)
# Appended after the Russian names, so that the classes of those keep their numbers.
PEOPLES_NAMES = _parse_peoples(peoples.MALE, female=False) + _parse_peoples(
    peoples.FEMALE, female=True
)
GIVEN_NAMES = MALE_NAMES + FEMALE_NAMES + PEOPLES_NAMES

# Common Russian surnames in their masculine form.
SURNAMES = tuple(
    dict.fromkeys(
        _words(
            """
Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин
Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов
Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв
Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов
Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов
Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов
Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев
Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников
Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин
Ефремов Архипов Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков
Горбунов Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров
Симонов Прокофьев Харитонов Князев Цветков Левин Митрофанов Воронцов Аксёнов Софронов Мальцев
Логинов Горшков Савин Краснов Майоров Демидов Елисеев Рыбаков Сафонов Плотников Дёмин Хохлов
Фадеев Молчанов Игнатов Литвинов Ершов Ушаков Дементьев Рябов Мухин Калашников Леонтьев Лобанов
Кузин Корнилов Евдокимов Бородин Платонов Некрасов Балашов Бобров Жданов Блинов Игнатьев
Коротков Муравьёв Крюков Беляков Богомолов Дроздов Лаврентьев Зуев Петухов Суворов Шубин Хрущёв
Цой Подъячев Шевченко Бондаренко Коваленко Ткаченко Кравченко Олейник Мельник Лысенко Руденко
Савченко Петренко Марченко Левченко Гончаренко Приходько Кравчук Ковальчук Полищук Шевчук Бойко
Ткачук Мороз Коваль Лысый Толстой Белый Чёрный Крутой Седых Черных Белых Долгих Кручинин
Подольский Вишневский Ковальский Залесский Островский Каменский Бельский Соколовский Яблонский
Лещинский Дубровский Юрьев Рахманов Шамсутдинов Гайнуллин Хабибуллин Сафин Галиев Ахметов Валиев
Зиннатуллин Мухаметшин Нуриев Исмаилов Алиев Гасанов Мамедов Абдуллаев Щукин Щеглов Шилов Шишкин
Шаров Шестаков Чистяков Чеботарёв Цыганков Царёв Хомяков Фокин Ушаков Уткин Тюрин Третьяков
Субботин Столяров Сысоев Рогов Пестов Ожегов Носков Мишин Лапин Кудряшов Костин Зимин Жилин
Ершов Дьячков Горелов Вавилов Брагин Астахов Аверин Якушев
"""
        )
    )
)
# Word stems for more surnames: a list of a million people needs more surnames than the
# common ones, and real lists have a long tail of rare ones.
_STEMS = _words(
    """
бор вер гор дуб жар кар лог мох нов пар рад сад тар хол чуд шар яр берез липк сосн ельц клен
рябин калин малин вишн слив груш морк капуст репк бобр барсук кабан лосе олен зубр сокол ястреб
сов филин грач галк сорок дятл снегир синиц чиж щегл стриж ласточк журавл цапл кулик утк гус
лебед орл ворон голуб кукушк пчел шмел комар муравь жук паук рак сом щук окун карп лещ ерш налим
сиг кузнец плотник столяр бондар гончар кожевник мельник пекар пастух рыбак охотник писар дьяк
поп ткач портн сапожник кучер ямщик звонар мастер купц бурлак казак стрельц пушкар сотник волост
посад слобод острог мост брод луг поле степ гор лес рощ бор ключ ручей камен песк глин тороп
молчан смирн тих весел гром буян лих добр мил крас бел черн сед рыж кудр курч толст тонк длин
корот больш мал стар молод нов умн хитр прост крот ерш мыш
"""
)
_SUFFIXES = ("ов", "ин", "ский", "енко", "ов", "ин", "ёв", "ищев", "ков")


def generated_surnames() -> tuple[str, ...]:
    """Extra plausible surnames made from stems and the commonest endings, without duplicates."""
    seen = {s.lower() for s in SURNAMES}
    out = []
    for i, stem in enumerate(_STEMS):
        for j in (0, 1, 2):
            suffix = _SUFFIXES[(i * 7 + j * 3) % len(_SUFFIXES)]
            # After ж, ч, ш, щ the ending sounds -ёв whichever way it is spelt: one form only,
            # or two invented "different" surnames would be the same name.
            if suffix in ("ов", "ёв"):
                suffix = "ёв" if stem[-1] in "жчшщ" else "ов"
            name = (stem + suffix).capitalize()
            if name.lower() not in seen:
                seen.add(name.lower())
                out.append(name)
    return tuple(out)


def feminine_surname(surname: str) -> str:
    """The form a woman of the family bears."""
    for ending, female in (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ый", "ая")):
        if surname.endswith(ending):
            return surname[: -len(ending)] + female
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname
