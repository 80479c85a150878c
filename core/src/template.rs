//! Message and fix templates: literal text with `{name}` placeholders (`{{` and `}}` escape).

/// A parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Var(String),
}

impl Template {
    pub fn parse(src: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut chars = src.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.peek().map(|p| p.1) == Some('{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek().map(|p| p.1) == Some('}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let rest = &src[i + 1..];
                    let end = rest.find('}').ok_or_else(|| format!("unclosed `{{` in `{src}`"))?;
                    let name = &rest[..end];
                    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)) {
                        return Err(format!("bad placeholder `{{{name}}}` in `{src}`: use {{capture-name}}"));
                    }
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Var(name.to_string()));
                    for _ in 0..end + 1 {
                        chars.next();
                    }
                }
                '}' => {
                    return Err(format!("unmatched `}}` in `{src}`: write `}}}}` for a literal brace"));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Template { parts })
    }

    pub fn literal(s: &str) -> Template {
        Template { parts: vec![Part::Text(s.to_string())] }
    }

    /// The placeholder names, in order.
    pub fn vars(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var(v) => Some(v.as_str()),
            Part::Text(_) => None,
        })
    }

    /// Renders with `lookup`; `None` when a placeholder has no value.
    pub fn render<'a>(&self, mut lookup: impl FnMut(&str) -> Option<&'a str>) -> Option<String> {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Var(v) => out.push_str(lookup(v)?),
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_renders() {
        let t = Template::parse("use `{x}` {{literal}}").unwrap();
        assert_eq!(t.vars().collect::<Vec<_>>(), ["x"]);
        assert_eq!(t.render(|_| Some("v")).unwrap(), "use `v` {literal}");
        assert!(Template::parse("bad {x").is_err());
        assert!(Template::parse("bad }").is_err());
        assert!(t.render(|_| None).is_none());
    }
}
