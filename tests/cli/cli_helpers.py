"""Running `factcheck` in-process (fast), and checking its JSON against docs/json-schema.

The schemas use a small part of JSON Schema (type, const, enum, required, properties,
additionalProperties false, items, format date/date-time); ``schema_errors`` checks
exactly that part, so a field the CLI prints but the schema does not document fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.cli import main

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "json-schema"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def factcheck(capsys: pytest.CaptureFixture[str], *args: object) -> Result:
    capsys.readouterr()
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def ok(capsys: pytest.CaptureFixture[str], *args: object) -> Result:
    result = factcheck(capsys, *args)
    assert result.code == 0, result.err
    assert result.err == "" or result.err.startswith("factcheck: "), result.err
    return result


def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def schema_errors(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    errors: list[str] = []
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        matching = [
            t for t in types if isinstance(value, _TYPES[t]) and not (t == "integer" and isinstance(value, bool))
        ]
        if not matching:
            return [*errors, f"{path}: {value!r} is not {types}"]
    if isinstance(value, str) and schema.get("format") == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            errors.append(f"{path}: {value!r} is not a date")
    if isinstance(value, str) and schema.get("format") == "date-time":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            errors.append(f"{path}: {value!r} is not a date-time")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing {key}")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key not in properties:
                if schema.get("additionalProperties") is False:
                    errors.append(f"{path}: {key} is not documented")
                continue
            errors += schema_errors(item, properties[key], f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{path}[{index}]")
    return errors
