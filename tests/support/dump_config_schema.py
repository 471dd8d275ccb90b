#!/usr/bin/env python3
"""Dump the pydantic config schema of inkwell-cli (verified against 0.26.0) as JSON.

Usage:
    /opt/inkwell-cli-venv/bin/python dump_config_schema.py [OUT.json]

Emits one entry per field, keyed by dotted path. Paths through dict values use
"<key>" (e.g. "plugins.<key>.priority", "feeds.<key>.auth.type").
Reusable from tests: `from dump_config_schema import dump; data = dump()`.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

CONSTRAINTS = {
    at.Ge: ("ge", "ge"),
    at.Le: ("le", "le"),
    at.Gt: ("gt", "gt"),
    at.Lt: ("lt", "lt"),
    at.MinLen: ("min_length", "min_length"),
    at.MaxLen: ("max_length", "max_length"),
}


def _type_str(tp: Any) -> str:
    if tp is type(None):
        return "None"
    origin = get_origin(tp)
    if origin is Literal:
        return "Literal[" + ", ".join(repr(a) for a in get_args(tp)) + "]"
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_str(a) for a in get_args(tp))
    if origin is not None:
        name = getattr(origin, "__name__", str(origin))
        return f"{name}[" + ", ".join(_type_str(a) for a in get_args(tp)) + "]"
    return getattr(tp, "__name__", str(tp))


def _literal_values(tp: Any) -> list[Any] | None:
    if get_origin(tp) is Literal:
        return list(get_args(tp))
    if get_origin(tp) in (typing.Union, types.UnionType):
        for a in get_args(tp):
            vals = _literal_values(a)
            if vals is not None:
                return vals
    return None


def _jsonable(v: Any) -> Any:
    if isinstance(v, BaseModel):
        return v.model_dump(mode="json")
    if isinstance(v, Path):
        return str(v)
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set)):
        return [_jsonable(x) for x in v]
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return repr(v)


def _validators(model: type[BaseModel]) -> dict[str, list[str]]:
    dec = model.__pydantic_decorators__
    field_v: dict[str, list[str]] = {}
    for name, d in dec.field_validators.items():
        for f in d.info.fields:
            field_v.setdefault(f, []).append(f"{name} (mode={d.info.mode})")
    return field_v


def _nested_models(tp: Any) -> list[tuple[str, type[BaseModel]]]:
    """Return (path-suffix, model) for models reachable through tp."""
    out = []
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        out.append(("", tp))
        return out
    origin = get_origin(tp)
    if origin is dict:
        _, val = get_args(tp)
        for suffix, m in _nested_models(val):
            out.append((".<key>" + suffix, m))
    elif origin in (list,):
        (item,) = get_args(tp)
        for suffix, m in _nested_models(item):
            out.append(("[]" + suffix, m))
    elif origin in (typing.Union, types.UnionType):
        for a in get_args(tp):
            out.extend(_nested_models(a))
    return out


def walk(model: type[BaseModel], prefix: str, out: dict[str, Any]) -> None:
    field_validators = _validators(model)
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        entry: dict[str, Any] = {
            "model": model.__name__,
            "type": _type_str(info.annotation),
            "required": info.is_required(),
        }
        if info.default is not PydanticUndefined:
            entry["default"] = _jsonable(info.default)
        elif info.default_factory is not None:
            entry["default"] = _jsonable(info.default_factory())
            entry["default_from_factory"] = True
        for meta in info.metadata:
            for cls, (key, attr) in CONSTRAINTS.items():
                if isinstance(meta, cls):
                    entry[key] = getattr(meta, attr)
        lits = _literal_values(info.annotation)
        if lits is not None:
            entry["allowed"] = lits
        if info.description:
            entry["description"] = info.description
        if name in field_validators:
            entry["validators"] = field_validators[name]
        out[path] = entry
        for suffix, sub in _nested_models(info.annotation):
            walk(sub, f"{path}{suffix}.", out)


def _model_meta(model: type[BaseModel]) -> dict[str, Any]:
    dec = model.__pydantic_decorators__
    return {
        "extra": model.model_config.get("extra", "ignore (pydantic default)"),
        "validate_assignment": model.model_config.get("validate_assignment", False),
        "model_validators": [f"{n} (mode={d.info.mode})" for n, d in dec.model_validators.items()],
        "overrides_model_post_init": "model_post_init" in model.__dict__,
    }


def dump() -> dict[str, Any]:
    import inkwell
    from inkwell.config import schema

    models = {
        n: getattr(schema, n)
        for n in dir(schema)
        if isinstance(getattr(schema, n), type)
        and issubclass(getattr(schema, n), BaseModel)
        and getattr(schema, n) is not BaseModel
    }
    config_fields: dict[str, Any] = {}
    walk(schema.GlobalConfig, "", config_fields)
    feeds_fields: dict[str, Any] = {}
    walk(schema.Feeds, "", feeds_fields)
    return {
        "inkwell_cli_version": inkwell.__version__,
        "pydantic_version": __import__("pydantic").VERSION,
        "models": {n: _model_meta(m) for n, m in sorted(models.items())},
        "config.yaml": config_fields,
        "feeds.yaml": feeds_fields,
    }


if __name__ == "__main__":
    data = dump()
    text = json.dumps(data, indent=2, sort_keys=False) + "\n"
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
