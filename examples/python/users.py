"""User lookups: one query built by formatting, the others parameterized."""

import sqlite3


def find_by_name(db: sqlite3.Connection, name: str):
    return db.execute(f"SELECT id, email FROM users WHERE name = '{name}'").fetchall()


def find_by_id(db: sqlite3.Connection, user_id: int):
    return db.execute("SELECT id, email FROM users WHERE id = ?", (user_id,)).fetchone()


def deactivate(db: sqlite3.Connection, user_id: int):
    db.execute("UPDATE users SET active = 0 WHERE id = ?", (user_id,))
