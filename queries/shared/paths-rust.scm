;; Control flow in Rust, for the `"alternatives" "branch"` and `"exits" "exit"` options of
;; `#has-before?` and `#count-above?` (queries/README.md, "Paths"). Shared by
;; `read-after-write` and `multi-transaction`.

; Alternatives: of two branches whose nodes are children of the same node, at most one runs:
; an `if`'s consequence and its `else`, the arms of a `match`.
((if_expression consequence: (block) @match) (#set! helper "branch"))
((if_expression alternative: (else_clause) @match) (#set! helper "branch"))
((match_block (match_arm) @match) (#set! helper "branch"))

; Exits: a block whose last statement or value returns. Nothing after it in the same function
; or closure runs after what is inside it.
((block [(expression_statement (return_expression)) (return_expression)] .) @match (#set! helper "exit"))
