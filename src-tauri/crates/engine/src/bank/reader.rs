//! A span-aware reader over parsed TOML tables.
//!
//! Serde stops at the first problem; an instructor fixing a bank wants all of
//! them. So the loader parses each file into `toml`'s spanned document tree
//! and reads it field by field through [`Fields`], which reports missing,
//! mistyped and unknown keys (with a "did you mean" hint) and keeps going.

use toml::Spanned;
use toml::de::{DeInteger, DeTable, DeValue};

use super::report::{Report, Severity, SourceFile};

/// A string read from a bank, with the byte offset it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub at: usize,
}

/// Where diagnostics go while reading one file.
#[derive(Debug)]
pub struct Sink<'a> {
    pub file: &'a SourceFile,
    pub report: &'a mut Report,
}

impl Sink<'_> {
    pub fn error(&mut self, at: usize, message: impl Into<String>) {
        let d = self.file.diagnostic(at, Severity::Error, message);
        self.report.push(d);
    }

    pub fn warning(&mut self, at: usize, message: impl Into<String>) {
        let d = self.file.diagnostic(at, Severity::Warning, message);
        self.report.push(d);
    }
}

/// A TOML integer as i64 (any radix, `_` separators), or `None` if it overflows.
fn parse_integer(i: &DeInteger<'_>) -> Option<i64> {
    i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
}

/// The fields of one table, read one key at a time.
#[derive(Debug)]
pub struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    at: usize,
    what: &'static str,
    known: &'static [&'static str],
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'t, 'i> Fields<'t, 'i> {
    /// `what` names the table in messages ("question", "bank.toml").
    pub fn new(
        table: &'t DeTable<'i>,
        at: usize,
        what: &'static str,
        known: &'static [&'static str],
    ) -> Self {
        Fields {
            table,
            at,
            what,
            known,
        }
    }

    pub fn at(&self) -> usize {
        self.at
    }

    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    fn missing(&self, sink: &mut Sink<'_>, key: &str, required: bool) {
        if required {
            sink.error(
                self.at,
                format!("{} is missing the required field `{key}`", self.what),
            );
        }
    }

    fn wrong_type(&self, sink: &mut Sink<'_>, key: &str, v: &Spanned<DeValue<'_>>, want: &str) {
        sink.error(
            v.span().start,
            format!(
                "`{key}` must be {want}, but this is {}",
                type_name(v.get_ref())
            ),
        );
    }

    pub fn string(&self, sink: &mut Sink<'_>, key: &str, required: bool) -> Option<Text> {
        let Some(v) = self.get(key) else {
            self.missing(sink, key, required);
            return None;
        };
        match v.get_ref() {
            DeValue::String(s) => Some(Text {
                value: s.to_string(),
                at: v.span().start,
            }),
            _ => {
                self.wrong_type(sink, key, v, "a string");
                None
            }
        }
    }

    pub fn integer(&self, sink: &mut Sink<'_>, key: &str, required: bool) -> Option<(i64, usize)> {
        let Some(v) = self.get(key) else {
            self.missing(sink, key, required);
            return None;
        };
        match v.get_ref() {
            DeValue::Integer(i) => match parse_integer(i) {
                Some(n) => Some((n, v.span().start)),
                None => {
                    sink.error(v.span().start, format!("`{key}` is not a usable integer"));
                    None
                }
            },
            _ => {
                self.wrong_type(sink, key, v, "an integer");
                None
            }
        }
    }

    /// A string, or an array of strings; `None` when absent or mistyped.
    pub fn strings_or_string(
        &self,
        sink: &mut Sink<'_>,
        key: &str,
        required: bool,
    ) -> Option<(Vec<Text>, usize)> {
        let Some(v) = self.get(key) else {
            self.missing(sink, key, required);
            return None;
        };
        match v.get_ref() {
            DeValue::String(s) => Some((
                vec![Text {
                    value: s.to_string(),
                    at: v.span().start,
                }],
                v.span().start,
            )),
            DeValue::Array(_) => self
                .strings(sink, key, required)
                .map(|s| (s, v.span().start)),
            _ => {
                self.wrong_type(sink, key, v, "a string or an array of strings");
                None
            }
        }
    }

    pub fn strings(&self, sink: &mut Sink<'_>, key: &str, required: bool) -> Option<Vec<Text>> {
        let Some(v) = self.get(key) else {
            self.missing(sink, key, required);
            return None;
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(sink, key, v, "an array of strings");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Text {
                    value: s.to_string(),
                    at: item.span().start,
                }),
                other => sink.error(
                    item.span().start,
                    format!(
                        "every item of `{key}` must be a string, but this is {}",
                        type_name(other)
                    ),
                ),
            }
        }
        Some(out)
    }

    pub fn integers(
        &self,
        sink: &mut Sink<'_>,
        key: &str,
        required: bool,
    ) -> Option<(Vec<i64>, usize)> {
        let Some(v) = self.get(key) else {
            self.missing(sink, key, required);
            return None;
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(sink, key, v, "an array of integers");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Integer(i) => match parse_integer(i) {
                    Some(n) => out.push(n),
                    None => sink.error(
                        item.span().start,
                        format!("`{key}` holds an unusable integer"),
                    ),
                },
                other => {
                    sink.error(
                        item.span().start,
                        format!(
                            "every item of `{key}` must be an integer, but this is {}",
                            type_name(other)
                        ),
                    );
                    return None;
                }
            }
        }
        Some((out, v.span().start))
    }

    pub fn table(
        &self,
        sink: &mut Sink<'_>,
        key: &str,
        required: bool,
    ) -> Option<(&'t DeTable<'i>, usize)> {
        let Some(v) = self.get(key) else {
            self.missing(sink, key, required);
            return None;
        };
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span().start)),
            _ => {
                self.wrong_type(sink, key, v, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[key]]` or `key = [{...}, ...]`).
    pub fn tables(
        &self,
        sink: &mut Sink<'_>,
        key: &str,
        required: bool,
    ) -> Vec<(&'t DeTable<'i>, usize)> {
        let Some(v) = self.get(key) else {
            self.missing(sink, key, required);
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(
                sink,
                key,
                v,
                &format!("an array of tables (write `[[{key}]]`)"),
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span().start)),
                other => sink.error(
                    item.span().start,
                    format!(
                        "every item of `{key}` must be a table, but this is {}",
                        type_name(other)
                    ),
                ),
            }
        }
        out
    }

    /// Report every key this table does not know.
    pub fn finish(self, sink: &mut Sink<'_>) {
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref();
            if self.known.contains(&name) {
                continue;
            }
            let hint = self
                .known
                .iter()
                .map(|k| (strsim::levenshtein(k, name), *k))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, k)| format!("; did you mean `{k}`?"))
                .unwrap_or_else(|| format!("; known fields are {}", self.known.join(", ")));
            sink.error(
                key.span().start,
                format!("unknown field `{name}` in {}{hint}", self.what),
            );
        }
    }
}
