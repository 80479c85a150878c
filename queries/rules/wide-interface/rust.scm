; wide-interface, Rust. "Public" is the plain `pub` visibility: `pub(crate)`, `pub(super)`
; and `pub(in …)` are not part of the crate's interface, and neither is an item marked
; `#[doc(hidden)]` (kept public for macros, not for callers).
;
; Helpers are rooted at rare node kinds (`source_file`, `impl_item`, `parameters`, field
; lists), and the scoped predicates that walk a whole file come last.

; --- Parameters -------------------------------------------------------------------------

; A `pub fn` at the top of the file, or in the body of a `pub mod`.
((source_file
   (function_item
     (visibility_modifier) @_vis
     name: (identifier) @name
     parameters: (parameters) @params @_end) @match)
 (#eq? @_vis "pub")
 (#not-preceded-by? @match "#[doc(hidden)]")
 (#count-above? @params "param" "max-params"))

((mod_item
   (visibility_modifier) @_mod_vis
   body: (declaration_list
     (function_item
       (visibility_modifier) @_vis
       name: (identifier) @name
       parameters: (parameters) @params @_end) @match))
 (#eq? @_mod_vis "pub")
 (#eq? @_vis "pub")
 (#not-preceded-by? @match "#[doc(hidden)]")
 (#count-above? @params "param" "max-params"))

; A `pub fn` of an inherent `impl` (trait methods have no visibility of their own), unless
; the type is declared private earlier in the file (or inline module): `pub` on a method of
; a private type exports nothing.
((impl_item
   !trait
   type: [(type_identifier) @type
          (generic_type type: (type_identifier) @type)
          (scoped_type_identifier name: (type_identifier) @type)
          (generic_type type: (scoped_type_identifier name: (type_identifier) @type))]
   body: (declaration_list
     (function_item
       (visibility_modifier) @_vis
       name: (identifier) @name
       parameters: (parameters) @params @_end) @match))
 (#eq? @_vis "pub")
 (#not-preceded-by? @match "#[doc(hidden)]")
 (#count-above? @params "param" "max-params")
 (#not-has-before? @type "private-type" "mod_item"))

; Every parameter but `self` (which is a `self_parameter`). `@params` joins the parameter to
; its own list, not to the list of a `fn(a: A, b: B)` type inside it.
((parameters (parameter) @match) @params
 (#set! helper "param"))

; A type declared without `pub` (`struct S`), or with a restricted visibility
; (`pub(crate) enum E`).
([(struct_item . name: (type_identifier) @type)
  (enum_item . name: (type_identifier) @type)
  (union_item . name: (type_identifier) @type)]
 (#set! helper "private-type"))
([(struct_item (visibility_modifier) @_vis name: (type_identifier) @type)
  (enum_item (visibility_modifier) @_vis name: (type_identifier) @type)
  (union_item (visibility_modifier) @_vis name: (type_identifier) @type)]
 (#not-eq? @_vis "pub")
 (#set! helper "private-type"))

; --- Type surface ---------------------------------------------------------------------

; A `pub struct` with too many `pub` fields: the field that crosses the limit is reported.
((struct_item
   (visibility_modifier) @_vis
   name: (type_identifier) @name
   body: [(field_declaration_list) (ordered_field_declaration_list)] @fields) @match
 (#eq? @_vis "pub")
 (#not-preceded-by? @match "#[doc(hidden)]")
 (#count-above? @fields "field" "max-fields" "at-crossing")
 (#set! message "fields"))

((field_declaration_list
   (field_declaration (visibility_modifier) @_vis name: (field_identifier) @match) @_field)
 (#eq? @_vis "pub")
 (#not-preceded-by? @_field "#[doc(hidden)]")
 (#set! helper "field"))
; A tuple struct's fields are flat: `pub A, pub B`.
((ordered_field_declaration_list (visibility_modifier) @match)
 (#eq? @match "pub")
 (#set! helper "field"))

; An inherent `impl` block with too many `pub fn`s, reported at its type. Each block is
; counted on its own: the methods of one type may be spread over several blocks and files.
((impl_item
   !trait
   type: [(type_identifier) @type
          (generic_type type: (type_identifier) @type)
          (scoped_type_identifier name: (type_identifier) @type)
          (generic_type type: (scoped_type_identifier name: (type_identifier) @type))] @name @_end
   body: (declaration_list)) @match
 (#count-above? @match "method" "max-methods")
 (#not-has-before? @type "private-type" "mod_item")
 (#set! message "methods"))

; `@name` joins a method to its `impl` block, not to an `impl` nested in a function of it.
((impl_item
   !trait
   type: (_) @name
   body: (declaration_list
     (function_item (visibility_modifier) @_vis) @match))
 (#eq? @_vis "pub")
 (#not-preceded-by? @match "#[doc(hidden)]")
 (#set! helper "method"))

; --- Module surface -------------------------------------------------------------------

; The file is the module; the item that crosses the limit is reported. (Inline `mod m { … }`
; bodies are not counted: walking each of them again costs more than they are worth.)
((source_file) @match
 (#count-above? @match "file-item" "max-module-items" "at-crossing")
 (#set! message "module"))

; A `pub` item counts once, by its name: a function, type, trait, constant, static or
; module. `pub use a::b;`, `pub use a::b as c;` and `pub use a::*;` count one each;
; `pub use a::{b, c as d, e::{f, g}};` counts each entry of the outer list.
((source_file
   [(function_item (visibility_modifier) @_vis name: (_) @match)
    (struct_item (visibility_modifier) @_vis name: (_) @match)
    (enum_item (visibility_modifier) @_vis name: (_) @match)
    (union_item (visibility_modifier) @_vis name: (_) @match)
    (trait_item (visibility_modifier) @_vis name: (_) @match)
    (type_item (visibility_modifier) @_vis name: (_) @match)
    (const_item (visibility_modifier) @_vis name: (_) @match)
    (static_item (visibility_modifier) @_vis name: (_) @match)
    (mod_item (visibility_modifier) @_vis name: (_) @match)
    (use_declaration (visibility_modifier) @_vis
      argument: [(identifier) (scoped_identifier) (use_as_clause) (use_wildcard)] @match)
    (use_declaration (visibility_modifier) @_vis argument: (scoped_use_list list: (use_list (_) @match)))
    (use_declaration (visibility_modifier) @_vis argument: (use_list (_) @match))] @_item)
 (#eq? @_vis "pub")
 (#not-preceded-by? @_item "#[doc(hidden)]")
 (#set! helper "file-item"))
