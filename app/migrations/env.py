"""Alembic's environment for saved work: the URL comes from the Config that
``app.saved.upgrade`` builds, never from an ini file or the environment."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from app.saved import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite alters a table by copying it: Alembic's batch mode does that for us.
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("resultsqa's migrations run online only (app.saved.upgrade)")
run_migrations_online()
