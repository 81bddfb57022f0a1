"""What a syndicated or repeated copy of an article is recognised by: its URL with the tracking and mobile-page noise
taken out, and a MinHash signature (datasketch) of its body's word shingles. The load compares them with the lake's
(flows/load/stories.py); here each article only gets its own."""

from __future__ import annotations

import re
from functools import cache
from importlib.metadata import version
from urllib.parse import parse_qsl, urlencode, urlsplit

PERMUTATIONS = 128  # signature length: the similarity estimate's standard error is about 0.04 at 128
SHINGLE_WORDS = 5  # word 5-grams: one changed word changes at most 5 shingles; unrelated texts share almost none
_WORD = re.compile(r"\w+")
# Distinct stories (told apart by their longest other paragraph) that make a shared paragraph boilerplate; measured on
# the planted copies (flows/evaluate/copies.py): see the README.
COMMON_LEADS = 4

# Query parameters that name the campaign, click or session that brought a reader, never the page.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref|ref_src|ref_url|"
    r"cmpid|cmp|smid|smtyp|partner|ocid|src|source|taid|sr_share|share|at_medium|at_campaign|output|amp|outputtype)$",
    re.IGNORECASE,
)


def url_key(url: str | None) -> str | None:
    """The URL reduced to what names the page: no scheme, `www.`, `m.` or `amp.` host prefix, AMP path part,
    fragment, tracking parameter or trailing slash; the host lower-cased and the other parameters sorted. Two URLs
    with the same key are the same article. None when there is no URL or it names no host."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip() if "//" in url else "//" + url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return None
    host = re.sub(r"^(www\d*|m|amp|mobile)\.", "", host)
    segments = [s for s in parts.path.split("/") if s and s.lower() != "amp"]
    if segments:
        segments[-1] = re.sub(r"\.amp(?=(\.html?)?$)", "", segments[-1], flags=re.IGNORECASE)
        if re.fullmatch(r"index\.html?", segments[-1], flags=re.IGNORECASE):
            segments.pop()
    path = "".join("/" + s for s in segments)
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    try:
        number = parts.port
    except ValueError:  # a port that is no number or out of range names no page (extract leaves such URLs out)
        return None
    port = f":{number}" if number and number not in (80, 443) else ""
    return host + port + path + ("?" + urlencode(query) if query else "")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def paragraph_keys(body: str) -> list[str]:
    """The body's paragraphs (lines) as their lower-cased words: the same paragraph however it is spaced."""
    return [key for line in body.split("\n") if (key := " ".join(_words(line)))]


def common_paragraphs(bodies: list[str]) -> set[str]:
    """Paragraphs that recur across different stories: a wire footer, a newsletter plug, a share line. A paragraph is
    common when the articles that carry it have at least COMMON_LEADS different longest other paragraphs: copies of
    one story share their longest paragraph (or a few, when edited or cut), unrelated articles do not. Without this,
    two short briefs under the same long footer look like copies of each other."""
    leads: dict[str, set[str]] = {}
    for body in bodies:
        keys = list(dict.fromkeys(paragraph_keys(body)))
        longest = sorted(keys, key=len, reverse=True)[:2] + ["", ""]  # an article's longest other paragraph is
        for key in keys:  # its longest, or for that one the second longest
            leads.setdefault(key, set()).add(longest[1] if key == longest[0] else longest[0])
    return {key for key, found in leads.items() if len(found) >= COMMON_LEADS}


def shingles(text: str) -> set[bytes]:
    """The text's word 5-grams, lower-cased, punctuation and spacing ignored (a text of fewer words: itself)."""
    words = _words(text)
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


@cache
def _empty():
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=1)


def signature_version() -> str:
    """What a stored signature depends on: signatures made otherwise never compare."""
    return f"datasketch {version('datasketch')} minhash {PERMUTATIONS} perm seed 1, word {SHINGLE_WORDS}-shingles"


def signature(body: str, common: set[str] | frozenset[str] = frozenset()) -> list[int] | None:
    """MinHash signature of the body's shingles, its `common` paragraphs left out unless nothing else is left (the
    same seed everywhere, so signatures of any night compare); None for a text without a word."""
    keys = paragraph_keys(body)
    found = shingles(" ".join([key for key in keys if key not in common] or keys))
    if not found:
        return None
    sketch = _empty().copy()
    sketch.update_batch(list(found))
    return [int(v) for v in sketch.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets (the share of equal positions)."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


@cache
def bands(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index for this threshold: datasketch's choice (MinHashLSH's own), which weighs
    missed pairs and needless comparisons alike."""
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    return index.b, index.r
