"""The D-Bus door: freedesktop notifications and the control interface on the session bus (Linux).

- the bus: :mod:`.bus` (where it is; the names, paths and interfaces served),
  :mod:`.names` (claiming the names, early), :mod:`.wire` (the connection on
  the Qt event loop), :mod:`.codec` (messages, encoded and parsed fast),
  :mod:`.peers` (who is calling);
- the interfaces, each declared once as a table (:mod:`.interface`) that
  gives both the introspection XML and the dispatch: :mod:`.objects`;
- the server (:mod:`.server`), its freedesktop ids (:mod:`.ids`) and the
  control interface's answers (:mod:`.control`);
- ``Notify`` turned into a payload: :mod:`.freedesktop`, its images read and
  decoded off the Qt thread (:mod:`.prepare`, :mod:`.images`, :mod:`.svg`,
  :mod:`.icon_theme`).
"""
