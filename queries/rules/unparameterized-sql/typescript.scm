;; TypeScript only: parameters typed `number`, `boolean` or `bigint` are safe to format into SQL.
([(required_parameter pattern: (identifier) @part type: (type_annotation (predefined_type) @_type))
  (optional_parameter pattern: (identifier) @part type: (type_annotation (predefined_type) @_type))]
 (#any-of? @_type "number" "boolean" "bigint")
 (#set! helper "safe-value"))
