;; Control flow in Python, for the `"alternatives" "branch"` and `"exits" "exit"` options of
;; `#has-before?` and `#count-above?` (queries/README.md, "Paths"). Shared by
;; `read-after-write` and `multi-transaction`.

; Alternatives: of two branches whose nodes are children of the same node, at most one runs:
; an `if`'s consequence and its `elif`/`else` clauses, the cases of a `match`, and a `try`
; body and its `except` clauses (an `except` runs when the body failed: a write there stands
; in for the one that did not happen, a read there cannot see it).
((if_statement consequence: (block) @match) (#set! helper "branch"))
((if_statement alternative: [(elif_clause) (else_clause)] @match) (#set! helper "branch"))
((match_statement body: (block (case_clause) @match)) (#set! helper "branch"))
((try_statement body: (block) @match) (#set! helper "branch"))
((try_statement (except_clause) @match) (#set! helper "branch"))

; Exits: a block whose last statement returns or raises. Nothing after it in the same function
; runs after what is inside it.
((block [(return_statement) (raise_statement)] .) @match (#set! helper "exit"))
