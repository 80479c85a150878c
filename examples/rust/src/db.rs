//! Storage for the metrics: one query built with `format!`, one with bound parameters.

use rusqlite::{params, Connection};

pub fn delete_series(conn: &Connection, name: &str) -> rusqlite::Result<usize> {
    conn.execute(&format!("DELETE FROM series WHERE name = '{name}'"), [])
}

pub fn insert_point(conn: &Connection, name: &str, value: f64) -> rusqlite::Result<usize> {
    conn.execute("INSERT INTO points (series, value) VALUES (?1, ?2)", params![name, value])
}
