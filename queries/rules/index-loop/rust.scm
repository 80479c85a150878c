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
 (#not-has? @body "write")
 (#not-has? @body "inline-format"))

; An element read: v[i] ...
((index_expression . (_) @collection . (identifier) @index .) @use
 (#set! helper "element"))

; ... also inside a macro's tokens: println!("{}", v[i]).
((token_tree
   (identifier) @collection
   .
   (token_tree . (identifier) @index .) @use)
 ; `other.v[i]` is a field of something else, not `v`.
 (#not-preceded-by? @collection ".")
 (#set! helper "element"))

; Writes need `iter_mut`, not this rewrite: v[i] = x, v[i] += x, &mut v[i].
((assignment_expression left: (index_expression . (_) @collection . (identifier) @index .))
 (#set! helper "write"))
((compound_assignment_expr left: (index_expression . (_) @collection . (identifier) @index .))
 (#set! helper "write"))
((reference_expression (mutable_specifier) value: (index_expression . (_) @collection . (identifier) @index .))
 (#set! helper "write"))
; ... and through a field or a second index: v[i].x = 1, v[i][j] += 1, &mut v[i].x.
((assignment_expression
   left: [(field_expression value: (index_expression . (_) @collection . (identifier) @index .))
          (index_expression . (index_expression . (_) @collection . (identifier) @index .))])
 (#set! helper "write"))
((compound_assignment_expr
   left: [(field_expression value: (index_expression . (_) @collection . (identifier) @index .))
          (index_expression . (index_expression . (_) @collection . (identifier) @index .))])
 (#set! helper "write"))
((reference_expression (mutable_specifier)
   value: [(field_expression value: (index_expression . (_) @collection . (identifier) @index .))
           (index_expression . (index_expression . (_) @collection . (identifier) @index .))])
 (#set! helper "write"))
; ... and by a method that takes `&mut self`: v[i].push(x), v[i].sort().
((call_expression
   function: (field_expression
     value: (index_expression . (_) @collection . (identifier) @index .)
     field: (field_identifier) @_method))
 (#any-of-setting? @_method "rust-mutating-methods")
 (#set! helper "write"))

; Inline format arguments (`println!("{i}")`) name variables inside a string, where the
; tree shows no identifier: leave such loops alone.
((string_content) @_format
 (#match? @_format "[{][A-Za-z_][A-Za-z0-9_]*(:[^}]*)?[}]")
 (#set! helper "inline-format"))
