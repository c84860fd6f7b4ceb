"""Pydantic v2 models and a JSON Schema validator for privacy-policy documents
in the matrix-privacy-policy format.

Optional fields are absent, never ``null``. The models type them ``X | None``
(``None`` standing for "absent"): :func:`load` rejects a ``null`` in the
document, because the schema does (``PrivacyPolicy.model_validate`` alone
would not), and :func:`dump` leaves ``None`` out, with the options in
:data:`DUMP_OPTIONS`, so that the Rust crate accepts what it writes. The schema
checks shape; the crate's loader (``privacy-policy validate``) also checks
references between entities, unique ids, the history's order and that dates
exist.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from .models import PrivacyPolicy

__all__ = [
    "DPV_MAPPING",
    "DUMP_OPTIONS",
    "SCHEMA",
    "SCHEMA_ID",
    "InvalidPolicy",
    "PrivacyPolicy",
    "dump",
    "load",
    "validate",
]


def _bundled(name: str) -> Any:
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


SCHEMA: dict[str, Any] = _bundled("privacy-policy.schema.json")
"""The JSON Schema (Draft 2020-12) the models were generated from."""

SCHEMA_ID: str = SCHEMA["$id"]
"""The schema's versioned ``$id``."""

DPV_MAPPING: dict[str, Any] = _bundled("dpv-mapping.json")
"""W3C Data Privacy Vocabulary (DPV 2.x) IRIs of the format's terms."""

DUMP_OPTIONS: dict[str, Any] = {"mode": "json", "by_alias": True, "exclude_none": True}
"""The ``model_dump`` options that give back a valid document."""

_VALIDATOR = Draft202012Validator(SCHEMA)


class InvalidPolicy(ValueError):
    """A document that does not match the schema; ``errors`` lists every problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} schema error(s); first: {errors[0]}")
        self.errors = errors


def _pointer(path: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def validate(document: Any) -> list[str]:
    """Every schema error of ``document`` as ``"POINTER: message"``; empty when it is valid."""
    errors = sorted(_VALIDATOR.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{_pointer(e.absolute_path)}: {e.message}" for e in errors]


def load(document: Any) -> PrivacyPolicy:
    """Validates ``document`` against the schema, then builds the model.

    Raises :class:`InvalidPolicy` with every schema error.
    """
    errors = validate(document)
    if errors:
        raise InvalidPolicy(errors)
    return PrivacyPolicy.model_validate(document)


def dump(policy: PrivacyPolicy) -> dict[str, Any]:
    """The policy as a JSON-ready document: optional fields left out, never ``null``."""
    return policy.model_dump(**DUMP_OPTIONS)
