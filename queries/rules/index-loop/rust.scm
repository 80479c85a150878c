; for i in 0..v.len() { … v[i] … }   and   for i in 0..=v.len() - 1 { … }
((for_expression
   pattern: (identifier) @index
   value: [
     (range_expression
       . (integer_literal) @_zero
       ".."
       (call_expression
         function: (field_expression
           value: [(identifier) (field_expression) (self)] @collection
           field: (field_identifier) @_len)
         arguments: (arguments) @_args) .)
     (range_expression
       . (integer_literal) @_zero
       "..="
       (binary_expression
         left: (call_expression
           function: (field_expression
             value: [(identifier) (field_expression) (self)] @collection
             field: (field_identifier) @_len)
           arguments: (arguments) @_args)
         operator: "-"
         right: (integer_literal) @_one) .)
   ] @_range @_header_end
   body: (block) @body) @match
 (#eq? @_zero "0")
 (#eq? @_len "len")
 (#eq? @_args "()")
 (#eq? @_one "1")
 ; A plain path (`v`, `self.items`): an expression with calls would be evaluated once
 ; instead of on every iteration.
 (#match? @collection "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$")
 (#only-used-as? @index @body "element")
 (#only-used-as? @collection @body "element")
 (#not-has? @body "write"))

; An element read: v[i] ...
((index_expression . (_) @collection . (identifier) @index .) @use
 (#set! helper "element"))

; ... also inside a macro's tokens: println!("{}", v[i]).
((token_tree
   (identifier) @collection
   .
   (token_tree . (identifier) @index .) @use)
 (#set! helper "element"))

; Writes need `iter_mut`, not this rewrite: v[i] = x, v[i] += x, &mut v[i].
((assignment_expression left: (index_expression . (_) @collection . (identifier) @index .))
 (#set! helper "write"))
((compound_assignment_expr left: (index_expression . (_) @collection . (identifier) @index .))
 (#set! helper "write"))
((reference_expression (mutable_specifier) value: (index_expression . (_) @collection . (identifier) @index .))
 (#set! helper "write"))
