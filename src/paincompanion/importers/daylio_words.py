"""Words Daylio writes, in the languages it exports: month names (for the old `year,date` layout) and mood names.

Month names: nominative and genitive ("wrzesień"/"września", "сентябрь"/"сентября") in English, German,
French, Spanish, Italian, Portuguese, Dutch, Polish, Russian, Ukrainian, Czech, Slovak, Turkish, Swedish,
Danish, Norwegian, Finnish, Hungarian, Romanian, Greek, Catalan and Indonesian; Japanese, Chinese and Korean
write the month as a number ("6月", "6월"). A name two languages use for different months is left out
(asked as unreadable, never guessed).

Mood names: Daylio's five mood groups (rad, good, meh, bad, awful) under their default names in those
languages, and words people often give their own moods ("content", "anxious"). Only a starting point: the
import preview shows every mood of the file with the 0–10 it gets, and the patient can change each one.
"""

from __future__ import annotations

import unicodedata

_MONTH_LISTS = (
    # English
    "january february march april may june july august september october november december",
    # German (and Austrian Jänner)
    "januar februar märz april mai juni juli august september oktober november dezember",
    "jänner",
    # French
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    # Spanish
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    # Italian
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    # Portuguese
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    # Dutch
    "januari februari maart april mei juni juli augustus september oktober november december",
    # Polish, nominative then genitive
    "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień",
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
    # Russian
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    # Ukrainian
    "січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень",
    "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    # Czech
    "leden únor březen duben květen červen červenec srpen září říjen listopad prosinec",
    "ledna února března dubna května června července srpna září října listopadu prosince",
    # Slovak
    "január február marec apríl máj jún júl august september október november december",
    "januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra",
    # Turkish
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    # Swedish, Danish, Norwegian
    "januari februari mars april maj juni juli augusti september oktober november december",
    "januar februar marts april maj juni juli august september oktober november december",
    # Finnish (the date form adds -ta: "22. kesäkuuta")
    "tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu",
    "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta"
    " marraskuuta joulukuuta",
    # Hungarian
    "január február március április május június július augusztus szeptember október november december",
    # Romanian
    "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie",
    # Greek, nominative then genitive
    "ιανουάριος φεβρουάριος μάρτιος απρίλιος μάιος ιούνιος ιούλιος αύγουστος σεπτέμβριος οκτώβριος νοέμβριος"
    " δεκέμβριος",
    "ιανουαρίου φεβρουαρίου μαρτίου απριλίου μαΐου ιουνίου ιουλίου αυγούστου σεπτεμβρίου οκτωβρίου νοεμβρίου"
    " δεκεμβρίου",
    # Catalan
    "gener febrer març abril maig juny juliol agost setembre octubre novembre desembre",
    # Indonesian
    "januari februari maret april mei juni juli agustus september oktober november desember",
)


def fold(text: str) -> str:
    """Lower case, accents kept (they tell months apart), spaces single, dots dropped."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace(".", " ").split())


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    clash: set[str] = set()
    for line in _MONTH_LISTS:
        names = line.split()
        months = range(1, 13) if len(names) == 12 else [1]  # "jänner" alone is January
        for month, name in zip(months, names):
            if table.setdefault(name, month) != month:
                clash.add(name)
    table.update({"sept": 9, "setiembre": 9})  # common spellings outside the lists
    for name in clash:
        del table[name]
    return table


MONTHS: dict[str, int] = _month_table()


def month_number(word: str) -> int | None:
    """A month's number from its name or an abbreviation of at least three letters ("sept", "окт", "giu")."""
    name = fold(word).strip(" ,")
    if name in MONTHS:
        return MONTHS[name]
    if len(name) < 3:
        return None
    found = {month for full, month in MONTHS.items() if full.startswith(name)}
    return found.pop() if len(found) == 1 else None


#: Daylio's five mood groups, best first, and the 0–10 each gets by default.
GROUPS: dict[str, int] = {"rad": 10, "good": 8, "meh": 5, "bad": 3, "awful": 0}

