;; HTML built from dynamic values and marked safe, or rendered without autoescaping.
;;
;; Each report pattern captures one dynamic part (`@part`) of the value (`@value`): the value
;; itself, or an f-string `{…}`, a `%` or `.format(…)` argument, a `+` operand. A value is
;; flagged when one of its parts is not known to be safe. A part is safe when it is
;; - a literal, or a call of an escaper or of something that produces escaped HTML or a URL
;;   (`escape(x)`, `format_html(…)`, `html_params(…)`, `url_for(…)`: the `safe-calls` setting,
;;   through the `safe-call` helper);
;; - a constant (`ICON`, `Kind.VIEW`), formatted as a number (`{n:d}`), arithmetic with a
;;   number, or a `"a" if c else "b"` of literals;
;; - bound earlier in the same function to a literal, to such a call, to a literal choice or
;;   to arithmetic, or typed `int`, `float` or `bool`.
;; A variable is also flagged when it was built earlier in the function by formatting such a
;; part into a string with a tag (`html += f"<li>{name}</li>"`), whatever else it was assigned.
;;
;; The patterns are kept flat: tree-sitter's query compilation time grows very fast with
;; alternations nested inside alternations, and every editor start pays it.

; `Markup(…)`, `mark_safe(…)`, `SafeString(…)`, `SafeText(…)` (`python-sinks`) on a value or
; a formatted string.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . [(string (interpolation expression: (_) @part) @_interp)
      (concatenated_string (string (interpolation expression: (_) @part) @_interp))
      (string (interpolation expression: (conditional_expression (string (interpolation expression: (_) @part) @_interp))))
      (call function: (attribute object: (string (interpolation expression: (_) @part) @_interp)))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part)
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @part))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @part)))
      (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (_) @part))
      (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part)))
      (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part)
      (binary_operator left: (_) @part operator: "+" right: [(string) (concatenated_string)])
      (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+")
      (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+") operator: "+")] @value)) @match
 (#any-of-setting? @sink "python-sinks")
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|price|amount|total|quantity|count|size|length|pk|\\w+_(count|size|length))$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/%]{1,2}\\s*[0-9]+$|^(\"[^\"]*\"|'[^']*')\\s*\\*\\s*[0-9]+$|^([\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*\\*|//|[-+*/])\\s*)*([0-9][0-9.]*|[\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*|//?|-)\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)(\\s*(\\*\\*|//|[-+*/])\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)*$|^[\\w.]+\\s*%\\s*|^\\*|^\\w+\\s*=[^=]|^\\(?\\s*[rRbBuUfF]*(\"[^\"]*\"|'[^']*')(\\s*[+%)]|\\s*[rRbBuUfF]*['\"]|\\.format\\(|\\.(replace|strip|lstrip|rstrip|lower|upper)\\(|$)|^\\(?\\s*[rRbBuUfF]*(\"\"\"|''')")
 (#not-match? @part "^[\\w.]+\\.format\\(")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#set! severity "raise"))
; The same sink given a value whole (`el.innerHTML = html`, `mark_safe(message)`):
; nothing here shows whether it was escaped, so it has its own message and severity.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . [(identifier) (attribute) (subscript) (call) (await) (parenthesized_expression) ] @part @value)) @match
 (#any-of-setting? @sink "python-sinks")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|price|amount|total|quantity|count|size|length|pk|\\w+_(count|size|length))$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/%]{1,2}\\s*[0-9]+$|^(\"[^\"]*\"|'[^']*')\\s*\\*\\s*[0-9]+$|^([\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*\\*|//|[-+*/])\\s*)*([0-9][0-9.]*|[\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*|//?|-)\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)(\\s*(\\*\\*|//|[-+*/])\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)*$|^[\\w.]+\\s*%\\s*|^\\*|^\\w+\\s*=[^=]|^\\(?\\s*[rRbBuUfF]*(\"[^\"]*\"|'[^']*')(\\s*[+%)]|\\s*[rRbBuUfF]*['\"]|\\.format\\(|\\.(replace|strip|lstrip|rstrip|lower|upper)\\(|$)|^\\(?\\s*[rRbBuUfF]*(\"\"\"|''')")
 (#not-match? @part "^[\\w.]+\\.format\\(")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#set! message "whole-value-python"))
; A choice between two values (`mark_safe(icon if done else "")`): each branch is judged as
; a part.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . [(conditional_expression . (_) @part) (conditional_expression (_) @part .)] @value)) @match
 (#any-of-setting? @sink "python-sinks")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|price|amount|total|quantity|count|size|length|pk|\\w+_(count|size|length))$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/%]{1,2}\\s*[0-9]+$|^(\"[^\"]*\"|'[^']*')\\s*\\*\\s*[0-9]+$|^([\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*\\*|//|[-+*/])\\s*)*([0-9][0-9.]*|[\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*|//?|-)\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)(\\s*(\\*\\*|//|[-+*/])\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)*$|^[\\w.]+\\s*%\\s*|^\\*|^\\w+\\s*=[^=]|^[rRbBuU]*(\"[^\"]*\"|'[^']*'|\"\"\"[^\"]*\"\"\")$")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#set! message "whole-value-python"))
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . (identifier) @value)) @match
 (#any-of-setting? @sink "python-sinks")
 (#has-before? @value "dynamic-html" "function_definition" "lambda")
 (#set! severity "raise"))

; Flask's `render_template_string` with a template that is not a literal.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . [(_) @part
      (string (interpolation expression: (_) @part) @_interp)
      (concatenated_string (string (interpolation expression: (_) @part) @_interp))
      (string (interpolation expression: (conditional_expression (string (interpolation expression: (_) @part) @_interp))))
      (call function: (attribute object: (string (interpolation expression: (_) @part) @_interp)))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part)
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @part))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @part)))
      (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (_) @part))
      (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part)))
      (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part)
      (binary_operator left: (_) @part operator: "+" right: [(string) (concatenated_string)])
      (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+")
      (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+") operator: "+")] @value)) @match
 (#eq? @sink "render_template_string")
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|price|amount|total|quantity|count|size|length|pk|\\w+_(count|size|length))$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/%]{1,2}\\s*[0-9]+$|^(\"[^\"]*\"|'[^']*')\\s*\\*\\s*[0-9]+$|^([\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*\\*|//|[-+*/])\\s*)*([0-9][0-9.]*|[\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*|//?|-)\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)(\\s*(\\*\\*|//|[-+*/])\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)*$|^[\\w.]+\\s*%\\s*|^\\*|^\\w+\\s*=[^=]|^\\(?\\s*[rRbBuUfF]*(\"[^\"]*\"|'[^']*')(\\s*[+%)]|\\s*[rRbBuUfF]*['\"]|\\.format\\(|\\.(replace|strip|lstrip|rstrip|lower|upper)\\(|$)|^\\(?\\s*[rRbBuUfF]*(\"\"\"|''')")
 (#not-match? @part "^[\\w.]+\\.format\\(")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#set! message "template-source")
 (#set! severity "raise"))

; A view answering with HTML built by formatting: `HttpResponse(f"<p>{name}</p>")`.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . [(string (interpolation expression: (_) @part) @_interp)
      (concatenated_string (string (interpolation expression: (_) @part) @_interp))
      (string (interpolation expression: (conditional_expression (string (interpolation expression: (_) @part) @_interp))))
      (call function: (attribute object: (string (interpolation expression: (_) @part) @_interp)))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part)
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @part))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @part)))
      (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (_) @part))
      (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part)))
      (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part)
      (binary_operator left: (_) @part operator: "+" right: [(string) (concatenated_string)])
      (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+")
      (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+") operator: "+")] @value)) @match
 (#eq? @sink "HttpResponse")
 (#match? @value "^\\(?\\s*[rRbBuUfF]*(\"\"\"|\\'\\'\\'|\"|')\\s*<[a-zA-Z!]")
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|price|amount|total|quantity|count|size|length|pk|\\w+_(count|size|length))$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/%]{1,2}\\s*[0-9]+$|^(\"[^\"]*\"|'[^']*')\\s*\\*\\s*[0-9]+$|^([\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*\\*|//|[-+*/])\\s*)*([0-9][0-9.]*|[\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*|//?|-)\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)(\\s*(\\*\\*|//|[-+*/])\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)*$|^[\\w.]+\\s*%\\s*|^\\*|^\\w+\\s*=[^=]|^\\(?\\s*[rRbBuUfF]*(\"[^\"]*\"|'[^']*')(\\s*[+%)]|\\s*[rRbBuUfF]*['\"]|\\.format\\(|\\.(replace|strip|lstrip|rstrip|lower|upper)\\(|$)|^\\(?\\s*[rRbBuUfF]*(\"\"\"|''')")
 (#not-match? @part "^[\\w.]+\\.format\\(")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#set! message "response")
 (#set! severity "raise"))

; A Jinja2 environment with autoescaping switched off (or left at Jinja2's default, off).
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list) @_args) @match
 (#eq? @sink "Environment")
 (#not-has? @_args "autoescape-on")
 (#set! message "jinja")
 (#set! severity "raise"))

;; Helpers.

((keyword_argument name: (identifier) @_name value: [(true) (call) (identifier) (attribute)])
 (#eq? @_name "autoescape")
 (#set! helper "autoescape-on"))

; A part that is a call of an escaper, of an HTML or URL builder, or of a number function.
((call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @part
 (#any-of-setting? @_fn "safe-calls")
 (#set! helper "safe-call"))
; The same wrapped in a conversion: `str(escape(label))` (`wrapper-calls`).
((call function: [(identifier) @_wrap (attribute attribute: (identifier) @_wrap)]
       arguments: (argument_list . (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) .)) @part
 (#any-of-setting? @_wrap "wrapper-calls")
 (#any-of-setting? @_fn "safe-calls")
 (#set! helper "safe-call"))
; A URL builder (`datasette.urls.table(…)`, `get_absolute_url()`, `build_url(…)`) or a random
; nonce or token: percent-encoded or alphanumeric, so nothing in it can open a tag or an
; attribute; a syntax highlighter (`syntax_highlight(code)`), which escapes the code it wraps.
((call function: (_) @_fn) @part
 (#match? @_fn "(?i)(^|[._])(urls\\.\\w+|\\w*_url|url_for|\\w*nonce\\w*|csrf_token|get_token|token_hex|token_urlsafe|uuid[0-9]?|\\w*highlight\\w*)$")
 (#set! helper "safe-call"))

; A variable built by formatting a part not known to be safe into a string with a tag:
; `html = f"<b>{name}</b>"`, `html += "<li>" + item`. Helpers cannot call other helpers, so
; a part is judged by its text and, for a call, by its name.
((assignment left: (identifier) @value right: [(string (interpolation expression: (_) @_part) @_interp)
           (concatenated_string (string (interpolation expression: (_) @_part) @_interp))
           (string (interpolation expression: (conditional_expression (string (interpolation expression: (_) @_part) @_interp))))
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @_part)
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @_part))
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @_part)))
           (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (_) @_part))
           (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @_part)))
           (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @_part)
           (binary_operator left: (_) @_part operator: "+" right: [(string) (concatenated_string)])
           (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @_part) operator: "+")
           (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @_part) operator: "+") operator: "+")] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @_part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|price|amount|total|quantity|count|size|length|pk|\\w+_(count|size|length))$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/%]{1,2}\\s*[0-9]+$|^(\"[^\"]*\"|'[^']*')\\s*\\*\\s*[0-9]+$|^([\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*\\*|//|[-+*/])\\s*)*([0-9][0-9.]*|[\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*|//?|-)\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)(\\s*(\\*\\*|//|[-+*/])\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)*$|^[\\w.]+\\s*%\\s*|^\\*|^\\w+\\s*=[^=]|^\\(?\\s*[rRbBuUfF]*(\"[^\"]*\"|'[^']*')(\\s*[+%)]|\\s*[rRbBuUfF]*['\"]|\\.format\\(|\\.(replace|strip|lstrip|rstrip|lower|upper)\\(|$)|^\\(?\\s*[rRbBuUfF]*(\"\"\"|''')")
 (#not-match? @_part "\\)$")
 (#set! helper "dynamic-html"))
((assignment left: (identifier) @value right: [(string (interpolation expression: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part) @_interp)
           (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part)
           (binary_operator left: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part operator: "+" right: [(string) (concatenated_string)])] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-any-of-setting? @_fn "safe-calls")
 (#set! helper "dynamic-html"))
((augmented_assignment left: (identifier) @value operator: "+=" right: [(string (interpolation expression: (_) @_part) @_interp)
           (concatenated_string (string (interpolation expression: (_) @_part) @_interp))
           (string (interpolation expression: (conditional_expression (string (interpolation expression: (_) @_part) @_interp))))
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @_part)
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @_part))
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @_part)))
           (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (_) @_part))
           (call function: (attribute object: [(string) (concatenated_string) (parenthesized_expression) (identifier)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @_part)))
           (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @_part)
           (binary_operator left: (_) @_part operator: "+" right: [(string) (concatenated_string)])
           (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @_part) operator: "+")
           (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @_part) operator: "+") operator: "+")] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @_part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|price|amount|total|quantity|count|size|length|pk|\\w+_(count|size|length))$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/%]{1,2}\\s*[0-9]+$|^(\"[^\"]*\"|'[^']*')\\s*\\*\\s*[0-9]+$|^([\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*\\*|//|[-+*/])\\s*)*([0-9][0-9.]*|[\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*|//?|-)\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)(\\s*(\\*\\*|//|[-+*/])\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)*$|^[\\w.]+\\s*%\\s*|^\\*|^\\w+\\s*=[^=]|^\\(?\\s*[rRbBuUfF]*(\"[^\"]*\"|'[^']*')(\\s*[+%)]|\\s*[rRbBuUfF]*['\"]|\\.format\\(|\\.(replace|strip|lstrip|rstrip|lower|upper)\\(|$)|^\\(?\\s*[rRbBuUfF]*(\"\"\"|''')")
 (#not-match? @_part "\\)$")
 (#set! helper "dynamic-html"))
((augmented_assignment left: (identifier) @value operator: "+=" right: [(string (interpolation expression: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part) @_interp)
           (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part)
           (binary_operator left: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part operator: "+" right: [(string) (concatenated_string)])] @_html)
 (#match? @_html "<[a-zA-Z!/]")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-any-of-setting? @_fn "safe-calls")
 (#set! helper "dynamic-html"))

; Bindings that make a name safe to put into HTML.
((assignment left: (_) @part right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))
 (#any-of-setting? @_fn "safe-calls")
 (#set! helper "safe-value"))
; A string method on such a call: `val = esc(value).replace(" ", "&nbsp;")`.
((assignment left: (_) @part right: (call function: (attribute object: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) attribute: (identifier) @_method)))
 (#any-of? @_method "replace" "strip" "lstrip" "rstrip")
 (#any-of-setting? @_fn "safe-calls")
 (#set! helper "safe-value"))
((assignment left: (_) @part right: [(integer) (float) (true) (false) (none) (binary_operator operator: ["-" "*" "/" "//"])])
 (#set! helper "safe-value"))
((assignment left: (_) @part right: [(string) (concatenated_string)] @_value)
 (#not-match? @_value "^[a-zA-Z]*[fF]")
 (#set! helper "safe-value"))
((assignment left: (_) @part right: (conditional_expression) @_value)
 (#match? @_value "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$")
 (#set! helper "safe-value"))
; A literal formatted with parts that are all safe by their text: literals, constants,
; `"a" if c else "b"` of literals, arithmetic (`' style="padding-{}:{}px"'.format("right" if
; rtl else "left", indent * level)`).
((assignment left: (_) @part right: [(call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list) @_args)
                                     (binary_operator left: [(string) (concatenated_string)] operator: "%" right: (tuple) @_args)])
 (#eq? @_format "format")
 (#match? @_args "^\\(\\s*((\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False|([\\w.]+\\.)?[A-Z][A-Z0-9_]*|(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s[^,]*?\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)|([\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*\\*|//|[-+*/])\\s*)*([0-9][0-9.]*|[\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*|//?|-)\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)(\\s*(\\*\\*|//|[-+*/])\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)*)\\s*,\\s*)*((\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False|([\\w.]+\\.)?[A-Z][A-Z0-9_]*|(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s[^,]*?\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)|([\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*\\*|//|[-+*/])\\s*)*([0-9][0-9.]*|[\\w.]+(\\[[\\w.'\"]*\\])?\\s*(\\*|//?|-)\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)(\\s*(\\*\\*|//|[-+*/])\\s*[\\w.]+(\\[[\\w.'\"]*\\])?)*))?\\s*,?\\s*\\)$")
 (#set! helper "safe-value"))
; An f-string of constants only: `base_url = f"http://{DEV_HOST}:{DEV_PORT}/"`.
((assignment left: (_) @part right: (string) @_value)
 (#match? @_value "^[rR]?[fF][rR]?[\"']([^{}]|\\{\\{|\\}\\}|\\{([\\w.]+\\.)?[A-Z][A-Z0-9_]*\\})*$")
 (#set! helper "safe-value"))
([(typed_parameter (identifier) @part type: (type (identifier) @_type))
  (typed_default_parameter name: (identifier) @part type: (type (identifier) @_type))]
 (#any-of? @_type "int" "float" "bool")
 (#set! helper "safe-value"))
