;; Database writes in Python, shared by `read-after-write` and `multi-transaction`.
;;
;; Helper "write": every pattern captures the call as `@match` (where a finding's related
;; location points) and the written entity as `@entity`: the model (`User`), the instance
;; (`user`), the table (`users`). `read-after-write` joins reads on `@entity`;
;; `multi-transaction` counts the matches. The method names are pack settings
;; (`queries/pack.toml`), so `lever.toml` changes them for both rules at once.

; Django: `User.objects.create(…)`, `User.objects.filter(…).update(…)`, `….delete()`, up to
; two calls between the manager and the write.
((call
   function: (attribute
     object: [(attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)
              (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)))
              (call function: (attribute object: (call function: (attribute object: (attribute object: [(identifier) (attribute)] @entity attribute: (identifier) @_manager)))))]
     attribute: (identifier) @_method)) @match
 (#any-of-setting? @_manager "django-managers")
 (#any-of-setting? @_method "django-write-methods")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; Django (and DRF serializers, model forms): `obj.save()`, `obj.delete()`, `super().save(*args,
; **kwargs)`. Only keyword or unpacked arguments, so that `image.save(path)` and
; `requests.delete(url)` are not writes; `form.save(commit=False)` is not one either, nor is a
; file field's `obj.file.delete(save=False)` (it deletes the stored file only), nor Pillow's
; `image.save(fp=buffer, format="PNG")`, nor a cloud storage `blob.delete()` or a ReportLab
; `canvas.save()`.
((call
   function: (attribute object: [(identifier) (attribute) (call)] @entity attribute: (identifier) @_method)
   arguments: (argument_list) @_args) @match
 (#any-of-setting? @_method "python-instance-write-methods")
 (#not-match? @entity "(?i)(^|[._])(blob|bucket|canvas)$")
 (#match? @_args "^\\(\\s*(\\)|\\*|[A-Za-z_]\\w*\\s*=[^=])")
 (#not-match? @_args "(commit|save)\\s*=\\s*False")
 (#not-match? @_args "\\b(fp|format)\\s*=")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; … and the model of such an instance, built in the same block: `user = User(…)` … `user.save()`
; writes `User`.
((block
   (expression_statement (assignment left: (identifier) @_obj right: (call function: (identifier) @entity)))
   (expression_statement [(call function: (attribute object: (identifier) @_saved attribute: (identifier) @_method) arguments: (argument_list) @_args)
                          (await (call function: (attribute object: (identifier) @_saved attribute: (identifier) @_method) arguments: (argument_list) @_args))] @match))
 (#eq? @_obj @_saved)
 (#match? @entity "^[A-Z]")
 (#any-of-setting? @_method "python-instance-write-methods")
 (#match? @_args "^\\(\\s*(\\)|\\*|[A-Za-z_]\\w*\\s*=[^=])")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; SQLAlchemy ORM: `session.add(User(…))`, `db.session.merge(user)`, `session.delete(user)`,
; `session.add_all([User(…), …])`, on a handle named in `python-session-names`.
((call
   function: (attribute object: [(identifier) @_session (attribute attribute: (identifier) @_session)] attribute: (identifier) @_method)
   arguments: (argument_list . [(identifier) @entity
                                (call function: (identifier) @entity)
                                (list (call function: (identifier) @entity))])) @match
 (#any-of-setting? @_session "python-session-names")
 (#any-of-setting? @_method "sqlalchemy-write-methods")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; … and the model of an instance added in the same block: `user = User(…)` … `session.add(user)`.
((block
   (expression_statement (assignment left: (identifier) @_obj right: (call function: (identifier) @entity)))
   (expression_statement [(call function: (attribute object: [(identifier) @_session (attribute attribute: (identifier) @_session)] attribute: (identifier) @_method)
                                arguments: (argument_list . (identifier) @_added))
                          (await (call function: (attribute object: [(identifier) @_session (attribute attribute: (identifier) @_session)] attribute: (identifier) @_method)
                                       arguments: (argument_list . (identifier) @_added)))] @match))
 (#eq? @_obj @_added)
 (#match? @entity "^[A-Z]")
 (#any-of-setting? @_session "python-session-names")
 (#any-of-setting? @_method "sqlalchemy-write-methods")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; SQLAlchemy Core and 2.0 statements, executed: `session.execute(insert(User).values(…))`,
; `conn.execute(users.update().where(…).values(…))`.
((call
   function: (attribute attribute: (identifier) @_execute)
   arguments: (argument_list
     . [(call function: (identifier) @_dml arguments: (argument_list . [(identifier) (attribute)] @entity))
        (call function: (attribute object: (call function: (identifier) @_dml arguments: (argument_list . [(identifier) (attribute)] @entity))))
        (call function: (attribute object: (call function: (attribute object: (call function: (identifier) @_dml arguments: (argument_list . [(identifier) (attribute)] @entity))))))
        (call function: (attribute object: (identifier) @entity attribute: (identifier) @_dml))
        (call function: (attribute object: (call function: (attribute object: (identifier) @entity attribute: (identifier) @_dml))))
        (call function: (attribute object: (call function: (attribute object: (call function: (attribute object: (identifier) @entity attribute: (identifier) @_dml))))))])) @match
 (#any-of? @_execute "execute" "exec")
 (#any-of-setting? @_dml "sqlalchemy-dml")
 (#not-any-of-setting? @entity "db-ignored-entities")
 (#set! helper "write"))

; Raw SQL run by a DB-API cursor or connection: `cursor.execute("INSERT INTO users …")`. The
; table is the entity.
((call
   function: (attribute attribute: (identifier) @_execute)
   arguments: (argument_list . [(string) (concatenated_string)] @entity)) @match
 (#any-of-setting? @_execute "python-sql-execute")
 (#extract? @entity "^[rRuUbBfF]*(?:\"\"\"|'''|\"|')\\s*(?i:insert\\s+(?:or\\s+\\w+\\s+)?into|update(?:\\s+only)?|delete\\s+from|replace\\s+into|merge\\s+into|upsert\\s+into)\\s+[`\"\\[]?(?:\\w+[`\"\\]]?\\.[`\"\\[]?)?(\\w+)")
 (#set! helper "write"))
