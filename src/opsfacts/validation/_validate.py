"""Validating documents as ``opsfacts validate`` does: parse, honour ``$schema``, load, check.

:func:`validate` is the whole command as a function: paths in, the report out.
A :class:`DocumentValidator` is built once and used for every document: the
converter, the JSON Schema validators and the check configuration are made
once, not per document. Its reports (:class:`~opsfacts.validation.FileReport`)
carry every problem and finding with its code, JSON path, line and column,
ready for :func:`opsfacts.validation.render` or for a tool of your own.
"""

from __future__ import annotations

import functools
import json
import os
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

import attrs

from ..diagnostics import Finding, PathPart, Severity, format_path
from ..documents._inputs import Input
from ..documents._loading import load_parsed, parse, read_source, read_stdin
from ..documents._migration import READ_VERSIONS, version_of
from ..documents._sources import Parsed
from ..errors import InvalidDocument, ParseError, ReadError
from ..model._classes import FORMAT_VERSION
from ..schema._generate import schema_file_name, schema_id, schema_url, schema_urn
from ._report import FileReport, Report, sort_entries

if TYPE_CHECKING:
    from ..checks import CheckConfig

__all__ = [
    "ChecksRunner",
    "DocumentValidator",
    "Input",
    "checks_runner",
    "schema_problems",
    "validate",
    "validate_inputs",
]


# Runs the consistency checks on a factsheet: its findings, without a position.
ChecksRunner = Callable[[Any], list[Finding]]

_MAX_MESSAGE = 200


def _short(text: str) -> str:
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def _flatten(error: Any) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """(path, message) pairs of a jsonschema error, pointing where the model points."""
    parts = tuple(error.absolute_path)
    if error.validator in ("anyOf", "oneOf") and error.context:
        # X | None, or a bare value or an object: report what is wrong with the branch of the
        # value's own type, not "is not valid under any" nor "is not of type" for the others.
        real = [e for e in error.context if not (e.validator == "type" and len(e.relative_schema_path) == 2)]
        if real:
            for sub in real:
                yield from _flatten(sub)
            return
    if error.validator == "required" and isinstance(error.instance, dict):
        for key in error.validator_value:
            if key not in error.instance:
                yield (*parts, key), f"missing required key {key!r}"
        return
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        for key in sorted(k for k in error.instance if k not in known):
            yield (*parts, key), f"unknown key {key!r}"
        return
    yield parts, _short(error.message)


def schema_problems(validator: Any, data: Any) -> list[tuple[tuple[PathPart, ...], str]]:
    """Every (path, message) a jsonschema validator finds in data, in document order of paths."""
    found: dict[tuple[PathPart, ...], str] = {}
    for error in validator.iter_errors(data):
        for parts, message in _flatten(error):
            found.setdefault(parts, message)
    return list(found.items())


class _SchemaRef:
    """What a document's ``$schema`` names: a bundled schema, a local schema, or a problem."""

    def __init__(self, validator: Any = None, problem: str | None = None, bundled: str | None = None) -> None:
        self.validator = validator
        self.problem = problem
        self.bundled = bundled
        """The format version of the bundled schema named; None for "the document's own version"."""


_BUNDLED = _SchemaRef()
_BY_VERSION = {version: _SchemaRef(bundled=version) for version in READ_VERSIONS}
# Each bundled schema by its $id, its published URL and the URN schemas had before they had URLs.
_BY_ID = {
    name: ref
    for version, ref in _BY_VERSION.items()
    for name in (schema_id(version), schema_url(version), schema_urn(version))
}
_BY_FILE_NAME = {schema_file_name(version): ref for version, ref in _BY_VERSION.items()}


def _bundled_if_asked(ref: _SchemaRef, use_jsonschema: bool) -> _SchemaRef:
    # Naming a bundled schema is no reason to run jsonschema: the model checks the same rules.
    return ref if use_jsonschema else _BUNDLED


def _local_path(value: str, base: Path) -> Path | None:
    parsed = urlparse(value)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:  # a URL or URN, not a Windows drive letter
        return None
    return base / value


MAX_SCHEMA_REFERENCE = 1024
"""Longest ``$schema`` value looked at, in characters; a longer one is reported, never used as a path."""
_NOT_IN_REFERENCE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _unusable_reference(value: str) -> str | None:
    """Why a ``$schema`` value is neither a URI nor a relative path worth looking up, or None."""
    if len(value) > MAX_SCHEMA_REFERENCE:
        return (
            f"$schema is {len(value):,} characters long; a schema URI or file path has at most "
            f"{MAX_SCHEMA_REFERENCE:,}"
        )
    bad = _NOT_IN_REFERENCE.search(value)
    if bad is not None:
        return f"$schema holds a control character (U+{ord(bad[0]):04X}); it must be a URI or a file path"
    if not value.strip():
        return "$schema is blank; it must be a URI or a file path"
    return None


