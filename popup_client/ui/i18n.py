"""The app's translations: Chinese source strings, one .qm per language, chosen at start.

Every user-visible string of the UI is written in Chinese (the source
language) and goes through :func:`tr`, which looks it up in the one,
empty-named translation context. ``pyside6-lupdate`` finds the strings by
the shape of the call: ``tr("…")`` where a string is shown, and
``QT_TRANSLATE_NOOP("", "…")`` where one is stored (a dict, a tuple, a
module constant) to be passed through :func:`tr` when it is shown. A string
that means two things in English takes a disambiguation, the same one where
it is marked and where it is shown: ``tr("广告", "badge")``.

Text made by the Qt-free core (rule reasons, payload problems, the
preferences' descriptions and errors) is English, in the translation
context ``"core"`` (see :mod:`popup_client.core.text`): :func:`tr_core`
shows it in the installed language. Its arguments that are data (a
provider id, a URL) stay as they are.

``resources/translations/popup_client_<lang>.ts`` are the sources (Qt
Linguist edits them) and the ``.qm`` beside them what the app loads;
``scripts/update-translations`` refreshes both. :func:`install_translator`
picks the language (the ``language`` preference, or the system locale for
``"auto"``) before any widget is built; the mandated texts 「广告」 and
「关闭」 stay Chinese in every language (English puts its word beside them).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from popup_client.core import text as core_text
from popup_client.core.resources import resources_dir

log = logging.getLogger(__name__)

CONTEXT = ""
SOURCE_LANGUAGE = "zh_CN"
#: The core's own context, whose source language is English.
CORE_CONTEXT = core_text.CONTEXT
LANGUAGES = ("zh_CN", "en")
AUTO = "auto"
QM_PREFIX = "popup_client_"

_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE


def tr(text: str, disambiguation: str | None = None) -> str:
    """``text`` (Chinese source) in the installed language."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation)


def tr_core(text: str) -> str:
    """Text from the core in the installed language.

    A :class:`~popup_client.core.text.Text` is translated, and so are its
    arguments that are Texts; any other ``str`` is returned as it is. A
    translation whose placeholders do not fit the arguments (which
    tests/ui/test_i18n_core.py does not let through) falls back to the English.
    """
    if not isinstance(text, core_text.Text) or (not text.args and core_text.fields(text.template)):
        return str.__str__(text)
    args = {name: tr_core(value) if isinstance(value, str) else value for name, value in text.args.items()}
    template = QCoreApplication.translate(CORE_CONTEXT, text.template)
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError) as exc:
        log.warning("the translation of %r does not fit its arguments (%s); showing the English", text.template, exc)
        return text.template.format(**args)


def QT_TRANSLATE_NOOP(context: str, text: str, disambiguation: str | None = None) -> str:
    """Mark ``text`` for ``pyside6-lupdate`` and return it unchanged; translate it with :func:`tr` where shown.

    PySide6's own ``QT_TRANSLATE_NOOP`` takes no disambiguation; lupdate
    reads this call by its name and does, so this one does too.
    """
    del context, disambiguation
    return text


def translations_dir() -> Path:
    """Where the .ts sources and the compiled .qm files are."""
    return resources_dir() / "translations"


def qm_path(language: str) -> Path:
    """The compiled translation of ``language`` ("zh_CN" or "en")."""
    return translations_dir() / f"{QM_PREFIX}{language}.qm"


def ts_path(language: str) -> Path:
    """The translation source of ``language``."""
    return translations_dir() / f"{QM_PREFIX}{language}.ts"


def system_language(locale: QLocale | None = None) -> str:
    """"zh_CN" for any Chinese locale (zh_CN, zh_TW, zh_HK…), else "en"."""
    chosen = locale if locale is not None else QLocale.system()
    return "zh_CN" if chosen.language() == QLocale.Language.Chinese else "en"


def resolve_language(language: str, locale: QLocale | None = None) -> str:
    """The language the preference ``language`` means here: "auto" follows the system locale."""
    if language == AUTO:
        return system_language(locale)
    if language not in LANGUAGES:
        log.warning("unknown language %r; following the system locale", language)
        return system_language(locale)
    return language


def current_language() -> str:
    """The language :func:`install_translator` last installed ("zh_CN" before any)."""
    return _language


def remove_translators(app: QCoreApplication) -> None:
    """Take out what :func:`install_translator` installed: the Chinese source strings show again."""
    global _language
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
    _language = SOURCE_LANGUAGE


def install_translator(app: QCoreApplication, language: str = AUTO, *, locale: QLocale | None = None) -> str:
    """Install the app's translation (and Qt's own) for ``language``; return the language used.

    ``language`` is "auto", "zh_CN" or "en"; ``locale`` stands in for the
    system locale. Call it before any widget is built: widgets already built
    keep their text. A missing or unreadable .qm is logged and the Chinese
    source strings stay (the return value is then "zh_CN").
    """
    global _language
    remove_translators(app)
    wanted = resolve_language(language, locale)
    ours = QTranslator(app)
    if not ours.load(str(qm_path(wanted))):
        log.warning("cannot load the %s translation %s; the interface stays in Chinese", wanted, qm_path(wanted))
        ours.deleteLater()
        return _language
    _add(app, ours)
    _add_qt_translation(app, wanted)
    _language = wanted
    log.debug("interface language: %s", wanted)
    return wanted


def _add(app: QCoreApplication, translator: QTranslator) -> None:
    app.installTranslator(translator)
    _installed.append(translator)


def _add_qt_translation(app: QCoreApplication, language: str) -> None:
    """Qt's own strings (the OK and Cancel of an input dialog, a line edit's menu), if Qt ships them."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", folder):
        _add(app, qt)
    else:
        log.debug("no Qt translation qtbase_%s in %s", language, folder)
        qt.deleteLater()
