; maud's PreEscaped with a value that is not a literal: PreEscaped(user_html).
((call_expression
   function: [(identifier) @sink (scoped_identifier name: (identifier) @sink)]
   arguments: (arguments . [(identifier) (field_expression) (call_expression) (macro_invocation) (reference_expression)] @value)) @match
 (#eq? @sink "PreEscaped")
 (#not-has? @value "literal-string")
 (#set! severity "raise"))

; The same inside maud's html! macro, where the tree shows tokens: (PreEscaped(body)).
((token_tree
   (identifier) @sink
   .
   (token_tree . [(identifier) (token_tree)] @value .)) @match
 (#eq? @sink "PreEscaped")
 (#set! severity "raise"))

; `"<br>".to_string()` and friends are literals.
((call_expression function: (field_expression value: (string_literal)))
 (#set! helper "literal-string"))

; axum's Html with a string built by format!: Html(format!("<h1>{}</h1>", name)).
((call_expression
   function: [(identifier) @sink (scoped_identifier name: (identifier) @sink)]
   arguments: (arguments . (macro_invocation macro: (identifier) @_format (token_tree . (string_literal) @_template)) @value)) @match
 (#eq? @sink "Html")
 (#eq? @_format "format")
 (#match? @_template "(^|[^{])[{]([^{]|$)")
 (#set! severity "raise"))

; actix-web: a `text/html` response whose body is built by format!:
; HttpResponse::Ok().content_type("text/html").body(format!("<h1>{}</h1>", name)).
((call_expression
   function: (field_expression value: (_) @_response field: (field_identifier) @sink)
   arguments: (arguments . [(macro_invocation macro: (identifier) @_format (token_tree . (string_literal) @_template))
                            (reference_expression value: (macro_invocation macro: (identifier) @_format (token_tree . (string_literal) @_template)))] @value)) @match
 (#eq? @sink "body")
 (#eq? @_format "format")
 (#match? @_response "content_type\\(\\s*(\"text/html|ContentType::html\\(\\)|mime::TEXT_HTML)")
 (#match? @_template "(^|[^{])[{]([^{]|$)")
 (#set! message "actix")
 (#set! severity "raise"))

; handlebars-rust with escaping switched off: hb.register_escape_fn(no_escape).
((call_expression
   function: (field_expression field: (field_identifier) @sink)
   arguments: (arguments . [(identifier) (scoped_identifier)] @value)) @match
 (#eq? @sink "register_escape_fn")
 (#match? @value "no_escape$")
 (#set! message "escaping-off")
 (#set! severity "raise"))

; Tera with autoescaping switched off for every extension: tera.autoescape_on(vec![]).
((call_expression
   function: (field_expression field: (field_identifier) @sink)
   arguments: (arguments . (macro_invocation macro: (identifier) @_vec (token_tree) @value))) @match
 (#eq? @sink "autoescape_on")
 (#eq? @_vec "vec")
 (#eq? @value "[]")
 (#set! message "escaping-off")
 (#set! severity "raise"))
