//! Writes YAML scalars so that every YAML reader (PyYAML's 1.1 rules included) reads back
//! exactly the string we meant: plain when that is unambiguous, double-quoted otherwise.
//! Nothing a user types can add structure to the file.

/// Where the scalar goes: inside `{...}`/`[...]` more characters are special.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Block,
    Flow,
}

/// Renders `s` as a YAML scalar.
pub fn scalar(s: &str, ctx: Context) -> String {
    if plain_is_safe(s, ctx) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// Renders an optional string: `None` is `null`.
pub fn opt_scalar(s: Option<&str>, ctx: Context) -> String {
    match s {
        Some(s) => scalar(s, ctx),
        None => "null".to_string(),
    }
}

/// Renders a list in flow style: `[a, "b c"]`.
pub fn flow_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| scalar(s, Context::Flow)).collect();
    format!("[{}]", parts.join(", "))
}

fn plain_is_safe(s: &str, ctx: Context) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    // Plain scalars are restricted to printable ASCII here; anything else is quoted so
    // that no reader's notion of "printable" or "break" can differ from ours.
    if !s.bytes().all(|b| (0x21..=0x7e).contains(&b) || b == b' ') {
        return false;
    }
    if s.starts_with(' ') || s.ends_with(' ') || s.len() > 1000 {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if ctx == Context::Flow && s.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    !resolves_to_non_string(s)
}

/// True when a YAML 1.1 or 1.2 reader would resolve the plain scalar to something other
/// than a string (null, bool, number, timestamp, merge or value key).
fn resolves_to_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "~", "null", "y", "yes", "n", "no", "true", "false", "on", "off", "=", "<<",
    ];
    let lower = s.to_ascii_lowercase();
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    if matches!(lower.as_str(), ".inf" | "+.inf" | "-.inf" | ".nan") {
        return true;
    }
    // Numbers in any base, sexagesimal numbers (1:20) and dates all start with a digit,
    // a sign or a dot and use only these characters.
    let numeric_start = s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.'));
    numeric_start
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() || "xXoObB_.:+-eE tTzZ".contains(c))
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            '\u{2028}' | '\u{2029}' | '\u{feff}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_values_stay_plain() {
        for s in [
            "my-podcast",
            "https://example.com/feed.rss?a=1&b=2",
            "Tech News",
            "99-percent-invisible",
        ] {
            assert_eq!(scalar(s, Context::Block), s);
        }
    }

    #[test]
    fn ambiguous_values_are_quoted() {
        for s in [
            "",
            "yes",
            "No",
            "on",
            "null",
            "~",
            "123",
            "1e3",
            "0x1F",
            "1:20",
            "2024-01-01",
            ".5",
            "a: b",
            "- x",
            "&anchor",
            "*alias",
            "{}",
            "#",
            "x #y",
            " lead",
            "trail ",
            "'q'",
            "\"dq\"",
            "line\nbreak",
            "tab\there",
            "<<",
            "=",
            "!tag",
            "%x",
            "@x",
            "`x",
        ] {
            let out = scalar(s, Context::Block);
            assert!(out.starts_with('"'), "{s:?} was written as {out}");
        }
        assert_eq!(scalar("a,b", Context::Block), "a,b");
        assert_eq!(scalar("a,b", Context::Flow), "\"a,b\"");
    }

    #[test]
    fn escapes_cover_controls_and_line_separators() {
        assert_eq!(
            double_quoted("a\"b\\c\u{1}\u{2028}é"),
            "\"a\\\"b\\\\c\\x01\\u2028é\""
        );
    }
}
