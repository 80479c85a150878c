"""User lookups for the VS Code end-to-end test."""

import sqlite3


def find_by_name(db: sqlite3.Connection, name: str):
    return db.execute(f"SELECT id, email FROM users WHERE name = '{name}'").fetchall()
