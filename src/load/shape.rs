//! Why a file's values do not fit the model, told from structure, never from the
//! deserializer's wording.
//!
//! In: the file's TOML tree as parsed (every key and value with its span), the JSON
//! Schema of the model (the one `schemas/` publishes, from the same serde types) and the
//! span where deserializing stopped. Out: what is wrong there, as data: a key the table
//! does not have, a value outside a fixed list, a missing key, or a value of the wrong
//! kind, with what the schema expects. `None` when the tree fits the schema at that
//! place: then one of the model's own checks (an id, a date, points) said no, in a
//! message of ours.

use std::ops::Range;

use serde_json::Value as Json;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What does not fit, and what would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit {
    /// A key the table does not have; `known`: the keys it may have, in A-Z order.
    UnknownKey { found: String, known: Vec<String> },
    /// A value that is not one of the fixed ones (a weekday, a question type).
    UnknownValue { found: String, known: Vec<String> },
    /// A table without a key it must have.
    Missing { key: String },
    /// A value of another kind than the model's.
    WrongKind { expected: Kind, found: Found },
    /// A whole number too large for the model (beyond ±9,223,372,036,854,775,807).
    TooLarge { found: String },
}

/// The kinds of value the model asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Number,
    Text,
    /// A date, written bare (`2021-04-08`) or quoted: text of the format `date`.
    Date,
    Boolean,
    List,
    Table,
}

/// A value as the file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Text(String),
    Number(String),
    Date(String),
    Boolean(bool),
    List,
    Table,
}

/// What is wrong with `root` at `at`, according to `schema`.
///
/// The parser gives a table of its own (`[campaign]`, `[[material]]`) the span of its
/// header, and the document the empty span at 0; keys and values have their own. So
/// the place is looked for everywhere, deepest first, rather than by nesting.
pub fn misfit(schema: &Json, root: &Spanned<DeTable>, at: &Range<usize>) -> Option<Misfit> {
    let walk = Walk { schema, at };
    let branches = walk.branches(schema);
    if *at == root.span() {
        return walk.here_table(root.get_ref(), &branches);
    }
    walk.table(root.get_ref(), &branches).flatten()
}

/// One look into the tree: the schema's root (for `$ref`s) and the place asked about.
struct Walk<'s> {
    schema: &'s Json,
    at: &'s Range<usize>,
}

impl<'s> Walk<'s> {
    fn contains(&self, span: &Range<usize>) -> bool {
        span.start <= self.at.start && self.at.end <= span.end
    }

