;; What tells that the caller owns the transaction, in the JavaScript grammar.

; JavaScript: a parameter that hands in the caller's transaction or handle (see javascript.scm).
((formal_parameters [(identifier) @_p (assignment_pattern left: (identifier) @_p)])
 (#any-of-setting? @_p "js-transaction-parameters")
 (#set! helper "manager-parameter"))

; JavaScript: a method decorated to run in one transaction (`@Transactional() async pay() {…}`),
; joined on its name; the decorators are children of the method. TypeScript: caller-ts.scm.
((method_definition
   decorator: (decorator [(identifier) @_d
                          (member_expression property: (property_identifier) @_d)
                          (call_expression function: [(identifier) @_d (member_expression property: (property_identifier) @_d)])])
   name: (property_identifier) @name)
 (#any-of-setting? @_d "js-transaction-decorators")
 (#set! helper "transactional-method"))
