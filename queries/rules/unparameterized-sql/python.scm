;; SQL built by formatting that reaches a call running it.
;;
;; Each report pattern captures one formatted part (`@part`) of the string (`@sql`): an
;; f-string `{…}`, a `%` or `.format(…)` argument, or a `+` operand. A string is flagged when
;; one of its parts is not known to be safe. A part is safe when it is
;; - a literal, or a call of a quoting or conversion function (`quote_name(t)`, `int(n)`,
;;   `", ".join(…)`: the `python-safe-calls` setting, through the `safe-call` helper);
;; - named as a constant (`MAX_ROWS`, `Kind.VIEW`), as SQL text (`sql`, `where_sql`, `where`,
;;   `placeholders`) or as quoted (`table_quoted`, `escaped_name`): composing SQL fragments
;;   is not where values get in;
;; - formatted as a number (`{n:d}`, `{n:,}`), arithmetic with a number (`{size + 1}`),
;;   or a `"a" if c else "b"` of literals;
;; - bound earlier in the same function to a literal, to a safe call, to an f-string whose one
;;   part is a safe call, by a loop over literals or over a constant, or typed `int`, `float`
;;   or `bool`.
;; Test functions (`def test_…`) and test modules (importing pytest, unittest or
;; `django.test`) are not linted: their values are test data.
;;
;; The patterns are kept flat: tree-sitter's query compilation time grows very fast with
;; alternations nested inside alternations, and every editor start pays it.

