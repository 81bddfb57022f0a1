"""Walk the inputs a user names and turn every file into articles or rejections (nothing is skipped silently)."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nightdesk.errors import NightdeskError
from nightdesk.extract.decode import decode_bytes
from nightdesk.extract.feeds import read_feed
from nightdesk.extract.html import extract_html
from nightdesk.extract.records import Article, RejectedInput, Rejection, make_article
from nightdesk.extract.records_file import read_records
from nightdesk.extract.warc import read_warc
from nightdesk.settings import Limits

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".jsonl", ".json"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
SIDECAR_SUFFIX = ".meta.json"


@dataclass
class Extracted:
    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    empty_inputs: list[str] = field(default_factory=list)  # folders holding no file at all (a warning, not a failure)
    inputs_read: int = 0  # files, records, items and pages found, counted apart from the results (see Tally)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for compound in (".warc.gz", SIDECAR_SUFFIX):
        if name.endswith(compound):
            return compound
    return path.suffix.lower()


def _walk(root: Path, visited: set[str]) -> Iterator[Path | Rejection]:
    """Every file under root, sorted; a folder that cannot be listed is a rejection (os.walk would skip it). Each
    real folder is walked once, however many links lead to it (a link back up would otherwise loop)."""
    if root.is_file():
        yield root
        return
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable.append):
        yield from _folder_rejections(unreadable)
        real = os.path.realpath(dirpath)
        if real in visited:
            dirnames[:] = []
            continue
        visited.add(real)
        dirnames.sort()
        for name in sorted(filenames):
            yield Path(dirpath) / name
        # A linked folder is walked only when it stays inside the input (checked per file below).
        for d in dirnames:
            if (Path(dirpath) / d).is_symlink():
                yield Path(dirpath) / d
    yield from _folder_rejections(unreadable)


def _folder_rejections(errors: list[OSError]) -> Iterator[Rejection]:
    while errors:
        exc = errors.pop(0)
        yield Rejection(str(exc.filename), f"cannot read the folder: {exc.strerror or exc}; its files were not loaded")


class InputUnavailable(NightdeskError):
    pass


def check_inputs(inputs: Iterable[Path]) -> None:
    """Fail the run before anything changes when an input given by name is missing or unreadable: a mistyped or
    unmounted path must not look like a quiet night. Files inside a readable folder are judged one by one later."""
    for root in inputs:
        if not root.exists():
            raise InputUnavailable(f"input {root} {_missing(root)}")
        try:
            if root.is_dir():
                with os.scandir(root):
                    pass
            elif not root.is_file():  # reading a FIFO or a device would wait for a writer, or never end
                raise InputUnavailable(f"input {root} is not a file or a folder (a named pipe, socket or device)")
            else:
                os.close(os.open(root, os.O_RDONLY))
        except OSError as exc:
            raise InputUnavailable(f"input {root} cannot be read: {exc.strerror or exc}") from None


def _missing(root: Path) -> str:
    """Why an input that does not exist is missing, in words: a link that loops, a link to nothing, or no such path."""
    if not root.is_symlink():
        return "does not exist; check the path (is the drive or share mounted?)"
    try:
        root.resolve(strict=True)
    except RuntimeError:  # Python 3.11-3.12 raise this for a loop
        return "is a link that leads back to itself (a loop of links); point it at the folder of articles"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a link that leads back to itself (a loop of links); point it at the folder of articles"
    return f"is a link to nothing (it points to {os.readlink(root)}); check the link (is the drive or share mounted?)"


def _read_sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(decode_bytes(sidecar.read_bytes()))
    except json.JSONDecodeError as exc:
        raise RejectedInput(f"sidecar {sidecar.name} is not valid JSON: {exc.msg} on line {exc.lineno}") from exc
    if not isinstance(meta, dict):
        raise RejectedInput(f"sidecar {sidecar.name} must hold one JSON object")
    meta.pop("text", None)
    meta.pop("html", None)
    return meta


@dataclass
class Tally:
    """Inputs read, counted where they are found (files, records, feed items, pages) and not from what came out,
    so the run's reconciliation can catch an input that was neither loaded nor rejected."""

    read: int = 0

    def add(self, n: int) -> None:
        self.read += n


