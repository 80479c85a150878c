;; A read of an entity that the same function wrote before: see docs.md.
;;
;; Writes are the shared helper "write" (queries/shared/db-writes-js.scm); every read pattern
;; joins it on `@entity`. The scope is the innermost function, arrow function or method, and
;; the write must be on a path to the read: not in another branch of an `if`, `?:`, `switch`
;; or `try`/`catch` (a `catch` is usually the path where the write failed), nor in a block
;; that returns or throws before the read (queries/shared/paths-js.scm).

; Prisma: `prisma.user.findUnique(…)` after `prisma.user.update(…)`.
((call_expression
   function: (member_expression
     object: (member_expression
       object: [(identifier) @_client (member_expression property: (property_identifier) @_client)]
       property: (property_identifier) @entity)
     property: (property_identifier) @_method)) @match
 (#any-of-setting? @_client "js-db-clients")
 (#any-of-setting? @_method "prisma-read-methods")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit"))

; Prisma through a replica: `prisma.$replica().user.findMany(…)` (the read-replicas
; extension), or a client named in `replica-names`.
((call_expression
   function: (member_expression
     object: (member_expression
       object: (call_expression function: (member_expression property: (property_identifier) @_replica)) @handle
       property: (property_identifier) @entity)
     property: (property_identifier) @_method)) @match @read
 (#eq? @_replica "$replica")
 (#any-of-setting? @_method "prisma-read-methods")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit")
 (#set! message "replica-handle")
 (#set! severity "raise"))
((call_expression
   function: (member_expression
     object: (member_expression
       object: [(identifier) @_client (member_expression property: (property_identifier) @_client)] @handle
       property: (property_identifier) @entity)
     property: (property_identifier) @_method)) @match
 (#any-of-setting? @_client "replica-names")
 (#any-of-setting? @_method "prisma-read-methods")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit")
 (#set! message "replica-handle")
 (#set! severity "raise"))

; TypeORM repositories: `userRepository.findOneBy(…)` after `userRepository.save(…)`.
((call_expression
   function: (member_expression
     object: [(identifier) @_name (member_expression property: (property_identifier) @_name)] @entity
     property: (property_identifier) @_method)) @match
 (#match? @_name "(?i)(repo|repository)$")
 (#any-of-setting? @_method "typeorm-read-methods")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit"))

; TypeORM entity managers: `manager.findOneBy(User, …)` after `manager.save(User, …)`.
((call_expression
   function: (member_expression
     object: [(identifier) @_name (member_expression property: (property_identifier) @_name)]
     property: (property_identifier) @_method)
   arguments: (arguments . (identifier) @entity)) @match
 (#match? @_name "(?i)^(manager|em|\\w*entitymanager)$")
 (#any-of-setting? @_method "typeorm-read-methods")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit"))

; mongoose and Sequelize models: `User.findById(…)` after `User.create(…)` or `user.save()`.
((call_expression
   function: (member_expression
     object: [(identifier) @_name (member_expression property: (property_identifier) @_name)] @entity
     property: (property_identifier) @_method)) @match
 (#match? @_name "^[A-Z]|Model$")
 (#not-any-of? @_name "Object" "Reflect" "Vue" "Promise" "Array" "Map" "Set" "WeakMap" "JSON" "Math" "Date" "Symbol" "Buffer" "URL" "React" "Intl" "Number" "String" "Error" "Atomics" "Ember" "Proxy")
 (#any-of-setting? @_method "model-read-methods")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit"))

; MongoDB collections: `db.collection("users").findOne(…)`.
((call_expression
   function: (member_expression
     object: (call_expression
       function: (member_expression property: (property_identifier) @_collection)
       arguments: (arguments . (string (string_fragment) @entity)))
     property: (property_identifier) @_method)) @match
 (#eq? @_collection "collection")
 (#any-of-setting? @_method "model-read-methods")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit"))

; knex: `await knex("users").where(…).first()`: a query whose last call reads, where it is
; used as a value (so not the start of `knex("users").where(…).update(…)`), with no write
; earlier in the chain (`knex("users").update(…).where(…)` is a write).
([(await_expression (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (return_statement (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (variable_declarator value: (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (assignment_expression right: (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (arguments (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (arrow_function body: (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)]
 (#any-of-setting? @_knex "knex-names")
 (#any-of-setting? @_method "knex-read-methods")
 (#not-any-of-setting? @_step1 "knex-write-methods")
 (#not-any-of-setting? @_step2 "knex-write-methods")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit"))
([(await_expression (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (return_statement (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (variable_declarator value: (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (assignment_expression right: (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (arguments (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)
  (arrow_function body: (call_expression function: (member_expression object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity))) property: (property_identifier) @_step1)) property: (property_identifier) @_step2))] property: (property_identifier) @_method)) @match)]
 (#any-of-setting? @_knex "replica-names")
 (#any-of-setting? @_method "knex-read-methods")
 (#not-any-of-setting? @_step1 "knex-write-methods")
 (#not-any-of-setting? @_step2 "knex-write-methods")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit")
 (#set! message "replica-knex")
 (#set! severity "raise"))

; Raw SQL: `pool.query("SELECT … FROM users …")` after a write to `users`; through a replica
; when the handle is named in `replica-names`.
((call_expression
   function: (member_expression object: [(identifier) @_handle (member_expression property: (property_identifier) @_handle)] property: (property_identifier) @_method)
   arguments: (arguments . [(string) (template_string)] @entity)) @match
 (#any-of-setting? @_method "js-sql-execute")
 (#extract? @entity "^[`'\"]\\s*(?i:select|with)\\b[\\s\\S]*?\\b(?i:from|join)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#not-match? @entity "(?i)^[`'\"]\\s*with\\b[\\s\\S]*\\)\\s*(?:delete|update|insert|merge)\\b")
 (#not-any-of-setting? @_handle "replica-names")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit"))
((call_expression
   function: (member_expression object: [(identifier) @handle (member_expression property: (property_identifier) @handle)] property: (property_identifier) @_method)
   arguments: (arguments . [(string) (template_string)] @entity)) @match
 (#any-of-setting? @_method "js-sql-execute")
 (#extract? @entity "^[`'\"]\\s*(?i:select|with)\\b[\\s\\S]*?\\b(?i:from|join)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#not-match? @entity "(?i)^[`'\"]\\s*with\\b[\\s\\S]*\\)\\s*(?:delete|update|insert|merge)\\b")
 (#any-of-setting? @handle "replica-names")
 (#has-before? @match "write" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "exits" "exit")
 (#set! message "replica-handle")
 (#set! severity "raise"))
