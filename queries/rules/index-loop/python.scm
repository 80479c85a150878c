; for i in range(len(xs)): … xs[i] …
((for_statement
   left: (identifier) @index
   right: (call
     function: (identifier) @_range_fn
     arguments: (argument_list
       .
       (call
         function: (identifier) @_len
         arguments: (argument_list . [(identifier) (attribute)] @collection .))
       .)) @_range @_header_end
   body: (block) @body) @match
 (#eq? @_range_fn "range")
 (#eq? @_len "len")
 ; A plain path (`xs`, `self.rows`), and not `self`: a class's own `__iter__` is often
 ; written this way, and `for x in self` there would recurse forever.
 (#match? @collection "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$")
 (#not-eq? @collection "self")
 ; The loop variable stays bound after the loop and may be read in its `else:`, so look
 ; at the whole statement for the index, and at the body for the collection.
 (#only-used-as? @index @match "element")
 (#only-used-as? @collection @body "element")
 (#not-has? @body "write"))

; An element read: xs[i]
; `a[i, 0]` indexes with a tuple: not an element read.
((subscript value: (_) @collection . subscript: (identifier) @index .) @use
 (#set! helper "element"))

; Writes cannot become `for x in xs`: xs[i] = v, xs[i] += v, del xs[i], a, xs[i] = …
((assignment left: (subscript value: (_) @collection subscript: (identifier) @index))
 (#set! helper "write"))
((assignment left: [(pattern_list) (tuple_pattern) (list_pattern)]
   (subscript value: (_) @collection subscript: (identifier) @index))
 (#set! helper "write"))
((augmented_assignment left: (subscript value: (_) @collection subscript: (identifier) @index))
 (#set! helper "write"))
((delete_statement (subscript value: (_) @collection subscript: (identifier) @index))
 (#set! helper "write"))
((delete_statement (expression_list (subscript value: (_) @collection subscript: (identifier) @index)))
 (#set! helper "write"))
