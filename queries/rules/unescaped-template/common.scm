;; HTML built from dynamic values reaching a sink that parses it as HTML.
;;
;; Each report pattern captures one dynamic part (`@part`) of the value (`@value`): the value
;; itself, a `${…}` or a `+` operand. A value is flagged when one of its parts is not known to
;; be safe. A part is safe when it is
;; - a literal, or a call of an escaper or sanitizer (`escapeHtml(x)`, `DOMPurify.sanitize(x)`:
;;   the `safe-calls` setting, through the `safe-call` helper);
;; - a constant (`ICON_SVG`, `Kind.VIEW`, a top-level `const ROW = "<tr>"`), a `.length`, a
;;   `c ? "a" : "b"` of literals, or arithmetic with a number;
;; - bound earlier in the same function to a literal, to an escaper's result, to a literal
;;   choice, checked with `typeof x === "number"`, or (TypeScript) typed `number`.
;; A variable is also flagged when it was built earlier in the function from a string with a
;; tag and such a part (`html += `<li>${name}</li>``), whatever else it was assigned.
;;
;; The patterns are kept flat: tree-sitter's query compilation time grows very fast with
;; alternations nested inside alternations, and every editor start pays it.

; `el.innerHTML = value` and `+=`, as a statement. Minified bundles chain these in comma
; expressions, which are not matched, or write them as `e.innerHTML=t` (a one-letter
; receiver and no spaces), which is not matched either.
((expression_statement
   (assignment_expression
      left: (member_expression property: (property_identifier) @sink)
      right: [(template_string (template_substitution (_) @part) @_subst)
        (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
        (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
        (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+")
        (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+") operator: "+")
        (binary_expression operator: "+" right: (_) @part)
        (binary_expression left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @part operator: "+")] @value) @match)
 (#any-of-setting? @sink "js-properties")
 (#not-match? @match "^[\\w$]\\.(innerHTML|outerHTML)\\+?=[^=\\s]")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! severity "raise"))
; The same sink given a value whole (`el.innerHTML = html`, `mark_safe(message)`):
; nothing here shows whether it was escaped, so it has its own message and severity.
((expression_statement
   (assignment_expression
      left: (member_expression property: (property_identifier) @sink)
      right: [(identifier) (member_expression) (subscript_expression) (call_expression) (await_expression) (parenthesized_expression)] @part @value @base) @match)
 (#any-of-setting? @sink "js-properties")
 (#not-match? @match "^[\\w$]\\.(innerHTML|outerHTML)\\+?=[^=\\s]")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#extract? @base "^([\\w$]*)")
 (#extract? @part "^([\\s\\S]*?)(?:\\.(?:replace|replaceAll|trim|trimStart|trimEnd|toLowerCase|toUpperCase)\\((?:\\s*(?:/(?:[^/\\\\\\n]|\\\\.)+/[gimsuy]*|\"[^\"]*\"|'[^']*')\\s*,?)*\\))*$")
 (#not-has-before? @base "literal-object" "function_declaration" "method_definition" "generator_function_declaration")
 (#set! message "whole-value"))
; A choice between two values (`el.innerHTML = open ? up : down`): each branch is judged
; as a part, so that literals, constants and safe bindings are not flagged.
((expression_statement
   (assignment_expression
      left: (member_expression property: (property_identifier) @sink)
      right: (ternary_expression (_) . (_) @part) @value) @match)
 (#any-of-setting? @sink "js-properties")
 (#not-match? @match "^[\\w$]\\.(innerHTML|outerHTML)\\+?=[^=\\s]")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "whole-value"))
((expression_statement
   (augmented_assignment_expression
      left: (member_expression property: (property_identifier) @sink)
      right: [(template_string (template_substitution (_) @part) @_subst)
        (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
        (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
        (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+")
        (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+") operator: "+")
        (binary_expression operator: "+" right: (_) @part)
        (binary_expression left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @part operator: "+")] @value) @match)
 (#any-of-setting? @sink "js-properties")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! severity "raise"))
; The same sink given a value whole (`el.innerHTML = html`, `mark_safe(message)`):
; nothing here shows whether it was escaped, so it has its own message and severity.
((expression_statement
   (augmented_assignment_expression
      left: (member_expression property: (property_identifier) @sink)
      right: [(identifier) (member_expression) (subscript_expression) (call_expression) (await_expression) (parenthesized_expression) (ternary_expression)] @part @value) @match)
 (#any-of-setting? @sink "js-properties")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "whole-value"))
((expression_statement
   (assignment_expression
      left: (member_expression property: (property_identifier) @sink)
      right: (identifier) @value) @match)
 (#any-of-setting? @sink "js-properties")
 (#has-before? @value "dynamic-html" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#set! severity "raise"))

; A method that parses its last argument as HTML: `insertAdjacentHTML`, jQuery's `.html()`,
; Handlebars' `SafeString` (`js-sinks`).
((call_expression
   function: (member_expression property: (property_identifier) @sink)
   arguments: (arguments [(template_string (template_substitution (_) @part) @_subst)
        (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
        (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
        (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+")
        (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+") operator: "+")
        (binary_expression operator: "+" right: (_) @part)
        (binary_expression left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @part operator: "+")] @value .)) @match
 (#any-of-setting? @sink "js-sinks")
 (#not-match? @match "^[A-Z][\\w$]*\\.html\\(")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! severity "raise"))
; The same sink given a value whole (`el.innerHTML = html`, `mark_safe(message)`):
; nothing here shows whether it was escaped, so it has its own message and severity.
((call_expression
   function: (member_expression property: (property_identifier) @sink)
   arguments: (arguments [(identifier) (member_expression) (subscript_expression) (call_expression) (await_expression) (parenthesized_expression)] @part @value @base .)) @match
 (#any-of-setting? @sink "js-sinks")
 (#not-match? @match "^[A-Z][\\w$]*\\.html\\(")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#extract? @base "^([\\w$]*)")
 (#extract? @part "^([\\s\\S]*?)(?:\\.(?:replace|replaceAll|trim|trimStart|trimEnd|toLowerCase|toUpperCase)\\((?:\\s*(?:/(?:[^/\\\\\\n]|\\\\.)+/[gimsuy]*|\"[^\"]*\"|'[^']*')\\s*,?)*\\))*$")
 (#not-has-before? @base "literal-object" "function_declaration" "method_definition" "generator_function_declaration")
 (#set! message "whole-value"))
((call_expression
   function: (member_expression property: (property_identifier) @sink)
   arguments: (arguments (ternary_expression (_) . (_) @part) @value .)) @match
 (#any-of-setting? @sink "js-sinks")
 (#not-match? @match "^[A-Z][\\w$]*\\.html\\(")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "whole-value"))
((new_expression
   constructor: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . [(template_string (template_substitution (_) @part) @_subst)
        (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
        (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
        (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+")
        (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+") operator: "+")
        (binary_expression operator: "+" right: (_) @part)
        (binary_expression left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @part operator: "+")] @value)) @match
 (#any-of-setting? @sink "js-sinks")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! severity "raise"))
((new_expression
   constructor: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . [(identifier) (member_expression) (subscript_expression) (call_expression) (await_expression) (parenthesized_expression) (ternary_expression)] @part @value)) @match
 (#any-of-setting? @sink "js-sinks")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "whole-value"))
; `document.write` and `document.writeln`.
((call_expression
   function: (member_expression object: (identifier) @_document property: (property_identifier) @sink)
   arguments: (arguments [(template_string (template_substitution (_) @part) @_subst)
        (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
        (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
        (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+")
        (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+") operator: "+")
        (binary_expression operator: "+" right: (_) @part)
        (binary_expression left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @part operator: "+")] @value .)) @match
 (#eq? @_document "document")
 (#any-of? @sink "write" "writeln")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! severity "raise"))
; The same sink given a value whole (`el.innerHTML = html`, `mark_safe(message)`):
; nothing here shows whether it was escaped, so it has its own message and severity.
((call_expression
   function: (member_expression object: (identifier) @_document property: (property_identifier) @sink)
   arguments: (arguments [(identifier) (member_expression) (subscript_expression) (call_expression) (await_expression) (parenthesized_expression) (ternary_expression)] @part @value .)) @match
 (#eq? @_document "document")
 (#any-of? @sink "write" "writeln")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "whole-value"))
; The same sinks given a variable built from a dynamic value earlier in the function.
((call_expression
   function: (member_expression property: (property_identifier) @sink)
   arguments: (arguments (identifier) @value .)) @match
 (#any-of? @sink "insertAdjacentHTML" "html" "write" "writeln")
 (#has-before? @value "dynamic-html" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#set! severity "raise"))

; jQuery: `$el.append("<li>" + name + "</li>")` (and `prepend`, `after`, `before`,
; `replaceWith`: `js-jquery-inserters`) on a jQuery receiver, and `$("<li>" + name + "</li>")`:
; a string with an HTML tag in its literal text.
((call_expression
   function: (member_expression object: (_) @_receiver property: (property_identifier) @sink)
   arguments: (arguments . [(template_string (template_substitution (_) @part) @_subst)
        (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
        (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
        (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+")
        (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+") operator: "+")
        (binary_expression operator: "+" right: (_) @part)
        (binary_expression left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @part operator: "+")] @value)) @match
 (#any-of-setting? @sink "js-jquery-inserters")
 (#match? @_receiver "(^|\\.)\\$|^jQuery\\b")
 (#match? @value "<[a-zA-Z!/]")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "jquery")
 (#set! severity "raise"))
((call_expression
   function: (identifier) @sink
   arguments: (arguments . [(template_string (template_substitution (_) @part) @_subst)
        (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
        (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
        (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+")
        (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+") operator: "+")
        (binary_expression operator: "+" right: (_) @part)
        (binary_expression left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @part operator: "+")] @value)) @match
 (#any-of? @sink "$" "jQuery")
 (#match? @value "^[`'\"]\\s*<[a-zA-Z!]")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "jquery")
 (#set! severity "raise"))

; Express: `res.send(`<p>${name}</p>`)` and `res.write("<p>" + name)`, HTML by its leading tag.
((call_expression
   function: (member_expression object: (identifier) @_res property: (property_identifier) @sink)
   arguments: (arguments . [(template_string (template_substitution (_) @part) @_subst)
        (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
        (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
        (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+")
        (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @part) operator: "+") operator: "+")
        (binary_expression operator: "+" right: (_) @part)
        (binary_expression left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @part operator: "+")] @value)) @match
 (#any-of? @_res "res" "response" "reply")
 (#any-of? @sink "send" "write" "end")
 (#match? @value "^[`'\"]\\s*<[a-zA-Z!]")
 (#not-match? @part "^[A-Z][A-Z0-9_]*$|^(this\\.)?\\$[\\w$]*(\\.(append|prepend|after|before|addClass|removeClass|toggleClass|clone|find|children|eq|first|last|parent|closest|filter|not)\\((?:[^()]|\\([^()]*\\))*\\))*$|^(\\$|jQuery)\\(|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "express")
 (#set! severity "raise"))

; Handlebars with escaping switched off: `Handlebars.compile(source, { noEscape: true })`.
((call_expression
   function: (member_expression property: (property_identifier) @sink)
   arguments: (arguments (_) (object (pair key: (property_identifier) @_key value: (true)) @value))) @match
 (#eq? @sink "compile")
 (#eq? @_key "noEscape")
 (#set! message "handlebars")
 (#set! severity "raise"))

;; Helpers.

; A part that is a call of an escaper or sanitizer.
((call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @part
 (#any-of-setting? @_fn "safe-calls")
 (#set! helper "safe-call"))
; HTML read back from the page (`$el.html()`, `el.innerHTML`): already parsed markup, not text.
((call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments) @_args) @part
 (#eq? @_fn "html")
 (#eq? @_args "()")
 (#set! helper "safe-call"))
((member_expression property: (property_identifier) @_prop) @part
 (#any-of? @_prop "innerHTML" "outerHTML")
 (#set! helper "safe-call"))
; The same wrapped in a conversion: `String(escapeHtml(label))` (`wrapper-calls`).
((call_expression function: [(identifier) @_wrap (member_expression property: (property_identifier) @_wrap)]
       arguments: (arguments . (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) .)) @part
 (#any-of-setting? @_wrap "wrapper-calls")
 (#any-of-setting? @_fn "safe-calls")
 (#set! helper "safe-call"))

; A variable built from a string with a tag and a part not known to be safe:
; `let html = `<b>${name}</b>``, `html += "<li>" + x`.
((variable_declarator name: (identifier) @value value: [(template_string (template_substitution (_) @_part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @_part)
           (binary_expression left: (_) @_part operator: "+" right: [(string) (template_string)])
           (binary_expression left: (binary_expression operator: "+" right: (_) @_part) operator: "+")
           (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @_part) operator: "+") operator: "+")
           (binary_expression operator: "+" right: (_) @_part)] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#not-match? @_part "^[A-Z][A-Z0-9_]*$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-match? @_part "\\)$")
 (#set! helper "dynamic-html"))
((variable_declarator name: (identifier) @value value: [(template_string (template_substitution (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part)
           (binary_expression left: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part operator: "+" right: [(string) (template_string)])] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#not-any-of-setting? @_fn "safe-calls")
 (#set! helper "dynamic-html"))
((assignment_expression left: (identifier) @value right: [(template_string (template_substitution (_) @_part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @_part)
           (binary_expression left: (_) @_part operator: "+" right: [(string) (template_string)])
           (binary_expression left: (binary_expression operator: "+" right: (_) @_part) operator: "+")
           (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @_part) operator: "+") operator: "+")
           (binary_expression operator: "+" right: (_) @_part)] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#not-match? @_part "^[A-Z][A-Z0-9_]*$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-match? @_part "\\)$")
 (#set! helper "dynamic-html"))
((assignment_expression left: (identifier) @value right: [(template_string (template_substitution (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part)
           (binary_expression left: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part operator: "+" right: [(string) (template_string)])] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#not-any-of-setting? @_fn "safe-calls")
 (#set! helper "dynamic-html"))
((augmented_assignment_expression left: (identifier) @value right: [(template_string (template_substitution (_) @_part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @_part)
           (binary_expression left: (_) @_part operator: "+" right: [(string) (template_string)])
           (binary_expression left: (binary_expression operator: "+" right: (_) @_part) operator: "+")
           (binary_expression left: (binary_expression left: (binary_expression operator: "+" right: (_) @_part) operator: "+") operator: "+")
           (binary_expression operator: "+" right: (_) @_part)] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#not-match? @_part "^[A-Z][A-Z0-9_]*$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(length|size|count|total|runtime|duration|elapsed|width|height|[a-z][\\w$]*(Count|Size|Length|Total|Duration|Width|Height))$|^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|^[`'\"]")
 (#not-match? @_part "\\)$")
 (#set! helper "dynamic-html"))
((augmented_assignment_expression left: (identifier) @value right: [(template_string (template_substitution (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part)
           (binary_expression left: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part operator: "+" right: [(string) (template_string)])] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#not-any-of-setting? @_fn "safe-calls")
 (#set! helper "dynamic-html"))

; Bindings that make a name safe to put into HTML.
((variable_declarator name: (identifier) @part value: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]))
 (#any-of-setting? @_fn "safe-calls")
 (#set! helper "safe-value"))
((assignment_expression left: (identifier) @part right: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]))
 (#any-of-setting? @_fn "safe-calls")
 (#set! helper "safe-value"))
((variable_declarator name: (identifier) @part value: [(number) (true) (false) (null) (string) (template_string) (ternary_expression)] @_value)
 (#match? @_value "^(\\\"([^\\\"\\\\]|\\\\[\\s\\S])*\\\"|'([^'\\\\]|\\\\[\\s\\S])*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^`([^`$]|\\$[^{])*`$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$")
 (#set! helper "safe-value"))
((variable_declarator name: (identifier) @part value: (binary_expression operator: ["-" "*" "/" "%"]))
 (#set! helper "safe-value"))
((variable_declarator name: (identifier) @part value: (binary_expression) @_value)
 (#match? @_value "^(\\\"[^\\\"]*\\\"|'[^']*')(\\s*\\+\\s*(\\\"[^\\\"]*\\\"|'[^']*'))+$")
 (#set! helper "safe-value"))
; A jQuery object, not a string: `const $table = $("<table>")`, `table = jQuery("<table>")`.
([(variable_declarator name: (identifier) @part value: (call_expression function: (identifier) @_fn))
  (assignment_expression left: (identifier) @part right: (call_expression function: (identifier) @_fn))]
 (#any-of? @_fn "$" "jQuery")
 (#set! helper "safe-value"))
; The same with a setter chained on it: `wrapper = $("<div>").css({…})`. A setter (a call
; with arguments other than one string) returns the jQuery object; `.attr("href")` reads.
([(variable_declarator name: (identifier) @part value: (call_expression function: (member_expression object: (call_expression function: (identifier) @_fn)) arguments: (arguments) @_args))
  (assignment_expression left: (identifier) @part right: (call_expression function: (member_expression object: (call_expression function: (identifier) @_fn)) arguments: (arguments) @_args))]
 (#any-of? @_fn "$" "jQuery")
 (#not-eq? @_args "()")
 (#not-match? @_args "^\\(\\s*(\"[^\"]*\"|'[^']*')\\s*\\)$")
 (#set! helper "safe-value"))
; HTML read back from the page into a variable: `var title = cell.html()`, `x = el.innerHTML`.
([(variable_declarator name: (identifier) @part value: (call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments) @_args))
  (assignment_expression left: (identifier) @part right: (call_expression function: (member_expression property: (property_identifier) @_fn) arguments: (arguments) @_args))]
 (#eq? @_fn "html")
 (#eq? @_args "()")
 (#set! helper "safe-value"))
([(variable_declarator name: (identifier) @part value: (member_expression property: (property_identifier) @_prop))
  (assignment_expression left: (identifier) @part right: (member_expression property: (property_identifier) @_prop))]
 (#any-of? @_prop "innerHTML" "outerHTML")
 (#set! helper "safe-value"))
((binary_expression
   left: (unary_expression operator: "typeof" argument: (_) @part)
   right: (string) @_type)
 (#match? @_type "^.(number|boolean|bigint).$")
 (#set! helper "safe-value"))
; An object of literals (one level of nesting), so that a member read from it is a literal:
; pivottable's `ordering = { key_a_to_z: { rowSymbol: "&varr;", … }, … }` and
; `.html(ordering[opts.rowOrder].rowSymbol)`. The value's leading name is joined (`@base`).
([(variable_declarator name: (identifier) @base value: (object) @_value)
  (assignment_expression left: (identifier) @base right: (object) @_value)]
 (#match? @_value "^\\{(\\s*([\\w$]+|\"[^\"]*\"|'[^']*')\\s*:\\s*(\"[^\"]*\"|'[^']*'|-?[0-9.]+|true|false|null|\\{(\\s*([\\w$]+|\"[^\"]*\"|'[^']*')\\s*:\\s*(\"[^\"]*\"|'[^']*'|-?[0-9.]+|true|false|null)\\s*,)*\\s*([\\w$]+|\"[^\"]*\"|'[^']*')\\s*:\\s*(\"[^\"]*\"|'[^']*'|-?[0-9.]+|true|false|null)\\s*,?\\s*\\})\\s*,)*\\s*([\\w$]+|\"[^\"]*\"|'[^']*')\\s*:\\s*(\"[^\"]*\"|'[^']*'|-?[0-9.]+|true|false|null|\\{(\\s*([\\w$]+|\"[^\"]*\"|'[^']*')\\s*:\\s*(\"[^\"]*\"|'[^']*'|-?[0-9.]+|true|false|null)\\s*,)*\\s*([\\w$]+|\"[^\"]*\"|'[^']*')\\s*:\\s*(\"[^\"]*\"|'[^']*'|-?[0-9.]+|true|false|null)\\s*,?\\s*\\})\\s*,?\\s*\\}$")
 (#set! helper "literal-object"))
; A constant declared at the top level of the module: `const ROW = "<tr></tr>";`.
((program
   [(lexical_declaration (variable_declarator name: (identifier) @part value: [(number) (string) (template_string)] @_value))
    (variable_declaration (variable_declarator name: (identifier) @part value: [(number) (string) (template_string)] @_value))])
 (#not-match? @_value "\\$\\{")
 (#set! helper "module-constant"))
