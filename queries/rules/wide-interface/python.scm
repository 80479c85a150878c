; wide-interface, Python. "Public" is a name without a leading underscore, defined at the
; top of the module or directly in the body of a public top-level class. Tests are not an
; interface: functions and methods named `test…` and classes named `Test…`/`…Test(s)`/
; `…TestCase` are left out, and so is everything in a module that defines tests.
;
; Patterns about top-level definitions start at them, with `#parent-kind? … "module"`, so
; the engine looks only at the module's direct children for them, and the scoped predicates
; that search the module come last. `#named-children-above?` skips the parameter count for
; the many signatures too short to cross the limit (each parameter is a named child; nothing
; in a Python parameter list holds another `parameters` node).

; --- Parameters -------------------------------------------------------------------------

; A module-level function, decorated or not. `@overload` stubs are left out: the
; implementation below them is checked.
([(function_definition
    name: (identifier) @name
    parameters: (parameters) @params @_end)
  (decorated_definition
    definition: (function_definition
      name: (identifier) @name
      parameters: (parameters) @params @_end))] @match
 (#parent-kind? @match "module")
 (#not-match? @name "^(_|test(_|[A-Z0-9]|$))")
 (#not-match? @match "^@(typing\\.)?overload\\b")
 (#named-children-above? @params "max-params")
 (#count-above? @params "param" "max-params")
 (#not-has? @match "test-code" "module"))

; A method of a public top-level class, `__init__`, `__new__` and `__call__` included: they
; are the class's signature.
([(class_definition
    name: (identifier) @_class
    body: (block
      [(function_definition
         name: (identifier) @name
         parameters: (parameters) @params @_end) @match
       (decorated_definition
         definition: (function_definition
           name: (identifier) @name
           parameters: (parameters) @params @_end)) @match]))
  (decorated_definition
    definition: (class_definition
      name: (identifier) @_class
      body: (block
        [(function_definition
           name: (identifier) @name
           parameters: (parameters) @params @_end) @match
         (decorated_definition
           definition: (function_definition
             name: (identifier) @name
             parameters: (parameters) @params @_end)) @match])))] @_top
 (#parent-kind? @_top "module")
 (#not-match? @_class "^_|^Test|Tests?$|TestCase$")
 (#match? @name "^([^_]|__(init|new|call)__$)")
 (#not-match? @name "^test(_|[A-Z0-9]|$)")
 (#not-match? @match "^@(typing\\.)?overload\\b")
 (#named-children-above? @params "max-params")
 (#count-above? @params "param" "max-params")
 (#not-has? @_top "test-code" "module"))

; A parameter: each name counts once, `*args` and `**kwargs` included; the bare `*` and `/`
; markers do not. A parameter named `self` or `cls` is the receiver, not an argument.
((parameters
   [(identifier) (typed_parameter) (default_parameter) (typed_default_parameter)
    (list_splat_pattern) (dictionary_splat_pattern) (tuple_pattern)] @match)
 (#not-match? @match "^(self|cls)\\b")
 (#set! helper "param"))

; --- Type surface ---------------------------------------------------------------------

; A public top-level class with too many public methods: `def`s in its body whose names do
; not start with `_` (dunders are protocol, not interface). Properties, their setters and
; `@overload` stubs are not methods. Each method is a statement of the body, so a body of
; fewer statements than the limit is not searched.
([(class_definition name: (identifier) @name @_end body: (block) @_body) @match
  (decorated_definition definition: (class_definition name: (identifier) @name @_end body: (block) @_body) @match)] @_top
 (#parent-kind? @_top "module")
 (#not-match? @name "^_|^Test|Tests?$|TestCase$")
 (#named-children-above? @_body "max-methods")
 (#count-above? @match "method" "max-methods")
 (#not-has? @_top "test-code" "module")
 (#set! message "methods"))

; `@name` joins a method to its class, not to a class nested in it.
((class_definition
   name: (identifier) @name
   body: (block
     [(function_definition name: (identifier) @_name) @match
      (decorated_definition definition: (function_definition name: (identifier) @_name)) @match]))
 (#not-match? @_name "^(_|test(_|[A-Z0-9]|$))")
 (#not-match? @match "^@((typing\\.)?overload|(functools\\.)?(cached_)?property|[A-Za-z_][A-Za-z0-9_]*\\.(setter|getter|deleter))\\s")
 (#set! helper "method"))

; A public top-level class with too many public fields: annotated class attributes, which
; are the fields of dataclasses, attrs and pydantic models, NamedTuples and TypedDicts. The
; field that crosses the limit is reported (each is a statement of the body).
([(class_definition name: (identifier) @name body: (block) @_body) @match
  (decorated_definition definition: (class_definition name: (identifier) @name body: (block) @_body) @match)] @_top
 (#parent-kind? @_top "module")
 (#not-match? @name "^_|^Test|Tests?$|TestCase$")
 (#named-children-above? @_body "max-fields")
 (#count-above? @match "field" "max-fields" "at-crossing")
 (#not-has? @_top "test-code" "module")
 (#set! message "fields"))

((class_definition
   name: (identifier) @name
   body: (block (expression_statement (assignment left: (identifier) @match type: (type)))))
 (#not-match? @match "^_")
 (#set! helper "field"))

; --- Module surface -------------------------------------------------------------------

; With `__all__`, its entries are the surface; the entry that crosses the limit is
; reported. Entries added with `+` from another module's `__all__` cannot be seen here.
((module
   (expression_statement
     [(assignment left: (identifier) @_all) (augmented_assignment left: (identifier) @_all)])) @match
 (#eq? @_all "__all__")
 (#count-above? @match "all-entry" "max-module-items" "at-crossing")
 (#set! message "module"))

((module
   (expression_statement
     [(assignment left: (identifier) @_all
        right: [(list (string) @match)
                (tuple (string) @match)
                (binary_operator [(list (string) @match) (tuple (string) @match)])])
      (augmented_assignment left: (identifier) @_all
        right: [(list (string) @match)
                (tuple (string) @match)
                (binary_operator [(list (string) @match) (tuple (string) @match)])])]))
 (#eq? @_all "__all__")
 (#set! helper "all-entry"))

; Without `__all__`, the public top-level functions and classes are the surface; module
; variables and imports are not counted (each name is a statement of the module).
((module) @match
 (#named-children-above? @match "max-module-items")
 (#count-above? @match "top-level-name" "max-module-items" "at-crossing")
 (#not-has? @match "all")
 (#not-has? @match "test-code")
 (#set! message "module"))

((module
   (expression_statement
     [(assignment left: (identifier) @_all) (augmented_assignment left: (identifier) @_all)]))
 (#eq? @_all "__all__")
 (#set! helper "all"))

([(function_definition name: (identifier) @match @_function)
  (decorated_definition definition: (function_definition name: (identifier) @match @_function)) @_decorated
  (class_definition name: (identifier) @match @_class)
  (decorated_definition definition: (class_definition name: (identifier) @match @_class))] @_top
 (#parent-kind? @_top "module")
 (#not-match? @_function "^(_|test(_|[A-Z0-9]|$))")
 (#not-match? @_decorated "^@(typing\\.)?overload\\b")
 (#not-match? @_class "^_|^Test|Tests?$|TestCase$")
 (#set! helper "top-level-name"))

; --- Test modules ---------------------------------------------------------------------

; A module that defines test functions or test methods is a test module: its other names
; are fixtures and helpers for those tests, not an interface.
([(function_definition name: (identifier) @_test)
  (decorated_definition definition: (function_definition name: (identifier) @_test))
  (class_definition body: (block (function_definition name: (identifier) @_test)))
  (decorated_definition definition: (class_definition body: (block (function_definition name: (identifier) @_test))))] @_top
 (#parent-kind? @_top "module")
 (#match? @_test "^test_")
 (#set! helper "test-code"))
