"""What is wrong with a preference value, in words: the schema's problems (:class:`~.model.Invalid`) as translatable text."""

from __future__ import annotations

from typing import Any

from popup_client.core.payload_collect import literal_expected
from popup_client.core.prefs.fields import PROVIDERS_KEY, PrefField
from popup_client.core.prefs.model import Invalid, InvalidPrefs
from popup_client.core.prefs.toml_values import toml_repr
from popup_client.core.text import AT_PATH, QT_TRANSLATE_NOOP, SEMICOLON, SENTENCES, Text, fields, join


def explain_value(key: str, path: tuple[str, ...], field: PrefField | None, value: Any, err: InvalidPrefs) -> Text | str:
    """Why ``value`` cannot be set at ``key`` (``path`` into the dumped preferences), with advice."""
    errors = err.errors()
    problems = join(SEMICOLON, (error_text(e, path) for e in errors))
    shown = toml_repr(value) if value is not None else QT_TRANSLATE_NOOP("core", "nothing")
    sentences: list[str] = [
        QT_TRANSLATE_NOOP("core", "{key} = {value} is not valid: {problems}.").format(key=key, value=shown, problems=problems)
    ]
    if field is not None and not any("[key]" in e.loc for e in errors):
        sentences.append(advice(field))
    if path[:2] == ("caps", "providers") and len(path) == 3:
        text = QT_TRANSLATE_NOOP("core", "One cap of one provider is set as {key}.<provider id>.hourly or .daily.")
        sentences.append(text.format(key=PROVIDERS_KEY))
    return join(SENTENCES, sentences)


def advice(field: PrefField) -> Text:
    """What a valid value of ``field`` looks like, with an example."""
    example = f"{field.key} = {field.example}"
    if field.type_name == "str":
        return QT_TRANSLATE_NOOP("core", "Example: {example}.").format(example=example)
    return QT_TRANSLATE_NOOP("core", "Expected {expected}, e.g. {example}.").format(expected=field.expected, example=example)


#: What each problem a preference can have says, as translatable text (the words they have always had, lower case).
_MESSAGES = {
    "greater_than_equal": QT_TRANSLATE_NOOP("core", "input should be greater than or equal to {ge}"),
    "less_than_equal": QT_TRANSLATE_NOOP("core", "input should be less than or equal to {le}"),
    "int_type": QT_TRANSLATE_NOOP("core", "input should be a valid integer"),
    "bool_type": QT_TRANSLATE_NOOP("core", "input should be a valid boolean"),
    "string_type": QT_TRANSLATE_NOOP("core", "input should be a valid string"),
    "list_type": QT_TRANSLATE_NOOP("core", "input should be a valid list"),
    "dict_type": QT_TRANSLATE_NOOP("core", "input should be a valid dictionary"),
    "model_type": QT_TRANSLATE_NOOP("core", "input should be a valid dictionary or instance of {class_name}"),
    "literal_error": QT_TRANSLATE_NOOP("core", "input should be {expected}"),
    "extra_forbidden": QT_TRANSLATE_NOOP("core", "is not a known setting"),
}


def _message(error: Invalid) -> str:
    """What is wrong, as a sentence to follow the setting's name."""
    if error.type == "value_error":
        return str(error.ctx["error"])  # our own checks' message: a Text
    template = _MESSAGES[error.type]
    ctx = {k: str(v) for k, v in error.ctx.items()}
    if "expected" in ctx:
        ctx["expected"] = literal_expected(ctx["expected"])
    return template.format(**{k: ctx[k] for k in fields(template.template)})


def error_text(error: Invalid, skip: tuple[str, ...] = (), *, show_input: bool = False) -> str:
    """One problem of the schema as ``where: what is wrong`` (``where`` relative to ``skip``)."""
    loc = [str(p) for p in error.loc if p != "[key]"]
    if loc[: len(skip)] == list(skip):
        inner = loc[len(skip) :]
    else:
        inner = [] if list(skip[: len(loc)]) == loc else loc
    where = join(_DOT, (_ITEM.format(number=int(p) + 1) if p.isdigit() else p for p in inner))
    message = _message(error)
    if show_input and error.type != "extra_forbidden":
        found = repr(error.input)
        found = found if len(found) <= 40 else found[:37] + "..."
        message = QT_TRANSLATE_NOOP("core", "{message} (found {found})").format(message=message, found=found)
    return AT_PATH.format(path=where, message=message) if where else message


_ITEM = QT_TRANSLATE_NOOP("core", "item {number}")
_DOT = QT_TRANSLATE_NOOP("core", "{first}.{second}")
