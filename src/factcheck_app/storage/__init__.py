"""Persistence: SQLAlchemy 2.0 typed ORM, Alembic migrations, and engine setup.

Everything database-specific (SQLite pragmas, file checks, locking) lives in
``engine.py``; the rest is portable so team mode can run the same code on PostgreSQL.
"""
