; for (let i = 0; i < a.length; i++) { … a[i] … }
; also `++i`, `i += 1`, and `i <= a.length - 1`.
((for_statement
   initializer: (lexical_declaration
     kind: "let"
     .
     (variable_declarator name: (identifier) @index value: (number) @_zero) .) @_init
   condition: [
     (binary_expression
       left: (identifier) @_cond_index
       operator: "<"
       right: (member_expression
         object: [(identifier) (member_expression)] @collection
         property: (property_identifier) @_length))
     (binary_expression
       left: (identifier) @_cond_index
       operator: "<="
       right: (binary_expression
         left: (member_expression
           object: [(identifier) (member_expression)] @collection
           property: (property_identifier) @_length)
         operator: "-"
         right: (number) @_one))
   ]
   increment: [
     (update_expression argument: (identifier) @_step_index operator: "++")
     (update_expression operator: "++" argument: (identifier) @_step_index)
     (augmented_assignment_expression left: (identifier) @_step_index operator: "+=" right: (number) @_step_one)
   ] @_step
   ")" @_header_end
   body: (statement_block) @body) @match
 (#eq? @_zero "0")
 (#eq? @_length "length")
 (#eq? @_one "1")
 (#eq? @_step_one "1")
 ; A plain path (`rows`, `this.cells`); `this` alone may be an array-like that is not iterable.
 (#match? @collection "^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$")
 (#eq? @_cond_index @index)
 (#eq? @_step_index @index)
 (#only-used-as? @index @body "element")
 (#only-used-as? @collection @body "element")
 (#not-has? @body "write"))

; An element read: a[i]
((subscript_expression object: (_) @collection index: (identifier) @index) @use
 (#set! helper "element"))

; Writes cannot become `for…of`: a[i] = v, a[i] += v, a[i]++, delete a[i], [a[i]] = …
((assignment_expression left: (subscript_expression object: (_) @collection index: (identifier) @index))
 (#set! helper "write"))
((augmented_assignment_expression left: (subscript_expression object: (_) @collection index: (identifier) @index))
 (#set! helper "write"))
((update_expression argument: (subscript_expression object: (_) @collection index: (identifier) @index))
 (#set! helper "write"))
((unary_expression operator: "delete" argument: (subscript_expression object: (_) @collection index: (identifier) @index))
 (#set! helper "write"))
((assignment_expression left: (array_pattern (subscript_expression object: (_) @collection index: (identifier) @index)))
 (#set! helper "write"))
