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
 (#eq? @_format "format")
 (#has? @sql "unsafe-value"))

; A variable that holds such a string, assigned (or extended) earlier in the same function.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . (identifier) @sql)) @match
 (#any-of-setting? @sink "python-sinks")
 (#has-before? @sql "dynamic" "function_definition"))

; The assignments that make a variable hold SQL built from a value that is not known to be
; safe (the same shapes as above, each with its unsafe part).
((assignment left: (identifier) @sql right: (string (interpolation expression: [(identifier) (attribute) (subscript) (binary_operator) (conditional_expression)])))
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: (string (interpolation expression: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))))
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: (binary_operator left: (string) operator: "%" right: [(identifier) (attribute) (subscript)]))
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: (binary_operator left: (string) operator: "%" right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])))
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: (binary_operator left: (string) operator: "%" right: [(tuple [(identifier) (attribute) (subscript)]) (dictionary (pair value: [(identifier) (attribute) (subscript)]))]))
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: (binary_operator left: (string) operator: "%" right: [(tuple (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])) (dictionary (pair value: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])))]))
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: (binary_operator left: (string) operator: "+" right: [(identifier) (attribute) (subscript)]))
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: (binary_operator left: [(identifier) (attribute) (subscript)] operator: "+" right: (string)))
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: (binary_operator left: (string) operator: "+" right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])))
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: (call function: (attribute object: (string) attribute: (identifier) @_format) arguments: (argument_list [(identifier) (attribute) (subscript)])))
 (#eq? @_format "format")
 (#set! helper "dynamic"))

((augmented_assignment
   left: (identifier) @sql
   operator: "+="
   right: [(identifier) (call) (attribute) (subscript) (string (interpolation)) (binary_operator)])
 (#set! helper "dynamic"))

; A value formatted into the string that is not known to be safe: anything but a call of a
; quoting or conversion function (`quote_name(t)`, `int(n)`: the `python-safe-calls`
; setting). Identifiers cannot be parameters; quoting them is the documented way.
((interpolation expression: [(identifier) (attribute) (subscript) (binary_operator) (conditional_expression)])
 (#set! helper "unsafe-value"))
((interpolation expression: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "unsafe-value"))
((binary_operator
   operator: ["%" "+"]
   right: [(identifier) (attribute) (subscript) (binary_operator) (conditional_expression)])
 (#set! helper "unsafe-value"))
((binary_operator
   left: [(identifier) (attribute) (subscript)]
   operator: "+")
 (#set! helper "unsafe-value"))
((binary_operator
   operator: ["%" "+"]
   right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "unsafe-value"))
((binary_operator
   left: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])
   operator: "+")
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "unsafe-value"))
((binary_operator
   operator: "%"
   right: [(tuple [(identifier) (attribute) (subscript) (binary_operator)])
           (dictionary (pair value: [(identifier) (attribute) (subscript) (binary_operator)]))])
 (#set! helper "unsafe-value"))
((binary_operator
   operator: "%"
   right: [(tuple (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))
           (dictionary (pair value: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])))])
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "unsafe-value"))
((call
   function: (attribute object: (string) attribute: (identifier) @_format)
   arguments: (argument_list [(identifier) (attribute) (subscript) (binary_operator)
                              (keyword_argument value: [(identifier) (attribute) (subscript) (binary_operator)])]))
 (#eq? @_format "format")
 (#set! helper "unsafe-value"))
((call
   function: (attribute object: (string) attribute: (identifier) @_format)
   arguments: (argument_list [(call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])
                              (keyword_argument value: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))]))
 (#eq? @_format "format")
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "unsafe-value"))
