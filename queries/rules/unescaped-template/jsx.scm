;; JavaScript and TSX: React's `dangerouslySetInnerHTML={{ __html: value }}`.
((jsx_attribute
   (property_identifier) @sink
   (jsx_expression (object (pair key: (property_identifier) @_key value: [(template_string (template_substitution (_) @part) @_subst)
        (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
        (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
        (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+")
        (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+") operator: "+")
        (binary_expression operator: "+" right: (_) @part)
        (binary_expression left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @part operator: "+")] @value)))) @match
 (#eq? @sink "dangerouslySetInnerHTML")
 (#eq? @_key "__html")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "react")
 (#set! severity "raise"))
; The same sink given a value whole (`el.innerHTML = html`, `mark_safe(message)`):
; nothing here shows whether it was escaped, so it has its own message and severity.
((jsx_attribute
   (property_identifier) @sink
   (jsx_expression (object (pair key: (property_identifier) @_key value: [(identifier) (member_expression) (subscript_expression) (call_expression) (await_expression) (parenthesized_expression) (ternary_expression)] @part @value)))) @match
 (#eq? @sink "dangerouslySetInnerHTML")
 (#eq? @_key "__html")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "whole-value"))
