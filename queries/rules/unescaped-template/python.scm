; A dynamic value marked as safe HTML, or rendered as a template: Markup(f"…"),
; mark_safe(html), SafeString(x), render_template_string(source).
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list
     .
     [(identifier) (attribute) (subscript) (string (interpolation)) (binary_operator)
      (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)])] @value)) @match
 (#any-of-setting? @sink "python-sinks")
 (#not-any-of-setting? @_fn "safe-calls"))

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
