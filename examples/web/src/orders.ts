// Order queries: one concatenated, one parameterized.
import { Pool } from "pg";

const pool = new Pool();

export async function ordersByStatus(status: string) {
  const sql = "SELECT * FROM orders WHERE status = '" + status + "'";
  return pool.query(sql);
}

export async function orderById(id: number) {
  return pool.query("SELECT * FROM orders WHERE id = $1", [id]);
}
