"""The SQLite archive: models, engine, migrations and every query newswatch runs."""
