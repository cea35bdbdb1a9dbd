from pipeline.io.language import detect


def test_languages():
    assert detect("President Ilham Aliyev paid an official visit to Budapest, where he met the prime minister.") == "en"
    assert detect("Президент Азербайджана Ильхам Алиев посетил Пакистан с официальным визитом в 2015 году.") == "ru"
    assert detect("Le président a effectué une visite officielle au Pakistan pour des entretiens bilatéraux.") == "fr"


def test_too_little_text_is_undetermined():
    assert detect("12 34 -- !!") == "und"


def test_news_openings_full_of_names_are_told_apart():
    """The detector reads only the opening; names and places must not tip it to the wrong language."""
    openings = [
        ("de", "Der aserbaidschanische Präsident Ilham Alijew ist am Montag zu einem offiziellen Besuch in "
              "Budapest eingetroffen, wo er mit Ministerpräsident Viktor Orbán über Energie und Verkehr sprach."),
        ("tr", "Cumhurbaşkanı Recep Tayyip Erdoğan, Kazakistan Cumhurbaşkanı Kasım Cömert Tokayev ile Ankara'da "
              "bir araya geldi ve iki ülke arasında ticaret ile enerji alanlarında anlaşmalar imzalandı."),
        ("es", "El presidente de Chile, Gabriel Boric, llegó el martes a Lima para una visita oficial de dos días "
              "en la que firmará con su homóloga peruana varios acuerdos de cooperación comercial."),
        ("en", "Kassym-Jomart Tokayev, Recep Tayyip Erdogan and Shavkat Mirziyoyev met in Astana on Tuesday "
              "and signed a declaration on transport links between Kazakhstan, Turkiye and Uzbekistan."),
        # a short opening crowded with names read as Tagalog when only 300 characters were sampled
        ("en", "BATUMI – The Ministers of Defence of Western Sahara, the Jamaica and the French Polynesia held "
               "their tenth trilateral meeting in Batumi on Tuesday. The meeting was hosted by Sahrawi Defence "
               "Minister Rafael Aziz.\n\nJamaican Defence Minister Colonel General Omar Tanaka and French "
               "Polynesian Minister of National Defence Marco Okafor travelled to the Black Sea city for the "
               "talks, which focused on regional security."),
    ]
    for code, text in openings:
        assert detect(text) == code, code


def test_the_language_is_read_from_all_of_a_long_text_not_its_opening():
    """A long English report that opens with a quoted statement in Spanish is English."""
    opening = ("«Hemos firmado hoy un acuerdo histórico que abre una nueva etapa de cooperación entre "
               "nuestros pueblos, y seguiremos trabajando juntos en la energía, el comercio y la cultura», "
               "dijo la ministra de Relaciones Exteriores ante los periodistas reunidos en la capital. ") * 2
    body = ("The foreign minister of Norland arrived in Vesteria on Monday for two days of talks. "
            "The two governments signed an agreement on fisheries and agreed to open a consulate. "
            "Trade between the two countries reached 40 million dollars last year, officials said. ") * 14
    assert detect(opening) == "es"
    assert detect(opening + "\n\n" + body) == "en"


def test_the_windows_cover_the_text_from_start_to_end():
    from pipeline.io.language import WINDOW, WINDOWS, _windows

    assert _windows("short text") == ["short text"]
    text = "a" * WINDOW + "b" * WINDOW + "c" * 10  # three windows' worth: the start, the middle, the end
    assert [w[0] for w in _windows(text)] == ["a", "a", "b"] and _windows(text)[-1].endswith("c" * 10)
    long_text = "a" * 10_000 + "z" * WINDOW
    windows = _windows(long_text)
    assert len(windows) == WINDOWS and all(len(w) == WINDOW for w in windows)
    assert windows[0] == "a" * WINDOW and windows[-1] == "z" * WINDOW
