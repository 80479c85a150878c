;; A function whose writes are not all in one transaction: see docs.md.
;;
;; Writes are the shared helper "write" (queries/shared/db-writes-js.scm). Functions are
;; named declarations, methods, functions assigned to a name or a property, and Express-style
;; route handlers (`router.post("/orders", async (req, res) => …)`, named by their path).
;; Transactions and writes are counted along one path: branches of one `if`, `?:`, `switch` or `try`
;; do not add up, nor does a branch that returns with what follows it
;; (queries/shared/paths-js.scm).
;; Minified code (a line of 1,000 characters or more in the body) is not linted.
;; Each pattern counts the writes first, so that they become related locations, and the
;; number its message shows last.

; More than one transaction: two `prisma.$transaction(…)`, two `trx.commit()`.
([(function_declaration name: (identifier) @name body: (statement_block) @body)
  (generator_function_declaration name: (identifier) @name body: (statement_block) @body)
  (method_definition name: (property_identifier) @name body: (statement_block) @body)
  (variable_declarator name: (identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (pair key: (property_identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (call_expression
    function: (member_expression property: (property_identifier) @_verb)
    arguments: (arguments . (string) @name [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)] .))] @match
 (#any-of? @_verb "get" "post" "put" "patch" "delete" "all" "use")
 (#not-match? @body "[^\\n]{1000}")
 (#count-above? @body "write" "0")
 (#count-above? @body "transaction-end" "1" "alternatives" "branch" "exits" "exit" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has? @body "transactional-method" "program"))

; A commit or a transaction inside a loop (also `.forEach`/`.map` callbacks).
([(function_declaration name: (identifier) @name body: (statement_block) @body)
  (generator_function_declaration name: (identifier) @name body: (statement_block) @body)
  (method_definition name: (property_identifier) @name body: (statement_block) @body)
  (variable_declarator name: (identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (pair key: (property_identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (call_expression
    function: (member_expression property: (property_identifier) @_verb)
    arguments: (arguments . (string) @name [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)] .))] @match
 (#any-of? @_verb "get" "post" "put" "patch" "delete" "all" "use")
 (#not-match? @body "[^\\n]{1000}")
 (#count-above? @body "write" "0")
 (#count-above? @body "transaction-end" "0" "inside" "loop" "outside" "loop-exit")
 (#not-has? @body "transactional-method" "program")
 (#set! message "loop"))

; Writes both inside a transaction callback and outside it.
([(function_declaration name: (identifier) @name body: (statement_block) @body)
  (generator_function_declaration name: (identifier) @name body: (statement_block) @body)
  (method_definition name: (property_identifier) @name body: (statement_block) @body)
  (variable_declarator name: (identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (pair key: (property_identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (call_expression
    function: (member_expression property: (property_identifier) @_verb)
    arguments: (arguments . (string) @name [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)] .))] @match
 (#any-of? @_verb "get" "post" "put" "patch" "delete" "all" "use")
 (#not-match? @body "[^\\n]{1000}")
 (#count-above? @body "write" "0" "inside" "transaction")
 (#count-above? @body "write" "0" "outside" "transaction")
 (#not-has? @body "transactional-method" "program")
 (#set! message "mixed"))

; No sign of a transaction at all (not even a `tx` or `transaction` passed in), and writes
; that each commit on their own: more than one, or one inside a loop.
([(function_declaration name: (identifier) @name body: (statement_block) @body)
  (generator_function_declaration name: (identifier) @name body: (statement_block) @body)
  (method_definition name: (property_identifier) @name body: (statement_block) @body)
  (variable_declarator name: (identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (pair key: (property_identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (call_expression
    function: (member_expression property: (property_identifier) @_verb)
    arguments: (arguments . (string) @name [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)] .))] @match
 (#any-of? @_verb "get" "post" "put" "patch" "delete" "all" "use")
 (#not-match? @body "[^\\n]{1000}")
 (#count-above? @body "write" "1" "alternatives" "branch" "exits" "exit" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has? @body "transaction-mention")
 (#not-has-before? @body "manager-parameter" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has? @body "transactional-method" "program")
 (#set! message "autocommit"))
([(function_declaration name: (identifier) @name body: (statement_block) @body)
  (generator_function_declaration name: (identifier) @name body: (statement_block) @body)
  (method_definition name: (property_identifier) @name body: (statement_block) @body)
  (variable_declarator name: (identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (pair key: (property_identifier) @name value: [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)])
  (call_expression
    function: (member_expression property: (property_identifier) @_verb)
    arguments: (arguments . (string) @name [(arrow_function body: (statement_block) @body) (function_expression body: (statement_block) @body)] .))] @match
 (#any-of? @_verb "get" "post" "put" "patch" "delete" "all" "use")
 (#not-match? @body "[^\\n]{1000}")
 (#count-above? @body "write" "0" "inside" "loop" "outside" "loop-exit")
 (#not-has? @body "transaction-mention")
 (#not-has-before? @body "manager-parameter" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has? @body "transactional-method" "program")
 (#set! message "autocommit-loop"))

;; Helpers.

; A transaction callback: `prisma.$transaction(async (tx) => …)`, `knex.transaction(…)`,
; `dataSource.transaction(…)`, `sequelize.transaction(…)`, `session.withTransaction(…)`;
; Prisma's array form `prisma.$transaction([…])`.
((call_expression
   function: (member_expression property: (property_identifier) @_m)
   arguments: (arguments [(arrow_function) (function_expression) (array)])) @match
 (#any-of-setting? @_m "js-transaction-calls")
 (#set! helper "transaction"))

; Where a transaction ends: a transaction callback, `trx.commit()`,
; `queryRunner.commitTransaction()`, `client.query("COMMIT")`.
((call_expression
   function: (member_expression property: (property_identifier) @_m)
   arguments: (arguments [(arrow_function) (function_expression) (array)])) @match
 (#any-of-setting? @_m "js-transaction-calls")
 (#set! helper "transaction-end"))
((call_expression
   function: (member_expression property: (property_identifier) @_m)
   arguments: (arguments) @_args) @match
 (#any-of? @_m "commit" "commitTransaction")
 (#eq? @_args "()")
 (#set! helper "transaction-end"))
((call_expression
   function: (member_expression property: (property_identifier) @_m)
   arguments: (arguments . [(string) (template_string)] @_sql)) @match
 (#any-of-setting? @_m "js-sql-execute")
 (#match? @_sql "^[`'\"]\\s*(?i:commit|end)\\s*;?\\s*[`'\"]$")
 (#set! helper "transaction-end"))

; A parameter of `js-transaction-parameters` (a TypeORM `EntityManager`, a knex instance or
; transaction, a `db` handle: `async save(dto, manager?: EntityManager)`,
; `const removeIntegration = async (knex, integration) => …`, `async revoke(db, id)`): the caller
; decides whether its writes share a transaction (knex runs each migration in one). Helper
; "manager-parameter", in caller-js.scm and caller-ts.scm: the grammars' parameters differ.

; A method that runs in one transaction by its decorator (`@Transaction()`, `@Transactional()`),
; joined on its name. Compiled TypeScript: `__decorate([(0, typeorm_1.Transaction)(), …],
; S.prototype, "pay", null)`. The source forms differ between the grammars: see
; caller-js.scm and caller-ts.scm.
((call_expression
   function: (identifier) @_decorate
   arguments: (arguments
     . (array (call_expression function: [(identifier) @_d
                                          (member_expression property: (property_identifier) @_d)
                                          (parenthesized_expression (sequence_expression (member_expression property: (property_identifier) @_d)))]))
     . (_)
     . (string (string_fragment) @name)))
 (#eq? @_decorate "__decorate")
 (#any-of-setting? @_d "js-transaction-decorators")
 (#set! helper "transactional-method"))

; Any mention of a transaction: the function runs in one that someone else opened or commits
; (`transacting` is the option that knex and Bookshelf take).
([(identifier) (property_identifier) (shorthand_property_identifier) (shorthand_property_identifier_pattern)] @_name
 (#match? @_name "(?i)transaction|^(trx|tx|txn|queryRunner|session|transacting)$")
 (#set! helper "transaction-mention"))
((call_expression
   function: (member_expression property: (property_identifier) @_m)
   arguments: (arguments . [(string) (template_string)] @_sql))
 (#any-of-setting? @_m "js-sql-execute")
 (#match? @_sql "^[`'\"]\\s*(?i:begin|start\\s+transaction)")
 (#set! helper "transaction-mention"))

; A block in a loop that leaves it (ends in `return`, `throw` or `break`): what it writes runs
; once, not once per iteration. The loop's body itself, or an `if`/`else` branch directly in it.
((for_statement body: (statement_block (if_statement consequence: [(statement_block [(return_statement) (throw_statement) (break_statement)] .) [(return_statement) (throw_statement) (break_statement)]] @match)))
 (#set! helper "loop-exit"))
((for_statement body: (statement_block (if_statement alternative: (else_clause [(statement_block [(return_statement) (throw_statement) (break_statement)] .) [(return_statement) (throw_statement) (break_statement)]] @match))))
 (#set! helper "loop-exit"))
((for_statement body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match)
 (#set! helper "loop-exit"))
((for_in_statement body: (statement_block (if_statement consequence: [(statement_block [(return_statement) (throw_statement) (break_statement)] .) [(return_statement) (throw_statement) (break_statement)]] @match)))
 (#set! helper "loop-exit"))
((for_in_statement body: (statement_block (if_statement alternative: (else_clause [(statement_block [(return_statement) (throw_statement) (break_statement)] .) [(return_statement) (throw_statement) (break_statement)]] @match))))
 (#set! helper "loop-exit"))
((for_in_statement body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match)
 (#set! helper "loop-exit"))
((while_statement body: (statement_block (if_statement consequence: [(statement_block [(return_statement) (throw_statement) (break_statement)] .) [(return_statement) (throw_statement) (break_statement)]] @match)))
 (#set! helper "loop-exit"))
((while_statement body: (statement_block (if_statement alternative: (else_clause [(statement_block [(return_statement) (throw_statement) (break_statement)] .) [(return_statement) (throw_statement) (break_statement)]] @match))))
 (#set! helper "loop-exit"))
((while_statement body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match)
 (#set! helper "loop-exit"))
((do_statement body: (statement_block (if_statement consequence: [(statement_block [(return_statement) (throw_statement) (break_statement)] .) [(return_statement) (throw_statement) (break_statement)]] @match)))
 (#set! helper "loop-exit"))
((do_statement body: (statement_block (if_statement alternative: (else_clause [(statement_block [(return_statement) (throw_statement) (break_statement)] .) [(return_statement) (throw_statement) (break_statement)]] @match))))
 (#set! helper "loop-exit"))
((do_statement body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match)
 (#set! helper "loop-exit"))

; A `try` directly in a loop whose body or `catch` ends in `return`, `throw` or `break`: a
; retry loop (`for (attempt …) { try { await repo.save(x); return x; } catch (e) { if (…)
; continue; throw e; } }`) writes once on the path that succeeds.
((for_statement body: (statement_block (try_statement body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match)))
 (#set! helper "loop-exit"))
((for_statement body: (statement_block (try_statement handler: (catch_clause body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match))))
 (#set! helper "loop-exit"))
((for_in_statement body: (statement_block (try_statement body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match)))
 (#set! helper "loop-exit"))
((for_in_statement body: (statement_block (try_statement handler: (catch_clause body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match))))
 (#set! helper "loop-exit"))
((while_statement body: (statement_block (try_statement body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match)))
 (#set! helper "loop-exit"))
((while_statement body: (statement_block (try_statement handler: (catch_clause body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match))))
 (#set! helper "loop-exit"))
((do_statement body: (statement_block (try_statement body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match)))
 (#set! helper "loop-exit"))
((do_statement body: (statement_block (try_statement handler: (catch_clause body: (statement_block [(return_statement) (throw_statement) (break_statement)] .) @match))))
 (#set! helper "loop-exit"))

([(for_statement) (for_in_statement) (while_statement) (do_statement)] @match
 (#set! helper "loop"))
((call_expression
   function: (member_expression property: (property_identifier) @_m)
   arguments: (arguments [(arrow_function) (function_expression)])) @match
 (#any-of? @_m "forEach" "map" "flatMap")
 (#set! helper "loop"))
