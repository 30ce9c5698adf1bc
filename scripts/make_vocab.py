"""Write what is generated from the ontology: ``kg/vocab.py`` and the generated blocks of
``ontology/shapes.ttl`` (see :mod:`ontology.generate`). Run after editing ``gkg.ttl``:

    python scripts/make_vocab.py
"""

from pathlib import Path

from ontology.generate import outputs

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    for path, text in outputs(ROOT).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
