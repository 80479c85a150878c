; wide-interface, JavaScript. "Public" is exported from the module (`export …`,
; `export default …`, a top-level declaration named in `export { … }`, or CommonJS
; `exports.f = …`/`module.exports = { … }`); for class members, also not `#private` and
; not `_`-prefixed by convention. A declaration marked `/** @internal */` is not public.
; Patterns about top-level statements start at them, with `#parent-kind? … "program"`.

; --- Parameters -------------------------------------------------------------------------

; `export function f(…)`, `export default function f(…)`.
((export_statement "export"
   declaration: [(function_declaration name: (identifier) @name parameters: (formal_parameters) @params @_end)
                 (generator_function_declaration name: (identifier) @name parameters: (formal_parameters) @params @_end)]) @match
 (#not-preceded-by? @match "@internal */")
 (#count-above? @params "param" "max-params"))

; `export const f = (…) => …` and `export const f = function (…) {…}`.
((export_statement "export"
   declaration: [(lexical_declaration
                   (variable_declarator
                     name: (identifier) @name
                     value: [(arrow_function parameters: (formal_parameters) @params @_end)
                             (function_expression parameters: (formal_parameters) @params @_end)]))
                 (variable_declaration
                   (variable_declarator
                     name: (identifier) @name
                     value: [(arrow_function parameters: (formal_parameters) @params @_end)
                             (function_expression parameters: (formal_parameters) @params @_end)]))]) @match
 (#not-preceded-by? @match "@internal */")
 (#count-above? @params "param" "max-params"))

; CommonJS: `exports.f = function (…) {…}`, `module.exports.f = (…) => …`.
((expression_statement
     (assignment_expression
       left: (member_expression
         object: [(identifier) @_exports (member_expression object: (identifier) @_module property: (property_identifier) @_exports)]
         property: (property_identifier) @name)
       right: [(arrow_function parameters: (formal_parameters) @params @_end)
               (function_expression parameters: (formal_parameters) @params @_end)])) @match
 (#parent-kind? @match "program")
 (#eq? @_exports "exports")
 (#eq? @_module "module")
 (#not-preceded-by? @match "@internal */")
 (#count-above? @params "param" "max-params"))

; A top-level function exported by name elsewhere in the file: `export { f }`,
; `export default f`, `module.exports = { f }`.
([(function_declaration name: (identifier) @name @exported parameters: (formal_parameters) @params @_end)
    (generator_function_declaration name: (identifier) @name @exported parameters: (formal_parameters) @params @_end)
    (lexical_declaration
      (variable_declarator
        name: (identifier) @name @exported
        value: [(arrow_function parameters: (formal_parameters) @params @_end)
                (function_expression parameters: (formal_parameters) @params @_end)]))
    (variable_declaration
      (variable_declarator
        name: (identifier) @name @exported
        value: [(arrow_function parameters: (formal_parameters) @params @_end)
                (function_expression parameters: (formal_parameters) @params @_end)]))] @match
 (#parent-kind? @match "program")
 (#not-preceded-by? @match "@internal */")
 (#count-above? @params "param" "max-params")
 (#has? @match "export-name" "program"))

; A public method or constructor of an exported class.
((export_statement "export"
   declaration: (class_declaration
     body: (class_body
       (method_definition name: (_) @name parameters: (formal_parameters) @params @_end) @match))) @_export
 (#not-match? @name "^[#_]")
 (#not-preceded-by? @match "@internal */")
 (#not-preceded-by? @_export "@internal */")
 (#count-above? @params "param" "max-params"))
((class_declaration
     name: (identifier) @exported
     body: (class_body
       (method_definition name: (_) @name parameters: (formal_parameters) @params @_end) @match)) @_class
 (#parent-kind? @_class "program")
 (#not-match? @name "^[#_]")
 (#not-preceded-by? @match "@internal */")
 (#not-preceded-by? @_class "@internal */")
 (#count-above? @params "param" "max-params")
 (#has? @_class "export-name" "program"))

; A parameter: a destructured options object `{ a, b }` is one, `...rest` is one. `@params`
; joins it to its own list, not to that of a function in a default value.
((formal_parameters
   [(identifier) (assignment_pattern) (object_pattern) (array_pattern) (rest_pattern)] @match) @params
 (#set! helper "param"))

; `export { f }`, `export { f as g }`, `export default f`, `module.exports = { f }`.
((export_statement (export_clause (export_specifier name: (_) @exported))) @_top
 (#parent-kind? @_top "program")
 (#set! helper "export-name"))
((export_statement value: (identifier) @exported) @_top
 (#parent-kind? @_top "program")
 (#set! helper "export-name"))
((expression_statement
     (assignment_expression
       left: (member_expression object: (identifier) @_module property: (property_identifier) @_exports)
       right: (object [(shorthand_property_identifier) @exported (pair value: (identifier) @exported)]))) @_top
 (#parent-kind? @_top "program")
 (#eq? @_module "module")
 (#eq? @_exports "exports")
 (#set! helper "export-name"))

; --- Type surface ---------------------------------------------------------------------

; An exported class with too many public methods (accessors and the constructor are not
; methods).
((export_statement "export"
   declaration: (class_declaration name: (identifier) @name @_end body: (class_body) @body)) @match
 (#not-preceded-by? @match "@internal */")
 (#count-above? @body "method" "max-methods")
 (#set! message "methods"))
((class_declaration name: (identifier) @name @exported @_end body: (class_body) @body) @match
 (#parent-kind? @match "program")
 (#not-preceded-by? @match "@internal */")
 (#count-above? @body "method" "max-methods")
 (#has? @match "export-name" "program")
 (#set! message "methods"))

((class_body (method_definition name: (_) @_name) @match) @body
 (#not-match? @_name "^([#_]|constructor$)")
 (#not-match? @match "^((static|async)\\s+)*(get|set)\\s+[^\\s(]")
 (#not-preceded-by? @match "@internal */")
 (#set! helper "method"))
; A field holding a function is a method: `onClick = () => {…}`.
((class_body
   (field_definition
     property: (_) @_name
     value: [(arrow_function) (function_expression)]) @match) @body
 (#not-match? @_name "^[#_]")
 (#not-preceded-by? @match "@internal */")
 (#set! helper "method"))

; An exported class with too many public fields; the field that crosses the limit is
; reported.
((export_statement "export"
   declaration: (class_declaration name: (identifier) @name body: (class_body) @fields)) @match
 (#not-preceded-by? @match "@internal */")
 (#count-above? @fields "field" "max-fields" "at-crossing")
 (#set! message "fields"))
((class_declaration name: (identifier) @name @exported body: (class_body) @fields) @match
 (#parent-kind? @match "program")
 (#not-preceded-by? @match "@internal */")
 (#count-above? @fields "field" "max-fields" "at-crossing")
 (#has? @match "export-name" "program")
 (#set! message "fields"))

((class_body (field_definition property: (_) @match) @_field) @fields
 (#not-match? @match "^[#_]")
 ; A function-valued field is a method (above).
 (#not-match? @_field "=\\s*(async\\s+)?(function\\b|\\([^)]*\\)\\s*=>|[A-Za-z_$][\\w$]*\\s*=>)")
 (#not-preceded-by? @_field "@internal */")
 (#set! helper "field"))

; --- Module surface -------------------------------------------------------------------

; The module's exports; the export that crosses the limit is reported.
((program) @match
 (#count-above? @match "export" "max-module-items" "at-crossing")
 (#set! message "module"))

; Each exported declaration counts once by its name. `export * from` cannot be counted: it
; is flagged below.
((export_statement
     declaration: [(function_declaration name: (_) @match)
                   (generator_function_declaration name: (_) @match)
                   (class_declaration name: (_) @match)
                   (lexical_declaration (variable_declarator name: (_) @match))
                   (variable_declaration (variable_declarator name: (_) @match))]) @_export
 (#parent-kind? @_export "program")
 (#not-preceded-by? @_export "@internal */")
 (#set! helper "export"))
((export_statement [(export_clause (export_specifier) @match) (namespace_export) @match value: (_) @match]) @_export
 (#parent-kind? @_export "program")
 (#not-preceded-by? @_export "@internal */")
 (#set! helper "export"))
; CommonJS: `exports.f = …`, `module.exports.f = …`, and each property of
; `module.exports = { … }`.
((expression_statement
     (assignment_expression
       left: (member_expression
         object: [(identifier) @_exports (member_expression object: (identifier) @_module property: (property_identifier) @_exports)]
         property: (property_identifier) @match))) @_top
 (#parent-kind? @_top "program")
 (#eq? @_exports "exports")
 (#eq? @_module "module")
 (#set! helper "export"))
((expression_statement
     (assignment_expression
       left: (member_expression object: (identifier) @_module property: (property_identifier) @_exports)
       right: (object [(shorthand_property_identifier) (pair) (method_definition)] @match))) @_top
 (#parent-kind? @_top "program")
 (#eq? @_module "module")
 (#eq? @_exports "exports")
 (#set! helper "export"))

; `export * from "./internal"`: everything a module of this package exports becomes part of
; this one's surface, without a name in sight.
((export_statement source: (string (string_fragment) @source)) @match
 (#parent-kind? @match "program")
 (#match? @match "^export\\s*\\*\\s*from")
 (#match? @source "^\\.")
 (#set! message "reexport"))
