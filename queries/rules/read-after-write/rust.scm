;; A read of an entity that the same function wrote before: see docs.md.
;;
;; Writes are the shared helper "write" (queries/shared/db-writes-rust.scm); every read
;; pattern joins it on `@entity`. The scope is the innermost function or closure, and the write
;; must be on a path to the read: not in another branch of an `if` or `match`, nor in a block
;; that returns before the read (queries/shared/paths-rust.scm).

; diesel: a query on the table that runs (`load`, `first`, `get_result`, `get_results`: the
; `diesel-read-methods` setting), e.g. `users.filter(…).first::<User>(conn)`, after
; `diesel::insert_into(users)` or `diesel::update(users.find(id))`.
((call_expression
   function: [(field_expression value: [[(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]
                (call_expression function: [(field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]) (generic_function function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))])
                (call_expression function: [(field_expression value: (call_expression function: [(field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]) (generic_function function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))])) (generic_function function: (field_expression value: (call_expression function: [(field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]) (generic_function function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))])))])] field: (field_identifier) @_method)
              (generic_function function: (field_expression value: [[(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]
                (call_expression function: [(field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]) (generic_function function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))])
                (call_expression function: [(field_expression value: (call_expression function: [(field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]) (generic_function function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))])) (generic_function function: (field_expression value: (call_expression function: [(field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]) (generic_function function: (field_expression value: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_table) (scoped_identifier path: (scoped_identifier name: (identifier) @entity) name: (identifier) @_table)]))])))])] field: (field_identifier) @_method))]) @match
 (#eq? @_table "table")
 (#any-of-setting? @_method "diesel-read-methods")
 (#has-before? @match "write" "function_item" "closure_expression" "alternatives" "branch" "exits" "exit"))

; sea-orm: `user::Entity::find_by_id(id)`, `User::find()` after `user::Entity::insert(…)` or
; `model.insert(&db)`.
((call_expression
   function: (scoped_identifier
     path: [(identifier) @entity (scoped_identifier path: (identifier) @entity name: (identifier) @_entity)]
     name: (identifier) @_fn)) @match
 (#eq? @_entity "Entity")
 (#any-of-setting? @_fn "seaorm-read-functions")
 (#has-before? @match "write" "function_item" "closure_expression" "alternatives" "branch" "exits" "exit"))

; Raw SQL through a replica: the query runs on an executor whose name says so
; (`.fetch_one(&state.read_pool)`). Reported at the query.
((call_expression
   function: (field_expression value: [(call_expression function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn) (field_expression field: (field_identifier) @_fn) (generic_function function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)])] arguments: (arguments . [(string_literal) (raw_string_literal)] @entity)) @read
              (call_expression function: (field_expression value: (call_expression function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn) (field_expression field: (field_identifier) @_fn) (generic_function function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)])] arguments: (arguments . [(string_literal) (raw_string_literal)] @entity)) @read))
              (call_expression function: (field_expression value: (call_expression function: (field_expression value: (call_expression function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn) (field_expression field: (field_identifier) @_fn) (generic_function function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)])] arguments: (arguments . [(string_literal) (raw_string_literal)] @entity)) @read))))] field: (field_identifier) @_fetch)
   arguments: (arguments . (_) @handle)) @match
 (#match? @_fetch "^fetch")
 (#extract? @entity "^r?#*\"\\s*(?i:select|with)\\b[\\s\\S]*?\\b(?i:from|join)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#not-match? @entity "(?i)^r?#*\"\\s*with\\b[\\s\\S]*\\)[\\s\\\\]*(?:delete|update|insert|merge)\\b")
 (#any-of-setting? @_fn "rust-sql-execute")
 (#match? @handle "(?i)replica|read_pool|readpool|reader|read_db|ro_pool")
 (#has-before? @read "write" "function_item" "closure_expression" "alternatives" "branch" "exits" "exit")
 (#set! message "replica-handle")
 (#set! severity "raise"))
((call_expression
   function: (field_expression value: [(macro_invocation macro: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)] (token_tree . [(string_literal) (raw_string_literal)] @entity)) @read
              (call_expression function: (field_expression value: (macro_invocation macro: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)] (token_tree . [(string_literal) (raw_string_literal)] @entity)) @read))
              (call_expression function: (field_expression value: (call_expression function: (field_expression value: (macro_invocation macro: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)] (token_tree . [(string_literal) (raw_string_literal)] @entity)) @read))))] field: (field_identifier) @_fetch)
   arguments: (arguments . (_) @handle)) @match
 (#match? @_fetch "^fetch")
 (#extract? @entity "^r?#*\"\\s*(?i:select|with)\\b[\\s\\S]*?\\b(?i:from|join)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#not-match? @entity "(?i)^r?#*\"\\s*with\\b[\\s\\S]*\\)[\\s\\\\]*(?:delete|update|insert|merge)\\b")
 (#any-of-setting? @_fn "rust-sql-macros")
 (#match? @handle "(?i)replica|read_pool|readpool|reader|read_db|ro_pool")
 (#has-before? @read "write" "function_item" "closure_expression" "alternatives" "branch" "exits" "exit")
 (#set! message "replica-handle")
 (#set! severity "raise"))

; Raw SQL: `sqlx::query_as("SELECT … FROM users …")`, `conn.query_row("SELECT … FROM users …")`,
; `sqlx::query!("SELECT …")` after a write to `users`.
((call_expression function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn) (field_expression field: (field_identifier) @_fn) (generic_function function: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)])] arguments: (arguments . [(string_literal) (raw_string_literal)] @entity)) @match
 (#extract? @entity "^r?#*\"\\s*(?i:select|with)\\b[\\s\\S]*?\\b(?i:from|join)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#not-match? @entity "(?i)^r?#*\"\\s*with\\b[\\s\\S]*\\)[\\s\\\\]*(?:delete|update|insert|merge)\\b")
 (#any-of-setting? @_fn "rust-sql-execute")
 (#has-before? @match "write" "function_item" "closure_expression" "alternatives" "branch" "exits" "exit"))
((macro_invocation macro: [(identifier) @_fn (scoped_identifier name: (identifier) @_fn)] (token_tree . [(string_literal) (raw_string_literal)] @entity)) @match
 (#extract? @entity "^r?#*\"\\s*(?i:select|with)\\b[\\s\\S]*?\\b(?i:from|join)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#not-match? @entity "(?i)^r?#*\"\\s*with\\b[\\s\\S]*\\)[\\s\\\\]*(?:delete|update|insert|merge)\\b")
 (#any-of-setting? @_fn "rust-sql-macros")
 (#has-before? @match "write" "function_item" "closure_expression" "alternatives" "branch" "exits" "exit"))
