"""Opening a project, with every question opening may raise: a password, an empty team
database, a project open elsewhere, database code the app did not write.

Several commands open projects (File ▸ Open, Open recent, Connect, Restore, an archive), so
this is shared by them rather than owned by one menu. On failure the reason is told and the
project already open stays open.
"""

from __future__ import annotations

from pathlib import Path

from factcheck_app.domain.errors import FactcheckError, ProjectInUse
from factcheck_app.ui import settings
from factcheck_app.ui.feedback import Feedback
from factcheck_app.ui.workspace import Workspace


def analyst_name() -> str:
    """The analyst's name from Preferences, else the computer's login name."""
    from factcheck_app.services.project import default_analyst

    return str(settings.settings().value("analyst/name", "") or "") or default_analyst()


def set_analyst_name(workspace: Workspace, feedback: Feedback, name: str) -> None:
    """Stamp edits with ``name`` from now on (kept in the settings)."""
    name = " ".join(name.split())
    settings.settings().setValue("analyst/name", name)
    if workspace.project is not None:
        workspace.project.analyst = analyst_name()
    feedback.status(f"Edits are now stamped with “{analyst_name()}”.", 6000)


def login_name() -> str:
    """The server user to suggest: the computer login (the analyst's display name may be "Anna Ruiz")."""
    from factcheck_app.services.project import default_analyst

    return default_analyst()


class Opener:
    def __init__(self, workspace: Workspace, feedback: Feedback) -> None:
        self.workspace = workspace
        self.feedback = feedback

    def open(
        self, target: str | Path, *, read_only: bool = False, password: str | None = None, create: bool = False
    ) -> bool:
        """Open ``target`` (a file or a team project URL); on failure explain why and keep the current one.

        ``create`` makes an empty server database a new team project first.
        """
        from factcheck_app.domain.errors import EmptyDatabase, ForeignSchema, NeedsPassword
        from factcheck_app.services.project import Project

        target = str(target)
        try:
            if create:
                project = Project.create(target, analyst=analyst_name(), password=password)
            else:
                project = Project.open(target, read_only=read_only, analyst=analyst_name(), password=password)
        except NeedsPassword as error:
            typed = self.feedback.ask_password(str(error))
            if typed is None:
                return False
            return self.open(target, read_only=read_only, password=typed, create=create)
        except EmptyDatabase as error:
            if not self.feedback.ask_yes_no(f"{error}\n\nMake this database a new team project now?"):
                return False
            return self.open(target, password=password, create=True)
        except ProjectInUse as error:
            if not self.feedback.ask_yes_no(
                f"{error}\n\nOpen it read-only? You can read and export, but not change it."
            ):
                return False
            return self.open(target, read_only=True)
        except ForeignSchema as error:
            return self._offer_removing_foreign_code(target, error, read_only=read_only)
        except FactcheckError as error:
            self.feedback.error(error)
            return False
        self.workspace.open(project)
        settings.remember_project(project.location.target)
        return True

    def create(self, path: str) -> bool:
        from factcheck_app.services.project import Project

        with self.feedback.reporting() as outcome:
            project = Project.create(path, analyst=analyst_name())
        if outcome.failed:
            return False
        self.workspace.open(project)
        settings.remember_project(project.location.target)
        return True

    def open_sample(self) -> bool:
        path = settings.sample_project_path()
        if not path.exists():
            from factcheck_app.services.sample import create_sample_project

            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                create_sample_project(path)
            except (FactcheckError, OSError) as error:
                self.feedback.error(error)
                return False
        return self.open(path)

    def open_initial(self, target: str | None) -> None:
        """What the app opens at start: the argument, else the last project, else the sample."""
        if target:
            if self.open(target):
                return
        else:
            last = settings.last_project()
            if last and "://" in last:
                from factcheck_app.services.team import server_answers

                if server_answers(last):  # a quick look: a server that is away would hold the window
                    if self.open(last):
                        return
                else:
                    self.open_sample()
                    self.feedback.status(
                        f"The server of your last team project ({last}) does not answer; "
                        "File ▸ Open recent opens it when it is back.",
                        15_000,
                    )
                    return
            elif last and Path(last).exists() and self.open(last):
                return
        self.open_sample()

    def _offer_removing_foreign_code(self, target: str, error: Exception, *, read_only: bool) -> bool:
        """A project holding database code the app did not write: offer Check's repair (backup
        first), then open it; a table the app does not know is never removed, only named."""
        if not getattr(error, "removable", False):
            self.feedback.error(error)
            return False
        if not self.feedback.ask_yes_no(f"{error}\n\nRemove it now? The project is backed up first."):
            return False
        from factcheck_app.services.check import check_file

        with self.feedback.reporting() as outcome:
            report = check_file(target, repair=True, analyst=analyst_name())
        if outcome.failed:
            return False
        self.feedback.notice(report.summary())
        return report.ok and self.open(target, read_only=read_only)
