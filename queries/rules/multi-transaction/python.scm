;; A function whose writes are not all in one transaction: see docs.md.
;;
;; Writes are the shared helper "write" (queries/shared/db-writes-python.scm). A function
;; decorated with `@transaction.atomic` (or any decorator naming `atomic`) is one transaction
;; and is never reported; neither are tests (`test_…`, `setUp…`, pytest fixtures and the
;; functions inside them) and Django data migrations (`def forwards(apps, schema_editor)`, any
;; name for the editor), which Django runs in a transaction.
;; Transactions and writes are counted along one path: branches of one `if`, `match` or `try`
;; do not add up, nor does a branch that returns with what follows it
;; (queries/shared/paths-python.scm).
;; A function that its own file calls inside a transaction (`with transaction.atomic():
;; self.save_meta()`, or from an `@transaction.atomic` method) runs in that transaction; so
;; does a method that a framework calls inside its own transaction (ModelAdmin's `save_model`:
;; the `python-framework-transactional-methods` setting), for writes "with no transaction" or
;; "outside" one.
;; Each pattern counts the writes first, so that they become related locations, and the
;; number its message shows last.

; More than one transaction: two `with transaction.atomic():` blocks, two `session.commit()`.
((function_definition name: (identifier) @name parameters: (parameters) @params body: (block) @body) @match
 (#not-match? @name "^(test|setUp)")
 (#not-match? @params "schema_editor|^\\(\\s*apps\\s*,\\s*\\w+\\s*\\)$")
 (#count-above? @body "write" "0")
 (#count-above? @body "transaction-end" "1" "alternatives" "branch" "exits" "exit" "function_definition")
 (#not-has-before? @body "atomic-function" "decorated_definition")
 (#not-has-before? @body "pytest-fixture" "decorated_definition")
 (#not-has? @body "requires-transaction")
 (#not-has? @body "named-call" "module" "inside" "transactional"))

; A commit (or a transaction block) inside a loop: one transaction per iteration.
((function_definition name: (identifier) @name parameters: (parameters) @params body: (block) @body) @match
 (#not-match? @name "^(test|setUp)")
 (#not-match? @params "schema_editor|^\\(\\s*apps\\s*,\\s*\\w+\\s*\\)$")
 (#count-above? @body "write" "0")
 (#count-above? @body "transaction-end" "0" "inside" "loop" "outside" "loop-exit")
 (#not-has-before? @body "atomic-function" "decorated_definition")
 (#not-has-before? @body "pytest-fixture" "decorated_definition")
 (#not-has? @body "requires-transaction")
 (#not-has? @body "named-call" "module" "inside" "transactional")
 (#set! message "loop"))

; Writes both inside and outside a transaction block.
((function_definition name: (identifier) @name parameters: (parameters) @params body: (block) @body) @match
 (#not-match? @name "^(test|setUp)")
 (#not-match? @params "schema_editor|^\\(\\s*apps\\s*,\\s*\\w+\\s*\\)$")
 (#not-any-of-setting? @name "python-framework-transactional-methods")
 (#count-above? @body "write" "0" "inside" "transaction")
 (#count-above? @body "write" "0" "outside" "transaction")
 (#not-has-before? @body "atomic-function" "decorated_definition")
 (#not-has-before? @body "pytest-fixture" "decorated_definition")
 (#not-has? @body "requires-transaction")
 (#not-has? @params "transaction-parameter")
 (#not-has? @body "named-call" "module" "inside" "transactional")
 (#set! message "mixed"))

; No transaction at all, and writes that each commit on their own (Django's autocommit):
; more than one, or one inside a loop. Writes through an SQLAlchemy session or a DB-API
; cursor are left alone: the caller commits them together.
((function_definition name: (identifier) @name parameters: (parameters) @params body: (block) @body) @match
 (#not-match? @name "^(test|setUp)")
 (#not-match? @params "schema_editor|^\\(\\s*apps\\s*,\\s*\\w+\\s*\\)$")
 (#not-any-of-setting? @name "python-framework-transactional-methods")
 (#count-above? @body "write" "1" "alternatives" "branch" "exits" "exit" "function_definition")
 (#not-has? @body "transaction-end")
 (#not-has? @body "unit-of-work")
 (#not-has-before? @body "atomic-function" "decorated_definition")
 (#not-has-before? @body "pytest-fixture" "decorated_definition")
 (#not-has? @body "requires-transaction")
 (#not-has? @params "transaction-parameter")
 (#not-has? @body "named-call" "module" "inside" "transactional")
 (#set! message "autocommit"))
((function_definition name: (identifier) @name parameters: (parameters) @params body: (block) @body) @match
 (#not-match? @name "^(test|setUp)")
 (#not-match? @params "schema_editor|^\\(\\s*apps\\s*,\\s*\\w+\\s*\\)$")
 (#not-any-of-setting? @name "python-framework-transactional-methods")
 (#count-above? @body "write" "0" "inside" "loop" "outside" "loop-exit")
 (#not-has? @body "transaction-end")
 (#not-has? @body "unit-of-work")
 (#not-has-before? @body "atomic-function" "decorated_definition")
 (#not-has-before? @body "pytest-fixture" "decorated_definition")
 (#not-has? @body "requires-transaction")
 (#not-has? @params "transaction-parameter")
 (#not-has? @body "named-call" "module" "inside" "transactional")
 (#set! message "autocommit-loop"))

;; Helpers.

; A transaction block: `with transaction.atomic():`, `with session.begin():`,
; `with engine.begin() as conn:`, `async with conn.transaction():`, or a context manager named
; after one (`with rolledback_transaction():`, `with db_transaction():`).
((with_statement
   (with_clause (with_item value: [(call function: [(identifier) @_f (attribute attribute: (identifier) @_f)])
                                   (as_pattern (call function: [(identifier) @_f (attribute attribute: (identifier) @_f)]))]))) @match
 (#any-of-setting? @_f "python-transaction-blocks")
 (#set! helper "transaction"))
((with_statement
   (with_clause (with_item value: [(call function: [(identifier) @_f (attribute attribute: (identifier) @_f)])
                                   (as_pattern (call function: [(identifier) @_f (attribute attribute: (identifier) @_f)]))]))) @match
 (#match? @_f "(?i)(^|_)(transaction|atomic)(_|$)")
 (#set! helper "transaction"))

; Where a transaction ends: a transaction block, `session.commit()`, `execute("COMMIT")`.
((with_statement
   (with_clause (with_item value: [(call function: [(identifier) @_f (attribute attribute: (identifier) @_f)])
                                   (as_pattern (call function: [(identifier) @_f (attribute attribute: (identifier) @_f)]))]))) @match
 (#any-of-setting? @_f "python-transaction-blocks")
 (#set! helper "transaction-end"))
((with_statement
   (with_clause (with_item value: [(call function: [(identifier) @_f (attribute attribute: (identifier) @_f)])
                                   (as_pattern (call function: [(identifier) @_f (attribute attribute: (identifier) @_f)]))]))) @match
 (#match? @_f "(?i)(^|_)(transaction|atomic)(_|$)")
 (#set! helper "transaction-end"))
((call function: (attribute attribute: (identifier) @_m) arguments: (argument_list) @_args) @match
 (#any-of? @_m "commit" "acommit")
 (#eq? @_args "()")
 (#set! helper "transaction-end"))
((call function: (attribute attribute: (identifier) @_m) arguments: (argument_list . (string) @_sql)) @match
 (#any-of-setting? @_m "python-sql-execute")
 (#match? @_sql "^[rRuUbB]*[\"']+\\s*(?i:commit|end)\\s*;?\\s*[\"']+$")
 (#set! helper "transaction-end"))

; A call of a function or method by its name (`self.name(…)`, `cls.name(…)`, `name(…)`), joined
; on the name, and where a transaction is open: a transaction block, a function decorated with
; anything naming `atomic`, a data migration.
((call function: (attribute object: (identifier) @_self attribute: (identifier) @name)) @match
 (#any-of? @_self "self" "cls")
 (#set! helper "named-call"))
((call function: (identifier) @name) @match
 (#set! helper "named-call"))
((with_statement
   (with_clause (with_item value: [(call function: [(identifier) @_f (attribute attribute: (identifier) @_f)])
                                   (as_pattern (call function: [(identifier) @_f (attribute attribute: (identifier) @_f)]))]))) @match
 (#any-of-setting? @_f "python-transaction-blocks")
 (#set! helper "transactional"))
((decorated_definition (decorator) @_decorator) @match
 (#match? @_decorator "atomic")
 (#set! helper "transactional"))
; A Django data migration (`def forwards(apps, schema_editor)`): Django runs it, and so the
; helpers of its file that it calls, in the migration's transaction.
((function_definition parameters: (parameters) @_params) @match
 (#match? @_params "schema_editor|^\\(\\s*apps\\s*,\\s*\\w+\\s*\\)$")
 (#set! helper "transactional"))
((decorated_definition
   (decorator [(identifier) @_d (attribute attribute: (identifier) @_d)
               (call function: [(identifier) @_d (attribute attribute: (identifier) @_d)])])) @match
 (#any-of-setting? @_d "python-transaction-decorators")
 (#set! helper "transactional"))

; Writes the caller commits: an SQLAlchemy session's, a DB-API cursor's.
((call function: (attribute object: [(identifier) @_s (attribute attribute: (identifier) @_s)] attribute: (identifier) @_m))
 (#any-of-setting? @_s "python-session-names")
 (#any-of-setting? @_m "sqlalchemy-write-methods")
 (#set! helper "unit-of-work"))
((call function: (attribute attribute: (identifier) @_m))
 (#any-of-setting? @_m "python-sql-execute")
 (#set! helper "unit-of-work"))

((decorated_definition (decorator) @_decorator definition: (function_definition name: (identifier) @name))
 (#match? @_decorator "atomic")
 (#set! helper "atomic-function"))
; … or by a decorator of `python-transaction-decorators` (`@transactional`, Pony's `@db_session`),
; bare or called: `@transactional`, `@tx.transactional(readonly=False)`.
((decorated_definition
   (decorator [(identifier) @_d (attribute attribute: (identifier) @_d)
               (call function: [(identifier) @_d (attribute attribute: (identifier) @_d)])])
   definition: (function_definition name: (identifier) @name))
 (#any-of-setting? @_d "python-transaction-decorators")
 (#set! helper "atomic-function"))
; A method of a class that runs every method in a transaction:
; `@method_decorator(transaction.atomic, name="dispatch")` on a Django view, or a class decorated
; with one of `python-transaction-decorators`.
((decorated_definition
   (decorator (call function: (identifier) @_md arguments: (argument_list . [(identifier) @_d (attribute attribute: (identifier) @_d)])))
   definition: (class_definition body: (block [(function_definition name: (identifier) @name)
                                               (decorated_definition definition: (function_definition name: (identifier) @name))])))
 (#eq? @_md "method_decorator")
 (#any-of-setting? @_d "python-transaction-decorators")
 (#set! helper "atomic-function"))
((decorated_definition
   (decorator [(identifier) @_d (attribute attribute: (identifier) @_d)
               (call function: [(identifier) @_d (attribute attribute: (identifier) @_d)])])
   definition: (class_definition body: (block [(function_definition name: (identifier) @name)
                                               (decorated_definition definition: (function_definition name: (identifier) @name))])))
 (#any-of-setting? @_d "python-transaction-decorators")
 (#set! helper "atomic-function"))

; A function that requires its caller's transaction: it checks that one is open and raises
; otherwise (`if not connection.in_atomic_block: raise …`, `assert connection.in_atomic_block`,
; `if transaction.get_autocommit(): raise …`). Its writes are the caller's transaction's.
((assert_statement . (attribute attribute: (identifier) @_a))
 (#eq? @_a "in_atomic_block")
 (#set! helper "requires-transaction"))
((if_statement condition: (not_operator argument: (attribute attribute: (identifier) @_a))
               consequence: (block (raise_statement)))
 (#eq? @_a "in_atomic_block")
 (#set! helper "requires-transaction"))
((assert_statement . (not_operator argument: (call function: (attribute attribute: (identifier) @_a))))
 (#eq? @_a "get_autocommit")
 (#set! helper "requires-transaction"))
((if_statement condition: (call function: (attribute attribute: (identifier) @_a))
               consequence: (block (raise_statement)))
 (#eq? @_a "get_autocommit")
 (#set! helper "requires-transaction"))

; A parameter that hands in the caller's transaction or connection (`def save_lines(session,
; lines)`, `def apply(conn: Connection, rows)`): the caller decides what commits together.
((parameters [(identifier) @_p
              (typed_parameter . (identifier) @_p)
              (default_parameter name: (identifier) @_p)
              (typed_default_parameter name: (identifier) @_p)])
 (#any-of-setting? @_p "python-transaction-parameters")
 (#set! helper "transaction-parameter"))

; A pytest fixture, and a function defined in one (a factory it returns): test code. Joined on
; the function's name.
((decorated_definition (decorator) @_decorator definition: (function_definition name: (identifier) @name))
 (#match? @_decorator "^@(pytest\\.)?fixture\\b")
 (#set! helper "pytest-fixture"))
((decorated_definition (decorator) @_decorator
   definition: (function_definition body: (block (function_definition name: (identifier) @name))))
 (#match? @_decorator "^@(pytest\\.)?fixture\\b")
 (#set! helper "pytest-fixture"))

; A block in a loop that leaves it (ends in `return`, `raise` or `break`): what it writes runs
; once, not once per iteration. The loop's body itself, or an `if`/`else` branch directly in it.
((for_statement body: (block (if_statement consequence: (block [(return_statement) (raise_statement) (break_statement)] .) @match))) (#set! helper "loop-exit"))
((for_statement body: (block (if_statement alternative: [(elif_clause consequence: (block [(return_statement) (raise_statement) (break_statement)] .) @match) (else_clause body: (block [(return_statement) (raise_statement) (break_statement)] .) @match)]))) (#set! helper "loop-exit"))
((for_statement body: (block [(return_statement) (raise_statement) (break_statement)] .) @match) (#set! helper "loop-exit"))
((while_statement body: (block (if_statement consequence: (block [(return_statement) (raise_statement) (break_statement)] .) @match))) (#set! helper "loop-exit"))
((while_statement body: (block (if_statement alternative: [(elif_clause consequence: (block [(return_statement) (raise_statement) (break_statement)] .) @match) (else_clause body: (block [(return_statement) (raise_statement) (break_statement)] .) @match)]))) (#set! helper "loop-exit"))
((while_statement body: (block [(return_statement) (raise_statement) (break_statement)] .) @match) (#set! helper "loop-exit"))
; … and, for `return` and `raise` (a `break` there may leave an inner loop only), a block one or
; two statements down, also one that ends in a `with` block that returns: the retry loop
; `for …: try: with transaction.atomic(): …; return`.
((for_statement body: (block (_ (block [(return_statement) (raise_statement) (with_statement body: (block [(return_statement) (raise_statement)] .))] .) @match))) (#set! helper "loop-exit"))
((for_statement body: (block (_ (_ (block [(return_statement) (raise_statement) (with_statement body: (block [(return_statement) (raise_statement)] .))] .) @match)))) (#set! helper "loop-exit"))
((for_statement body: (block (_ (block (_ (block [(return_statement) (raise_statement) (with_statement body: (block [(return_statement) (raise_statement)] .))] .) @match))))) (#set! helper "loop-exit"))
((while_statement body: (block (_ (block [(return_statement) (raise_statement) (with_statement body: (block [(return_statement) (raise_statement)] .))] .) @match))) (#set! helper "loop-exit"))
((while_statement body: (block (_ (_ (block [(return_statement) (raise_statement) (with_statement body: (block [(return_statement) (raise_statement)] .))] .) @match)))) (#set! helper "loop-exit"))
((while_statement body: (block (_ (block (_ (block [(return_statement) (raise_statement) (with_statement body: (block [(return_statement) (raise_statement)] .))] .) @match))))) (#set! helper "loop-exit"))

; … and a `try` directly in the loop's body whose body, `except` or `else` block ends in `break`,
; `return` or `raise` (a `try` is no loop: its `break` leaves the loop).
((for_statement body: (block (try_statement body: (block [(return_statement) (raise_statement) (break_statement)] .) @match))) (#set! helper "loop-exit"))
((for_statement body: (block (try_statement (except_clause (block [(return_statement) (raise_statement) (break_statement)] .) @match)))) (#set! helper "loop-exit"))
((for_statement body: (block (try_statement (else_clause body: (block [(return_statement) (raise_statement) (break_statement)] .) @match)))) (#set! helper "loop-exit"))
((while_statement body: (block (try_statement body: (block [(return_statement) (raise_statement) (break_statement)] .) @match))) (#set! helper "loop-exit"))
((while_statement body: (block (try_statement (except_clause (block [(return_statement) (raise_statement) (break_statement)] .) @match)))) (#set! helper "loop-exit"))
((while_statement body: (block (try_statement (else_clause body: (block [(return_statement) (raise_statement) (break_statement)] .) @match)))) (#set! helper "loop-exit"))

([(for_statement) (while_statement)] @match
 (#set! helper "loop"))
