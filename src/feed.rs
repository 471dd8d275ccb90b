//! What a feed is: its name and URL rules, and the fields inkwell-cli stores for it.
//!
//! The rules are inkwell-cli's, so both tools agree on which names exist: a name is
//! lowercased and every run of characters outside `[a-z0-9]` becomes one `-`.

use crate::error::{Error, Result};

/// The longest accepted feed name, after normalization.
pub const MAX_NAME_LEN: usize = 128;
/// The longest accepted feed URL.
pub const MAX_URL_LEN: usize = 4096;

/// A name for a feed key as inkwell writes it: normalized the way inkwell-cli does.
/// (Keys already in feeds.yaml may be anything a person typed; those are looked up as
/// plain strings.)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FeedName(String);

impl FeedName {
    /// Normalizes what the user typed; an error when nothing is left (e.g. `"!!!"`).
    pub fn parse(raw: &str) -> Result<FeedName> {
        normalize_name(raw).map(FeedName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FeedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<String> for FeedName {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<FeedName> for String {
    fn eq(&self, other: &FeedName) -> bool {
        *self == other.0
    }
}

/// A checked, normalized feed URL: absolute, http or https, with a host.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FeedUrl(String);

impl FeedUrl {
    pub fn parse(raw: &str) -> Result<FeedUrl> {
        normalize_url(raw).map(FeedUrl)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FeedUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Normalizes a user-supplied name the way inkwell-cli does.
///
/// Returns an error when nothing is left (e.g. `"!!!"`).
pub fn normalize_name(raw: &str) -> Result<String> {
    let mut out = String::with_capacity(raw.len());
    let mut pending_dash = false;
    for c in raw.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    if out.is_empty() {
        return Err(Error::InvalidName {
            name: raw.to_string(),
            reason: "it has no letters or digits (a name is lowercased and everything outside a-z and 0-9 becomes '-')".into(),
        });
    }
    if out.len() > MAX_NAME_LEN {
        return Err(Error::InvalidName {
            name: raw.to_string(),
            reason: format!(
                "it is {} characters long; the limit is {MAX_NAME_LEN}",
                out.len()
            ),
        });
    }
    Ok(out)
}

/// Checks and normalizes a feed URL: absolute, http or https, with a host.
pub fn normalize_url(raw: &str) -> Result<String> {
    let fail = |reason: String| Error::InvalidUrl {
        url: raw.to_string(),
        reason,
    };
    if raw.is_empty() {
        return Err(fail("it is empty".into()));
    }
    if raw.len() > MAX_URL_LEN {
        return Err(fail(format!(
            "it is {} bytes long; the limit is {MAX_URL_LEN}",
            raw.len()
        )));
    }
    if let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(fail(format!(
            "it contains {}; percent-encode it (a space is %20)",
            describe_char(c)
        )));
    }
    let url = url::Url::parse(raw).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => {
            fail("it has no scheme; a feed URL needs http:// or https://".into())
        }
        e => fail(e.to_string()),
    })?;
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(fail(format!(
                "the scheme '{other}' is not supported; use http or https"
            )));
        }
    }
    match url.host_str() {
        Some(h) if !h.is_empty() => {}
        _ => return Err(fail("it has no host".into())),
    }
    Ok(url.to_string())
}

/// A feed URL reduced to what identifies the feed, for comparison only (stored URLs
/// are never changed): http and https, a trailing slash, the host's case, a default
/// port and the case of percent-escapes do not make another feed.
pub fn url_key(raw: &str) -> String {
    let Ok(url) = url::Url::parse(raw.trim()) else {
        return raw.trim().to_string();
    };
    let port = match (url.scheme(), url.port()) {
        (_, None) | ("http", Some(80)) | ("https", Some(443)) => String::new(),
        (_, Some(p)) => format!(":{p}"),
    };
    let mut key = format!("{}{port}{}", url.host_str().unwrap_or(""), url.path());
    while key.ends_with('/') {
        key.pop();
    }
    if let Some(q) = url.query() {
        key.push('?');
        key.push_str(q);
    }
    // `%2f` and `%2F` are the same byte.
    let mut out = String::with_capacity(key.len());
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' {
            for _ in 0..2 {
                if let Some(h) = chars.next_if(char::is_ascii_hexdigit) {
                    out.push(h.to_ascii_uppercase());
                }
            }
        }
    }
    out
}

/// Whether two URLs name the same feed (see [`url_key`]).
pub fn same_feed_url(a: &str, b: &str) -> bool {
    a == b || url_key(a) == url_key(b)
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' | '\r' => "a line break".into(),
        c => format!("the character U+{:04X}", c as u32),
    }
}

/// Splits `a, b,c` into template names, dropping empty items.
pub fn parse_templates(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Authentication settings of a feed, as inkwell-cli stores them.
/// The secrets are Fernet tokens in the file; this layer never decrypts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auth {
    pub kind: String,
    pub username: Option<String>,
    pub password: Option<String>,
    pub token: Option<String>,
}

impl Default for Auth {
    fn default() -> Self {
        Auth {
            kind: "none".into(),
            username: None,
            password: None,
            token: None,
        }
    }
}

