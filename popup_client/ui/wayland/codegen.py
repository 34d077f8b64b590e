"""Python bindings for a Wayland protocol XML, made with pywayland's scanner.

pywayland ships the core protocol and wayland-protocols, not wlr-layer-shell,
so the app carries that one generated module
(:mod:`popup_client.ui.wayland.protocols.wlr_layer_shell_unstable_v1`, made
by ``scripts/make-wayland-protocols`` from ``resources/wayland/``; a test keeps
the two in step). The tests generate the few protocols they drive a
compositor with (virtual pointer, fake input) the same way, at run time.

The scanner writes relative imports of the protocols an XML refers to
(``from .wayland import WlSurface``); they are rewritten to pywayland's own
modules, so one XML makes one self-contained module.
"""

from __future__ import annotations

import importlib
import re
import tempfile
from pathlib import Path

#: Protocols pywayland ships, by the module name the scanner gives them.
SHIPPED = ("wayland", "xdg_shell", "xdg_output_unstable_v1", "viewporter", "fractional_scale_v1")

_RELATIVE = re.compile(r"^from \.(\w+) import ", re.MULTILINE)


def _rewrite_imports(source: str) -> str:
    def repl(match: re.Match[str]) -> str:
        module = match.group(1)
        if module not in SHIPPED:
            raise ValueError(f"the protocol needs {module}, which pywayland does not ship")
        return f"from pywayland.protocol.{module} import "

    return _RELATIVE.sub(repl, source)


def _shipped_interfaces() -> dict[str, str]:
    """Interface name → the pywayland module that defines it, for the protocols in :data:`SHIPPED`."""
    from pywayland.protocol_core import Interface

    found: dict[str, str] = {}
    for module_name in SHIPPED:
        module = importlib.import_module(f"pywayland.protocol.{module_name}")
        for value in vars(module).values():
            defined_here = isinstance(value, type) and value.__module__ == module.__name__
            if defined_here and issubclass(value, Interface) and isinstance(getattr(value, "name", None), str):
                found[value.name] = module_name
    return found


def generate(xml: Path, *, header: str = "") -> tuple[str, str]:
    """The module name and Python source of ``xml``'s bindings (one module, imports rewritten)."""
    from pywayland.scanner.protocol import Protocol  # a build-time tool: imported only here

    protocol = Protocol.parse_file(str(xml))
    imports = _shipped_interfaces()
    imports.update({interface.name: protocol.name for interface in protocol.interface})
    with tempfile.TemporaryDirectory() as out:
        protocol.output(out, imports)
        module_name = protocol.name.replace("-", "_")
        source = (Path(out) / f"{module_name}.py").read_text(encoding="utf-8")
    return module_name, header + _rewrite_imports(source)
