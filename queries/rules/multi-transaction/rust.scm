;; A function whose writes are not all in one transaction: see docs.md.
;;
;; Writes are the shared helper "write" (queries/shared/db-writes-rust.scm). Each pattern
;; counts the writes first, so that they become related locations, and the number its message
;; shows last. Functions named `test_…`, functions in a `mod tests` and functions documented as
;; being for tests only are left alone.
;; Transactions and writes are counted along one path: branches of one `if` or `match` do
;; not add up, nor does a branch that returns with what follows it
;; (queries/shared/paths-rust.scm).

; More than one transaction: two `tx.commit()`, two `conn.transaction(|c| …)`.
((function_item name: (identifier) @name body: (block) @body) @match
 (#not-match? @name "^test_")
 (#count-above? @body "write" "0")
 (#count-above? @body "transaction-end" "1" "alternatives" "branch" "exits" "exit" "function_item" "closure_expression")
 (#not-has-before? @body "test-module" "mod_item"))

; A commit or a transaction inside a loop (also a `.for_each` closure).
((function_item name: (identifier) @name body: (block) @body) @match
 (#not-match? @name "^test_")
 (#count-above? @body "write" "0")
 (#count-above? @body "transaction-end" "0" "inside" "loop" "outside" "loop-exit")
 (#not-has-before? @body "test-module" "mod_item")
 (#set! message "loop"))

; Writes both inside a transaction closure and outside it.
((function_item name: (identifier) @name body: (block) @body) @match
 (#not-match? @name "^test_")
 (#count-above? @body "write" "0" "inside" "transaction")
 (#count-above? @body "write" "0" "outside" "transaction")
 (#not-has-before? @body "test-module" "mod_item")
 (#set! message "mixed"))

; No sign of a transaction (no `begin()`, no `tx`/`txn`/`transaction` handle), and writes that
; each commit on their own: more than one, or one inside a loop.
((function_item name: (identifier) @name body: (block) @body) @match
 (#not-match? @name "^test_")
 (#count-above? @body "write" "1" "alternatives" "branch" "exits" "exit" "function_item" "closure_expression")
 (#not-has? @body "transaction-mention")
 (#not-has-before? @body "test-module" "mod_item")
 (#set! message "autocommit"))
((function_item name: (identifier) @name body: (block) @body) @match
 (#not-match? @name "^test_")
 (#count-above? @body "write" "0" "inside" "loop" "outside" "loop-exit")
 (#not-has? @body "transaction-mention")
 (#not-has-before? @body "test-module" "mod_item")
 (#set! message "autocommit-loop"))

;; Helpers.

; A function of a `mod tests` (directly, or in an `impl` there), joined on its name: the
; report patterns ask for one before the function's body, in its module.
((mod_item name: (identifier) @_name
   body: (declaration_list [(function_item name: (identifier) @name)
                            (impl_item body: (declaration_list (function_item name: (identifier) @name)))]))
 (#eq? @_name "tests")
 (#set! helper "test-module"))
; … and a function documented as being for tests only (`/// Only for use in tests`), at the
; top of a file or in an `impl`: its writes are test setup.
((declaration_list (line_comment doc: (doc_comment) @_doc) . (function_item name: (identifier) @name))
 (#match? @_doc "(?i)\\b(only (for|in) (use in )?tests?|for tests only|tests? only|for testing only)\\b")
 (#set! helper "test-module"))
((source_file (line_comment doc: (doc_comment) @_doc) . (function_item name: (identifier) @name))
 (#match? @_doc "(?i)\\b(only (for|in) (use in )?tests?|for tests only|tests? only|for testing only)\\b")
 (#set! helper "test-module"))

; A transaction closure: diesel's `conn.transaction(|conn| …)`, sea-orm's
; `db.transaction::<_, _, DbErr>(|txn| …)`.
((call_expression
   function: [(field_expression field: (field_identifier) @_m) (generic_function function: (field_expression field: (field_identifier) @_m))]
   arguments: (arguments (closure_expression))) @match
 (#any-of-setting? @_m "rust-transaction-calls")
 (#set! helper "transaction"))

; Where a transaction ends: a transaction closure, `tx.commit()`, `execute("COMMIT")`.
((call_expression
   function: [(field_expression field: (field_identifier) @_m) (generic_function function: (field_expression field: (field_identifier) @_m))]
   arguments: (arguments (closure_expression))) @match
 (#any-of-setting? @_m "rust-transaction-calls")
 (#set! helper "transaction-end"))
((call_expression function: (field_expression field: (field_identifier) @_m) arguments: (arguments) @_args) @match
 (#eq? @_m "commit")
 (#eq? @_args "()")
 (#set! helper "transaction-end"))
((call_expression
   function: [(identifier) @_m (scoped_identifier name: (identifier) @_m) (field_expression field: (field_identifier) @_m)]
   arguments: (arguments . [(string_literal) (raw_string_literal)] @_sql)) @match
 (#any-of-setting? @_m "rust-sql-execute")
 (#match? @_sql "^r?#*\"\\s*(?i:commit|end)\\s*;?\\s*\"#*$")
 (#set! helper "transaction-end"))

; Any sign of a transaction: `pool.begin()`, a `tx`/`txn`/`transaction` handle, a
; `Transaction` type: the function runs in one that it or its caller opened.
([(identifier) (field_identifier) (type_identifier)] @_name
 (#match? @_name "(?i)transaction|^(tx|txn|trx|begin)$")
 (#set! helper "transaction-mention"))

; A block in a loop that leaves it (ends in `return` or `break`): what it writes runs once,
; not once per iteration. The loop's body itself, or an `if`/`else` branch directly in it.
((for_expression body: (block (expression_statement (if_expression consequence: (block [(expression_statement [(return_expression) (break_expression)]) (return_expression) (break_expression)] .) @match))))
 (#set! helper "loop-exit"))
((for_expression body: (block (expression_statement (if_expression alternative: (else_clause (block [(expression_statement [(return_expression) (break_expression)]) (return_expression) (break_expression)] .) @match)))))
 (#set! helper "loop-exit"))
((for_expression body: (block [(expression_statement [(return_expression) (break_expression)]) (return_expression) (break_expression)] .) @match)
 (#set! helper "loop-exit"))
((while_expression body: (block (expression_statement (if_expression consequence: (block [(expression_statement [(return_expression) (break_expression)]) (return_expression) (break_expression)] .) @match))))
 (#set! helper "loop-exit"))
((while_expression body: (block (expression_statement (if_expression alternative: (else_clause (block [(expression_statement [(return_expression) (break_expression)]) (return_expression) (break_expression)] .) @match)))))
 (#set! helper "loop-exit"))
((while_expression body: (block [(expression_statement [(return_expression) (break_expression)]) (return_expression) (break_expression)] .) @match)
 (#set! helper "loop-exit"))
((loop_expression body: (block (expression_statement (if_expression consequence: (block [(expression_statement [(return_expression) (break_expression)]) (return_expression) (break_expression)] .) @match))))
 (#set! helper "loop-exit"))
((loop_expression body: (block (expression_statement (if_expression alternative: (else_clause (block [(expression_statement [(return_expression) (break_expression)]) (return_expression) (break_expression)] .) @match)))))
 (#set! helper "loop-exit"))
((loop_expression body: (block [(expression_statement [(return_expression) (break_expression)]) (return_expression) (break_expression)] .) @match)
 (#set! helper "loop-exit"))

([(for_expression) (while_expression) (loop_expression)] @match
 (#set! helper "loop"))
((call_expression
   function: (field_expression field: (field_identifier) @_m)
   arguments: (arguments (closure_expression))) @match
 (#any-of? @_m "for_each" "try_for_each" "map")
 (#set! helper "loop"))
