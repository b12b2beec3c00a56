//! The one module that touches `serde_yaml`: YAML front matter to [`FrontMap`].
//!
//! Nothing outside this file names a `serde_yaml` type, so the YAML crate can be swapped
//! without touching the normaliser. Callers must run the size and depth guards in
//! `front_matter` first; this module trusts its input to be small.

use super::diagnostic::DiagnosticKind;
use super::front_matter::FrontMatterError;
use super::value::{FrontMap, FrontValue};

/// Parses YAML front matter. Line numbers in errors are 1-based within `text`.
pub fn parse(text: &str) -> Result<FrontMap, FrontMatterError> {
    if text.trim().is_empty() {
        return Ok(FrontMap::new());
    }
    // Deserialised straight into brief's values, without building serde_yaml's tree first.
    let value = serde_yaml::from_str::<FrontValue>(text).map_err(|e| FrontMatterError {
        line: e.location().map(|l| l.line()),
        kind: DiagnosticKind::NotYaml(yaml_message(&e)),
    })?;
    match value {
        FrontValue::Map(entries) => Ok(entries),
        FrontValue::Null => Ok(FrontMap::new()),
        _ => Err(FrontMatterError {
            line: Some(1),
            kind: DiagnosticKind::NotAMap,
        }),
    }
}

/// serde_yaml's own message, untranslated. It appends " at line L column C" to its messages;
/// the line goes in our own field.
fn yaml_message(error: &serde_yaml::Error) -> String {
    let text = error.to_string();
    match text.find(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::FrontValue;

    #[test]
    fn block_and_flow_lists_become_lists() {
        let map = parse("tags:\n  - AI\n  - cloud\ncategories: [ 日本経済新聞 ]\n").unwrap();
        assert_eq!(
            map[0].1,
            FrontValue::List(vec![
                FrontValue::String("AI".into()),
                FrontValue::String("cloud".into())
            ])
        );
        assert_eq!(
            map[1].1,
            FrontValue::List(vec![FrontValue::String("日本経済新聞".into())])
        );
    }

    #[test]
    fn errors_carry_a_line() {
        let err = parse("title: ok\ntags: [a, b\nauthor: x\n").unwrap_err();
        assert!(err.line.is_some_and(|l| l >= 2), "{err:?}");
        let message = err.kind.to_string();
        assert!(
            message.starts_with("front matter is not valid YAML"),
            "{message}"
        );
    }

    #[test]
    fn a_scalar_document_is_refused() {
        let err = parse("just a sentence").unwrap_err();
        assert_eq!(err.kind, DiagnosticKind::NotAMap);
    }
}
