;; Database writes in JavaScript and TypeScript (TSX too), shared by `read-after-write` and
;; `multi-transaction`.
;;
;; Helper "write": every pattern captures the call as `@match` and the written entity as
;; `@entity`: the Prisma model (`user` in `prisma.user.create`), the repository or model
;; (`this.userRepository`, `User`), the knex table or Mongo collection (`users`), the table of
;; an SQL string. The method names are pack settings (`queries/pack.toml`).

; Prisma: `prisma.user.create(…)`, `this.prisma.order.update(…)`, `tx.user.delete(…)`: a
; client named in `js-db-clients`.
((call_expression
   function: (member_expression
     object: (member_expression
       object: [(identifier) @_client (member_expression property: (property_identifier) @_client)]
       property: (property_identifier) @entity)
     property: (property_identifier) @_method)) @match
 (#any-of-setting? @_client "js-db-clients")
 (#any-of-setting? @_method "js-write-methods")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; TypeORM repositories: `userRepository.save(user)`, `this.orders.delete(id)` when the name ends
; in `Repository`/`Repo`. (`repository.create(…)` only builds an entity: not a write.)
((call_expression
   function: (member_expression
     object: [(identifier) @_name (member_expression property: (property_identifier) @_name)] @entity
     property: (property_identifier) @_method)) @match
 (#match? @_name "(?i)(repo|repository)$")
 (#any-of-setting? @_method "js-write-methods")
 (#not-eq? @_method "create")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; TypeORM entity managers: `manager.save(User, {…})`, `this.em.delete(Order, id)`; the
; entity is the first argument.
((call_expression
   function: (member_expression
     object: [(identifier) @_name (member_expression property: (property_identifier) @_name)]
     property: (property_identifier) @_method)
   arguments: (arguments . (identifier) @entity)) @match
 (#match? @_name "(?i)^(manager|em|\\w*entitymanager)$")
 (#any-of-setting? @_method "js-write-methods")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; mongoose, Sequelize and TypeORM Active Record models: `User.create(…)`, `Order.updateOne(…)`,
; `this.userModel.findByIdAndUpdate(…)`: a capitalized name (not a built-in, nor a minified
; one- or two-letter name) or one ending in `Model`; not a factory or a domain event
; (`AnnotationElementFactory.create(…)`, `PostsAddedEvent.create(…)`).
((call_expression
   function: (member_expression
     object: [(identifier) @_name (member_expression property: (property_identifier) @_name)] @entity
     property: (property_identifier) @_method)) @match
 (#match? @_name "^[A-Z]|Model$")
 (#not-match? @_name "^[\\w$]{1,2}$")
 (#not-any-of? @_name "Object" "Reflect" "Vue" "Promise" "Array" "Map" "Set" "WeakMap" "JSON" "Math" "Date" "Symbol" "Buffer" "URL" "React" "Intl" "Number" "String" "Error" "Atomics" "Ember" "Proxy")
 (#not-match? @_name "(Factory|Event)$")
 (#any-of-setting? @_method "js-write-methods")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; MongoDB collections: `db.collection("users").insertOne(…)`.
((call_expression
   function: (member_expression
     object: (call_expression
       function: (member_expression property: (property_identifier) @_collection)
       arguments: (arguments . (string (string_fragment) @entity)))
     property: (property_identifier) @_method)) @match
 (#eq? @_collection "collection")
 (#any-of-setting? @_method "js-write-methods")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; knex: `knex("users").insert(…)`, `db("users").where(…).update(…)`, `trx("t").del()`, with
; up to two calls between the table and the write.
((call_expression
   function: (member_expression
     object: [(call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))
             (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))))
             (call_expression function: (member_expression object: (call_expression function: (member_expression object: (call_expression function: [(identifier) @_knex (member_expression property: (property_identifier) @_knex)] arguments: (arguments . (string (string_fragment) @entity)))))))]
     property: (property_identifier) @_method)) @match
 (#any-of-setting? @_knex "knex-names")
 (#any-of-setting? @_method "knex-write-methods")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; Active Record instances: `await user.save()` (mongoose, Sequelize, TypeORM's BaseEntity),
; not a canvas context's `ctx.save()`, a state stack's `stateManager.save()`, nor a
; minified one- or two-letter name …
((call_expression
   function: (member_expression
     object: [(identifier) @_name (member_expression property: (property_identifier) @_name)] @entity
     property: (property_identifier) @_method)
   arguments: (arguments) @_args) @match
 (#eq? @_method "save")
 (#eq? @_args "()")
 (#not-match? @_name "(?i)^[\\w$]{1,2}$|(ctx|context|canvas|graphics|state|manager|stack|editor|history|store|settings|config|prefs|storage|form)$")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; … and the model of such an instance built in the same block: `const user = new User(…)` …
; `await user.save()` writes `User`.
((statement_block
   (lexical_declaration (variable_declarator name: (identifier) @_obj value: (new_expression constructor: (identifier) @entity)))
   (expression_statement [(call_expression function: (member_expression object: (identifier) @_saved property: (property_identifier) @_method) arguments: (arguments) @_args)
                          (await_expression (call_expression function: (member_expression object: (identifier) @_saved property: (property_identifier) @_method) arguments: (arguments) @_args))] @match))
 (#eq? @_obj @_saved)
 (#eq? @_method "save")
 (#eq? @_args "()")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; Raw SQL: `pool.query("INSERT INTO users …")`, `db.prepare("UPDATE users …")`, also as a
; template literal. The table is the entity.
((call_expression
   function: (member_expression property: (property_identifier) @_method)
   arguments: (arguments . [(string) (template_string)] @entity)) @match
 (#any-of-setting? @_method "js-sql-execute")
 (#extract? @entity "^[`'\"]\\s*(?i:insert\\s+(?:or\\s+\\w+\\s+)?into|update(?:\\s+only)?|delete\\s+from|replace\\s+into|merge\\s+into|upsert\\s+into)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#set! helper "write"))
