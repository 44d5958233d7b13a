//! JSON Schemas of the input files, for editors (Even Better TOML / taplo).
//!
//! In: the model's types. Out: `schemas/catalogue.schema.json` and
//! `schemas/quiz.schema.json`, generated from the same serde types the loader uses, with
//! every field documented in Chinese and English. A test keeps the files in the
//! repository equal to what the model gives. Files start with a `#:schema` line.

/// The schema of `catalogue.toml`, as pretty JSON.
pub fn catalogue() -> String {
    pretty(schemars::schema_for!(crate::model::Catalogue))
}

/// The schema of the office's task list (`tasks.toml`), as pretty JSON.
pub fn tasks() -> String {
    pretty(schemars::schema_for!(crate::model::tasks::TaskList))
}

/// The schema of a question bank (`quizzes/<id>.toml`), as pretty JSON.
pub fn quiz() -> String {
    pretty(schemars::schema_for!(crate::load::RawBank))
}

fn pretty(schema: schemars::Schema) -> String {
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn repo() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    /// The schemas in `schemas/` are what the model gives. `XUEXI_BLESS=1` rewrites them.
    #[test]
    fn files_match_the_model() {
        for (name, text) in [
            ("catalogue", super::catalogue()),
            ("quiz", super::quiz()),
            ("tasks", super::tasks()),
        ] {
            let path = repo().join(format!("schemas/{name}.schema.json"));
            if std::env::var_os("XUEXI_BLESS").is_some() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &text).unwrap();
            }
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == text,
                "{} is out of date: run XUEXI_BLESS=1 cargo test --lib schema",
                path.display()
            );
        }
    }

    /// TOML -> JSON the way an editor sees it: dates as strings.
    fn json(v: toml::Value) -> serde_json::Value {
        match v {
            toml::Value::String(s) => s.into(),
            toml::Value::Integer(i) => i.into(),
            toml::Value::Float(f) => f.into(),
            toml::Value::Boolean(b) => b.into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(a) => a.into_iter().map(json).collect(),
            toml::Value::Table(t) => t
                .into_iter()
                .map(|(k, v)| (k, json(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }

    fn valid(schema: &str, toml_text: &str) -> bool {
        let schema: serde_json::Value = serde_json::from_str(schema).unwrap();
        let value = json(toml::from_str::<toml::Value>(toml_text).unwrap());
        jsonschema::is_valid(&schema, &value)
    }

    #[test]
    fn the_sample_is_valid_and_a_misspelt_key_is_not() {
        let catalogue = std::fs::read_to_string(repo().join("catalogue.toml")).unwrap();
        assert!(valid(&super::catalogue(), &catalogue));
        assert!(!valid(
            &super::catalogue(),
            &catalogue.replacen("title = ", "titel = ", 1)
        ));
        for e in std::fs::read_dir(repo().join("quizzes")).unwrap().flatten() {
            let bank = std::fs::read_to_string(e.path()).unwrap();
            assert!(valid(&super::quiz(), &bank), "{}", e.path().display());
            assert!(!valid(
                &super::quiz(),
                &bank.replacen("prompt = ", "promt = ", 1)
            ));
        }
        let tasks = std::fs::read_to_string(repo().join("tasks.toml")).unwrap();
        assert!(valid(&super::tasks(), &tasks));
        assert!(!valid(
            &super::tasks(),
            &tasks.replacen("title = ", "titel = ", 1)
        ));
        let init = crate::init::catalogue(
            include_str!("init/catalogue.toml"),
            jiff::civil::date(2027, 3, 1),
        );
        assert!(valid(&super::catalogue(), &init));
    }
}
