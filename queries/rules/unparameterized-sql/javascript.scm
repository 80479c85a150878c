;; SQL built by template literals or `+` concatenation that reaches a call running it.
;; Tagged templates (sql`…`, prisma.$queryRaw`…`) are calls whose argument is a template, not
;; an argument list, so they never match.
;;
;; Each report pattern captures one formatted part (`@part`) of the string (`@sql`): a `${…}`
;; or a `+` operand. A string is flagged when one of its parts is not known to be safe. A part
;; is safe when it is
;; - a literal, or a call of a quoting or number function (`this.escapePath(t)`, `escapeId(c)`,
;;   `Number(n)`, `.join(", ")`: the `js-safe-calls` setting, through the `safe-call` helper);
;; - an enum-like member (`Kind.VIEW`), named as SQL text (`sql`, `whereSql`, `where`,
;;   `placeholders`), as quoted (`quotedName`, `escapedTable`), as an alias, a `.length` or a
;;   count; a `c ? "a" : "b"` of literals, or arithmetic with a number; a named parameter
;;   (`:${name}`);
;; - bound earlier in the same function to a literal, to a safe call, or to a literal
;;   conditional, checked with `typeof x === "number"`, or (TypeScript) typed `number`; or a
;;   constant declared at the top of the module.
;;
;; The patterns are kept flat: tree-sitter's query compilation time grows very fast with
;; alternations nested inside alternations, and every editor start pays it.

; Passed straight to a call that always takes SQL (`js-sinks`: knex's `raw` family, Prisma's
; unsafe raw queries).
((call_expression
   function: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . [(template_string (template_substitution (_) @part) @_subst)
      (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
      (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
      (binary_expression left: (template_string (template_substitution (_) @part) @_subst) operator: "+")
      (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part) operator: "+")
      (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: [(string) (template_string)]) operator: "+" right: (_) @part)] @sql)) @match
 (#any-of-setting? @sink "js-sinks")
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-has? @sql "parameter-name")
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "literal-value" "function_declaration" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program"))

