"""Name material for the evaluation set: invented combinations of real names of each people.

Every person in the set is invented by combining a given name, a father's name and a surname
from these lists; no line describes a real person.
"""

from __future__ import annotations

# Chechen, Ingush and Dagestani men: Russian Cyrillic as Russian documents write it | spellings
# met in English, French and Arabic-language press and in Arabic script.
CAUCASUS_GIVEN = """
Ахмат|Ahmad Ahmed Achmat أحمد
Магомед|Muhammad Mohammed Mahomed محمد
Рамзан|Ramazan Ramadan رمضان
Хасан|Hassan Hasan حسن
Хусейн|Hussein Husein حسين
Умар|Omar Umer عمر
Юсуп|Yusuf Yusup يوسف
Ибрагим|Ibrahim إبراهيم
Исмаил|Ismail Ismael إسماعيل
Шамиль|Shamil Chamil
Хамзат|Hamzat Hamza
Зелимхан|Zelimhan
Сулейман|Suleiman Sulayman سليمان
Мурад|Murad Mourad مراد
Рашид|Rashid Rachid رشيد
Абдулла|Abdullah Abdallah
Адам|Adam
Ислам|Islam
Руслан|Ruslan
Апти|Apti
Анзор|Anzor
Беслан|Beslan
Мовсар|Movsar
Гаджи|Hadji Haji
Расул|Rasul Rasoul
Саид|Said Saeed سعيد
Курбан|Kurban Qurban
Арсен|Arsen
"""
CAUCASUS_SURNAMES = """
Кадыров Закаев Дудаев Масхадов Басаев Умаров Ямадаев Делимханов Даудов Алханов Гериханов Вахаев
Эльмурзаев Межидов Абдурахманов Сулейманов Хамидов Байсаров Магомедов Гаджиев Абдулаев Омаров
Рамазанов Гасанов Курбанов Исмаилов Мусаев Нурмагомедов Шахбанов Ахмедов Хасанов Юсупов Евлоев
Мальсагов Оздоев Тангиев Албогачиев Газдиев
"""
# Tatar and Bashkir men: Russian Cyrillic | English spellings.
VOLGA_GIVEN = """
Айрат|Ayrat
Ильнур|Ilnour
Рамиль|Ramil
Ильшат|Ilshat
Салават|Salawat
Азат|Azat
Фарид|Farit
Марат|Marat
Ринат|Rinat
Ильдар|Ildar
Радик|Radik
Рустам|Rustem
Ильнар|Ilnar
"""
VOLGA_SURNAMES = """
Хабибуллин Гайнуллин Сафин Галиев Валиев Мухаметшин Зиннатуллин Шакиров Гарипов Хайруллин
Ахметзянов Галимзянов Фаизов Исхаков Нигматуллин Шарипов Мингазов Габдрахманов
"""
# Buryat, Tuvan and Yakut men: Russian Cyrillic | spellings met in other romanisations.
SIBERIA_GIVEN = """
Баир|Bair Bayir
Жаргал|Jargal Zhargal
Баатр|Baatar Bator
Аюр|Ayur Aiur
Бато|Bato
Шолбан|Sholban Sholbaan
Айдыс|Aidys Aydys
Начын|Nachyn Nachin
Аяс|Ayas Aias
Айсен|Aisen Aysen
Мичил|Michil
Ньургун|Nyurgun Niurgun Nurgun
Дьулустан|Dyulustan Diulustan
Эрчим|Erchim
"""
SIBERIA_SURNAMES = """
Цыденов|Tsydenov Tsidenov Cydenov
Доржиев|Dorzhiev Dorjiev
Намсараев|Namsaraev
Бадмаев|Badmaev Badmayev
Дашиев|Dashiev Dashiyev
Цыбиков|Tsybikov Cybikov
Ооржак|Oorzhak Oorjak
Монгуш|Mongush Mongoush
Кужугет|Kuzhuget Kujuget
Ондар|Ondar
Донгак|Dongak
Хертек|Khertek Hertek
Сивцев|Sivtsev Sivcev
Ноговицын|Nogovitsyn Nogovicyn
Посельский|Poselskiy Poselsky
"""
# Tuvan men's given names of two words, written joined, hyphenated or apart.
TUVAN_DOUBLE = ("Кара-оол", "Чечен-оол", "Сарыг-оол", "Кызыл-оол", "Маадыр-оол")

