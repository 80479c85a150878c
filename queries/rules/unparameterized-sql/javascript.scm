;; Dynamic SQL strings: template literals with `${}`, and `+` with a non-literal operand.
;; Tagged templates (sql`…`, prisma.$queryRaw`…`) are calls whose arguments are a template,
;; not an argument list, so they never match.

; Passed straight to a call that always takes SQL.
((call_expression
   function: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . [(template_string (template_substitution))
      (binary_expression left: (string) operator: "+" right: [(identifier) (member_expression) (call_expression) (subscript_expression)])
      (binary_expression left: [(identifier) (member_expression) (call_expression) (subscript_expression)] operator: "+" right: (string))
      (binary_expression
        left: (binary_expression left: (string) operator: "+" right: [(identifier) (member_expression) (call_expression) (subscript_expression)])
        operator: "+")] @sql)) @match
 (#any-of-setting? @sink "js-sinks")
 (#has? @sql "unsafe-value"))

; Passed to a call whose name is generic, when the literal text starts like SQL.
((call_expression
   function: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . [(template_string (template_substitution))
      (binary_expression left: (string) operator: "+" right: [(identifier) (member_expression) (call_expression) (subscript_expression)])
      (binary_expression left: [(identifier) (member_expression) (call_expression) (subscript_expression)] operator: "+" right: (string))
      (binary_expression
        left: (binary_expression left: (string) operator: "+" right: [(identifier) (member_expression) (call_expression) (subscript_expression)])
        operator: "+")] @sql)) @match
 (#any-of-setting? @sink "js-sql-looking-sinks")
 (#match? @sql "^[`'\"]\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma)\\b")
 (#has? @sql "unsafe-value"))

; Through a variable assigned such a string earlier in the same function.
((call_expression
   function: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . (identifier) @sql)) @match
 (#any-of-setting? @sink "js-sinks")
 (#has-before? @sql "dynamic" "function_declaration" "function_expression" "arrow_function" "method_definition"))
((call_expression
   function: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . (identifier) @sql)) @match
 (#any-of-setting? @sink "js-sql-looking-sinks")
 (#has-before? @sql "dynamic" "function_declaration" "function_expression" "arrow_function" "method_definition"))

((variable_declarator name: (identifier) @sql value: [(template_string (template_substitution))
      (binary_expression left: (string) operator: "+" right: [(identifier) (member_expression) (call_expression) (subscript_expression)])
      (binary_expression left: [(identifier) (member_expression) (call_expression) (subscript_expression)] operator: "+" right: (string))
      (binary_expression
        left: (binary_expression left: (string) operator: "+" right: [(identifier) (member_expression) (call_expression) (subscript_expression)])
        operator: "+")] @_value)
 (#match? @_value "^[`'\"]\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma)\\b")
 (#set! helper "dynamic"))
((assignment_expression left: (identifier) @sql right: [(template_string (template_substitution))
      (binary_expression left: (string) operator: "+" right: [(identifier) (member_expression) (call_expression) (subscript_expression)])
      (binary_expression left: [(identifier) (member_expression) (call_expression) (subscript_expression)] operator: "+" right: (string))
      (binary_expression
        left: (binary_expression left: (string) operator: "+" right: [(identifier) (member_expression) (call_expression) (subscript_expression)])
        operator: "+")] @_value)
 (#match? @_value "^[`'\"]\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma)\\b")
 (#set! helper "dynamic"))

; A value formatted into the string that is not a call of a quoting or number function.
((template_substitution [(identifier) (member_expression) (subscript_expression) (binary_expression) (ternary_expression)])
 (#set! helper "unsafe-value"))
((template_substitution (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]))
 (#not-any-of-setting? @_fn "js-safe-calls")
 (#set! helper "unsafe-value"))
((binary_expression operator: "+" right: [(identifier) (member_expression) (subscript_expression)])
 (#set! helper "unsafe-value"))
((binary_expression left: [(identifier) (member_expression) (subscript_expression)] operator: "+")
 (#set! helper "unsafe-value"))
((binary_expression operator: "+" right: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]))
 (#not-any-of-setting? @_fn "js-safe-calls")
 (#set! helper "unsafe-value"))
