; A dynamic value marked as safe HTML, or rendered as a template: Markup(f"…"),
; mark_safe(html), SafeString(x), render_template_string(source).
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list
     .
     [(identifier) (attribute) (subscript)
      (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])] @value)) @match
 (#any-of-setting? @sink "python-sinks")
 (#not-any-of-setting? @_fn "safe-calls"))

; ... or a string built by formatting, when a part formatted into it is not escaped:
; Markup(f"<a href={escape(url)}>") is fine, Markup(f"<b>{name}</b>") is not.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list
     .
     [(string (interpolation)) (binary_operator)
      (call function: (attribute object: (string) attribute: (identifier) @_format))] @value)) @match
 (#any-of-setting? @sink "python-sinks")
 (#eq? @_format "format")
 (#has? @value "unescaped-part"))

((interpolation expression: [(identifier) (attribute) (subscript) (binary_operator) (conditional_expression)])
 (#set! helper "unescaped-part"))
((interpolation expression: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))
 (#not-any-of-setting? @_fn "safe-calls")
 (#set! helper "unescaped-part"))
((binary_operator operator: ["%" "+"] right: [(identifier) (attribute) (subscript) (conditional_expression)])
 (#set! helper "unescaped-part"))
((binary_operator left: [(identifier) (attribute) (subscript)] operator: "+")
 (#set! helper "unescaped-part"))
((binary_operator operator: ["%" "+"] right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))
 (#not-any-of-setting? @_fn "safe-calls")
 (#set! helper "unescaped-part"))
((binary_operator operator: "%" right: [(tuple [(identifier) (attribute) (subscript)]) (dictionary (pair value: [(identifier) (attribute) (subscript)]))])
 (#set! helper "unescaped-part"))
((binary_operator operator: "%" right: [(tuple (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))
                                        (dictionary (pair value: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])))])
 (#not-any-of-setting? @_fn "safe-calls")
 (#set! helper "unescaped-part"))
((call function: (attribute object: (string) attribute: (identifier) @_format)
       arguments: (argument_list [(identifier) (attribute) (subscript)
                                  (keyword_argument value: [(identifier) (attribute) (subscript)])]))
 (#eq? @_format "format")
 (#set! helper "unescaped-part"))

; A Jinja2 environment with autoescaping switched off (or left at Jinja2's default, off).
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list) @_args) @match
 (#eq? @sink "Environment")
 (#not-has? @_args "autoescape-on"))

((keyword_argument name: (identifier) @_name value: [(true) (call) (identifier) (attribute)])
 (#eq? @_name "autoescape")
 (#set! helper "autoescape-on"))

; A view answering with HTML built by formatting: HttpResponse(f"<p>{name}</p>"),
; return f"<h1>{title}</h1>" from a Flask route.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . [(string (interpolation)) (binary_operator left: (string)) (call function: (attribute object: (string)))] @value)) @match
 (#eq? @sink "HttpResponse")
 (#match? @value "^[rbuf]*['\"]{1,3}\\s*<[a-zA-Z!]"))
