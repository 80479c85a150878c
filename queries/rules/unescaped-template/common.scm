; A property that parses HTML, assigned a dynamic value: el.innerHTML = `<b>${name}</b>`.
((assignment_expression
   left: (member_expression property: (property_identifier) @sink)
   right: [(identifier) (member_expression) (subscript_expression)
                    (template_string (template_substitution)) (binary_expression)
                    (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)])] @value) @match
 (#any-of-setting? @sink "js-properties")
 (#not-any-of-setting? @_fn "safe-calls"))

; A method that parses its (last) argument as HTML: insertAdjacentHTML, document.write,
; jQuery's .html(), Handlebars' SafeString.
((call_expression
   function: [(member_expression property: (property_identifier) @sink) (identifier) @sink]
   arguments: (arguments [(identifier) (member_expression) (subscript_expression)
                    (template_string (template_substitution)) (binary_expression)
                    (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)])] @value .)) @match
 (#any-of-setting? @sink "js-sinks"))
((call_expression
   function: (member_expression object: (identifier) @_document property: (property_identifier) @sink)
   arguments: (arguments [(identifier) (member_expression) (subscript_expression)
                    (template_string (template_substitution)) (binary_expression)
                    (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)])] @value .)) @match
 (#eq? @_document "document")
 (#any-of? @sink "write" "writeln"))
((new_expression
   constructor: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . [(identifier) (member_expression) (subscript_expression)
                    (template_string (template_substitution)) (binary_expression)
                    (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)])] @value)) @match
 (#any-of-setting? @sink "js-sinks")
 (#not-any-of-setting? @_fn "safe-calls"))
; Express: res.send(`<p>${name}</p>`) and res.write("<p>" + name), HTML by its leading tag.
((call_expression
   function: (member_expression object: (identifier) @_res property: (property_identifier) @sink)
   arguments: (arguments . [(template_string (template_substitution)) (binary_expression left: (string))] @value)) @match
 (#any-of? @_res "res" "response" "reply")
 (#any-of? @sink "send" "write" "end")
 (#match? @value "^[`'\"]\\s*<[a-zA-Z!]"))

; Handlebars with escaping switched off: Handlebars.compile(source, { noEscape: true }).
((call_expression
   function: (member_expression property: (property_identifier) @sink)
   arguments: (arguments (_) (object (pair key: (property_identifier) @_key value: (true)) @value))) @match
 (#eq? @sink "compile")
 (#eq? @_key "noEscape"))
