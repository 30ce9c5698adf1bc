"""Find rules that go super-linear: each adversarial pattern is repeated to 10, 20 and
40 thousand characters and extracted; a pattern whose time grows more than about 2.5x
when the text doubles is reported.

    python bench/linearity.py [--sizes 10000 20000 40000] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import time

from kg import pipeline
from kg.document import Document
from kg.nlp import build_nlp

PATTERNS = [
    "0",
    "*_",
    "(",
    "((((",
    "))))",
    "'(",
    "[[(",
    "9" * 40,
    "1.000.",
    "€ 1,",
    "€ 1 ",
    "12 % ",
    "Stichting ",
    "De Wmo ",
    "Programma 1 ",
    "• Project ",
    "A. ",
    "en ",
    "\n",
    "\n\n",
    "\nWijkteam\n",
    "Zorg Voor Elkaar ",
    "x € 1.000\n",
    "| 12 | 13 |\n",
    "JIP (JIP) ",
    "‘Samen’ ",
    "Wethouder Jansen, ",
    "Ab ",
    "A B ",
    "AB CD ",
    "Stichting Zorg Voor ",
    "Project ‘",
    "1. A\n",
    "Aa (Bb) ",
    "• A\n",
    "2020 12 ",
    "Q4 12 ",
    "in 2020 waren 12 ",
    "project X met Stichting Y, ",
    "wijk Hatert, ",
    "Hatert, ",
    "Samen met GGD en project Z. ",
    "Stichting A{n} en project B{n}, ",
    "Aaa Bbb (AB{n}) ",
    "Programma {n} Zorg{n}\n",
    "1.{n} Zorg{n}\n",
    "Zorg{n}\nEen tekst van twaalf woorden die lang genoeg is voor een alinea hier.\n",
    "• Samenkracht en burgerparticipatie\n",
    " BegrotingRekening\nZorg12.400.5001.200.000\n",
    "Project{n} ",
    "project P{n} ",
    "de Buurtkracht{n} ",
    "Welzijn{n}team ",
    "X{n} biedt ",
    "‘Naam {n}’ ",
    "in samenwerking met Org{n} ",
    "regio R{n} ",
    "gemeente Zwolle ",
    "Friso Douwstra{n} ",
    "T. Lantink ",
    "wethouder ",
    "Hoofd{n}\n\n",
    "a\tb\t",
    # the rules of 2026-12-07 (#24, #26): listed taakvelden, structure words, plan years,
    # councils, legal forms joined by "en", headings in capitals
    "6.1 Samenkracht en burgerparticipatie, ",
    "6.1\nSamenkracht\n",
    "Programmalijn Meedoen{n}\n",
    "Beleidsplan Zorg 2020-2024 ",
    "adviesraad Sociaal Domein ",
    "Stichting A{n} en Zorggroep B{n} en ",
    "ONZE AMBITIE ",
    "Wat heeft het gekost?\n",
    "Terug naar navigatie - Z{n}\nZ{n}\n",
]


def text_of(pattern: str, size: int) -> str:
    parts, n = [], 0
    while sum(map(len, parts)) < size:
        parts.append(pattern.replace("{n}", _letters(n)))
        n += 1
    return "".join(parts)[:size]


def _letters(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s.capitalize()


def extract_seconds(text: str) -> float:
    doc = Document("hostile", pipeline.sample_path(), text, "Zwolle", "GM0193", 2022)
    t = time.perf_counter()
    pipeline.extract_document(doc)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    build_nlp()
    worst = 0.0
    for p in PATTERNS:
        if args.only not in p:
            continue
        times = [extract_seconds(text_of(p, s)) for s in args.sizes]
        growth = times[-1] / max(times[-2], 1e-3)
        worst = max(worst, growth if times[-1] > 0.2 else 0)
        flag = "  <-- super-linear" if growth > 2.5 and times[-1] > 0.2 else ""
        print(f"{p[:40]!r:44} " + " ".join(f"{t:6.2f}" for t in times) + flag, flush=True)
    print(f"worst growth on doubling (cases over 0.2 s): {worst:.2f}x")


if __name__ == "__main__":
    main()
