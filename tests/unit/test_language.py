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
