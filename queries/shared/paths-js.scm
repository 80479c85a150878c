;; Control flow in JavaScript and TypeScript (TSX too), for the `"alternatives" "branch"` and
;; `"exits" "exit"` options of `#has-before?` and `#count-above?` (queries/README.md, "Paths").
;; Shared by `read-after-write` and `multi-transaction`.

; Alternatives: of two branches whose nodes are children of the same node, at most one runs:
; an `if`'s consequence and its `else`, the two sides of `?:`, the cases of a `switch` (a case
; that falls through into the next is taken for one that does not), and a `try` body and its
; `catch` (a `catch` runs when the body failed).
((if_statement consequence: (_) @match) (#set! helper "branch"))
((if_statement alternative: (else_clause) @match) (#set! helper "branch"))
((ternary_expression consequence: (_) @match) (#set! helper "branch"))
((ternary_expression alternative: (_) @match) (#set! helper "branch"))
((switch_body [(switch_case) (switch_default)] @match) (#set! helper "branch"))
((try_statement body: (statement_block) @match) (#set! helper "branch"))
((try_statement handler: (catch_clause) @match) (#set! helper "branch"))

; Exits: a block whose last statement returns or throws, or such a statement as the body of
; an `if`/`else`. Nothing after it in the same function runs after what is inside it.
((statement_block [(return_statement) (throw_statement)] .) @match (#set! helper "exit"))
((if_statement consequence: [(return_statement) (throw_statement)] @match) (#set! helper "exit"))
((else_clause [(return_statement) (throw_statement)] @match) (#set! helper "exit"))
