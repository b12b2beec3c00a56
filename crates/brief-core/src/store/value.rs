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
    pub fn into_scalar_text(self) -> Option<String> {
        match self {
            FrontValue::String(s) | FrontValue::Number(s) => Some(s),
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
            FrontValue::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Parsed front matter: keys in file order.
pub type FrontMap = Vec<(String, FrontValue)>;

impl<'de> serde::Deserialize<'de> for FrontValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FrontValueVisitor)
    }
}

struct FrontValueVisitor;

impl<'de> serde::de::Visitor<'de> for FrontValueVisitor {
    type Value = FrontValue;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a front-matter value")
    }
    fn visit_unit<E>(self) -> Result<FrontValue, E> {
        Ok(FrontValue::Null)
    }
    fn visit_none<E>(self) -> Result<FrontValue, E> {
        Ok(FrontValue::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<FrontValue, D::Error> {
        <FrontValue as serde::Deserialize>::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<FrontValue, E> {
        Ok(FrontValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<FrontValue, E> {
        Ok(FrontValue::Number(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<FrontValue, E> {
        Ok(FrontValue::Number(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<FrontValue, E> {
        Ok(FrontValue::Number(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<FrontValue, E> {
        Ok(FrontValue::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<FrontValue, E> {
        Ok(FrontValue::String(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<FrontValue, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(FrontValue::List(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FrontValue, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some((key, value)) = map.next_entry::<FrontValue, FrontValue>()? {
            let key = match key {
                FrontValue::String(s) | FrontValue::Number(s) => s,
                FrontValue::Bool(b) => b.to_string(),
                _ => String::new(),
            };
            entries.push((key, value));
        }
        Ok(FrontValue::Map(entries))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<FrontValue, A::Error> {
        // A YAML `!tag value`: the tag says nothing brief needs; keep the value.
        use serde::de::VariantAccess;
        let (_, variant): (FrontValue, _) = data.variant()?;
        variant.newtype_variant()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_numbers_as_numbers() {
        assert_eq!(
            FrontValue::Number("3".into()).to_json(),
            serde_json::json!(3)
        );
        assert_eq!(
            FrontValue::List(vec![FrontValue::Bool(true)]).to_json(),
            serde_json::json!([true])
        );
    }
}