; Passed to a call whose name is generic (`query`, `execute`, `exec`, `prepare`:
; `js-sql-looking-sinks`), when the string starts like SQL.
((call_expression
   function: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . [(template_string (template_substitution (_) @part) @_subst)
      (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
      (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
      (binary_expression left: (template_string (template_substitution (_) @part) @_subst) operator: "+")
      (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part) operator: "+")
      (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: [(string) (template_string)]) operator: "+" right: (_) @part)] @sql)) @match
 (#any-of-setting? @sink "js-sql-looking-sinks")
 (#match? @sql "^[`'\"]\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma|explain|set|savepoint|release|rollback|vacuum|analyze|attach|detach|grant|revoke|show|describe|copy|lock)[\\s(;`'\"]")
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-has? @sql "parameter-name")
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "literal-value" "function_declaration" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program"))

; TypeORM's query builder: `.where(`id = ${id}`)` on a `createQueryBuilder()` chain, or on a
; variable that holds one.
((call_expression
   function: (member_expression object: (_) @_builder property: (property_identifier) @sink)
   arguments: (arguments . [(template_string (template_substitution (_) @part) @_subst)
      (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
      (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
      (binary_expression left: (template_string (template_substitution (_) @part) @_subst) operator: "+")
      (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part) operator: "+")
      (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: [(string) (template_string)]) operator: "+" right: (_) @part)] @sql)) @match
 (#any-of? @sink "where" "andWhere" "orWhere" "having" "andHaving" "orHaving")
 (#match? @_builder "createQueryBuilder\\(")
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-has? @sql "parameter-name")
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "literal-value" "function_declaration" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! message "typeorm"))
((call_expression
   function: (member_expression object: (identifier) @builder property: (property_identifier) @sink)
   arguments: (arguments . [(template_string (template_substitution (_) @part) @_subst)
      (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
      (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
      (binary_expression left: (template_string (template_substitution (_) @part) @_subst) operator: "+")
      (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part) operator: "+")
      (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: [(string) (template_string)]) operator: "+" right: (_) @part)] @sql)) @match
 (#any-of? @sink "where" "andWhere" "orWhere" "having" "andHaving" "orHaving")
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-has? @sql "parameter-name")
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-has? @part "safe-call")
 (#not-has-before? @part "safe-value" "function_declaration" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "literal-value" "function_declaration" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#has-before? @builder "query-builder" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#set! message "typeorm"))

; Through a variable assigned (or extended with `+=`) such a string earlier in the same function.
((call_expression
   function: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . (identifier) @sql)) @match
 (#any-of-setting? @sink "js-sinks")
 (#has-before? @sql "dynamic" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "last" "assign"))
((call_expression
   function: [(identifier) @sink (member_expression property: (property_identifier) @sink)]
   arguments: (arguments . (identifier) @sql)) @match
 (#any-of-setting? @sink "js-sql-looking-sinks")
 (#has-before? @sql "sql-start" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#has-before? @sql "dynamic" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration" "alternatives" "branch" "last" "assign"))

;; Helpers.

; A part that is a call of a quoting or number function.
((call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @part
 (#any-of-setting? @_fn "js-safe-calls")
 (#set! helper "safe-call"))

; A substitution inside a named parameter's name: `:value_${column.name}` (TypeORM). The
; database sees a placeholder, whatever the name.
((template_string (string_fragment) @_fragment . (template_substitution (_) @part))
 (#match? @_fragment ":[A-Za-z_][\\w.]*$")
 (#set! helper "parameter-name"))

; `sql = <string with a part not known to be safe>`, and `sql += …`. A name bound earlier in the
; function to a literal (on some branch: `literal-value`), or a module constant, is safe, as it
; is at the call; names bound to a safe call (`join` of values) or checked are not (yet) trusted
; here; a call is judged by its name.
((variable_declarator name: (identifier) @sql value: [(template_string (template_substitution (_) @part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
           (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
           (binary_expression left: (template_string (template_substitution (_) @part) @_subst) operator: "+")
           (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part) operator: "+")
           (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: [(string) (template_string)]) operator: "+" right: (_) @part)])
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-match? @part "\\)$")
 (#not-has-before? @part "literal-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! helper "dynamic"))
((assignment_expression left: (identifier) @sql right: [(template_string (template_substitution (_) @part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
           (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
           (binary_expression left: (template_string (template_substitution (_) @part) @_subst) operator: "+")
           (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part) operator: "+")
           (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: [(string) (template_string)]) operator: "+" right: (_) @part)])
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-match? @part "\\)$")
 (#not-has-before? @part "literal-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! helper "dynamic"))
((augmented_assignment_expression left: (identifier) @sql operator: "+=" right: [(template_string (template_substitution (_) @part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part)
           (binary_expression left: (_) @part operator: "+" right: [(string) (template_string)])
           (binary_expression left: (template_string (template_substitution (_) @part) @_subst) operator: "+")
           (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: (_) @part) operator: "+")
           (binary_expression left: (binary_expression left: [(string) (template_string)] operator: "+" right: [(string) (template_string)]) operator: "+" right: (_) @part)])
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-match? @part "\\)$")
 (#not-has-before? @part "literal-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! helper "dynamic"))
((variable_declarator name: (identifier) @sql value: [(template_string (template_substitution (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part)
           (binary_expression left: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part operator: "+" right: [(string) (template_string)])])
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-any-of-setting? @_fn "js-safe-calls")
 (#set! helper "dynamic"))
((assignment_expression left: (identifier) @sql right: [(template_string (template_substitution (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part)
           (binary_expression left: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part operator: "+" right: [(string) (template_string)])])
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-any-of-setting? @_fn "js-safe-calls")
 (#set! helper "dynamic"))
((augmented_assignment_expression left: (identifier) @sql operator: "+=" right: [(template_string (template_substitution (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part) @_subst)
           (binary_expression left: [(string) (template_string)] operator: "+" right: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part)
           (binary_expression left: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]) @_part operator: "+" right: [(string) (template_string)])])
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-any-of-setting? @_fn "js-safe-calls")
 (#set! helper "dynamic"))
((variable_declarator name: (identifier) @sql value: (ternary_expression consequence: (template_string (template_substitution (_) @part) @_subst)))
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-match? @part "\\)$")
 (#not-has-before? @part "literal-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! helper "dynamic"))
((variable_declarator name: (identifier) @sql value: (ternary_expression alternative: (template_string (template_substitution (_) @part) @_subst)))
 (#not-preceded-by? @_subst ":")
 (#not-preceded-by? @_subst ":...")
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-match? @part "\\)$")
 (#not-has-before? @part "literal-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! helper "dynamic"))
((augmented_assignment_expression left: (identifier) @sql operator: "+=" right: [(identifier) (member_expression) (subscript_expression)] @part)
 (#not-match? @part "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[A-Z][\\w$]*(\\.[A-Z][\\w$]*)*\\.[A-Z][A-Z0-9_]*$|(^|\\.)(sql|where|placeholders?|alias|aliasName|length|count|depth|size|isolationLevel|propertyPath|propertyName|[a-z_$][\\w$]*(Sql|SQL|Where|Clause|Placeholders?|Quoted|Escaped|Alias|AliasName|Count|Depth|Length|Size)|(quoted|escaped)[A-Z_][\\w$]*)(\\s*(\\|\\||\\?\\?)\\s*(\\\"[^\\\"]*\\\"|'[^']*'|null))?$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^[\\w.$]+\\s*[-+*/]\\s*[0-9]+$|\\.map\\(\\s*\\(?[\\w$\\s,]*\\)?\\s*=>\\s*(\\\"[^\\\"]*\\\"|'[^']*')\\s*\\)(\\.join\\([^)]*\\))?$|^[`'\"]")
 (#not-has-before? @part "literal-value" "function_declaration" "function_expression" "arrow_function" "method_definition" "generator_function_declaration")
 (#not-has-before? @part "module-constant" "program")
 (#set! helper "dynamic"))

; What replaces a variable's value: a declaration or plain assignment of a string, or of an
; expression that starts with one (`"…" + x`). At the call only the dynamic parts from the last
; such assignment on count (`"last" "assign"`); `sql += …` and `sql = sql + …` extend the value.
([(variable_declarator name: (identifier) @sql value: [(string) (template_string) (binary_expression)] @_value)
  (assignment_expression left: (identifier) @sql right: [(string) (template_string) (binary_expression)] @_value)]
 (#match? @_value "^[`'\"]")
 (#set! helper "assign"))

; A variable assigned a string that starts like SQL (for the sinks with generic names).
([(variable_declarator name: (identifier) @sql value: (_) @_value)
  (assignment_expression left: (identifier) @sql right: (_) @_value)]
 (#match? @_value "^([\\w.$?\\s!=<>]+\\?\\s*)?[`'\"]\\s*(?i:select|insert|update|delete|with|create|drop|alter|replace|merge|truncate|pragma|explain|set|savepoint|release|rollback|vacuum|analyze|attach|detach|grant|revoke|show|describe|copy|lock)[\\s(;`'\"]")
 (#set! helper "sql-start"))

; A variable that holds a TypeORM query builder.
([(variable_declarator name: (identifier) @builder value: (_) @_value)
  (assignment_expression left: (identifier) @builder right: (_) @_value)]
 (#match? @_value "createQueryBuilder\\(")
 (#set! helper "query-builder"))

; Bindings that make a name safe to format into SQL: to a literal (`literal-value`, also trusted
; through a variable, see `dynamic`) or otherwise (`safe-value`).
((variable_declarator name: (identifier) @part value: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]))
 (#any-of-setting? @_fn "js-safe-calls")
 (#set! helper "safe-value"))
((assignment_expression left: (identifier) @part right: (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)]))
 (#any-of-setting? @_fn "js-safe-calls")
 (#set! helper "safe-value"))
((variable_declarator name: (identifier) @part value: [(number) (true) (false) (null) (string) (template_string) (ternary_expression)] @_value)
 (#match? @_value "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^`([^`$]|\\$[^{])*`$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$")
 (#set! helper "literal-value"))
((assignment_expression left: (identifier) @part right: [(number) (true) (false) (null) (string) (template_string) (ternary_expression)] @_value)
 (#match? @_value "^(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$|^`([^`$]|\\$[^{])*`$|\\?\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)\\s*:\\s*(\\\"[^\\\"]*\\\"|'[^']*'|`[^`$]*`|null|undefined|true|false|-?[0-9.]+)$")
 (#set! helper "literal-value"))
((binary_expression
   left: (unary_expression operator: "typeof" argument: (_) @part)
   right: (string) @_type)
 (#match? @_type "^.(number|boolean|bigint).$")
 (#set! helper "safe-value"))
; Checked against an allow-list of literals or a constant: `["WAL", "DELETE"].includes(mode)`,
; `[…].indexOf(mode) !== -1`, `ALLOWED_COLUMNS.has(column)`.
((call_expression
   function: (member_expression object: (array) @_list property: (property_identifier) @_method)
   arguments: (arguments . (_) @part .))
 (#any-of? @_method "includes" "indexOf")
 (#match? @_list "^\\[\\s*((\\\"[^\\\"]*\\\"|'[^']*'|-?[0-9.]+)\\s*,\\s*)*(\\\"[^\\\"]*\\\"|'[^']*'|-?[0-9.]+)?\\s*,?\\s*\\]$")
 (#set! helper "safe-value"))
((call_expression
   function: (member_expression object: [(identifier) (member_expression)] @_list property: (property_identifier) @_method)
   arguments: (arguments . (_) @part .))
 (#any-of? @_method "includes" "indexOf" "has")
 (#match? @_list "(^|\\.)[A-Z][A-Z0-9_]*$")
 (#set! helper "safe-value"))
; A constant declared at the top level of the module: `const TABLE = "users";`.
((program
   [(lexical_declaration (variable_declarator name: (identifier) @part value: [(number) (string) (template_string)] @_value))
    (variable_declaration (variable_declarator name: (identifier) @part value: [(number) (string) (template_string)] @_value))])
 (#not-match? @_value "\\$\\{")
 (#set! helper "module-constant"))
