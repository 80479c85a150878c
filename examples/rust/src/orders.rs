//! Orders with sqlx: two database hazards beside their fixes.

use sqlx::PgPool;

/// Two statements on the pool commit separately (multi-transaction), then the function reads
/// back the row it just wrote (read-after-write).
pub async fn pay(pool: &PgPool, id: i64, amount: i64) -> sqlx::Result<String> {
    sqlx::query("UPDATE orders SET status = 'paid' WHERE id = $1").bind(id).execute(pool).await?;
    sqlx::query("INSERT INTO payments (order_id, amount) VALUES ($1, $2)").bind(id).bind(amount).execute(pool).await?;
    sqlx::query_scalar("SELECT status FROM orders WHERE id = $1").bind(id).fetch_one(pool).await
}

/// One transaction, and `RETURNING` instead of a second read.
pub async fn pay_safely(pool: &PgPool, id: i64, amount: i64) -> sqlx::Result<String> {
    let mut tx = pool.begin().await?;
    let status: String = sqlx::query_scalar("UPDATE orders SET status = 'paid' WHERE id = $1 RETURNING status")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO payments (order_id, amount) VALUES ($1, $2)").bind(id).bind(amount).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(status)
}
