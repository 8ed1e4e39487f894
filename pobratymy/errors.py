"""The whole error family of Pobratymy. Every error shares one root and a builtin parent, carries its
data as attributes, and is turned into a user message in one place (:func:`pobratymy.cli.main` for the
command line, ``pobratymy.ui`` helpers for the app)."""

from __future__ import annotations


class PobratymyError(Exception):
    """Root of every error this project raises on purpose."""


class ConfigurationError(PobratymyError, ValueError):
    """A setting (env var, secret, path) is missing or wrong."""


class DataFileError(PobratymyError, OSError):
    """A data file cannot be read or written at all (missing, unreadable, wrong format)."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ValidationFailed(PobratymyError, ValueError):
    """Rows failed validation; ``problems`` lists every one (see :class:`pobratymy.schema.Problem`)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s); first: {self.problems[0] if self.problems else '-'}")


class ConflictError(PobratymyError, RuntimeError):
    """A file changed on disk since it was loaded; saving would lose someone else's update."""

    def __init__(self, path, expected: str, actual: str):
        self.path, self.expected, self.actual = str(path), expected, actual
        super().__init__(f"{self.path} changed since it was loaded; reload and try again")


class GeocoderError(PobratymyError):
    """Root of geocoding failures (not "not found", which is ``None``)."""


class GeocoderUnavailable(GeocoderError, ConnectionError):
    """The online geocoder could not be reached, timed out, or refused (429/5xx)."""


class GazetteerError(GeocoderError, OSError):
    """The offline gazetteer index is missing or corrupt and could not be rebuilt."""


class ReadOnlyError(PobratymyError, PermissionError):
    """A write was attempted without admin rights (no password configured or not unlocked)."""


class ExportUnavailable(PobratymyError, RuntimeError):
    """An export cannot be made on this computer (e.g. PNG without a Chromium browser); ``reason`` says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)