; Calls that always run their first argument as SQL (`python-sinks`): DB-API cursors and
; connections, Django's `raw` and `RawSQL`, pandas' `read_sql`.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . [(string (interpolation expression: (_) @part @attr) @_interp)
      (concatenated_string (string (interpolation expression: (_) @part @attr) @_interp))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part @attr)
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @part @attr))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @part @attr)))
      (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (_) @part @attr))
      (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part @attr)))
      (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr)
      (binary_operator left: (_) @part @attr operator: "+" right: [(string) (concatenated_string)])
      (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr) operator: "+")
      (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr) operator: "+") operator: "+")] @sql)) @match
 (#any-of-setting? @sink "python-sinks")
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|(?i:(\\w+_)?(sql|where|clause|placeholders?|isolation_level|txn_type)|\\w+_(kb|mb|gb|bytes|ms|secs|seconds)|(quoted|escaped)_\\w+|\\w+_(quoted|escaped))|[a-z]\\w*(Sql|SQL|Where|Placeholders?|Quoted|Escaped)|(quoted|escaped)[A-Z]\\w*|_meta\\.db_table)$|(^|\\.)\\w+\\(\\s*['\"]\\w+_(kb|mb|gb|bytes|ms|secs|seconds)['\"]\\s*\\)$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/]\\s*[0-9]+$|^\\*|^\\w+\\s*=[^=]|^[rRbBuUfF]*['\"]")
 (#not-has-before? @match "test-function" "function_definition")
 (#not-has-before? @match "test-module" "module")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#not-has-before? @part "literal-value" "function_definition" "lambda")
 (#extract? @attr "^(?:self\\.|[\\s\\S]*)(\\w*)$")
 (#not-has-before? @attr "class-constant" "class_definition"))

; Names used for other things too (`python-sql-looking-sinks`: SQLAlchemy's `text`, asyncpg's
; `fetch`, `fetchrow`, `fetchval`): flagged when the string starts like SQL.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . [(string (interpolation expression: (_) @part @attr) @_interp)
      (concatenated_string (string (interpolation expression: (_) @part @attr) @_interp))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part @attr)
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @part @attr))
      (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @part @attr)))
      (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (_) @part @attr))
      (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part @attr)))
      (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr)
      (binary_operator left: (_) @part @attr operator: "+" right: [(string) (concatenated_string)])
      (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr) operator: "+")
      (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr) operator: "+") operator: "+")] @sql)) @match
 (#any-of-setting? @sink "python-sql-looking-sinks")
 (#match? @sql "^\\(?\\s*[rRbBuUfF]*(\"\"\"|\\'\\'\\'|\"|')\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma|explain|set|savepoint|release|rollback|vacuum|analyze|attach|detach|grant|revoke|show|describe|copy|lock)[\\s(;\"']")
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|(?i:(\\w+_)?(sql|where|clause|placeholders?|isolation_level|txn_type)|\\w+_(kb|mb|gb|bytes|ms|secs|seconds)|(quoted|escaped)_\\w+|\\w+_(quoted|escaped))|[a-z]\\w*(Sql|SQL|Where|Placeholders?|Quoted|Escaped)|(quoted|escaped)[A-Z]\\w*|_meta\\.db_table)$|(^|\\.)\\w+\\(\\s*['\"]\\w+_(kb|mb|gb|bytes|ms|secs|seconds)['\"]\\s*\\)$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/]\\s*[0-9]+$|^\\*|^\\w+\\s*=[^=]|^[rRbBuUfF]*['\"]")
 (#not-has-before? @match "test-function" "function_definition")
 (#not-has-before? @match "test-module" "module")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#not-has-before? @part "literal-value" "function_definition" "lambda")
 (#extract? @attr "^(?:self\\.|[\\s\\S]*)(\\w*)$")
 (#not-has-before? @attr "class-constant" "class_definition"))

; A SQL template kept in a variable or constant and formatted at the call:
; `cursor.execute(QUERY % name)`.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list
     .
     [(binary_operator left: (identifier) @template operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part @attr)
      (binary_operator left: (identifier) @template operator: "%" right: (tuple (_) @part @attr))
      (call function: (attribute object: (identifier) @template attribute: (identifier) @_format) arguments: (argument_list (_) @part @attr))
      (call function: (attribute object: (identifier) @template attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part @attr)))] @sql)) @match
 (#any-of-setting? @sink "python-sinks")
 (#eq? @_format "format")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|(?i:(\\w+_)?(sql|where|clause|placeholders?|isolation_level|txn_type)|\\w+_(kb|mb|gb|bytes|ms|secs|seconds)|(quoted|escaped)_\\w+|\\w+_(quoted|escaped))|[a-z]\\w*(Sql|SQL|Where|Placeholders?|Quoted|Escaped)|(quoted|escaped)[A-Z]\\w*|_meta\\.db_table)$|(^|\\.)\\w+\\(\\s*['\"]\\w+_(kb|mb|gb|bytes|ms|secs|seconds)['\"]\\s*\\)$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/]\\s*[0-9]+$|^\\*|^\\w+\\s*=[^=]|^[rRbBuUfF]*['\"]")
 (#not-has-before? @match "test-function" "function_definition")
 (#not-has-before? @match "test-module" "module")
 (#not-has? @part "safe-call")
 (#has-before? @template "sql-template" "module")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#not-has-before? @part "literal-value" "function_definition" "lambda")
 (#extract? @attr "^(?:self\\.|[\\s\\S]*)(\\w*)$")
 (#not-has-before? @attr "class-constant" "class_definition"))

; Django's `QuerySet.extra(where=[…], select={…}, tables=[…], order_by=[…])`: SQL fragments.
((call
   function: (attribute attribute: (identifier) @sink)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_kw
       value: (list [(string (interpolation expression: (_) @part @attr) @_interp)
                (concatenated_string (string (interpolation expression: (_) @part @attr) @_interp))
                (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part @attr)
                (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @part @attr))
                (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @part @attr)))
                (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (_) @part @attr))
                (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part @attr)))
                (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr)
                (binary_operator left: (_) @part @attr operator: "+" right: [(string) (concatenated_string)])
                (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr) operator: "+")
                (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr) operator: "+") operator: "+")] @sql)))) @match
 (#eq? @sink "extra")
 (#any-of? @_kw "where" "tables" "order_by")
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|(?i:(\\w+_)?(sql|where|clause|placeholders?|isolation_level|txn_type)|\\w+_(kb|mb|gb|bytes|ms|secs|seconds)|(quoted|escaped)_\\w+|\\w+_(quoted|escaped))|[a-z]\\w*(Sql|SQL|Where|Placeholders?|Quoted|Escaped)|(quoted|escaped)[A-Z]\\w*|_meta\\.db_table)$|(^|\\.)\\w+\\(\\s*['\"]\\w+_(kb|mb|gb|bytes|ms|secs|seconds)['\"]\\s*\\)$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/]\\s*[0-9]+$|^\\*|^\\w+\\s*=[^=]|^[rRbBuUfF]*['\"]")
 (#not-has-before? @match "test-function" "function_definition")
 (#not-has-before? @match "test-module" "module")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#not-has-before? @part "literal-value" "function_definition" "lambda")
 (#extract? @attr "^(?:self\\.|[\\s\\S]*)(\\w*)$")
 (#not-has-before? @attr "class-constant" "class_definition"))
((call
   function: (attribute attribute: (identifier) @sink)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_kw
       value: (dictionary (pair value: [(string (interpolation expression: (_) @part @attr) @_interp)
                (concatenated_string (string (interpolation expression: (_) @part @attr) @_interp))
                (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part @attr)
                (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @part @attr))
                (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @part @attr)))
                (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (_) @part @attr))
                (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part @attr)))
                (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr)
                (binary_operator left: (_) @part @attr operator: "+" right: [(string) (concatenated_string)])
                (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr) operator: "+")
                (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part @attr) operator: "+") operator: "+")] @sql))))) @match
 (#eq? @sink "extra")
 (#eq? @_kw "select")
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|(?i:(\\w+_)?(sql|where|clause|placeholders?|isolation_level|txn_type)|\\w+_(kb|mb|gb|bytes|ms|secs|seconds)|(quoted|escaped)_\\w+|\\w+_(quoted|escaped))|[a-z]\\w*(Sql|SQL|Where|Placeholders?|Quoted|Escaped)|(quoted|escaped)[A-Z]\\w*|_meta\\.db_table)$|(^|\\.)\\w+\\(\\s*['\"]\\w+_(kb|mb|gb|bytes|ms|secs|seconds)['\"]\\s*\\)$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/]\\s*[0-9]+$|^\\*|^\\w+\\s*=[^=]|^[rRbBuUfF]*['\"]")
 (#not-has-before? @match "test-function" "function_definition")
 (#not-has-before? @match "test-module" "module")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_definition" "lambda")
 (#not-has-before? @part "literal-value" "function_definition" "lambda")
 (#extract? @attr "^(?:self\\.|[\\s\\S]*)(\\w*)$")
 (#not-has-before? @attr "class-constant" "class_definition"))

; A variable that holds such a string, assigned (or extended) earlier in the same function.
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . (identifier) @sql)) @match
 (#any-of-setting? @sink "python-sinks")
 (#not-has-before? @match "test-function" "function_definition")
 (#not-has-before? @match "test-module" "module")
 (#has-before? @sql "dynamic" "function_definition" "alternatives" "branch" "last" "assign"))
((call
   function: [(identifier) @sink (attribute attribute: (identifier) @sink)]
   arguments: (argument_list . (identifier) @sql)) @match
 (#any-of-setting? @sink "python-sql-looking-sinks")
 (#not-has-before? @match "test-function" "function_definition")
 (#not-has-before? @match "test-module" "module")
 (#has-before? @sql "sql-start" "function_definition")
 (#has-before? @sql "dynamic" "function_definition" "alternatives" "branch" "last" "assign"))

;; Helpers.

; A part that is a call of a quoting or conversion function.
((call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @part
 (#any-of-setting? @_fn "python-safe-calls")
 (#set! helper "safe-call"))

; `sql = <formatted string with a part not known to be safe>`, and `sql += …`. A name bound
; earlier in the function to a literal (on some branch: `literal-value`) is safe, as it is at
; the call; names bound to a safe call or checked against a constant are not (yet) trusted here.
((assignment left: (identifier) @sql right: [(string (interpolation expression: (_) @part) @_interp)
           (concatenated_string (string (interpolation expression: (_) @part) @_interp))
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part)
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @part))
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @part)))
           (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (_) @part))
           (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part)))
           (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part)
           (binary_operator left: (_) @part operator: "+" right: [(string) (concatenated_string)])
           (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+")
           (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+") operator: "+")])
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|(?i:(\\w+_)?(sql|where|clause|placeholders?|isolation_level|txn_type)|\\w+_(kb|mb|gb|bytes|ms|secs|seconds)|(quoted|escaped)_\\w+|\\w+_(quoted|escaped))|[a-z]\\w*(Sql|SQL|Where|Placeholders?|Quoted|Escaped)|(quoted|escaped)[A-Z]\\w*|_meta\\.db_table)$|(^|\\.)\\w+\\(\\s*['\"]\\w+_(kb|mb|gb|bytes|ms|secs|seconds)['\"]\\s*\\)$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/]\\s*[0-9]+$|^\\*|^\\w+\\s*=[^=]|^[rRbBuUfF]*['\"]")
 (#not-match? @part "\\)$")
 (#not-has-before? @part "literal-value" "function_definition" "lambda")
 (#set! helper "dynamic"))
((augmented_assignment left: (identifier) @sql operator: "+=" right: [(string (interpolation expression: (_) @part) @_interp)
           (concatenated_string (string (interpolation expression: (_) @part) @_interp))
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: [(identifier) (attribute) (subscript) (call)] @part)
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (tuple (_) @part))
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (dictionary (pair value: (_) @part)))
           (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (_) @part))
           (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @_format) arguments: (argument_list (keyword_argument value: (_) @part)))
           (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part)
           (binary_operator left: (_) @part operator: "+" right: [(string) (concatenated_string)])
           (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+")
           (binary_operator left: (binary_operator left: (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (_) @part) operator: "+") operator: "+")
           [(identifier) (attribute) (subscript)] @part])
 (#eq? @_format "format")
 (#not-match? @_interp ":[^}]*[bcdeEfFgGnoxX%,]\\}$")
 (#not-match? @part "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|(^|\\.)([A-Z][A-Z0-9_]*|(?i:(\\w+_)?(sql|where|clause|placeholders?|isolation_level|txn_type)|\\w+_(kb|mb|gb|bytes|ms|secs|seconds)|(quoted|escaped)_\\w+|\\w+_(quoted|escaped))|[a-z]\\w*(Sql|SQL|Where|Placeholders?|Quoted|Escaped)|(quoted|escaped)[A-Z]\\w*|_meta\\.db_table)$|(^|\\.)\\w+\\(\\s*['\"]\\w+_(kb|mb|gb|bytes|ms|secs|seconds)['\"]\\s*\\)$|^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$|^[\\w.]+\\s*[-+*/]\\s*[0-9]+$|^\\*|^\\w+\\s*=[^=]|^[rRbBuUfF]*['\"]")
 (#not-match? @part "\\)$")
 (#not-has-before? @part "literal-value" "function_definition" "lambda")
 (#set! helper "dynamic"))
((assignment left: (identifier) @sql right: [(string (interpolation expression: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part) @_interp)
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part)
           (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part)
           (binary_operator left: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part operator: "+" right: [(string) (concatenated_string)])])
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "dynamic"))
((augmented_assignment left: (identifier) @sql operator: "+=" right: [(string (interpolation expression: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part) @_interp)
           (binary_operator left: [(string) (concatenated_string) (parenthesized_expression)] operator: "%" right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part)
           (binary_operator left: [(string) (concatenated_string)] operator: "+" right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part)
           (binary_operator left: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]) @_part operator: "+" right: [(string) (concatenated_string)])])
 (#not-any-of-setting? @_fn "python-safe-calls")
 (#set! helper "dynamic"))

; What replaces a variable's value: a plain assignment of a string, or of an expression that
; starts with one (`"…" % args`, `"…".format(…)`, `"…" + x`). At the call only the dynamic parts
; from the last such assignment on count (`"last" "assign"`); `sql += …` and `sql = sql + …`
; extend the value and are not one.
((assignment left: (identifier) @sql right: [(string) (concatenated_string) (binary_operator) (call) (parenthesized_expression)] @_value)
 (#match? @_value "^\\(?\\s*[rRbBuUfF]*(\"|')")
 (#set! helper "assign"))

; A variable assigned a string that starts like SQL (for the sinks with generic names).
((assignment left: (identifier) @sql right: [(string) (concatenated_string) (binary_operator) (call)] @_value)
 (#match? @_value "^\\(?\\s*[rRbBuUfF]*(\"\"\"|\\'\\'\\'|\"|')\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma|explain|set|savepoint|release|rollback|vacuum|analyze|attach|detach|grant|revoke|show|describe|copy|lock)[\\s(;\"']")
 (#set! helper "sql-start"))
; A SQL template: a plain string that starts like SQL.
((assignment left: (identifier) @template right: [(string) (concatenated_string)] @_value)
 (#match? @_value "^\\(?\\s*[rRbBuU]*(\"\"\"|\\'\\'\\'|\"|')\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma|explain|set|savepoint|release|rollback|vacuum|analyze|attach|detach|grant|revoke|show|describe|copy|lock)[\\s(;\"']")
 (#set! helper "sql-template"))

; Bindings that make a name safe to format into SQL: to a literal (`literal-value`, also trusted
; through a variable, see `dynamic`) or otherwise (`safe-value`).
((assignment left: (_) @part right: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))
 (#any-of-setting? @_fn "python-safe-calls")
 (#set! helper "safe-value"))
((assignment left: (_) @part right: [(integer) (float) (true) (false) (none)])
 (#set! helper "literal-value"))
((assignment left: (_) @part right: [(string) (concatenated_string)] @_value)
 (#not-match? @_value "^[a-zA-Z]*[fF]")
 (#set! helper "literal-value"))
((assignment left: (_) @part right: (conditional_expression) @_value)
 (#match? @_value "^(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s+if\\s.*\\selse\\s+(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)$")
 (#set! helper "literal-value"))
((assignment left: (_) @part right: (string (interpolation expression: (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]))) @_value)
 (#any-of-setting? @_fn "python-safe-calls")
 (#match? @_value "^[^{]*\\{[^{}]*\\}[^{]*$")
 (#set! helper "safe-value"))
((for_statement left: (identifier) @part right: [(tuple) (list) (set)] @_values)
 (#match? @_values "^[\\[(]\\s*((\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s*,\\s*)*(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)?\\s*,?\\s*[\\])]$")
 (#set! helper "literal-value"))
((for_statement left: (identifier) @part right: [(identifier) (attribute)] @_values)
 (#match? @_values "(^|\\.)[A-Z][A-Z0-9_]*$")
 (#set! helper "literal-value"))
([(typed_parameter (identifier) @part type: (type (identifier) @_type))
  (typed_default_parameter name: (identifier) @part type: (type (identifier) @_type))]
 (#any-of? @_type "int" "float" "bool")
 (#set! helper "literal-value"))

; Django's table name of a model, declared in code: `table = model._meta.db_table`.
((assignment left: (_) @part right: (attribute) @_value)
 (#match? @_value "\\._meta\\.db_table$")
 (#set! helper "literal-value"))
; Checked against an allow-list of literals or a constant: `if mode not in ("WAL", "DELETE"):
; raise …`, `if column in ALLOWED_COLUMNS:`.
((comparison_operator . [(identifier) (attribute) (subscript)] @part . [(tuple) (list) (set)] @_list) @_test
 (#match? @_test "\\s(not\\s+)?in\\s")
 (#match? @_list "^[\\[({]\\s*((\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)\\s*,\\s*)*(\"[^\"]*\"|'[^']*'|-?[0-9.]+|None|True|False)?\\s*,?\\s*[\\])}]$")
 (#set! helper "safe-value"))
((comparison_operator . [(identifier) (attribute) (subscript)] @part . [(identifier) (attribute)] @_list) @_test
 (#match? @_test "\\s(not\\s+)?in\\s")
 (#match? @_list "(^|\\.)[A-Z][A-Z0-9_]*$")
 (#set! helper "safe-value"))

; A class attribute assigned a literal in the class body, read as `self.<name>`: the part
; `self._counts_table` stands for `_counts_table` (`#extract?` above; other parts for nothing).
((class_definition body: (block (expression_statement (assignment left: (identifier) @attr right: [(string) (concatenated_string) (integer) (float)] @_value))))
 (#not-match? @_value "^[a-zA-Z]*[fF]")
 (#set! helper "class-constant"))

; A test module: one that imports pytest, unittest or Django's test tools at the top.
([(module (import_statement name: (dotted_name) @_module))
  (module (import_from_statement module_name: (dotted_name) @_module))]
 (#any-of? @_module "pytest" "unittest" "django.test")
 (#set! helper "test-module"))

; A pytest test function.
((function_definition name: (identifier) @_name)
 (#match? @_name "^test_")
 (#set! helper "test-function"))
