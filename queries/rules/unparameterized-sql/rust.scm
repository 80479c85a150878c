;; `format!` building SQL, passed to a call that runs it: sqlx `query`, `query_as`,
;; `query_scalar`, `raw_sql`; rusqlite `execute`, `prepare`, `execute_batch`, `query_row`;
;; postgres `query`, `execute`, `batch_execute`; diesel `sql_query`; sea-orm
;; `Statement::from_string` (second argument). The `query!` macros are never matched: they
;; are macros, not calls.

; Directly: `conn.execute(&format!("… {}", x), …)`.
((call_expression
   function: [(identifier) @sink
              (scoped_identifier name: (identifier) @sink)
              (field_expression field: (field_identifier) @sink)]
   arguments: (arguments . [(macro_invocation macro: (identifier) @_format (token_tree . [(string_literal) (raw_string_literal)] @_template)) (reference_expression value: (macro_invocation macro: (identifier) @_format (token_tree . [(string_literal) (raw_string_literal)] @_template)))] @sql)) @match
 (#any-of-setting? @sink "rust-sinks")
 (#eq? @_format "format")
 (#match? @_template "^r?#*\"\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma)\\b")
 (#match? @_template "(^|[^{])[{]([^{]|$)"))

; `Statement::from_string(backend, format!(…))`.
((call_expression
   function: (scoped_identifier name: (identifier) @sink)
   arguments: (arguments (_) . [(macro_invocation macro: (identifier) @_format (token_tree . [(string_literal) (raw_string_literal)] @_template)) (reference_expression value: (macro_invocation macro: (identifier) @_format (token_tree . [(string_literal) (raw_string_literal)] @_template)))] @sql)) @match
 (#eq? @sink "from_string")
 (#eq? @_format "format")
 (#match? @_template "(^|[^{])[{]([^{]|$)"))

; Through a variable: `let sql = format!(…); conn.execute(&sql, …)`.
((call_expression
   function: [(identifier) @sink
              (scoped_identifier name: (identifier) @sink)
              (field_expression field: (field_identifier) @sink)]
   arguments: (arguments . [(identifier) @sql (reference_expression value: (identifier) @sql)])) @match
 (#any-of-setting? @sink "rust-sinks")
 (#has-before? @sql "dynamic" "function_item" "closure_expression" "alternatives" "branch" "last" "assign"))

((let_declaration pattern: (identifier) @sql value: (macro_invocation macro: (identifier) @_format (token_tree . [(string_literal) (raw_string_literal)] @_template)))
 (#eq? @_format "format")
 (#match? @_template "^r?#*\"\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma)\\b")
 (#match? @_template "(^|[^{])[{]([^{]|$)")
 (#set! helper "dynamic"))

; What replaces a variable's value: a `let` (shadowing) or an assignment of a string literal or
; of a `format!`. At the call only what the last one on every path left counts.
([(let_declaration pattern: (identifier) @sql value: [(string_literal) (raw_string_literal) (macro_invocation)] @_value)
  (assignment_expression left: (identifier) @sql right: [(string_literal) (raw_string_literal) (macro_invocation)] @_value)]
 (#match? @_value "^(r?#*\"|format!)")
 (#set! helper "assign"))