    /// `$ref` followed to its definition.
    fn resolve(&self, s: &'s Json) -> &'s Json {
        let mut s = s;
        for _ in 0..16 {
            let Some(name) = s
                .get("$ref")
                .and_then(Json::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            else {
                break;
            };
            match self.schema.get("$defs").and_then(|d| d.get(name)) {
                Some(def) => s = def,
                None => break,
            }
        }
        s
    }

    /// The schemas a value may fit: `anyOf` spread out, `null` (an absent option) left out.
    fn branches(&self, s: &'s Json) -> Vec<&'s Json> {
        let s = self.resolve(s);
        match s.get("anyOf").and_then(Json::as_array) {
            Some(any) => any
                .iter()
                .flat_map(|b| self.branches(b))
                .filter(|b| b.get("type").and_then(Json::as_str) != Some("null"))
                .collect(),
            None => vec![s],
        }
    }

    /// `Some` with the answer when the place is in this table or below it.
    fn table(&self, t: &DeTable, schemas: &[&'s Json]) -> Option<Option<Misfit>> {
        for (key, value) in t {
            let child: Vec<&Json> = schemas
                .iter()
                .filter_map(|s| {
                    s.get("properties")
                        .and_then(|p| p.get(key.get_ref().as_ref()))
                        .or_else(|| s.get("additionalProperties").filter(|a| a.is_object()))
                })
                .flat_map(|s| self.branches(s))
                .collect();
            // The place is a key: one the table does not have, or one whose value is
            // of the wrong kind (a `[[plan.reading]]` under a `[plan]` table).
            if self.contains(&key.span()) {
                return Some(
                    self.key(key.get_ref(), schemas)
                        .or_else(|| self.here(value.get_ref(), &child)),
                );
            }
            if let Some(found) = self.value(value, &child) {
                return Some(found);
            }
        }
        None
    }

    /// `Some` with the answer when the place is this value or below it.
    fn value(&self, value: &Spanned<DeValue>, schemas: &[&'s Json]) -> Option<Option<Misfit>> {
        let below = match value.get_ref() {
            DeValue::Table(t) => self.table(t, schemas),
            DeValue::Array(items) => {
                let child: Vec<&Json> = schemas
                    .iter()
                    .filter_map(|s| s.get("items"))
                    .flat_map(|s| self.branches(s))
                    .collect();
                // Where the model takes no list (`[[campaign]]`, `[[title]]`), the list
                // itself is what does not fit, wherever in it the place is.
                if child.is_empty() && !schemas.is_empty() {
                    None
                } else {
                    items.iter().find_map(|item| self.value(item, &child))
                }
            }
            _ => None,
        };
        below.or_else(|| {
            self.contains(&value.span())
                .then(|| self.here(value.get_ref(), schemas))
        })
    }

    /// A key the place points at: unknown if no schema of the table has it.
    fn key(&self, key: &str, schemas: &[&'s Json]) -> Option<Misfit> {
        let open = schemas.is_empty()
            || schemas
                .iter()
                .any(|s| s.get("additionalProperties") != Some(&Json::Bool(false)));
        let known: Vec<String> = schemas
            .iter()
            .filter_map(|s| s.get("properties").and_then(Json::as_object))
            .flat_map(|p| p.keys().cloned())
            .collect();
        (!open && !known.iter().any(|k| k == key)).then(|| Misfit::UnknownKey {
            found: key.to_string(),
            known,
        })
    }

    /// The value the place points at, against the schemas it may fit.
    fn here(&self, value: &DeValue, schemas: &[&'s Json]) -> Option<Misfit> {
        if let DeValue::Table(t) = value {
            return self.here_table(t, schemas);
        }
        let typed: Vec<&Json> = schemas
            .iter()
            .copied()
            .filter(|s| s.get("type").is_some())
            .collect();
        if typed.len() < schemas.len() {
            // A schema without a type takes anything (a question's `answer`).
            return None;
        }
        let Some(fits) = typed
            .iter()
            .find(|s| kinds(s).iter().any(|k| k.takes(value)))
        else {
            let expected = typed.first().and_then(|s| kinds(s).first().copied())?;
            return Some(Misfit::WrongKind {
                expected,
                found: found(value),
            });
        };
        if let DeValue::Integer(i) = value
            && i64::from_str_radix(i.as_str(), i.radix()).is_err()
        {
            return Some(Misfit::TooLarge {
                found: i.as_str().to_string(),
            });
        }
        let known = fits.get("enum").and_then(Json::as_array)?;
        let text = value.as_str()?;
        (!known.iter().any(|k| k.as_str() == Some(text))).then(|| Misfit::UnknownValue {
            found: text.to_string(),
            known: known
                .iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect(),
        })
    }

    /// A table: of the wrong kind, or without a key it must have.
    fn here_table(&self, t: &DeTable, schemas: &[&'s Json]) -> Option<Misfit> {
        if schemas.is_empty() {
            return None;
        }
        let Some(object) = schemas.iter().find(|s| kinds(s).contains(&Kind::Table)) else {
            return Some(Misfit::WrongKind {
                expected: kinds(schemas[0]).first().copied()?,
                found: Found::Table,
            });
        };
        let required = object.get("required").and_then(Json::as_array)?;
        required
            .iter()
            .filter_map(Json::as_str)
            .find(|r| !t.keys().any(|k| k.get_ref() == r))
            .map(|r| Misfit::Missing { key: r.to_string() })
    }
}

/// The kinds a schema takes, in its order.
fn kinds(s: &Json) -> Vec<Kind> {
    let one = |t: &str| match t {
        "integer" => Some(Kind::Integer),
        "number" => Some(Kind::Number),
        "string" => Some(Kind::Text),
        "boolean" => Some(Kind::Boolean),
        "array" => Some(Kind::List),
        "object" => Some(Kind::Table),
        _ => None,
    };
    let date = s.get("format").and_then(Json::as_str) == Some("date");
    match s.get("type") {
        Some(Json::String(t)) if date && t == "string" => vec![Kind::Date],
        Some(Json::String(t)) => one(t).into_iter().collect(),
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).filter_map(one).collect(),
        _ => Vec::new(),
    }
}

impl Kind {
    /// Whether a value of the file is of this kind. A date and text take each other:
    /// the model's dates are written bare or quoted, and whether a text is a date is
    /// the model's own check.
    fn takes(self, v: &DeValue) -> bool {
        match self {
            Kind::Integer => v.is_integer(),
            Kind::Number => v.is_integer() || v.is_float(),
            Kind::Text | Kind::Date => v.is_str() || v.is_datetime(),
            Kind::Boolean => v.is_bool(),
            Kind::List => v.is_array(),
            Kind::Table => v.is_table(),
        }
    }
}

impl Found {
    /// A value the model kept as TOML (a question's `answer`), as the file has it.
    pub fn of(v: &toml::Value) -> Found {
        match v {
            toml::Value::String(s) => Found::Text(s.clone()),
            toml::Value::Integer(i) => Found::Number(i.to_string()),
            toml::Value::Float(x) => Found::Number(x.to_string()),
            toml::Value::Boolean(b) => Found::Boolean(*b),
            toml::Value::Datetime(d) => Found::Date(d.to_string()),
            toml::Value::Array(_) => Found::List,
            toml::Value::Table(_) => Found::Table,
        }
    }
}

fn found(v: &DeValue) -> Found {
    match v {
        DeValue::String(s) => Found::Text(s.to_string()),
        DeValue::Integer(i) => Found::Number(i.as_str().to_string()),
        DeValue::Float(f) => Found::Number(f.as_str().to_string()),
        DeValue::Boolean(b) => Found::Boolean(*b),
        DeValue::Datetime(d) => Found::Date(d.to_string()),
        DeValue::Array(_) => Found::List,
        DeValue::Table(_) => Found::Table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The misfit at the first occurrence of `mark` in `text` (the whole text if empty).
    fn at(schema: &Json, text: &str, mark: &str) -> Option<Misfit> {
        let tree = DeTable::parse(text).unwrap();
        let span = match mark {
            "" => 0..0,
            _ => text.find(mark).map(|s| s..s + mark.len()).unwrap(),
        };
        misfit(schema, &tree, &span)
    }

    fn catalogue() -> Json {
        serde_json::to_value(schemars::schema_for!(crate::model::Catalogue)).unwrap()
    }

    const CAMPAIGN: &str = "[campaign]\ntitle = \"t\"\nstart = 2021-04-08\nend = 2021-12-31\n";

    #[test]
    fn an_unknown_key_with_the_keys_the_table_has() {
        let text = format!("{CAMPAIGN}titel = \"x\"\n");
        let Some(Misfit::UnknownKey { found, known }) = at(&catalogue(), &text, "titel") else {
            panic!("no unknown key");
        };
        assert_eq!(found, "titel");
        assert_eq!(&known[..3], ["description", "end", "footer"]);
        assert!(known.iter().any(|k| k == "title"));
    }

    #[test]
    fn a_value_outside_the_list() {
        let text = format!(
            "{CAMPAIGN}[[plan]]\nid = \"p\"\ntitle = \"p\"\n[[plan.recurring]]\ntitle = \"r\"\nweekday = \"fri\"\n"
        );
        let Some(Misfit::UnknownValue { found, known }) = at(&catalogue(), &text, "\"fri\"") else {
            panic!("no unknown value");
        };
        assert_eq!(found, "fri");
        assert_eq!(known.len(), 7);
    }

    #[test]
    fn a_value_of_the_wrong_kind() {
        let text = format!(
            "{CAMPAIGN}[[category]]\nid = \"c\"\nname = \"c\"\n[[material]]\nid = \"m\"\ntitle = \"m\"\ncategory = \"c\"\n[[material.chapter]]\nid = \"a\"\ntitle = \"a\"\npages = \"四十\"\n"
        );
        assert_eq!(
            at(&catalogue(), &text, "\"四十\""),
            Some(Misfit::WrongKind {
                expected: Kind::Integer,
                found: Found::Text("四十".into())
            })
        );
        // A date where text is asked for is no misfit: dates are read from either.
        assert_eq!(at(&catalogue(), CAMPAIGN, "2021-04-08"), None);
    }

    #[test]
    fn a_table_where_a_list_of_tables_belongs() {
        // `[plan]` makes one table; the model has a list of plans (`[[plan]]`).
        let text = format!("{CAMPAIGN}[plan]\nid = \"p\"\ntitle = \"p\"\n[[plan.reading]]\n");
        let tree = DeTable::parse(&text).unwrap();
        let e = toml::from_str::<crate::model::Catalogue>(&text).unwrap_err();
        assert_eq!(
            misfit(&catalogue(), &tree, &e.span().unwrap()),
            Some(Misfit::WrongKind {
                expected: Kind::List,
                found: Found::Table
            })
        );
    }

    #[test]
    fn a_number_too_large() {
        let text = format!(
            "{CAMPAIGN}[[category]]\nid = \"c\"\nname = \"c\"\n[[material]]\nid = \"m\"\ntitle = \"m\"\ncategory = \"c\"\nyear = 99999999999999999999\n"
        );
        let tree = DeTable::parse(&text).unwrap();
        let e = toml::from_str::<crate::model::Catalogue>(&text).unwrap_err();
        assert_eq!(
            misfit(&catalogue(), &tree, &e.span().unwrap()),
            Some(Misfit::TooLarge {
                found: "99999999999999999999".into()
            })
        );
    }

    #[test]
    fn a_missing_key() {
        let text = format!("{CAMPAIGN}[[category]]\nid = \"c\"\n");
        assert_eq!(
            at(&catalogue(), &text, "[[category]]"),
            Some(Misfit::Missing { key: "name".into() })
        );
        assert_eq!(
            at(&catalogue(), "[[category]]\nid = \"c\"\nname = \"c\"\n", ""),
            Some(Misfit::Missing {
                key: "campaign".into()
            })
        );
    }

    #[test]
    fn a_fitting_value_is_left_to_the_models_own_checks() {
        // `Bad_Id` is text, as the schema asks: the id's own check says what is wrong.
        let text = format!("{CAMPAIGN}[[category]]\nid = \"Bad_Id\"\nname = \"c\"\n");
        assert_eq!(at(&catalogue(), &text, "\"Bad_Id\""), None);
    }

    #[test]
    fn a_map_of_texts_takes_any_key() {
        let schema =
            serde_json::json!({"type": "object", "additionalProperties": {"type": "string"}});
        assert_eq!(at(&schema, "a = \"x\"\nb = 3\n", "a"), None);
        assert_eq!(
            at(&schema, "a = \"x\"\nb = 3\n", "3"),
            Some(Misfit::WrongKind {
                expected: Kind::Text,
                found: Found::Number("3".into())
            })
        );
    }
}
