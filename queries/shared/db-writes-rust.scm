;; Database writes in Rust, shared by `read-after-write` and `multi-transaction`.
;;
;; Helper "write": every pattern captures the call as `@match` and the written entity as
;; `@entity`: the diesel table (`users` in `users::table`), the sea-orm entity module or alias
;; (`user` in `user::Entity`, `User`), the table of an SQL string. The function and method
;; names are pack settings (`queries/pack.toml`).

; diesel: `diesel::insert_into(users::table)`, `insert_into(users)`,
; `diesel::update(users.find(id))`, `diesel::delete(posts::table.filter(…))`.
((call_expression
   function: (scoped_identifier path: (identifier) @_diesel name: (identifier) @_fn)
   arguments: (arguments . [(identifier) @entity
                 (scoped_identifier path: (identifier) @entity name: (identifier) @_table)
                 (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)
                 (call_expression function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))
                 (call_expression function: (field_expression value: (call_expression function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))))])) @match
 (#eq? @_diesel "diesel")
 (#eq? @_table "table")
 (#any-of-setting? @_fn "diesel-write-functions")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))
((call_expression
   function: (identifier) @_fn
   arguments: (arguments . [(identifier) @entity
                 (scoped_identifier path: (identifier) @entity name: (identifier) @_table)
                 (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)
                 (call_expression function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))
                 (call_expression function: (field_expression value: (call_expression function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))))])) @match
 (#any-of? @_fn "insert_into" "replace_into" "insert_or_ignore_into")
 (#eq? @_table "table")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))
; Unqualified `update(…)` and `delete(…)` only of a table path or a filtered table.
((call_expression
   function: (identifier) @_fn
   arguments: (arguments . [(scoped_identifier path: (identifier) @entity name: (identifier) @_table)
                 (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)
                 (call_expression function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))
                 (call_expression function: (field_expression value: (call_expression function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))))])) @match
 (#any-of? @_fn "update" "delete")
 (#eq? @_table "table")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; sea-orm: `user::Entity::insert(model)`, `Post::delete_by_id(id)`, `Entity::update_many()`.
((call_expression
   function: (scoped_identifier
     path: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_entity)]
     name: (identifier) @_fn)) @match
 (#eq? @_entity "Entity")
 (#match? @entity "^[A-Za-z]")
 (#any-of-setting? @_fn "seaorm-write-functions")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; sea-orm active models: `model.insert(&db)`, `active.update(txn)`, `model.delete(db)`: the
; argument is a database handle (by its name), so `set.insert(x)` is not a write.
((call_expression
   function: (field_expression value: [(identifier) (field_expression)] @entity field: (field_identifier) @_fn)
   arguments: (arguments . (_) @_db .)) @match
 (#any-of-setting? @_fn "seaorm-write-methods")
 (#match? @_db "^&?(mut\\s+)?\\*?(self\\.|state\\.|ctx\\.|app\\.|data\\.)?\\*?(db|conn|connection|txn|tx|trx|pool|database|executor|transaction|db_conn|db_pool)(\\.as_ref\\(\\))?$")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; … and the entity of an active model built in the same block:
; `let model = user::ActiveModel { … };` … `model.insert(&db).await?` writes `user`.
((block
   (let_declaration pattern: [(identifier) @_obj (mut_pattern (identifier) @_obj)]
                    value: (struct_expression name: (scoped_type_identifier path: (identifier) @entity name: (type_identifier) @_am)))
   [(expression_statement [(call_expression function: (field_expression value: (identifier) @_saved field: (field_identifier) @_fn) arguments: (arguments . (_) @_db .)) (await_expression (call_expression function: (field_expression value: (identifier) @_saved field: (field_identifier) @_fn) arguments: (arguments . (_) @_db .))) (try_expression (call_expression function: (field_expression value: (identifier) @_saved field: (field_identifier) @_fn) arguments: (arguments . (_) @_db .))) (try_expression (await_expression (call_expression function: (field_expression value: (identifier) @_saved field: (field_identifier) @_fn) arguments: (arguments . (_) @_db .))))] @match) (let_declaration value: [(call_expression function: (field_expression value: (identifier) @_saved field: (field_identifier) @_fn) arguments: (arguments . (_) @_db .)) (await_expression (call_expression function: (field_expression value: (identifier) @_saved field: (field_identifier) @_fn) arguments: (arguments . (_) @_db .))) (try_expression (call_expression function: (field_expression value: (identifier) @_saved field: (field_identifier) @_fn) arguments: (arguments . (_) @_db .))) (try_expression (await_expression (call_expression function: (field_expression value: (identifier) @_saved field: (field_identifier) @_fn) arguments: (arguments . (_) @_db .))))] @match)])
 (#eq? @_obj @_saved)
 (#eq? @_am "ActiveModel")
 (#any-of-setting? @_fn "seaorm-write-methods")
 (#match? @_db "^&?(mut\\s+)?\\*?(self\\.|state\\.|ctx\\.|app\\.|data\\.)?\\*?(db|conn|connection|txn|tx|trx|pool|database|executor|transaction|db_conn|db_pool)(\\.as_ref\\(\\))?$")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; Raw SQL: `sqlx::query("INSERT INTO users …")`, `conn.execute("UPDATE users …", params![…])`,
; `sqlx::query!("DELETE FROM users …", id)`. The table is the entity.
((call_expression
   function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn) (field_expression field: (field_identifier) @_fn)
              (generic_function function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)])]
   arguments: (arguments . [(string_literal) (raw_string_literal)] @entity)) @match
 (#any-of-setting? @_fn "rust-sql-execute")
 (#extract? @entity "^r?#*\"\\s*(?i:insert\\s+(?:or\\s+\\w+\\s+)?into|update(?:\\s+only)?|delete\\s+from|replace\\s+into|merge\\s+into|upsert\\s+into)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#set! helper "write"))
((macro_invocation
   macro: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)]
   (token_tree . [(string_literal) (raw_string_literal)] @entity)) @match
 (#any-of-setting? @_fn "rust-sql-macros")
 (#extract? @entity "^r?#*\"\\s*(?i:insert\\s+(?:or\\s+\\w+\\s+)?into|update(?:\\s+only)?|delete\\s+from|replace\\s+into|merge\\s+into|upsert\\s+into)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#set! helper "write"))
