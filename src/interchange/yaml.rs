//! A feeds.yaml (inkwell-cli's own file, or `inkwell export --format yaml`) read as an
//! import file, through the same reader as the configured feeds.

use super::Record;
use crate::error::Problem;
use crate::feeds::FeedsDocument;

pub fn parse(text: &str) -> Result<Vec<Record>, Vec<Problem>> {
    let doc = FeedsDocument::parse(text.to_string()).map_err(|e| {
        vec![Problem::at(
            e.location.as_ref().map(|l| l.line),
            format!("not a valid feeds.yaml: {}", e.message),
        )]
    })?;
    let lines = entry_lines(text);
    Ok(doc
        .feeds()
        .map(|(name, f)| Record {
            line: lines.iter().find(|(n, _)| n == name).map(|(_, l)| *l),
            url: f.url.clone(),
            name: Some(name.to_string()),
            display_name: f.display_name.clone(),
            category: f.category.clone(),
            templates: f.custom_templates.clone(),
            auth: Some(f.auth.kind.clone()),
            ..Record::default()
        })
        .collect())
}

/// Lines of the plain keys one level under `feeds:` (a best effort for messages).
fn entry_lines(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut indent = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let depth = line.len() - trimmed.len();
        if depth == 0 || trimmed.starts_with('#') || trimmed.is_empty() {
            continue;
        }
        if *indent.get_or_insert(depth) != depth {
            continue;
        }
        if let Some((key, _)) = trimmed.split_once(':') {
            out.push((key.trim().trim_matches(['\'', '"']).to_string(), i + 1));
        }
    }
    out
}
