from pipeline.language import detect


def test_languages():
    assert detect("President Ilham Aliyev paid an official visit to Budapest, where he met the prime minister.") == "en"
    assert detect("Президент Азербайджана Ильхам Алиев посетил Пакистан с официальным визитом в 2015 году.") == "ru"
    assert detect("Le président a effectué une visite officielle au Pakistan pour des entretiens bilatéraux.") == "fr"


def test_too_little_text_is_undetermined():
    assert detect("12 34 -- !!") == "und"