_GROUP_WORDS = {
    "rad": (
        "rad", "great", "amazing", "awesome", "fantastic", "excellent", "ecstatic", "euphoric", "wonderful",
        "laughing", "super", "wspaniale", "świetnie", "genial", "radiante", "increíble", "fantástico",
        "fantastico", "ottimo", "raggiante", "ótimo", "incrível", "radieux", "génial", "супер", "отлично",
        "великолепно", "чудово", "skvěle", "výborně", "harika", "mükemmel", "geweldig", "fantastisch",
        "perfekt", "erinomainen", "mahtava", "csodás", "grozav", "υπέροχα", "最高", "최고", "棒极了",
    ),
    "good": (
        "good", "happy", "content", "fine", "calm", "relaxed", "optimistic", "motivated", "rested", "grateful",
        "productive", "pretty good", "dobrze", "bien", "pos bien", "bueno", "feliz", "motivado", "motivada",
        "tranquilo", "tranquila", "gut", "glücklich", "bon", "content", "heureux", "bene", "buono", "felice",
        "bem", "bom", "contente", "goed", "blij", "хорошо", "добре", "dobře", "dobre", "iyi", "mutlu", "bra",
        "godt", "hyvä", "jó", "bine", "καλά", "良い", "좋음", "开心", "好",
    ),
    "meh": (
        "meh", "okay", "ok", "vaguely ok", "cansado", "cansada", "fatigué", "fatiguée", "stanco", "stanca", "müde",
        "zmęczony", "zmęczona", "w porządku", "устал", "устала", "mittelmäßig",
        "alright", "neutral", "so-so", "so so", "normal", "average", "bored",
        "boring", "distracted", "tired", "indifferent", "tak sobie", "normalnie", "regular", "como siempre",
        "más o menos", "mas o menos", "así así", "normal", "naja", "geht so", "mittel", "bof", "moyen",
        "comme ci comme ça", "così così", "cosi cosi", "normale", "mais ou menos", "médio", "más o menos",
        "gaat wel", "так себе", "нормально", "нормально", "ujde", "normální", "fena değil", "idare eder",
        "sådär", "okej", "ihan ok", "megvagyok", "așa și așa", "έτσι κι έτσι", "普通", "보통", "一般",
    ),
    "bad": (
        "bad", "sad", "down", "low", "anxious", "stressed", "worried", "frustrated", "angry", "annoyed",
        "irritated", "lonely", "exhausted", "sick", "ill", "in pain", "vaguely bad", "źle", "smutny", "smutna",
        "mal", "triste", "ansioso", "ansiosa", "sin animo", "sin ánimo", "estresado", "smutno", "schlimm",
        "schlecht", "traurig", "gestresst", "mauvais", "male", "ruim",
        "slecht", "плохо", "грустно", "погано", "špatně", "zle", "kötü", "dåligt", "dårlig", "huono", "rossz",
        "rău", "άσχημα", "悪い", "나쁨", "难过", "不好",
    ),
    "awful": (
        "awful", "terrible", "horrible", "miserable", "depressed", "hopeless", "helpless", "panic", "beyond anxious",
        "furious", "devastated", "okropnie", "fatal", "horrible", "terrible", "fatal", "una mierda", "deprimido",
        "deprimida", "fürchterlich", "furchtbar", "schrecklich", "mies", "affreux", "horrible", "atroce",
        "orribile", "terribile", "malissimo", "pessimo", "horrível", "péssimo", "terrível", "verschrikkelijk",
        "ужасно", "жахливо", "hrozně", "strašne", "berbat", "korkunç", "hemskt", "forferdelig", "forfærdeligt",
        "kamala", "szörnyű", "groaznic", "lausig", "απαίσια", "最悪", "최악", "糟透了",
    ),
}  # fmt: skip

MOOD_WORDS: dict[str, str] = {fold(word): group for group, words in _GROUP_WORDS.items() for word in words}


def mood_group(name: str) -> str | None:
    """The Daylio group a mood's name suggests ("tak sobie" → "meh"), or None when no word of it is known.

    The whole name first; else its words, the last known word deciding ("beyond anxious" is known whole,
    "very tired" by "tired"), since a qualifier comes before the word in most of these languages.
    """
    key = fold(name)
    if key in MOOD_WORDS:
        return MOOD_WORDS[key]
    words = [w.strip(",;:!?()") for w in key.split()]
    found = [MOOD_WORDS[w] for w in words if w in MOOD_WORDS]
    return found[-1] if found else None
