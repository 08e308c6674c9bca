"""Names of the Federation's other peoples and of Central Asia, Turkic patronymics, Korean surnames.

The given names are Arabic-, Persian- and Turkic-derived names as Chechen, Dagestani, Tatar,
Bashkir, Kazakh, Kyrgyz, Uzbek and Tajik documents write them, with Buryat, Tuvan and Yakut
names: each line is one name and the spellings that stand for it, in Cyrillic, in the Latin
alphabets of the region (Kazakh 2021, Uzbek 1995, Azerbaijani), in English and French press
forms and in Arabic script. Sources are listed in docs/screening.md.
"""

from __future__ import annotations

import re

# Main Cyrillic form | a second Cyrillic form | other spellings | rough frequency weight.
MALE = """
Ахмат|Ахмед|Akhmat Ahmat Achmat Ahmad Ahmed Akhmed Ahmet Axmat Axmad Əhməd أحمد|3
Магомед|Мухаммад|Magomed Mahomed Muhammad Muhammed Mukhammad Mukhammed Mohammed Mohammad|4
Магомед|Мухаммед|Mohamed Muhammet Magomet Muhammadjon محمد|4
Мамед|Маммад|Mamed Mammad Məmməd Mamad|1
Рамзан|Рамазан|Ramzan Ramazan Ramadan Ramadhan Ramzon Ramazon رمضان|2
Абдулла|Абдуллах|Abdulla Abdullah Abdallah Abdulloh Abdullo عبدالله|2
Хасан|Гасан|Khasan Hasan Hassan Gasan Xasan حسن|2
Хусейн|Гусейн|Khusein Khuseyn Hussein Husein Husain Husayn Guseyn Gusein Huseyn Hüseyin حسين|2
Али|Алий|Ali Aly علي|2
Умар|Омар|Umar Omar Umer Ömer عمر|2
Юсуф|Юсуп|Yusuf Yusup Jusuf Yusif Yusuph يوسف|2
Ибрагим|Ибрахим|Ibragim Ibrahim Ibrokhim Ibrohim Ebrahim İbrahim إبراهيم|2
Исмаил|Исмоил|Ismail Ismoil Ismayil Ismael إسماعيل|2
Ислам|Ислом|Islam Islom|2
Шамиль|Шамил|Shamil Shamyl Şamil Chamil|2
Хамзат|Хамза|Khamzat Hamzat Hamza Khamza Hamzah حمزة|2
Зелимхан|Зелимхан|Zelimkhan Zelimhan Zelimxan|1
Сулейман|Сулайман|Suleiman Suleyman Sulayman Sulaymon Süleyman Sulejman سليمان|1
Мурад|Мурат|Murad Murat Murod Mourad مراد|1
Рашид|Рашит|Rashid Rashit Rachid Rashod Rəşid رشيد|1
Азамат|Азамат|Azamat|1
Булат|Болат|Bulat Bolat|1
Нурлан|Нұрлан|Nurlan|1
Ерлан|Ерлан|Erlan Yerlan|1
Нурсултан|Нұрсұлтан|Nursultan Nursoltan|1
Бауыржан|Бауржан|Bauyrzhan Baurzhan Bauyrjan Baurjan|1
Данияр|Дониёр|Daniyar Daniiar Daniar Doniyor|1
Асхат|Асқат|Askhat Askat Asqat Ashat|1
Жомарт|Жомарт|Zhomart Jomart|1
Касым|Қасым|Kasym Qasym Kassym Kasim Qosim Qasim قاسم|1
Дильшод|Дилшод|Dilshod Dilshad|1
Шерзод|Шерзад|Sherzod Sherzad|1
Бахтиёр|Бахтияр|Bakhtiyor Bakhtiyar Baxtiyor Bakhtiar Bahtiyar|1
Улугбек|Улуғбек|Ulugbek Ulughbek Ulug'bek|1
Фаррух|Фарух|Farrukh Farukh Farrux|1
Жамшид|Джамшид|Jamshid Dzhamshid Jamshed Djamshid|1
Шавкат|Шаукат|Shavkat Shaukat Shawkat|1
Эмомали|Имомали|Emomali Imomali|1
Садыр|Садир|Sadyr Sadir|1
Курбан|Гурбан|Kurban Qurbon Gurban Qurban Kurbon قربان|1
Гейдар|Гайдар|Geydar Heydar Haydar Heidar Hajdar حيدر|1
Ильхам|Илхом|Ilham Ilkham Ilhom Ilxom|1
Баир|Баяр|Bair Bayir Bayar|1
Баатр|Батор|Baatr Bator Baatar|1
Жаргал|Жаргал|Zhargal Jargal|1
Цыден|Цэдэн|Tsyden Tseden|1
Доржи|Дорж|Dorzhi Dorji Dorj|1
Шолбан|Шолбаан|Sholban Sholbaan|1
Айдыс|Айдыс|Aidys Aydys|1
Айсен|Айсэн|Aisen Aysen Ajsen|1
Мичил|Мичил|Michil|1
Айрат|Айрат|Airat Ayrat|1
Ильнур|Илнур|Ilnur|1
Рамиль|Рамил|Ramil|1
Салават|Салауат|Salavat Salawat|1
Азат|Азат|Azat|1
Фарид|Фәрит|Farid Farit|1
Аслан|Арслан|Aslan Arslan|1
Апти|Апти|Apti|1
Анзор|Анзор|Anzor|1
Султан|Солтан|Sultan Soltan Sulton|1
Беслан|Беслан|Beslan|1
Мовсар|Мовсар|Movsar|1
Гаджи|Хаджи|Gadzhi Hadji Haji Hajji Khadzhi Gaji|1
Расул|Расул|Rasul Rasoul Rasool|1
Саид|Сайд|Said Saeed Sayid سعيد|1
Арсен|Арсен|Arsen|1
Фарход|Фархад|Farkhod Farhad Farhod فرهاد|1
Шохрух|Шахрух|Shokhrukh Shahrukh Shohruh|1
Нодир|Надир|Nodir Nadir|1
Хуршид|Хуршед|Khurshid Khurshed Xurshid Hurshid|1
Сухроб|Сохраб|Sukhrob Sohrab Suhrob|1
Бобур|Бабур|Bobur Babur|1
Отабек|Атабек|Otabek Atabek|1
Жахонгир|Джахангир|Jakhongir Jahongir Jahangir Dzhakhongir|1
Нуриддин|Нуритдин|Nuriddin Nuritdin Nureddin|1
"""