def read_file(
    path: Path, root: Path, tally: Tally | None = None, visited: set[str] | None = None, limits: Limits = Limits()
) -> Iterator[Article | Rejection]:
    """All articles and rejections of one input file."""
    tally = tally if tally is not None else Tally()
    visited = visited if visited is not None else set()
    counted = tally.read
    uri = str(path)
    suffix = _suffix(path)
    try:
        resolved = path.resolve()
        root_resolved = root.resolve()
        if path.is_symlink() and root.is_dir() and not resolved.is_relative_to(root_resolved):
            raise RejectedInput(f"link leads outside the input folder (to {resolved}); copy the file in instead")
        if resolved.is_dir():
            for inner in _walk(resolved, visited):
                if isinstance(inner, Rejection):
                    tally.add(1)
                    yield inner
                else:
                    yield from read_file(inner, resolved, tally, visited, limits)
            return
        info = resolved.stat()
        if not stat.S_ISREG(info.st_mode):
            # Opening a named pipe waits for a writer, and a device may never end.
            raise RejectedInput("not a regular file (a named pipe, socket or device): only regular files are read")
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES:
            raise RejectedInput(
                f"unsupported file type {suffix or '(no extension)'}: use .txt, .md, .html, .htm, .jsonl, .json, "
                ".xml, .rss, .atom, .warc or .warc.gz"
            )
        size = info.st_size
        limit = limits.max_input_bytes
        if size > limit:
            raise RejectedInput(
                f"file is {size} bytes, over the {limit}-byte limit (raise NIGHTDESK_MAX_INPUT_BYTES to take it)"
            )
        if suffix in WARC_SUFFIXES:
            yield from read_warc(resolved, uri, tally.add, limits)
            return
        if suffix in FEED_SUFFIXES:
            data = resolved.read_bytes()
            if not data.strip():
                raise RejectedInput("empty file: it holds no bytes or only white space")
            yield from read_feed(data, uri, tally.add, limits)
            return
        content = decode_bytes(resolved.read_bytes())
        if suffix in RECORD_SUFFIXES:
            yield from read_records(content, uri, allow_document=suffix == ".json", on_read=tally.add, limits=limits)
            return
        source_id = path.relative_to(root).as_posix() if root.is_dir() else path.name
        meta = _read_sidecar(path)
        if suffix in HTML_SUFFIXES:
            content, page_meta = extract_html(content, url=meta.get("url"), limits=limits)
            meta = {**page_meta, **{k: v for k, v in meta.items() if v not in (None, "")}}
        # The file's identity: the input folder as given (made absolute, links not followed) and the path below it.
        file_key = os.path.abspath(root / source_id) if root.is_dir() else os.path.abspath(path)
        article = make_article(meta, content, uri, default_source_id=source_id, limits=limits, file_key=file_key)
        tally.add(1)
        yield article
    except RejectedInput as exc:
        yield _file_rejection(uri, str(exc), tally, counted)
    except OSError as exc:
        yield _file_rejection(uri, f"cannot read the file: {exc.strerror or exc}", tally, counted)
    except (Exception, RecursionError) as exc:  # an input no rule foresaw must not stop the others
        yield _file_rejection(uri, f"input could not be read ({type(exc).__name__}: {exc})", tally, counted)


def _file_rejection(uri: str, reason: str, tally: Tally, counted: int) -> Rejection:
    """The file, or what was left of it, is one rejected input. Records counted before the failure stay counted: a
    reader that counts up front (JSONL, feeds) and then fails half way makes the reconciliation fail, as it should."""
    tally.add(1)
    if tally.read - 1 > counted:
        reason += "; the rest of the file was not read"
    return Rejection(uri, reason)


def extract_inputs(inputs: Iterable[Path], limits: Limits = Limits()) -> Extracted:
    """Read every input; one article per id (a later duplicate is rejected, naming the first).

    Raises InputUnavailable when an input itself is missing or unreadable (see check_inputs)."""
    inputs = list(inputs)
    check_inputs(inputs)
    result = Extracted()
    tally = Tally()
    visited: set[str] = set()
    seen: dict[str, str] = {}
    for root in inputs:
        files = [root] if not root.is_dir() else list(_walk(root, visited))
        if not files:
            result.empty_inputs.append(str(root))
        for path in files:
            if isinstance(path, Rejection):
                tally.add(1)
                result.rejections.append(path)
                continue
            if _suffix(path) == SIDECAR_SUFFIX:
                continue  # read together with the article it describes
            for item in read_file(path, root, tally, visited, limits):
                if isinstance(item, Rejection):
                    result.rejections.append(item)
                elif item.article_id in seen:
                    result.rejections.append(
                        Rejection(
                            item.source_uri,
                            f"duplicate article (same id as {seen[item.article_id]}); the first one was kept",
                        )
                    )
                else:
                    seen[item.article_id] = item.source_uri
                    result.articles.append(item)
    result.inputs_read = tally.read
    return result
