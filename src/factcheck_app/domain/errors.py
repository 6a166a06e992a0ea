"""Errors a user can act on.

Every error raised for bad input carries a message written for an analyst, not a
developer: the GUI shows it in a dialog and the CLI prints it as one line on stderr.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base of all errors whose message can be shown to the user as it is."""


class InvalidInput(FactcheckError):
    """A value the user typed or a file they chose cannot be used."""


class QuoteNotFound(InvalidInput):
    """The quoted text does not occur in the article."""


class AmbiguousQuote(InvalidInput):
    """The quoted text occurs more than once and no occurrence was chosen."""


class ImportRefused(InvalidInput):
    """A file could not be imported as an article; the project is unchanged."""


class ProjectError(FactcheckError):
    """A project file cannot be opened or written."""


class NotAProject(ProjectError):
    """The file exists but is not a Factcheck project."""


class EmptyDatabase(NotAProject):
    """A server database that holds no project yet: it can be made one (factcheck new)."""


class NewerProject(ProjectError):
    """The project was written by a newer version of the app; it is left untouched."""


class NeedsPassword(ProjectError):
    """The server asks for a password that neither PGPASSWORD nor ~/.pgpass supplied."""


class ProjectReadOnly(ProjectError):
    """The project is open read-only; edits are refused."""


class NotFound(FactcheckError):
    """An id that names nothing (deleted meanwhile, or mistyped on the command line)."""


class EditConflict(FactcheckError):
    """The row changed since the edit was prepared (another window or analyst)."""


class ProjectInUse(ProjectError):
    """Another app instance holds the project open for writing."""


class ForeignSchema(ProjectError):
    """A project file holds database code (a trigger, a view…) or tables the app did not make.

    It was not opened and nothing in it was changed. ``found`` lists what was found, for a
    dialog; ``removable`` is True when Check project can remove all of it (the GUI offers it).
    """

    def __init__(self, message: str, *, found: tuple[str, ...] = (), removable: bool = False) -> None:
        super().__init__(message)
        self.found = found
        self.removable = removable


class DamagedData(ProjectError):
    """A value in the project is damaged and this command cannot work around it.

    The message names the table, row and column, and says that Check project repairs it.
    """

    def __init__(self, message: str, *, table: str = "", row_id: int | str = "", column: str = "") -> None:
        super().__init__(message)
        self.table = table
        self.row_id = row_id
        self.column = column
