"""Synthetic news corpora for tests, examples and benchmarks.

The texts are made by combining sentences written for this module (no text
from any article or dataset), with names, places, figures and months varied
deterministically from a seed. Each document belongs to a story (``story``
column): documents of one story share its event, place and actors, so that
alignment finds claims stated by several outlets.

>>> from credence.synth import corpus
>>> df = corpus(3, seed=1)
>>> list(df.columns)
['id', 'text', 'outlet', 'title', 'url', 'published', 'language', 'story']
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

import pandas as pd

__all__ = ["corpus", "documents", "write_jsonl"]

_FR_SUBJECTS = [
    "le ministère de la Santé",
    "la préfecture",
    "le maire de {place}",
    "la compagnie ferroviaire",
    "l'agence régionale de l'eau",
    "le syndicat des transports",
    "la direction de l'usine",
    "les services de secours",
]
_FR_VAGUE = ["des experts", "plusieurs témoins", "une source proche du dossier", "des habitants"]
_FR_NAMED = ["Claire Dubois", "Marc Leroy", "Sophie Martin", "Julien Petit", "Amélie Rousseau"]
_FR_PLACES = ["Valmont", "Saint-Aubin", "Rochefort-sur-Lys", "Beaulieu", "Port-Marin", "Clairval"]
_FR_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]
_FR_EVENTS = [
    ("inondations", "habitants évacués"),
    ("grève des transports", "trains supprimés"),
    ("incendie de forêt", "hectares brûlés"),
    ("fermeture de l'usine", "emplois supprimés"),
    ("épidémie de grippe", "patients hospitalisés"),
]
_FR_SENTENCES = [
    "Selon {vague}, les {event} à {place} auraient fait {n} {thing}.",
    "{Subject} a annoncé que {n} {thing} avaient été recensés à {place} le {day} {month}.",
    "{Named}, porte-parole de {subject}, a déclaré que la situation était sous contrôle.",
    "Les {event} pourraient durer encore plusieurs semaines, d'après {vague}.",
    "Il est probable que le bilan des {event} s'alourdisse dans les prochains jours.",
    "Le {day} {month}, {subject} a confirmé la fermeture de trois écoles à {place}.",
    "{Subject} n'a pas confirmé ces chiffres.",
    "Environ {n} {thing} ont été signalés depuis le début des {event}.",
    "D'après {named}, plus de {n} {thing} seraient concernés.",
    "Les autorités ont affirmé qu'aucune victime n'était à déplorer.",
    "Pourquoi les secours sont-ils arrivés si tard à {place} ?",
    "Une enquête a été ouverte pour déterminer les causes des {event}.",
    "Les {event} ont sans doute été aggravés par le manque d'entretien.",
    "{Subject} estime que {n} {thing} est un chiffre exagéré.",
    "Il est certain que la reconstruction prendra des mois.",
]
_FR_BOILER = [
    "Partager cet article",
    "Laisser un commentaire",
    "Les opinions exprimées dans cet article sont celles de l'auteur.",
]

_EN_SUBJECTS = [
    "the health ministry",
    "the city council of {place}",
    "the rail operator",
    "the regional water board",
    "the transport union",
    "the plant's management",
    "the fire service",
]
_EN_VAGUE = ["experts", "several witnesses", "a source close to the matter", "local residents"]
_EN_NAMED = ["Jane Carter", "Tom Walsh", "Priya Shah", "Daniel Brooks", "Emily Hart"]
_EN_PLACES = ["Millbrook", "Eastport", "Ashford Vale", "Kingsbridge", "Redwater"]
_EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
_EN_EVENTS = [
    ("floods", "residents evacuated"),
    ("rail strike", "trains cancelled"),
    ("wildfire", "hectares burned"),
    ("plant closure", "jobs cut"),
    ("flu outbreak", "patients admitted"),
]
_EN_SENTENCES = [
    "According to {vague}, the {event} in {place} may have left {n} {thing}.",
    "{Subject} said {n} {thing} had been recorded in {place} on {month} {day}.",
    "{Named}, a spokesperson for {subject}, said the situation was under control.",
    "The {event} could last several more weeks, {vague} said.",
    "The toll of the {event} will probably rise in the coming days.",
    "On {month} {day}, {subject} confirmed that three schools in {place} had closed.",
    "{Subject} did not confirm those figures.",
    "About {n} {thing} have been reported since the {event} began.",
    "According to {named}, more than {n} {thing} are allegedly affected.",
    "Officials insisted that nobody had been hurt.",
    "Why did help take so long to reach {place}?",
    "An inquiry has been opened into the causes of the {event}.",
    "The {event} were reportedly made worse by poor maintenance.",
    "{Subject} believes that {n} {thing} is an exaggerated figure.",
    "Rebuilding will certainly take months.",
]
_EN_BOILER = ["Share this article", "Leave a comment", "Sign up for our newsletter"]

_OUTLETS = [
    "Le Quotidien du Val", "La Gazette du Port", "Info Rapide", "Le Courrier Local",
    "The Daily Ledger", "Morning Herald", "Coastal News", "The Evening Post",
]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _number(rng: random.Random, fr: bool) -> str:
    v = rng.choice([12, 40, 150, 300, 1200, 2500, 3000, 10000, 12000, 45000])
    v = v * rng.choice([1, 1, 1, 2, 3])
    if v >= 1000:
        sep = "\u202f" if fr and rng.random() < 0.3 else (" " if fr else ",")
        return f"{v // 1000}{sep}{v % 1000:03d}"
    return str(v)


def _story(rng: random.Random, k: int) -> dict:
    fr = k % 3 != 2
    events = _FR_EVENTS if fr else _EN_EVENTS
    event, thing = events[rng.randrange(len(events))]
    return {
        "fr": fr,
        "event": event,
        "thing": thing,
        "place": rng.choice(_FR_PLACES if fr else _EN_PLACES),
        "month": rng.randrange(12),
        "day": rng.randrange(1, 29),
    }


def _text(rng: random.Random, story: dict, sentences: int) -> tuple[str, str]:
    fr = story["fr"]
    pool = _FR_SENTENCES if fr else _EN_SENTENCES
    months = _FR_MONTHS if fr else _EN_MONTHS
    paragraphs: list[str] = []
    para: list[str] = []
    for _ in range(sentences):
        place = story["place"]
        fields = {
            "place": place,
            "event": story["event"],
            "thing": story["thing"],
            "month": months[story["month"]],
            "day": str(story["day"] if rng.random() < 0.8 else rng.randrange(1, 29)),
            "n": _number(rng, fr),
            "vague": rng.choice(_FR_VAGUE if fr else _EN_VAGUE),
            "named": rng.choice(_FR_NAMED if fr else _EN_NAMED),
            "subject": rng.choice(_FR_SUBJECTS if fr else _EN_SUBJECTS).format(place=place),
        }
        fields["Subject"] = _cap(fields["subject"])
        fields["Named"] = fields["named"]
        para.append(_cap(rng.choice(pool).format(**fields)))
        if len(para) >= rng.randrange(2, 5):
            paragraphs.append(" ".join(para))
            para = []
    if para:
        paragraphs.append(" ".join(para))
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(_FR_BOILER if fr else _EN_BOILER))
    title = (
        f"{_cap(story['event'])} à {story['place']}" if fr else f"{_cap(story['event'])} in {story['place']}"
    )
    return title, "\n\n".join([title] + paragraphs)


def documents(n: int, *, seed: int = 0, stories: int | None = None, sentences: tuple[int, int] = (6, 14)) -> Iterator[dict]:
    """``n`` documents as dicts (``id``, ``text``, ``outlet``, ``title``,
    ``url``, ``published``, ``language``, ``story``), the same for the same
    arguments. ``stories`` (default ``n // 20 + 1``) is the number of
    stories the documents are spread over; ``sentences`` the range of
    sentences per document."""
    rng = random.Random(seed)
    stories = stories or n // 20 + 1
    plots = [_story(random.Random(f"{seed}/{k}"), k) for k in range(stories)]
    for i in range(n):
        k = rng.randrange(stories)
        story = plots[k]
        title, text = _text(rng, story, rng.randint(*sentences))
        outlet = rng.choice(_OUTLETS[:4] if story["fr"] else _OUTLETS[4:])
        r = rng.random()
        yield {
            "id": f"d{seed}-{i:07d}",
            "text": text,
            # Some documents without an outlet or a language tag.
            "outlet": outlet if r > 0.05 else None,
            "title": title,
            "url": f"https://news.example/{k}/{i}",
            "published": f"2025-{story['month'] + 1:02d}-{story['day']:02d}",
            "language": ("fr" if story["fr"] else "en") if r > 0.2 else None,
            "story": f"story-{k:05d}",
        }


def corpus(n: int, *, seed: int = 0, stories: int | None = None) -> pd.DataFrame:
    """:func:`documents` as a DataFrame."""
    return pd.DataFrame.from_records(
        list(documents(n, seed=seed, stories=stories)),
        columns=["id", "text", "outlet", "title", "url", "published", "language", "story"],
    )


def write_jsonl(path: str | Path, n: int, *, seed: int = 0, stories: int | None = None) -> int:
    """Write :func:`documents` as JSONL (one object a line, as ``credence
    analyze`` reads it); returns the number of bytes written."""
    size = 0
    with open(path, "w", encoding="utf-8") as f:
        for d in documents(n, seed=seed, stories=stories):
            line = json.dumps(d, ensure_ascii=False) + "\n"
            size += len(line.encode("utf-8"))
            f.write(line)
    return size