def _last_segment(value: str) -> str:
    return urlparse(value).path.replace("\\", "/").rsplit("/", 1)[-1]


@functools.cache
def _quick_check(version: str) -> Callable[[Any], bool] | None:
    """jsonschema-rs's yes-or-no check of a bundled schema, or None when it is not installed.

    jsonschema-rs (the ``fast`` extra) tells whether a document is valid hundreds of times
    faster than jsonschema, but not in the words the report uses; so it only spares
    jsonschema the documents it finds valid. It checks formats too, so that it is never
    the more lenient of the two (a test holds them to agree).
    """
    try:
        import jsonschema_rs  # noqa: PLC0415 - optional (the ``fast`` extra)
    except ImportError:
        return None
    from ..schema._generate import bundled_schema  # noqa: PLC0415

    try:
        checker = jsonschema_rs.validator_for(
            _without_surrogates(bundled_schema(version)), validate_formats=True
        )
    except Exception:  # noqa: BLE001 - without it, jsonschema checks every document
        return None
    return typing.cast(Callable[[Any], bool], checker.is_valid)


def _without_surrogates(schema: Any) -> Any:
    """The schema with the lone-surrogate range taken out of its patterns, for jsonschema-rs.

    Its regular expressions are over Unicode scalar values, which refuse ``\\ud800-\\udfff``;
    and a string holding a lone surrogate cannot reach it anyway (it raises, and jsonschema
    decides), so the range says nothing there.
    """
    if isinstance(schema, dict):
        return {
            key: value.replace(_SURROGATE_RANGE, "")
            if key == "pattern" and isinstance(value, str)
            else _without_surrogates(value)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_without_surrogates(item) for item in schema]
    return schema


_SURROGATE_RANGE = "\\ud800-\\udfff"


def _surely_valid(version: str, data: Any) -> bool:
    """Whether the bundled schema of ``version`` surely finds no problem in ``data`` (False: look)."""
    check = _quick_check(version)
    if check is None:
        return False
    try:
        return check(data)
    except Exception:  # noqa: BLE001 - a value it cannot take (a huge integer): jsonschema decides
        return False


