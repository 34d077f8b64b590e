"""The payload's JSON Schema, generated from the msgspec models of :mod:`popup_client.core.payload`.

msgspec writes each model's properties, types, descriptions and the limits
given in the fields' ``msgspec.Meta``; this module shapes that the way the
published contract reads: optional fields absent rather than null, a kind
as its words, the fields a content rule requires listed as required (the
model's ``contract_required``), a title for each property, keys in a stable
order, and what the caller adds (the kind conditions, ``$schema``, ``$id``).
"""

from __future__ import annotations

from typing import Any

import msgspec

from .vocabulary import Kind


def _title(name: str) -> str:
    return name.title().replace("_", " ")


def _flatten(node: dict[str, Any]) -> dict[str, Any]:
    """A nullable field as its non-null type (the contract leaves absent fields out)."""
    options = node.pop("anyOf", None)
    if options is not None:
        rest = [o for o in options if o != {"type": "null"} and o != {}]
        if len(rest) == 1:
            node = {**rest[0], **node}
        elif rest:
            node["anyOf"] = rest
    return node


def _property(cls: type[msgspec.Struct], name: str, node: dict[str, Any]) -> dict[str, Any]:
    field = next(f for f in msgspec.structs.fields(cls) if f.name == name)
    node = _flatten(node)
    if node.get("default", 0) is None or field.default_factory is not msgspec.NODEFAULT:
        node.pop("default", None)
    if node.get("$ref") == f"#/$defs/{Kind.__name__}":
        return {"enum": [k.value for k in Kind], "title": "Kind", "type": "string"}
    if "$ref" in node:
        return {"$ref": node["$ref"]}
    if isinstance(node.get("enum"), list) and len(node["enum"]) == 1:  # a Literal of one value
        value = node.pop("enum")[0]
        node.update(const=value, type="integer" if isinstance(value, int) else "string")
    node["title"] = _title(name)
    return node


def _model(cls: type[msgspec.Struct], node: dict[str, Any]) -> dict[str, Any]:
    node["properties"] = {name: _property(cls, name, prop) for name, prop in node["properties"].items()}
    required = list(getattr(cls, "contract_required", ())) or node.get("required", [])
    node.pop("required", None)
    if required:
        node["required"] = required
    return node


def _sorted(node: Any, parent: str = "") -> Any:
    """Keys in alphabetical order, but a model's properties in the model's order."""
    if isinstance(node, list):
        return [_sorted(item) for item in node]
    if not isinstance(node, dict):
        return node
    keys = list(node) if parent in ("properties", "default") else sorted(node)
    return {key: _sorted(node[key], key) for key in keys}


def struct_json_schema(cls: type[msgspec.Struct], extra: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of ``cls``: itself at the top, the models it holds under ``$defs``, ``extra`` added."""
    _, components = msgspec.json.schema_components([cls], ref_template="#/$defs/{name}")
    models = {name: _model(_model_class(cls, name), node) for name, node in components.items() if node.get("type") == "object"}
    schema = models.pop(cls.__name__)
    schema.update(extra)
    if models:
        schema["$defs"] = models
    result: dict[str, Any] = _sorted(schema)
    return result


def _model_class(root: type[msgspec.Struct], name: str) -> type[msgspec.Struct]:
    """The model named ``name`` among ``root`` and the models its fields hold."""
    seen = [root]
    for cls in seen:
        if cls.__name__ == name:
            return cls
        for field in msgspec.structs.fields(cls):
            for candidate in _structs_in(field.type):
                if candidate not in seen:
                    seen.append(candidate)
    raise KeyError(name)


def _structs_in(tp: Any) -> list[type[msgspec.Struct]]:
    if isinstance(tp, type) and issubclass(tp, msgspec.Struct):
        return [tp]
    return [found for arg in getattr(tp, "__args__", ()) for found in _structs_in(arg)]
