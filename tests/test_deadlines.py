"""Deadline and period patterns, French and English, each on sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from newswatch.text.deadlines import find_deadlines, first_date

REFERENCE = date(2026, 1, 5)
D = date

# (sentence, expected [(starts, ends, until)]) — the reference date is 5 January 2026.
CASES = [
    # French periods
    ("La participation du public par voie électronique se déroulera du 12 janvier au 12 février 2026 inclus.",
     [(D(2026, 1, 12), D(2026, 2, 12), None)]),
    ("L'enquête publique aura lieu du lundi 2 février 2026 à 9 h au vendredi 6 mars 2026 à 17h30.",
     [(D(2026, 2, 2), D(2026, 3, 6), "17:30")]),
    ("Consultation du public du 1er au 28 février 2026 sur le projet d'arrêté.",
     [(D(2026, 2, 1), D(2026, 2, 28), None)]),
    ("La concertation préalable se tiendra du 15 décembre au 15 janvier 2026.",
     [(D(2025, 12, 15), D(2026, 1, 15), None)]),
    ("Le dossier d'enquête est consultable entre le 2 et le 20 mars 2026 en mairie.",
     [(D(2026, 3, 2), D(2026, 3, 20), None)]),
    ("Les observations sont recueillies du 12/01/2026 au 12/02/2026 sur le registre.",
     [(D(2026, 1, 12), D(2026, 2, 12), None)]),
    ("La consultation est ouverte du 10 février jusqu'au 10 mars.",
     [(D(2026, 2, 10), D(2026, 3, 10), None)]),
    ("Enquête publique : 12 janvier 2026 – 12 février 2026", [(D(2026, 1, 12), D(2026, 2, 12), None)]),
    ("Participation du public par voie électronique 02/03/2026 - 02/04/2026 (registre en ligne).",
     [(D(2026, 3, 2), D(2026, 4, 2), None)]),
    ("Registre : lundi 2 mars – vendredi 3 avril 2026 à 17 h", [(D(2026, 3, 2), D(2026, 4, 3), "17:00")]),
    ("Enquête publique (12/01/2026-12/02/2026), registre en mairie.", [(D(2026, 1, 12), D(2026, 2, 12), None)]),
    # French deadlines
    ("Le registre est ouvert jusqu'au 3 mars 2026 à 17 h.", [(None, D(2026, 3, 3), "17:00")]),
    ("Le registre dématérialisé est ouvert jusqu’au 3 mars.", [(None, D(2026, 3, 3), None)]),
    ("Les observations sont à adresser avant le 15/02/2026.", [(None, D(2026, 2, 15), None)]),
    ("Les contributions doivent parvenir au plus tard le 20 février 2026 à 12 heures.",
     [(None, D(2026, 2, 20), "12:00")]),
    ("Date limite de dépôt des contributions : 20 février 2026", [(None, D(2026, 2, 20), None)]),
    ("La consultation sera clôturée le 27 février.", [(None, D(2026, 2, 27), None)]),
    # English
    ("Comments on the application are open from 12 January to 12 February 2026.",
     [(D(2026, 1, 12), D(2026, 2, 12), None)]),
    ("The public inquiry runs between 2 March and 3 April 2026.", [(D(2026, 3, 2), D(2026, 4, 3), None)]),
    ("Submissions must be received no later than February 15, 2026 at 5 p.m.",
     [(None, D(2026, 2, 15), "17:00")]),
    ("The consultation closes on 3rd March.", [(None, D(2026, 3, 3), None)]),
    ("Objections may be sent until Friday, 6 March 2026.", [(None, D(2026, 3, 6), None)]),
    ("Residents have until 2026-02-27 to comment on the permit.", [(None, D(2026, 2, 27), None)]),
    # what is not a period or a deadline
    ("Le festival aura lieu du 3 au 5 juillet 2026 sur la place.", []),
    ("Le data center sera mis en service d'ici la fin de l'année 2026.", []),
    ("Sesterce vise 1,2 million de GPU d'ici 2030 et 52 milliards d'euros.", []),
    ("The company was founded in 2018 by two engineers.", []),
    ("Il s'est rendu sur place le 13 mars 2025 pour présenter le projet.", []),
    ("Le festival : 3 juillet 2026 - 5 juillet 2026, sur la place.", []),
    ("Dossier n° 2026-03-12 — arrêté du 12 mars 2026.", []),
    ("Consultation du dossier n° 2026-112 du registre.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_each_pattern_on_a_sentence_we_wrote(sentence, expected):
    found = [(d.starts, d.ends, d.until) for d in find_deadlines(sentence, REFERENCE)]
    assert found == expected


def test_a_date_without_a_year_takes_the_year_closest_after_the_reference():
    notice = "Le registre est ouvert jusqu'au 3 mars."
    assert find_deadlines(notice, date(2025, 12, 20))[0].ends == D(2026, 3, 3)  # next March
    assert find_deadlines(notice, date(2026, 3, 20))[0].ends == D(2026, 3, 3)  # just past: still this one
    assert find_deadlines(notice, date(2026, 9, 1))[0].ends == D(2027, 3, 3)


def test_the_phrase_and_its_sentence_are_kept_on_one_line_with_their_position():
    text = ("Préambule.\nLa participation du public se déroulera du 12 janvier au\n12 février 2026 inclus. "
            "Le dossier est en mairie.")
    (found,) = find_deadlines(text, REFERENCE)
    assert found.phrase == "du 12 janvier au 12 février 2026"
    assert found.context == "La participation du public se déroulera du 12 janvier au 12 février 2026 inclus."
    assert text[found.offset:].startswith("du 12 janvier")


def test_one_entry_per_period_even_when_the_text_repeats_it():
    text = ("Enquête publique du 2 au 20 mars 2026. Rappel: l'enquête publique se tient du 2 au 20 mars 2026. "
            "Le registre est ouvert jusqu'au 20 mars 2026.")
    found = find_deadlines(text, REFERENCE)
    assert [(d.starts, d.ends) for d in found] == [(D(2026, 3, 2), D(2026, 3, 20))]


def test_impossible_dates_are_ignored():
    assert find_deadlines("Le registre est ouvert jusqu'au 31 février 2026.", REFERENCE) == []


def test_first_date_is_the_first_date_with_a_year():
    assert first_date("Séance du 4 décembre. Valence, le 5 janvier 2026.") == D(2026, 1, 5)
    assert first_date("Aucune date ici.") is None


def test_a_deadline_on_the_last_day_of_a_period_is_folded_into_it():
    text = ("La participation du public se déroulera du 12 janvier au 12 février 2026 inclus. Le registre "
            "dématérialisé est ouvert jusqu'au 12 février 2026 à 17 h. Avis publié jusqu'au 20 mars 2026.")
    found = [(d.starts, d.ends, d.until) for d in find_deadlines(text, REFERENCE)]
    assert found == [(D(2026, 1, 12), D(2026, 2, 12), "17:00"), (None, D(2026, 3, 20), None)]