/// One feed's known fields. Keys inkwell does not know stay in the file untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub url: String,
    pub display_name: Option<String>,
    pub auth: Auth,
    pub category: Option<String>,
    pub custom_templates: Vec<String>,
}

impl Feed {
    pub fn new(url: String) -> Feed {
        Feed {
            url,
            display_name: None,
            auth: Auth::default(),
            category: None,
            custom_templates: Vec::new(),
        }
    }
}

/// Finds the closest existing name for a "did you mean" hint. Never used to act.
pub fn suggest<'a>(wanted: &str, names: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let wanted_norm = normalize_name(wanted).unwrap_or_else(|_| wanted.to_lowercase());
    if wanted_norm.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for name in names {
        let d = levenshtein(&wanted_norm, name);
        let limit = (name.chars().count().max(wanted_norm.chars().count()) / 3).max(2);
        let close = d <= limit || (wanted_norm.len() >= 3 && name.contains(&wanted_norm));
        if close && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, name));
        }
    }
    best.map(|(_, n)| n.to_string())
}

/// The edit distance between two names (also used for settings keys).
pub(crate) use strsim::levenshtein;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalize_like_inkwell_cli() {
        assert_eq!(normalize_name("My Podcast").unwrap(), "my-podcast");
        assert_eq!(normalize_name("  Syntax  FM!! ").unwrap(), "syntax-fm");
        assert_eq!(normalize_name("a__b--c").unwrap(), "a-b-c");
        assert_eq!(normalize_name("ABC123").unwrap(), "abc123");
        assert_eq!(normalize_name("Café Olé").unwrap(), "caf-ol");
        assert_eq!(normalize_name("-x-").unwrap(), "x");
    }

    #[test]
    fn names_with_nothing_left_are_errors() {
        for bad in ["", "!!!", "---", "   ", "日本語", "🎙️"] {
            let err = normalize_name(bad).unwrap_err();
            assert!(matches!(err, Error::InvalidName { .. }), "{bad:?}: {err}");
        }
    }

    #[test]
    fn overlong_names_are_errors() {
        assert!(normalize_name(&"a".repeat(MAX_NAME_LEN)).is_ok());
        assert!(normalize_name(&"a".repeat(MAX_NAME_LEN + 1)).is_err());
    }

    #[test]
    fn urls_are_normalized() {
        assert_eq!(
            normalize_url("HTTPS://Example.COM/feed.rss").unwrap(),
            "https://example.com/feed.rss"
        );
        assert_eq!(
            normalize_url("http://example.com").unwrap(),
            "http://example.com/"
        );
    }

    #[test]
    fn bad_urls_name_the_problem() {
        let cases = [
            ("not-a-url", "needs http:// or https://"),
            ("ftp://example.com/f", "scheme 'ftp'"),
            ("http://", "empty host"),
            ("http://exa mple.com", "a space"),
            ("javascript:alert(1)", "scheme 'javascript'"),
            ("file:///etc/passwd", "scheme 'file'"),
            ("https://example.com/\nx", "line break"),
            ("", "empty"),
        ];
        for (url, expected) in cases {
            let msg = normalize_url(url).unwrap_err().to_string();
            assert!(msg.contains(expected), "{url:?}: {msg}");
        }
        let long = format!("https://example.com/{}", "a".repeat(10_000));
        assert!(
            normalize_url(&long)
                .unwrap_err()
                .to_string()
                .contains("limit is 4096")
        );
    }

    #[test]
    fn spellings_of_one_url_are_the_same_feed() {
        let a = "https://example.com/podcast/feed%2Fx.rss";
        for b in [
            "http://example.com/podcast/feed%2fx.rss",
            "https://EXAMPLE.com/podcast/feed%2Fx.rss/",
            "https://example.com:443/podcast/feed%2Fx.rss",
            "http://example.com:80/podcast/feed%2fx.rss",
        ] {
            assert!(same_feed_url(a, b), "{b}");
        }
        for b in [
            "https://example.com/podcast/other.rss",
            "https://example.com:8443/podcast/feed%2Fx.rss",
            "https://example.org/podcast/feed%2Fx.rss",
            "https://example.com/podcast/feed%2Fx.rss?page=2",
        ] {
            assert!(!same_feed_url(a, b), "{b}");
        }
    }

    #[test]
    fn templates_split_on_commas() {
        assert_eq!(parse_templates("a, b,,c "), vec!["a", "b", "c"]);
        assert!(parse_templates(" , ").is_empty());
    }

    #[test]
    fn suggestions_are_close_names_only() {
        let names = ["syntax-fm", "darknet-diaries", "the-daily"];
        assert_eq!(suggest("syntax-fn", names).as_deref(), Some("syntax-fm"));
        assert_eq!(suggest("Syntax Fn", names).as_deref(), Some("syntax-fm"));
        assert_eq!(suggest("daily", names).as_deref(), Some("the-daily"));
        assert_eq!(suggest("zzzzzz", names), None);
        assert_eq!(suggest("", names), None);
        assert_eq!(suggest("!!", names), None);
    }
}
