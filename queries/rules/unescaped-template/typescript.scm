;; TypeScript and TSX only: parameters typed `number`, `boolean` or `bigint` are safe in HTML.
([(required_parameter pattern: (identifier) @part type: (type_annotation (predefined_type) @_type))
  (optional_parameter pattern: (identifier) @part type: (type_annotation (predefined_type) @_type))]
 (#any-of? @_type "number" "boolean" "bigint")
 (#set! helper "safe-value"))