# Kazakh (Kazakh Cyrillic): given names, fathers' names, surnames.
KAZAKH_GIVEN = [
    "Нұрлан",
    "Ерлан",
    "Асқар",
    "Бауыржан",
    "Қайрат",
    "Ғалым",
    "Серік",
    "Жандос",
    "Нұрболат",
    "Дәулет",
    "Ержан",
    "Бақытжан",
    "Талғат",
    "Қанат",
    "Арман",
    "Айбек",
    "Әлібек",
    "Ерболат",
    "Мұхтар",
    "Ғани",
]
KAZAKH_WOMEN = ["Айгүл", "Гүлнар", "Әсел", "Ақмарал", "Динара", "Жанар", "Сәуле", "Мәдина"]
KAZAKH_SURNAMES = [
    "Оспанов",
    "Сейітов",
    "Жұмабаев",
    "Әбдіров",
    "Қасымов",
    "Омаров",
    "Тоқаев",
    "Нұрғалиев",
    "Сәрсенбаев",
    "Байжанов",
    "Ахметов",
    "Жақсылықов",
    "Бекмұханбетов",
    "Мұратов",
    "Серікбаев",
    "Қуанышев",
    "Төлеуов",
    "Әбенов",
]
# Uzbek (Uzbek Cyrillic).
UZBEK_GIVEN = [
    "Шавкат",
    "Жамшид",
    "Дилшод",
    "Бахтиёр",
    "Улуғбек",
    "Фаррух",
    "Шерзод",
    "Отабек",
    "Бобур",
    "Жаҳонгир",
    "Нодир",
    "Хуршид",
    "Сардор",
    "Азиз",
    "Санжар",
    "Ўткир",
    "Ғайрат",
]
UZBEK_SURNAMES = [
    "Каримов",
    "Алиев",
    "Юсупов",
    "Раҳимов",
    "Турсунов",
    "Исмоилов",
    "Холматов",
    "Эргашев",
    "Норматов",
    "Усмонов",
    "Қодиров",
    "Ғуломов",
    "Тошматов",
    "Жўраев",
    "Мирзаев",
]
# Kyrgyz (Kyrgyz Cyrillic is Russian letters plus ң, ө, ү).
KYRGYZ_GIVEN = [
    "Садыр",
    "Алмазбек",
    "Нурбек",
    "Бакыт",
    "Улан",
    "Эрлан",
    "Азамат",
    "Кубанычбек",
    "Темир",
    "Чыңгыз",
]
KYRGYZ_SURNAMES = [
    "Жапаров",
    "Ташиев",
    "Осмонов",
    "Мамытов",
    "Абдыкеримов",
    "Токтогулов",
    "Сыдыков",
    "Бейшеев",
]
# Tajik (Tajik Cyrillic): name | Russian documents' form.
TAJIK = """
Эмомалӣ|Эмомали
Фирӯз|Фируз
Шералӣ|Шерали
Манучеҳр|Манучехр
Парвиз|Парвиз
Далер|Далер
Сӯҳроб|Сухроб
Ҷамшед|Джамшед
Ҳусейн|Хусейн
Раҳмонов|Рахмонов
Назаров|Назаров
Саидов|Саидов
Шарипов|Шарипов
Раҳимзода|Рахимзода
Ҷӯраев|Джураев
Қурбонов|Курбонов
Ҳакимов|Хакимов
"""
# Azerbaijani: Russian Cyrillic | Azerbaijani Latin.
AZERI_GIVEN = """
Ильхам|İlham
Гейдар|Heydər
Эльчин|Elçin
Рашад|Rəşad
Вугар|Vüqar
Эльнур|Elnur
Камран|Kamran
Турал|Tural
Орхан|Orxan
Рамиз|Ramiz
Анар|Anar
Ровшан|Rövşən
Фуад|Fuad
Тофик|Tofiq
"""
AZERI_SURNAMES = """
Алиев|Əliyev
Мамедов|Məmmədov
Гусейнов|Hüseynov
Гасанов|Həsənov
Кулиев|Quliyev
Аббасов|Abbasov
Исмаилов|İsmayılov
Рзаев|Rzayev
Джафаров|Cəfərov
Багиров|Bağırov
Насибов|Nəsibov
Керимов|Kərimov
"""

