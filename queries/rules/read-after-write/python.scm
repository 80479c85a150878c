;; A read of an entity that the same function wrote before: see docs.md.
;;
;; Writes are the shared helper "write" (queries/shared/db-writes-python.scm); every read
;; pattern joins it on `@entity`. Test functions (`def test_…`) are not linted.
;; The write must come first in the same function and on a path to the read: not in another
;; branch of an `if`, `match` or `try`/`except` (an `except` is usually the path where the
;; write failed), nor in a block that returns or raises before the read
;; (queries/shared/paths-python.scm). A read in a class body (a form field's or a view's
;; `queryset = Model.objects.all()`) is scoped to its class, not to the file: it runs once, at
;; import, and no method's write precedes it.

; Django: a query that runs at once (`get`, `first`, `count`, `exists`, …: the
; `django-read-methods` setting), at most two calls after the manager.
; Not a `select_for_update()` query: it locks the row, which the write's result cannot do.
((call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match
 (#any-of-setting? @_manager "django-managers")
 (#any-of-setting? @_method "django-read-methods")
 (#not-any-of? @_first "using" "db_manager")
 (#not-match? @match "\\.select_for_update\\(")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit")
 (#not-has-before? @match "bulk-create-ignoring-conflicts" "function_definition" "class_definition"))

; Django: a lazy queryset (`filter`, `all`, …: `django-queryset-methods`) where it is used as a
; value (assigned, returned, passed, iterated), so not the start of `….filter(…).update(…)`.
([(assignment right: (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)
  (return_statement (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)
  (argument_list (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)
  (keyword_argument value: (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)
  (for_statement right: (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)
  (for_in_clause right: (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)
  (list (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)
  (tuple (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)
  (pair value: (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)
  (await (call function: (attribute object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_first))))] attribute: (identifier) @_method)) @match)]
 (#any-of-setting? @_manager "django-managers")
 (#any-of-setting? @_method "django-queryset-methods")
 (#not-any-of? @_first "using" "db_manager")
 (#not-match? @match "\\.select_for_update\\(")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit")
 (#not-has-before? @match "bulk-create-ignoring-conflicts" "function_definition" "class_definition"))

; Django through a replica: `User.objects.using("replica").get(…)`, reported at
; `User.objects.using`, once per query.
((call function: (attribute object: [(call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_using) arguments: (argument_list . (string (string_content) @db))) @read
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_using) arguments: (argument_list . (string (string_content) @db))) @read))] attribute: (identifier) @_method)) @match
 (#any-of-setting? @_manager "django-managers")
 (#any-of? @_using "using" "db_manager")
 (#any-of-setting? @db "replica-names")
 (#any-of-setting? @_method "django-any-read-methods")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit")
 (#set! message "replica")
 (#set! severity "raise"))

; Django: `obj.refresh_from_db()` after `obj.save()`. Not after an `F(…)` expression, whose
; value only the database knows (the documented idiom).
((call function: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_method)) @match
 (#any-of? @_method "refresh_from_db" "arefresh_from_db")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit")
 (#not-has-before? @match "f-expression" "function_definition"))

; SQLAlchemy: `session.get(User, id)`, `session.query(User)`, after a commit or flush.
((call
   function: (attribute object: [(identifier) @handle (attribute attribute: (identifier) @handle)] attribute: (identifier) @_method)
   arguments: (argument_list . [(identifier) @entity (attribute object: (identifier) @entity)])) @match
 (#any-of-setting? @handle "python-session-names")
 (#any-of? @_method "get" "query" "aget" "get_one")
 (#not-any-of-setting? @handle "replica-names")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit")
 (#has-before? @match "flushed" "function_definition"))
((call
   function: (attribute object: [(identifier) @handle (attribute attribute: (identifier) @handle)] attribute: (identifier) @_method)
   arguments: (argument_list . [(identifier) @entity (attribute object: (identifier) @entity)])) @match
 (#any-of? @_method "get" "query" "aget" "get_one")
 (#any-of-setting? @handle "replica-names")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit")
 (#set! message "replica-handle")
 (#set! severity "raise"))

; SQLAlchemy: `select(User)` after a commit or flush; through a replica when a replica handle
; runs it (`replica_session.execute(select(User))`, reported at the `select`).
((call
   function: (attribute object: [(identifier) @handle (attribute attribute: (identifier) @handle)] attribute: (identifier) @_run)
   arguments: (argument_list . [(call function: (identifier) @_select arguments: (argument_list . [(identifier) @entity (attribute object: (identifier) @entity)])) @read
                                (call function: (attribute object: (call function: (identifier) @_select arguments: (argument_list . [(identifier) @entity (attribute object: (identifier) @entity)])) @read))])) @match
 (#eq? @_select "select")
 (#any-of? @_run "execute" "scalars" "scalar")
 (#any-of-setting? @handle "replica-names")
 (#not-has-before? @read "test-function" "function_definition")
 (#has-before? @read "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit")
 (#set! message "replica-handle")
 (#set! severity "raise"))
((call function: (identifier) @_select arguments: (argument_list . [(identifier) @entity (attribute object: (identifier) @entity)])) @match
 (#eq? @_select "select")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit")
 (#has-before? @match "flushed" "function_definition"))

; Raw SQL: `cursor.execute("SELECT … FROM users …")` after a write to `users`; through a
; replica when the cursor's name says so.
((call
   function: (attribute object: (_) @handle attribute: (identifier) @_execute)
   arguments: (argument_list . [(string) (concatenated_string)] @entity)) @match
 (#any-of-setting? @_execute "python-sql-execute")
 (#extract? @entity "^[rRuUbBfF]*(?:\"\"\"|'''|\"|')\\s*(?i:select|with)\\b[\\s\\S]*?\\b(?i:from|join)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#not-match? @entity "(?i)^[rRuUbBfF]*(?:\"\"\"|'''|\"|')\\s*with\\b[\\s\\S]*\\)\\s*(?:delete|update|insert|merge)\\b")
 (#not-match? @handle "(?i)replica|reader|read_")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit"))
((call
   function: (attribute object: (_) @handle attribute: (identifier) @_execute)
   arguments: (argument_list . [(string) (concatenated_string)] @entity)) @match
 (#any-of-setting? @_execute "python-sql-execute")
 (#extract? @entity "^[rRuUbBfF]*(?:\"\"\"|'''|\"|')\\s*(?i:select|with)\\b[\\s\\S]*?\\b(?i:from|join)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#not-match? @entity "(?i)^[rRuUbBfF]*(?:\"\"\"|'''|\"|')\\s*with\\b[\\s\\S]*\\)\\s*(?:delete|update|insert|merge)\\b")
 (#match? @handle "(?i)replica|reader|read_")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit")
 (#set! message "replica-handle")
 (#set! severity "raise"))

; redis: `r.get(key)` after `r.set(key, …)`, `r.hget(name, field)` after `r.hset(name, …)`, on
; the same client (named in `redis-clients`) and the same key expression, where the value is
; kept, returned or passed on. A read that only feeds a condition (`if not r.exists(key)`,
; `if cache.get(lock) == token`) checks the write: a health check, a lock's owner.
([(assignment right: [(call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match (await (call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match)])
  (return_statement [(call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match (await (call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match)])
  (argument_list [(call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match (await (call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match)])
  (keyword_argument value: [(call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match (await (call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match)])
  (pair value: [(call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match (await (call function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method) arguments: (argument_list . (_) @entity)) @match)])]
 (#any-of-setting? @store "redis-clients")
 (#any-of-setting? @_method "redis-read-methods")
 (#not-has-before? @match "test-function" "function_definition")
 (#has-before? @match "write" "function_definition" "class_definition" "alternatives" "branch" "exits" "exit"))

;; Helpers.

; `Model.objects.bulk_create(objs, ignore_conflicts=True)` sets no primary key on the objects
; (the database does not say which rows it inserted), so a read of the model after it is how
; the rows are got back (Django's documented caveat): not reported.
((call
   function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager) attribute: (identifier) @_method)
   arguments: (argument_list (keyword_argument name: (identifier) @_kw value: (true)))) @match
 (#any-of-setting? @_manager "django-managers")
 (#any-of? @_method "bulk_create" "abulk_create")
 (#eq? @_kw "ignore_conflicts")
 (#set! helper "bulk-create-ignoring-conflicts"))

; redis writes, for the reads above: joined on the client and the key expression. (The
; shared "write" helper holds the database writes.)
((call
   function: (attribute object: [(identifier) @store (attribute attribute: (identifier) @store)] attribute: (identifier) @_method)
   arguments: (argument_list . (_) @entity)) @match
 (#any-of-setting? @_method "redis-write-methods")
 (#set! helper "write"))

; A commit or flush: what makes an SQLAlchemy write visible to a later query.
((call function: (attribute attribute: (identifier) @_method) arguments: (argument_list) @_args)
 (#any-of? @_method "commit" "flush")
 (#eq? @_args "()")
 (#set! helper "flushed"))

((call function: (identifier) @_f)
 (#eq? @_f "F")
 (#set! helper "f-expression"))

((function_definition name: (identifier) @_name)
 (#match? @_name "^test_")
 (#set! helper "test-function"))
