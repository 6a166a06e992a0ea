"""Writers that turn a project's claims into files other people read (Word reports, …)."""