FEMALE = """
Айгуль|Айгүл|Aigul Aygul|1
Гульнара|Гүлнара|Gulnara Gulnora|1
Зарина|Зарина|Zarina|1
Мадина|Мадина|Madina Medina|1
Фатима|Патимат|Fatima Fatimah Patimat Fotima فاطمة|1
Айша|Аиша|Aisha Aysha Ayesha Oysha عائشة|1
Лейла|Лейла|Leila Leyla Layla Laylo ليلى|1
Асель|Әсел|Asel Assel|1
Малика|Малика|Malika|1
Хадижат|Хадиджа|Khadizhat Khadija Hadija Khadidja Xadicha خديجة|1
Алсу|Алсу|Alsu|1
"""

# Turkic patronymics are the father's name and a word for "son of" or "daughter of", apart,
# hyphenated or joined: Abish uly, Heydar oglu, Nurgojo uulu, Miromon o'g'li, Ali kyzy.
SON_OF = frozenset(
    ("uly", "uli", "ulu", "ugli", "ogly", "oglu", "ogli", "uulu", "ogl", "uglu")
)  # fmt: skip
DAUGHTER_OF = frozenset(("kyzy", "kizi", "qizi", "gyzy", "qyzy", "kyzi", "gizi", "kyz"))
_MARKERS = "|".join(sorted(SON_OF | DAUGHTER_OF, key=len, reverse=True))
TURKIC_PATRONYMIC = re.compile(rf"^(?P<father>[a-z]{{3,}}?)(?P<marker>{_MARKERS})$")
_RUSSIAN_PATRONYMIC = re.compile(
    r"^(?P<father>[a-z]{3,}?)(?:ovich|evich|ovych|evych|ovna|evna|ivna|ichna|inichna|ich)$"
)


_ENDINGS = (*SON_OF, *DAUGHTER_OF, "ich", "na")


def father_name(norm: str) -> tuple[str, str] | None:
    """The father's name inside a patronymic, and the ending that made it."""
    if not norm.endswith(_ENDINGS):
        return None
    for pattern in (TURKIC_PATRONYMIC, _RUSSIAN_PATRONYMIC):
        if match := pattern.match(norm):
            return match["father"], norm[len(match["father"]) :]
    return None


def patronymic_gender(norm: str) -> str | None:
    """ "man" or "woman" for a Turkic patronymic, else None."""
    if norm.endswith(_TURKIC_ENDINGS) and (match := TURKIC_PATRONYMIC.match(norm)):
        return "man" if match["marker"] in SON_OF else "woman"
    return None


_TURKIC_ENDINGS = tuple(SON_OF | DAUGHTER_OF)


# Belarusian Cyrillic forms of Russian men's names, which the Russian systems romanise apart
# from the Belarusian passports' own spellings (Aliaksandr, Siarhei) already known.
BELARUSIAN_GIVEN = {
    "Александр": "Аляксандр", "Сергей": "Сяргей", "Дмитрий": "Дзмітрый", "Андрей": "Андрэй",
    "Алексей": "Аляксей", "Николай": "Мікалай", "Владимир": "Уладзімір", "Виктор": "Віктар",
    "Олег": "Алег", "Иван": "Іван", "Михаил": "Міхаіл", "Юрий": "Юрый", "Евгений": "Яўген",
    "Игорь": "Ігар", "Максим": "Максім", "Денис": "Дзяніс", "Вадим": "Вадзім", "Пётр": "Пятро",
    "Константин": "Канстанцін", "Виталий": "Віталь", "Василий": "Васіль", "Григорий": "Рыгор",
    "Степан": "Сцяпан", "Фёдор": "Фёдар", "Анатолий": "Анатоль", "Леонид": "Леанід",
}  # fmt: skip

# Korean surnames in Hangul, Revised Romanisation, the spellings people use, and the forms
# of the Koreans of the former Soviet Union (Цой, Тен, Пак).
KOREAN_SURNAMES = """
김 Kim Gim Ким
이 Lee Yi Rhee Ri Li Ли
박 Park Pak Bak Пак
최 Choi Choe Chwe Цой
정 Jeong Jung Chung Chong Тен
강 Kang Gang Кан
조 Cho Jo Чо
윤 Yoon Yun Юн
장 Jang Chang Тян
임 Lim Im Rim Лим
한 Han Хан
신 Shin Sin Шин
권 Kwon Gwon Квон
황 Hwang Хван
안 Ahn An Ан
송 Song Сон
류 Ryu Yoo Ryoo Лю
홍 Hong Хон
전 Jeon Jun Chun Чон
고 Ko Go Ко
문 Moon Mun Мун
남 Nam Нам
"""