class DocumentValidator:
    """Validates documents; build once, call :meth:`validate` per input."""

    def __init__(
        self,
        *,
        use_jsonschema: bool = False,
        checks: ChecksRunner | None = None,
        fail_on: Severity | str = Severity.ERROR,
    ) -> None:
        self.use_jsonschema = use_jsonschema
        self.checks = checks
        self.fail_on = Severity(fail_on)
        self._local: dict[Path, _SchemaRef] = {}

    @staticmethod
    def bundled_validator(version: str = FORMAT_VERSION) -> Any:
        """The validator of the bundled schema of a format version (built once per process)."""
        from ..schema._generate import validator  # noqa: PLC0415 - jsonschema only when asked for

        return validator(version)

    def read(self, source: Input) -> bytes:
        """The bytes of an input; raise ReadError."""
        if source.path is None:
            return read_stdin(source.name)
        return read_source(source.path)

    def validate(self, source: Input) -> FileReport:
        """Every problem and finding of one input."""
        try:
            raw = self.read(source)
        except ReadError as exc:
            return FileReport(source.name, (_unreadable(exc.message),), unreadable=True, fail_on=self.fail_on)
        try:
            parsed = parse(raw, "yaml" if source.syntax == "yaml" else "json", source=source.name)
        except ParseError as exc:
            return FileReport(source.name, exc.problems, fail_on=self.fail_on)
        base = source.path.parent if source.path is not None else Path.cwd()
        return FileReport(source.name, sort_entries(self._document(parsed, base)), fail_on=self.fail_on)

    def _document(self, parsed: Parsed, base: Path) -> list[Finding]:
        entries: list[Finding] = []
        factsheet = None
        version = version_of(parsed.data)
        try:
            factsheet, migration = load_parsed(parsed)
        except InvalidDocument as exc:
            entries.extend(exc.problems)
        else:
            if migration.migrated:
                where = ("format_version",) if "format_version" in parsed.data else ()
                notice = Finding.make(
                    "OPS008",
                    Severity.INFO,
                    where,
                    f"format {migration.from_version} document, read through migration to {FORMAT_VERSION}; "
                    "'opsfacts migrate' rewrites it in the current format",
                )
                entries.append(self._located(parsed, notice))
        reported = {e.path for e in entries}
        ref = self._schema_ref(parsed.data.get("$schema"), base)
        if ref.problem is not None:
            entries.append(self._located(parsed, Finding.problem("OPS007", ("$schema",), ref.problem)))
        schema_validator = ref.validator
        bundled = None
        if schema_validator is None and ref.problem is None:
            if ref.bundled is not None:
                bundled = ref.bundled
            elif self.use_jsonschema and version in READ_VERSIONS:
                bundled = version
            if bundled is not None:
                schema_validator = self.bundled_validator(bundled)
        if schema_validator is not None and not (bundled is not None and _surely_valid(bundled, parsed.data)):
            entries.extend(self._schema_entries(schema_validator, parsed, reported))
        if factsheet is not None and self.checks is not None:
            entries.extend(self._located(parsed, finding) for finding in self.checks(factsheet))
        return entries

    def _schema_entries(self, validator: Any, parsed: Parsed, reported: set[str]) -> list[Finding]:
        try:
            found = schema_problems(validator, parsed.data)
        except Exception as exc:  # noqa: BLE001 - a broken user schema must not stop the run
            return [Finding.problem("OPS007", (), _short(f"the schema could not be applied: {exc}"))]
        entries = []
        for parts, message in found:
            path = format_path(parts)
            if path not in reported:  # the model already said what is wrong here
                at_key = message.startswith("unknown key")  # point at the key, as the model does
                entries.append(self._located(parsed, Finding.problem("OPS006", parts, message), at_key))
        return entries

    @staticmethod
    def _located(parsed: Parsed, finding: Finding, at_key: bool = False) -> Finding:
        position = parsed.locate(finding.parts, at_key)
        line, column = position if position is not None else (None, None)
        return attrs.evolve(finding, line=line, column=column)

    def _schema_ref(self, value: Any, base: Path) -> _SchemaRef:
        if value is None or not isinstance(value, str):
            return _BUNDLED  # a non-string $schema is a model problem already
        if value in _BY_ID:
            return _bundled_if_asked(_BY_ID[value], self.use_jsonschema)
        refused = _unusable_reference(value)
        if refused is not None:
            return _SchemaRef(problem=refused)
        local = _local_path(value, base)
        try:
            is_local = local is not None and local.is_file()
        except (OSError, ValueError) as exc:  # a name or component too long, a loop of links
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return _SchemaRef(problem=f"$schema cannot be used as a file path: {reason}")
        if is_local:
            assert local is not None
            return self._load_local(local)
        by_name = _BY_FILE_NAME.get(_last_segment(value))
        if by_name is not None:
            return _bundled_if_asked(by_name, self.use_jsonschema)  # a bundled file by name or URL
        return _SchemaRef(
            problem=(
                f"unknown $schema {_short(value)!r}: opsfacts never fetches schemas; use "
                f"{schema_id()!r}, a bundled file name or a local schema file"
            )
        )

    def _load_local(self, path: Path) -> _SchemaRef:
        key = path.resolve()
        if key not in self._local:
            self._local[key] = self._build_local(key)
        return self._local[key]

    @staticmethod
    def _build_local(path: Path) -> _SchemaRef:
        from jsonschema import Draft202012Validator, validators  # noqa: PLC0415
        from jsonschema.exceptions import SchemaError  # noqa: PLC0415

        from ..schema._generate import schema_text  # noqa: PLC0415

        name = os.fspath(path)
        try:
            text = read_source(path).decode("utf-8")  # a regular file, at most MAX_BYTES
            schema = json.loads(text)
        except ReadError as exc:
            return _SchemaRef(problem=_short(f"cannot read the schema file {name}: {exc.message}"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            return _SchemaRef(problem=_short(f"cannot read the schema file {name}: {exc}"))
        if schema == json.loads(schema_text()):
            return _BUNDLED  # the current bundled schema, checked with --jsonschema only
        try:
            cls = validators.validator_for(schema, default=Draft202012Validator)
            cls.check_schema(schema)
        except SchemaError as exc:
            return _SchemaRef(problem=_short(f"{name} is not a valid JSON Schema: {exc.message}"))
        return _SchemaRef(validator=cls(schema, format_checker=cls.FORMAT_CHECKER))


def _unreadable(reason: str) -> Finding:
    """The OPS000 entry of a file that could not be read."""
    return Finding.problem("OPS000", None, reason)


def checks_runner(config: CheckConfig | None = None) -> ChecksRunner:
    """The consistency checks as ``opsfacts validate`` runs them: findings as report entries.

    Raise :class:`~opsfacts.checks.ConfigError` when ``select`` or ``ignore`` names a code
    no rule has (a typo would otherwise silently turn rules off).
    """
    from ..checks import INTERNAL_CODE, CheckConfig, ConfigError, check, rules  # noqa: PLC0415

    config = config or CheckConfig()
    codes = [INTERNAL_CODE, *(r.code for r in rules())]
    unknown = config.unknown_selectors(codes)
    if unknown:
        prefixes = sorted({code[: len(code.rstrip("0123456789")) + 1] for code in codes})
        listing = ", ".join(repr(s) for s in unknown)
        raise ConfigError(
            f"no rule code starts with {listing}; the rule codes start with {', '.join(prefixes)} "
            "(see the rule catalogue)"
        )

    def run(factsheet: Any) -> list[Finding]:
        return check(factsheet, config)

    return run


# Files each worker process must have to be worth starting: a process costs about what
# validating a few dozen files does, and on a busy machine a second one gains little.
_FILES_PER_WORKER = 64
_WORKER_VALIDATOR: DocumentValidator | None = None


def _validate_in_worker(source: Input) -> FileReport:
    assert _WORKER_VALIDATOR is not None
    return _WORKER_VALIDATOR.validate(source)


def _idle_cpus() -> int:
    """CPUs not busy with other work: a worker on a CPU another process keeps busy gains nothing
    and costs its start (this process counts once in the load average)."""
    cpus = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average (Windows): every CPU
        return cpus
    return max(1, min(cpus, round(cpus - (load - 1))))


def _workers(jobs: int, files: int) -> int:
    """How many worker processes to use: ``jobs`` at most (0: one per idle CPU), one per
    :data:`_FILES_PER_WORKER` files at most; 1 means none."""
    return max(1, min(jobs or _idle_cpus(), files // _FILES_PER_WORKER))


def validate_inputs(validator: DocumentValidator, inputs: Sequence[Input], jobs: int = 0) -> Report:
    """Validate every input, reported in order; in forked worker processes when there are many
    files (``jobs``: how many at most; 0 for one per idle CPU, 1 for none)."""
    workers = _workers(jobs, len(inputs))
    if workers < 2 or any(i.path is None for i in inputs):
        return Report(tuple(validator.validate(source) for source in inputs))
    import multiprocessing  # noqa: PLC0415 - only for a pool

    if "fork" not in multiprocessing.get_all_start_methods():
        return Report(tuple(validator.validate(source) for source in inputs))
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    # The first file is validated here: what is built on first use (converter hooks, code
    # tables, compiled rules) is then built once and inherited, not once per worker.
    first = validator.validate(inputs[0])
    global _WORKER_VALIDATOR  # noqa: PLW0603 - inherited by the forked workers, built once
    _WORKER_VALIDATOR = validator
    context = multiprocessing.get_context("fork")
    rest = inputs[1:]
    chunk = max(1, len(rest) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return Report((first, *pool.map(_validate_in_worker, rest, chunksize=chunk)))


def validate(
    paths: Iterable[str | os.PathLike[str]],
    *,
    config: CheckConfig | None = None,
    checks: bool = True,
    use_jsonschema: bool = False,
    jobs: int = 1,
) -> Report:
    """Validate files, directories and glob patterns as ``opsfacts validate`` does; return its report.

    ``opsfacts.validation.render(report, "json")`` is then what ``opsfacts validate
    --format json`` prints. A path that names no file is reported as unreadable
    (``OPS000``), so the report's exit code is 2, as the command's is.

    >>> from opsfacts.validation import render, validate
    >>> report = validate(["examples/"])
    >>> report.exit_code
    1
    >>> for file in report.files:
    ...     print(file.file, file.status, *sorted({entry.code for entry in file.entries}))
    examples/mali-2017-06.as-published.json invalid OPS102 OPS108 OPS602 OPS701
    examples/mali-2017-06.corrected.json valid
    examples/mali-2017-09.json valid
    >>> print(render(validate(["examples/mali-2017-06.corrected.json"]), "text"), end="")
    1 file checked, 1 valid
    >>> validate(["examples/mali-2017-07.json"]).exit_code
    2
    """
    from ..documents._inputs import expand_paths  # noqa: PLC0415

    inputs, unmatched = expand_paths(os.fspath(p) for p in paths)
    runner = checks_runner(config) if checks else None
    fail_on = config.fail_on if config is not None else Severity.ERROR
    validator = DocumentValidator(use_jsonschema=use_jsonschema, checks=runner, fail_on=fail_on)
    report = validate_inputs(validator, inputs, jobs)
    missing = tuple(
        FileReport(arg, (_unreadable(reason),), unreadable=True, fail_on=fail_on) for arg, reason in unmatched
    )
    return Report(report.files + missing)
