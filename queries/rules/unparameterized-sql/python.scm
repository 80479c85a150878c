; A string built by formatting, passed straight to a call that runs SQL:
; f-strings with `{}`, `%` formatting, `.format(...)`, and `+` with a non-literal operand.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list
     .
     [(string (interpolation))
      (binary_operator left: (string) operator: "%")
      (call function: (attribute object: (string) attribute: (identifier) @_format))
      (binary_operator left: (string) operator: "+" right: [(identifier) (call) (attribute) (subscript)])
      (binary_operator left: [(identifier) (call) (attribute) (subscript)] operator: "+" right: (string))
      (binary_operator
        left: (binary_operator left: (string) operator: "+" right: [(identifier) (call) (attribute) (subscript)])
        operator: "+")
      (binary_operator
        left: (binary_operator left: (string) operator: "+" right: (string))
        operator: "+"
        right: [(identifier) (call) (attribute) (subscript)])] @sql)) @match
 (#any-of-setting? @sink "python-sinks")
 (#eq? @_format "format"))

; A variable that holds such a string, assigned (or extended) earlier in the same function.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . (identifier) @sql)) @match
 (#any-of-setting? @sink "python-sinks")
 (#has-before? @sql "dynamic" "function_definition"))

((assignment
   left: (identifier) @sql
   right: [(string (interpolation))
           (binary_operator left: (string) operator: "%")
           (call function: (attribute object: (string) attribute: (identifier) @_format))
           (binary_operator left: (string) operator: "+" right: [(identifier) (call) (attribute) (subscript)])
           (binary_operator left: [(identifier) (call) (attribute) (subscript)] operator: "+" right: (string))])
 (#eq? @_format "format")
 (#set! helper "dynamic"))

((augmented_assignment
   left: (identifier) @sql
   operator: "+="
   right: [(identifier) (call) (attribute) (subscript) (string (interpolation)) (binary_operator)])
 (#set! helper "dynamic"))
