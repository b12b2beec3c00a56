//! TOML front matter (Hugo's `+++` fences) to [`FrontMap`].

use super::front_matter::FrontMatterError;
use super::value::{FrontMap, FrontValue};

/// Parses TOML front matter. Line numbers in errors are 1-based within `text`.
pub fn parse(text: &str) -> Result<FrontMap, FrontMatterError> {
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| FrontMatterError {
            line: e
                .span()
                .map(|span| brief_text::line_of_offset(text, span.start)),
            kind: super::diagnostic::DiagnosticKind::NotToml(e.message().to_string()),
        })?;
    Ok(table.into_iter().map(|(k, v)| (k, convert(v))).collect())
}

fn convert(value: toml::Value) -> FrontValue {
    match value {
        toml::Value::String(s) => FrontValue::String(s),
        toml::Value::Integer(i) => FrontValue::Number(i.to_string()),
        toml::Value::Float(f) => FrontValue::Number(f.to_string()),
        toml::Value::Boolean(b) => FrontValue::Bool(b),
        toml::Value::Datetime(d) => FrontValue::String(d.to_string()),
        toml::Value::Array(items) => FrontValue::List(items.into_iter().map(convert).collect()),
        toml::Value::Table(t) => {
            FrontValue::Map(t.into_iter().map(|(k, v)| (k, convert(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_front_matter_parses() {
        let map = parse("title = \"標題\"\ndate = 2026-01-20T08:00:00Z\ntags = [\"a\", \"b\"]\n")
            .unwrap();
        assert_eq!(
            map.iter().find(|(k, _)| k == "date").unwrap().1,
            FrontValue::String("2026-01-20T08:00:00Z".into())
        );
    }

    #[test]
    fn errors_carry_a_line() {
        let err = parse("title = \"ok\"\ntags = [\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }
}
