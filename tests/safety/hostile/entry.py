"""One import entry point run on one file, as its own process (the hostile tests measure it from outside).

    entry.py cli ARGS...                      the `factcheck` command line
    entry.py import PROJECT FILE              services: import an article into a project
    entry.py import-archive ARCHIVE NEW       services: make a new project from an archive

A refusal prints one line on stderr and exits 1, as the command line does; anything else
(a traceback, a MemoryError) is a failure the tests report.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    entry, *args = argv
    if entry == "cli":
        from factcheck_app.cli import main as cli_main

        return cli_main(args)
    from factcheck_app.domain.errors import FactcheckError

    try:
        if entry == "import":
            from factcheck_app.services.articles import import_article_edit
            from factcheck_app.services.project import Project

            project_path, file = args
            edit = import_article_edit(file)
            with Project.open(project_path) as project:
                project.apply(edit)
        elif entry == "import-archive":
            from factcheck_app.services.archive import import_archive

            archive, new_project = args
            import_archive(archive, new_project)
        else:
            raise SystemExit(f"unknown entry point {entry}")
    except FactcheckError as error:
        print(f"refused: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
