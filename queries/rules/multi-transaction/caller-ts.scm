;; What tells that the caller owns the transaction, in the TypeScript and TSX grammars.

; A parameter that hands in the caller's transaction or handle (see javascript.scm).
((formal_parameters [(required_parameter pattern: (identifier) @_p) (optional_parameter pattern: (identifier) @_p)])
 (#any-of-setting? @_p "js-transaction-parameters")
 (#set! helper "manager-parameter"))

; TypeScript and TSX: a method decorated to run in one transaction (TypeORM's and Vendure's
; `@Transaction()`, `@Transactional()`), joined on its name. The decorators are siblings before
; the method in the class body: the method is the next member, or the second or third when
; other decorators (`@Post()`, `@Allow(…)`) follow. JavaScript: caller-js.scm.
((class_body
   (decorator [(identifier) @_d
               (member_expression property: (property_identifier) @_d)
               (call_expression function: [(identifier) @_d (member_expression property: (property_identifier) @_d)])])
   . (method_definition name: (property_identifier) @name))
 (#any-of-setting? @_d "js-transaction-decorators")
 (#set! helper "transactional-method"))
((class_body
   (decorator [(identifier) @_d
               (member_expression property: (property_identifier) @_d)
               (call_expression function: [(identifier) @_d (member_expression property: (property_identifier) @_d)])])
   . (decorator)
   . (method_definition name: (property_identifier) @name))
 (#any-of-setting? @_d "js-transaction-decorators")
 (#set! helper "transactional-method"))
((class_body
   (decorator [(identifier) @_d
               (member_expression property: (property_identifier) @_d)
               (call_expression function: [(identifier) @_d (member_expression property: (property_identifier) @_d)])])
   . (decorator)
   . (decorator)
   . (method_definition name: (property_identifier) @name))
 (#any-of-setting? @_d "js-transaction-decorators")
 (#set! helper "transactional-method"))
