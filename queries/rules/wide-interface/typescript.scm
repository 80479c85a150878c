; wide-interface, TypeScript and TSX. "Public" is exported from the module (`export …`,
; `export default …`, or a top-level declaration named in `export { … }`); for class
; members, also not `private`, `protected`, `#private`, or `_`-prefixed by convention. A
; declaration marked `/** @internal */` (what `stripInternal` removes from the published
; types) is not public, as `pub(crate)` is not in Rust.
;
; Helpers are rooted at rare node kinds (`class_body`, `formal_parameters`), and the scoped
; predicates that walk a whole file come last. Patterns about top-level statements start at
; them, with `#parent-kind? … "program"`, so the engine looks only at the program's direct
; children for them (a pattern rooted at `program` would try every alternative at each).

; --- Parameters -------------------------------------------------------------------------

; `export function f(…)`, `export default function f(…)`, `export declare function f(…)`.
; Overload signatures are not checked: they often spell out a variadic function one arity at
; a time (`pipe(a, ab, bc, …)`); the implementation below them is.
((export_statement "export"
   declaration: [(function_declaration name: (identifier) @name parameters: (formal_parameters) @params @_end)
                 (generator_function_declaration name: (identifier) @name parameters: (formal_parameters) @params @_end)
                 (ambient_declaration
                   (function_signature name: (identifier) @name parameters: (formal_parameters) @params @_end))]) @match
 (#not-preceded-by? @match "@internal */")
 (#count-above? @params "param" "max-params"))

; `export const f = (…) => …` and `export const f = function (…) {…}`.
((export_statement "export"
   declaration: (lexical_declaration
     (variable_declarator
       name: (identifier) @name
       value: [(arrow_function parameters: (formal_parameters) @params @_end)
               (function_expression parameters: (formal_parameters) @params @_end)]))) @match
 (#not-preceded-by? @match "@internal */")
 (#count-above? @params "param" "max-params"))

; A top-level function exported by name elsewhere in the file: `export { f }`, `export default f`.
([(function_declaration name: (identifier) @name @exported parameters: (formal_parameters) @params @_end)
    (generator_function_declaration name: (identifier) @name @exported parameters: (formal_parameters) @params @_end)
    (lexical_declaration
      (variable_declarator
        name: (identifier) @name @exported
        value: [(arrow_function parameters: (formal_parameters) @params @_end)
                (function_expression parameters: (formal_parameters) @params @_end)]))] @match
 (#parent-kind? @match "program")
 (#not-preceded-by? @match "@internal */")
 (#count-above? @params "param" "max-params")
 (#has? @match "export-name" "program"))

; A public method or constructor of an exported class (overload signatures excepted).
((export_statement "export"
   declaration: [(class_declaration
                   body: (class_body
                     (method_definition name: (_) @name parameters: (formal_parameters) @params @_end) @match))
                 (abstract_class_declaration
                   body: (class_body
                     [(method_definition name: (_) @name parameters: (formal_parameters) @params @_end)
                      (abstract_method_signature name: (_) @name parameters: (formal_parameters) @params @_end)] @match))]) @_export
 (#not-match? @name "^[#_]")
 (#not-match? @match "^(private|protected)\\s")
 (#not-preceded-by? @match "@internal */")
 (#not-preceded-by? @_export "@internal */")
 (#count-above? @params "param" "max-params"))

([(class_declaration
      name: (type_identifier) @exported
      body: (class_body
        (method_definition name: (_) @name parameters: (formal_parameters) @params @_end) @match))
    (abstract_class_declaration
      name: (type_identifier) @exported
      body: (class_body
        [(method_definition name: (_) @name parameters: (formal_parameters) @params @_end)
         (abstract_method_signature name: (_) @name parameters: (formal_parameters) @params @_end)] @match))] @_class
 (#parent-kind? @_class "program")
 (#not-match? @name "^[#_]")
 (#not-match? @match "^(private|protected)\\s")
 (#not-preceded-by? @match "@internal */")
 (#not-preceded-by? @_class "@internal */")
 (#count-above? @params "param" "max-params")
 (#has? @_class "export-name" "program"))

; A parameter: a destructured options object `{ a, b }: Options` is one, `...rest` is one,
; and TypeScript's `this: T` is the receiver, not an argument. `@params` joins it to its own
; list, not to the list of a callback type `(a: A, b: B) => C` inside it.
((formal_parameters [(required_parameter) (optional_parameter)] @match) @params
 (#not-match? @match "^this\\b")
 (#set! helper "param"))

; `export { f }`, `export { f as g }`, `export default f`.
((export_statement (export_clause (export_specifier name: (_) @exported))) @_top
 (#parent-kind? @_top "program")
 (#set! helper "export-name"))
((export_statement value: (identifier) @exported) @_top
 (#parent-kind? @_top "program")
 (#set! helper "export-name"))

; --- Type surface ---------------------------------------------------------------------

; An exported class with too many public methods (accessors and the constructor are not
; methods; an overloaded method counts once).
((export_statement "export"
   declaration: [(class_declaration name: (type_identifier) @name @_end body: (class_body) @body)
                 (abstract_class_declaration name: (type_identifier) @name @_end body: (class_body) @body)]) @match
 (#not-preceded-by? @match "@internal */")
 (#count-above? @body "method" "max-methods")
 (#set! message "methods"))
([(class_declaration name: (type_identifier) @name @exported @_end body: (class_body) @body)
    (abstract_class_declaration name: (type_identifier) @name @exported @_end body: (class_body) @body)] @match
 (#parent-kind? @match "program")
 (#not-preceded-by? @match "@internal */")
 (#count-above? @body "method" "max-methods")
 (#has? @match "export-name" "program")
 (#set! message "methods"))

((class_body [(method_definition name: (_) @_name) (abstract_method_signature name: (_) @_name)] @match) @body
 (#not-match? @_name "^([#_]|constructor$)")
 (#not-match? @match "^(private|protected)\\s")
 (#not-match? @match "^((public|static|override|abstract|async)\\s+)*(get|set)\\s+[^\\s(<]")
 (#not-preceded-by? @match "@internal */")
 (#set! helper "method"))
; A field holding a function is a method: `onClick = () => {…}`.
((class_body
   (public_field_definition
     name: (_) @_name
     value: [(arrow_function) (function_expression)]) @match) @body
 (#not-match? @_name "^[#_]")
 (#not-match? @match "^(@[\\w.$]+(\\([^()]*(\\([^()]*\\)[^()]*)*\\))?\\s+)*(private|protected)\\s")
 (#not-preceded-by? @match "@internal */")
 (#set! helper "method"))

; An exported class with too many public fields; the field that crosses the limit is
; reported.
((export_statement "export"
   declaration: [(class_declaration name: (type_identifier) @name body: (class_body) @fields)
                 (abstract_class_declaration name: (type_identifier) @name body: (class_body) @fields)]) @match
 (#not-preceded-by? @match "@internal */")
 (#count-above? @fields "field" "max-fields" "at-crossing")
 (#set! message "fields"))
([(class_declaration name: (type_identifier) @name @exported body: (class_body) @fields)
    (abstract_class_declaration name: (type_identifier) @name @exported body: (class_body) @fields)] @match
 (#parent-kind? @match "program")
 (#not-preceded-by? @match "@internal */")
 (#count-above? @fields "field" "max-fields" "at-crossing")
 (#has? @match "export-name" "program")
 (#set! message "fields"))

((class_body (public_field_definition name: (_) @match) @_field) @fields
 (#not-match? @match "^[#_]")
 (#not-match? @_field "^(@[\\w.$]+(\\([^()]*(\\([^()]*\\)[^()]*)*\\))?\\s+)*(private|protected)\\s")
 ; A function-valued field is a method (above).
 (#not-match? @_field "=\\s*(async\\s+)?(function\\b|\\([^)]*\\)\\s*(:[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)")
 (#not-preceded-by? @_field "@internal */")
 (#set! helper "field"))

; --- Module surface -------------------------------------------------------------------

; The module's exports; the export that crosses the limit is reported.
((program) @match
 (#count-above? @match "export" "max-module-items" "at-crossing")
 (#set! message "module"))

; Each exported declaration counts once by its name; overload signatures are not counted
; again (their implementation is). `export * from` cannot be counted: it is flagged below.
((export_statement
     declaration: [(function_declaration name: (_) @match)
                   (generator_function_declaration name: (_) @match)
                   (class_declaration name: (_) @match)
                   (abstract_class_declaration name: (_) @match)
                   (interface_declaration name: (_) @match)
                   (enum_declaration name: (_) @match)
                   (internal_module name: (_) @match)
                   (ambient_declaration
                     [(function_signature name: (_) @match)
                      (lexical_declaration (variable_declarator name: (_) @match))
                      (variable_declaration (variable_declarator name: (_) @match))
                      (class_declaration name: (_) @match)
                      (abstract_class_declaration name: (_) @match)
                      (enum_declaration name: (_) @match)])
                   (import_alias) @match
                   (lexical_declaration (variable_declarator name: (_) @match))
                   (variable_declaration (variable_declarator name: (_) @match))]) @_export
 (#parent-kind? @_export "program")
 (#not-preceded-by? @_export "@internal */")
 (#set! helper "export"))
; A type alias counts, unless it only names the type of a constant of the same name
; (`export type Tag = typeof Tag`): that is one name, already counted with the constant.
; Likewise `export declare namespace X`, which only adds types under the name of a type or
; value `X` declared beside it, is not counted.
((export_statement
     declaration: (type_alias_declaration name: (_) @match value: (_) @_value)) @_export
 (#parent-kind? @_export "program")
 (#not-match? @_value "^typeof\\s")
 (#not-preceded-by? @_export "@internal */")
 (#set! helper "export"))
((export_statement
     declaration: (type_alias_declaration name: (_) @match value: (type_query (identifier) @_of))) @_export
 (#parent-kind? @_export "program")
 (#not-eq? @match @_of)
 (#not-preceded-by? @_export "@internal */")
 (#set! helper "export"))
((export_statement [(export_clause (export_specifier) @match) (namespace_export) @match value: (_) @match]) @_export
 (#parent-kind? @_export "program")
 (#not-preceded-by? @_export "@internal */")
 (#set! helper "export"))

; `export * from "./internal"`: everything a module of this package exports becomes part of
; this one's surface, without a name in sight.
((export_statement source: (string (string_fragment) @source)) @match
 (#parent-kind? @match "program")
 (#match? @match "^export\\s+(type\\s+)?\\*\\s*from")
 (#match? @source "^\\.")
 (#set! message "reexport"))
