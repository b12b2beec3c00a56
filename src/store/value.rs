//! A front-matter value independent of the format it came from, so that YAML and TOML feed one
//! normaliser and no parser's types leak out of its own module.

/// One value from a post's front matter. Maps keep their keys in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum FrontValue {
    Null,
    Bool(bool),
    /// Numbers keep their written form; nothing in a briefing needs arithmetic.
    Number(String),
    String(String),
    List(Vec<FrontValue>),
    Map(Vec<(String, FrontValue)>),
}

impl FrontValue {
    /// The value as text when it is a scalar: strings as they are, numbers and booleans as
    /// written. Lists, maps and null give `None`.
    pub fn as_scalar_text(&self) -> Option<String> {
        match self {
            FrontValue::String(s) => Some(s.clone()),
            FrontValue::Number(n) => Some(n.clone()),
            FrontValue::Bool(b) => Some(b.to_string()),
            FrontValue::Null | FrontValue::List(_) | FrontValue::Map(_) => None,
        }
    }

    /// A JSON rendering, for `--json` output of keys brief does not interpret.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            FrontValue::Null => Value::Null,
            FrontValue::Bool(b) => Value::Bool(*b),
            FrontValue::Number(n) => n
                .parse::<serde_json::Number>()
                .map(Value::Number)
                .unwrap_or_else(|_| Value::String(n.clone())),
            FrontValue::String(s) => Value::String(s.clone()),
            FrontValue::List(items) => Value::Array(items.iter().map(Self::to_json).collect()),
            FrontValue::Map(entries) => {
                Value::Object(entries.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }
}

/// Parsed front matter: keys in file order.
pub type FrontMap = Vec<(String, FrontValue)>;
