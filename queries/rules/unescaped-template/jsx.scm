; React: dangerouslySetInnerHTML={{ __html: value }}.
((jsx_attribute
   (property_identifier) @sink
   (jsx_expression (object (pair key: (property_identifier) @_key value: [(identifier) (member_expression) (subscript_expression)
                    (template_string (template_substitution)) (binary_expression)
                    (call_expression function: [(identifier) @_fn (member_expression property: (property_identifier) @_fn)])] @value)))) @match
 (#eq? @sink "dangerouslySetInnerHTML")
 (#eq? @_key "__html")
 (#not-any-of-setting? @_fn "safe-calls"))