# Georgian, in the national romanisation of 2002 (apostrophes mark ejectives) | Russian form.
GEORGIAN_GIVEN = """
giorgi|Георгий
davit|Давид
nik'oloz|Николоз
mikheil|Михаил
aleksandre|Александр
levan|Леван
zurab|Зураб
irak'li|Ираклий
tamaz|Тамаз
vakht'ang|Вахтанг
gela|Гела
lasha|Лаша
beka|Бека
otar|Отар
merab|Мераб
shota|Шота
"""
GEORGIAN_SURNAMES = """
beridze|Беридзе
k'ap'anadze|Капанадзе
gelashvili|Гелашвили
maisuradze|Майсурадзе
lomidze|Ломидзе
ts'ik'lauri|Циклаури
abashidze|Абашидзе
k'varatskhelia|Кварацхелия
japaridze|Джапаридзе
chkheidze|Чхеидзе
gogoladze|Гоголадзе
khutsishvili|Хуцишвили
nozadze|Нозадзе
gabunia|Габуния
ts'ereteli|Церетели
javakhishvili|Джавахишвили
k'ik'nadze|Кикнадзе
bakradze|Бакрадзе
mch'edlishvili|Мчедлишвили
jorjadze|Джорджадзе
"""
# Armenian script | Armenian passports' Latin | Russian form.
ARMENIAN_GIVEN = """
Արմեն|Armen|Армен
Տիգրան|Tigran|Тигран
Դավիթ|Davit|Давид
Նարեկ|Narek|Нарек
Արամ|Aram|Арам
Գևորգ|Gevorg|Геворг
Հայկ|Hayk|Айк
Վահե|Vahe|Ваге
Արթուր|Artur|Артур
Սարգիս|Sargis|Саркис
Կարեն|Karen|Карен
Աշոտ|Ashot|Ашот
Ռուբեն|Ruben|Рубен
Գագիկ|Gagik|Гагик
Սամվել|Samvel|Самвел
"""
ARMENIAN_SURNAMES = """
Սարգսյան|Sargsyan|Саргсян
Պետրոսյան|Petrosyan|Петросян
Հարությունյան|Harutyunyan|Арутюнян
Գրիգորյան|Grigoryan|Григорян
Հովհաննիսյան|Hovhannisyan|Оганесян
Խաչատրյան|Khachatryan|Хачатрян
Ավետիսյան|Avetisyan|Аветисян
Կարապետյան|Karapetyan|Карапетян
Մարտիրոսյան|Martirosyan|Мартиросян
Ղազարյան|Ghazaryan|Казарян
Մկրտչյան|Mkrtchyan|Мкртчян
Վարդանյան|Vardanyan|Варданян
Սահակյան|Sahakyan|Саакян
Մանուկյան|Manukyan|Манукян
Աբրահամյան|Abrahamyan|Абрамян
"""
# Chinese: characters | Hanyu Pinyin (surname, given name).
CHINESE = """
王伟|Wang Wei
李强|Li Qiang
张伟|Zhang Wei
刘洋|Liu Yang
陈杰|Chen Jie
杨军|Yang Jun
赵磊|Zhao Lei
黄勇|Huang Yong
周涛|Zhou Tao
吴斌|Wu Bin
徐明|Xu Ming
孙浩|Sun Hao
马超|Ma Chao
胡军|Hu Jun
朱峰|Zhu Feng
郭强|Guo Qiang
李建国|Li Jianguo
王志强|Wang Zhiqiang
张晓明|Zhang Xiaoming
刘建华|Liu Jianhua
陈国平|Chen Guoping
杨文军|Yang Wenjun
赵海涛|Zhao Haitao
周建平|Zhou Jianping
"""
# Korean: Hangul | Revised Romanisation | the spelling people use | Russian form (Koryo-saram).
KOREAN = """
김정은|Gim Jeongeun|Kim Jong Un|Ким Чон Ын
박성민|Bak Seongmin|Park Sung Min|Пак Сон Мин
이민호|I Minho|Lee Min Ho|Ли Мин Хо
최영수|Choe Yeongsu|Choi Young Soo|Цой Ен Су
정민수|Jeong Minsu|Jung Min Su|Тен Мин Су
강동원|Gang Dongwon|Kang Dong Won|Кан Дон Вон
윤서준|Yun Seojun|Yoon Seo Jun|Юн Со Джун
장현우|Jang Hyeonu|Jang Hyun Woo|Тян Хен У
한지훈|Han Jihun|Han Ji Hoon|Хан Чжи Хун
조성훈|Jo Seonghun|Cho Sung Hoon|Чо Сон Хун
김동현|Gim Donghyeon|Kim Dong Hyun|Ким Дон Хен
박지성|Bak Jiseong|Park Ji Sung|Пак Чжи Сон
"""
# Russian-Jewish men: Russian Cyrillic given name and surname (written in Hebrew script below).
JEWISH_GIVEN = [
    "Владимир",
    "Александр",
    "Михаил",
    "Евгений",
    "Дмитрий",
    "Сергей",
    "Борис",
    "Иосиф",
    "Леонид",
    "Аркадий",
]
JEWISH_SURNAMES = [
    "Рабинович",
    "Абрамович",
    "Гольдберг",
    "Левин",
    "Фридман",
    "Шапиро",
    "Каплан",
    "Либерман",
    "Гуревич",
    "Кацнельсон",
    "Рабин",
    "Лернер",
]


def rows(block: str) -> list[list[str]]:
    """The lines of a table block, split at |."""
    return [line.split("|") for line in block.strip().splitlines()]


def words(block: str) -> list[str]:
    """The words of a block."""
    return block.split()
