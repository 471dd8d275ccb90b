//! What a feed is: its name and URL rules, and the fields inkwell-cli stores for it.
//!
//! The rules are inkwell-cli's, so both tools agree on which names exist: a name is
//! lowercased and every run of characters outside `[a-z0-9]` becomes one `-`.

use crate::error::{Error, Result};

/// The longest accepted feed name, after normalization.
pub const MAX_NAME_LEN: usize = 128;
/// The longest accepted feed URL: pydantic's `HttpUrl` limit, which inkwell-cli applies.
pub const MAX_URL_LEN: usize = 2083;

/// The fields of a feed in inkwell-cli 0.26's `FeedConfig`, with their pydantic types, in
/// its order (`tests/compat_schema.rs` compares them with the installed models).
pub const FIELDS: &[(&str, &str)] = &[
    ("url", "HttpUrl"),
    ("display_name", "str | None"),
    ("auth.type", "Literal['none', 'basic', 'bearer']"),
    ("auth.username", "str | None"),
    ("auth.password", "str | None"),
    ("auth.token", "str | None"),
    ("category", "str | None"),
    ("custom_templates", "list[str]"),
];

/// The values inkwell-cli accepts for `auth.type`.
pub const AUTH_TYPES: &[&str] = &["none", "basic", "bearer"];

/// The templates inkwell-cli 0.26 ships (`inkwell/templates/**/*.yaml`).
pub const BUILTIN_TEMPLATES: &[&str] = &[
    "books-mentioned",
    "key-concepts",
    "quotes",
    "step-by-step-plan",
    "summary",
    "tools-mentioned",
];

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
    // feeds.yaml, audit.log, `list` and every export would show it in clear.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(fail(
            "it contains a user name or password, which would be stored and shown in clear; \
             give the URL without them and pass `--auth basic` (the password is then encrypted)"
                .into(),
        ));
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

/// A necessary condition for two URLs to have the same [`url_key`], without parsing:
/// the text after the scheme, ASCII-lowercased, without a fragment, a default port or
/// trailing slashes before the query.
pub fn rough_url(raw: &str) -> String {
    let raw = raw.trim();
    let rest = raw.split_once("://").map_or(raw, |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or_default();
    let (place, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let (host, path) = place.split_at(place.find('/').unwrap_or(place.len()));
    let host = host
        .strip_suffix(":80")
        .or_else(|| host.strip_suffix(":443"))
        .unwrap_or(host);
    let mut out = format!("{host}{}", path.trim_end_matches('/'));
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out.make_ascii_lowercase();
    out
}

/// The last path segment (or the host, for a URL without a path) with any `:port`
/// suffix: a necessary condition for the same [`url_key`] when compared ASCII-case-
/// insensitively, found without allocating. It keeps [`rough_url`] off most URLs.
pub fn url_tail(raw: &str) -> &str {
    let raw = raw.trim();
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .unwrap_or(raw);
    let end = memchr::memchr2(b'#', b'?', rest.as_bytes()).unwrap_or(rest.len());
    let rest = rest[..end].trim_end_matches('/');
    let tail = match memchr::memrchr(b'/', rest.as_bytes()) {
        Some(at) => &rest[at + 1..],
        None => rest,
    };
    match memchr::memrchr(b':', tail.as_bytes()) {
        Some(at) if tail.as_bytes()[at + 1..].iter().all(u8::is_ascii_digit) => &tail[..at],
        _ => tail,
    }
}

/// Whether `name` is already what [`normalize_name`] makes of it (a-z, 0-9 and single
/// inner dashes), without building the normalized copy.
pub fn is_normalized(name: &str) -> bool {
    let b = name.as_bytes();
    let ok = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    b.first().is_some_and(ok)
        && b.last().is_some_and(ok)
        && b.iter().all(|c| ok(c) || *c == b'-')
        && !b.windows(2).any(|w| w == b"--")
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

/// Splits `a, b,c` into template names, dropping empty items and repeats (first kept).
pub fn parse_templates(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Checks template names as inkwell-cli 0.26 does: each must be a built-in or the stem of
/// a `*.yaml` file (other than `schema.yaml`) under `templates/` in the config directory.
pub fn check_templates(names: &[String], available: &[String]) -> Result<()> {
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !available.iter().any(|a| a == *n))
        .collect();
    let Some(first) = missing.first() else {
        return Ok(());
    };
    let list = missing
        .iter()
        .map(|m| format!("'{m}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut reason = format!(
        "unknown template(s) {list}; known: {}",
        available.join(", ")
    );
    if let Some(s) = suggest_among(first, available.iter().map(String::as_str)) {
        reason.push_str(&format!(" (did you mean '{s}'?)"));
    }
    Err(Error::InvalidValue {
        what: "--extra-templates".into(),
        reason,
    })
}

/// The template names inkwell-cli knows: the built-ins plus `templates/**/*.yaml` in `dir`
/// (the config directory), sorted.
pub fn available_templates(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN_TEMPLATES.iter().map(|s| s.to_string()).collect();
    let mut stack = vec![dir.join("templates")];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "yaml")
                && path.file_name().is_some_and(|n| n != "schema.yaml")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            {
                names.push(stem.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Finds the feed a user means, as inkwell-cli 0.26 does, but never fuzzily: the exact
/// key, then the key equal to the name's normalized form, then a display name equal to
/// it ignoring case, then a display name whose normalized form equals the name's.
pub fn resolve<'a>(
    feeds: impl Iterator<Item = (&'a str, &'a Feed)> + Clone,
    raw: &str,
) -> Option<String> {
    let normalized = normalize_name(raw).ok();
    if feeds.clone().any(|(k, _)| k == raw) {
        return Some(raw.to_string());
    }
    if let Some(n) = &normalized
        && feeds.clone().any(|(k, _)| k == n)
    {
        return normalized;
    }
    let folded = raw.to_lowercase();
    let display = |f: &Feed| f.display_name.clone().filter(|d| !d.is_empty());
    // The last match, as inkwell-cli's dict of display names keeps the later feed.
    if let Some((k, _)) = feeds
        .clone()
        .filter(|(_, f)| display(f).is_some_and(|d| d.to_lowercase() == folded))
        .last()
    {
        return Some(k.to_string());
    }
    let n = normalized?;
    feeds
        .filter(|(_, f)| display(f).and_then(|d| normalize_name(&d).ok()).as_ref() == Some(&n))
        .last()
        .map(|(k, _)| k.to_string())
}

/// Checks a URL as pydantic's `HttpUrl` does on load (WHATWG parsing, http or https, a
/// host, at most 2083 characters): what inkwell-cli accepts in feeds.yaml.
pub fn check_http_url(raw: &str) -> std::result::Result<(), String> {
    if raw.chars().count() > MAX_URL_LEN {
        return Err(format!("a URL has at most {MAX_URL_LEN} characters"));
    }
    let url = url::Url::parse(raw.trim()).map_err(|e| format!("not a valid URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "the scheme '{}' is not allowed; use http or https",
            url.scheme()
        ));
    }
    match url.host_str() {
        Some(h) if !h.is_empty() => Ok(()),
        _ => Err("the URL has no host".into()),
    }
}

/// Something in feeds.yaml (or config.yaml) that inkwell-cli 0.26's models refuse, and
/// where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// A problem at byte `offset` of `text` (line and column counted from 1, in characters).
    pub fn at(text: &str, offset: usize, message: String) -> Problem {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        Problem {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            message,
        }
    }
}

/// Checks feeds.yaml text with inkwell-cli 0.26's rules (`Feeds`, `FeedConfig`,
/// `AuthConfig`): what it would refuse to load, with line and column. Empty when it loads.
pub fn problems(text: &str) -> Vec<Problem> {
    use crate::settings::schema::plain_type;
    use crate::yaml::tree::{self as yaml, Node};
    let at = |offset: usize, message: String| Problem::at(text, offset, message);
    let root = match yaml::parse(text) {
        Ok(Some(root)) => root,
        Ok(None) => return Vec::new(),
        Err(e) => {
            let (line, column) = e.location.map_or((1, 1), |l| (l.line, l.column));
            return vec![Problem {
                line,
                column,
                message: e.message,
            }];
        }
    };
    let kind = |n: &Node| match n {
        Node::Scalar {
            text, plain: true, ..
        } => plain_type(text),
        Node::Scalar { .. } => "str",
        Node::Seq { .. } => "list",
        Node::Map { .. } => "mapping",
        Node::Alias { .. } => "alias",
    };
    let mut out = Vec::new();
    if root.is_null() {
        return out;
    }
    let Node::Map { entries, .. } = &root else {
        return vec![at(
            root.span().start,
            "the file must be a mapping with a 'feeds' key".into(),
        )];
    };
    let Some(feeds) = entries.iter().find(|e| e.key == "feeds") else {
        return out;
    };
    let Node::Map { entries: feeds, .. } = &feeds.value else {
        return vec![at(
            feeds.value.span().start,
            format!(
                "'feeds' must be a mapping of feed names, found {}",
                kind(&feeds.value)
            ),
        )];
    };
    // A field inkwell-cli types `str | None`.
    let opt_str = |out: &mut Vec<Problem>, feed: &str, field: &str, n: &Node| {
        if !matches!(kind(n), "str" | "null") {
            out.push(at(
                n.span().start,
                format!(
                    "feed '{feed}': '{field}' must be a string (quote it) or null, found {}",
                    kind(n)
                ),
            ));
        }
    };
    for f in feeds {
        let name = f.key.as_str();
        // PyYAML types a plain key as it types values: `123:` or `yes:` is no string.
        let raw_key = &text[f.key_span.clone()];
        if !raw_key.starts_with(['"', '\'', '!']) && plain_type(name) != "str" {
            out.push(at(
                f.key_span.start,
                format!(
                    "feed name {name} is read as {} by inkwell-cli, which needs a string; quote it: \"{name}\"",
                    match plain_type(name) {
                        "int" => "an integer",
                        "float" => "a number",
                        "bool" => "true or false",
                        _ => "null",
                    }
                ),
            ));
        }
        let Node::Map {
            entries: fields, ..
        } = &f.value
        else {
            out.push(at(
                f.value.span().start,
                format!(
                    "feed '{name}' must be a mapping with a 'url', found {}",
                    kind(&f.value)
                ),
            ));
            continue;
        };
        match fields.iter().find(|e| e.key == "url") {
            None => out.push(at(f.key_span.start, format!("feed '{name}' has no 'url'"))),
            Some(u) => match &u.value {
                n if kind(n) == "str" => {
                    let Node::Scalar { text: url, .. } = n else {
                        unreachable!()
                    };
                    if let Err(reason) = check_http_url(url) {
                        out.push(at(
                            n.span().start,
                            format!("feed '{name}': url '{url}': {reason}"),
                        ));
                    }
                }
                n => out.push(at(
                    n.span().start,
                    format!(
                        "feed '{name}': 'url' must be an http or https URL, found {}",
                        kind(n)
                    ),
                )),
            },
        }
        for field in fields {
            let v = &field.value;
            match field.key.as_str() {
                "display_name" | "category" => opt_str(&mut out, name, &field.key, v),
                "custom_templates" => match v {
                    Node::Seq { items, .. } => {
                        for i in items.iter().filter(|i| kind(i) != "str") {
                            out.push(at(
                                i.span().start,
                                format!("feed '{name}': 'custom_templates' items must be strings, found {}", kind(i)),
                            ));
                        }
                    }
                    _ => out.push(at(
                        v.span().start,
                        format!("feed '{name}': 'custom_templates' must be a list (use [] for none), found {}", kind(v)),
                    )),
                },
                "auth" => match v {
                    Node::Map { entries: auth, .. } => {
                        for a in auth {
                            match a.key.as_str() {
                                "type" => {
                                    let ok = matches!(&a.value, Node::Scalar { text, .. }
                                        if kind(&a.value) == "str" && AUTH_TYPES.contains(&text.as_str()));
                                    if !ok {
                                        let found = match &a.value {
                                            Node::Scalar { text, .. } => format!("'{text}'"),
                                            other => kind(other).to_string(),
                                        };
                                        out.push(at(
                                            a.value.span().start,
                                            format!("feed '{name}': auth type {found} is not one of {}", AUTH_TYPES.join(", ")),
                                        ));
                                    }
                                }
                                "username" | "password" | "token" => {
                                    opt_str(&mut out, name, &format!("auth.{}", a.key), &a.value)
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => out.push(at(
                        v.span().start,
                        format!("feed '{name}': 'auth' must be a mapping, found {}", kind(v)),
                    )),
                },
                _ => {}
            }
        }
    }
    out
}

/// A credential in feeds.yaml text: feed, field (`username`, `password`, `token`), the
/// stored (encrypted) value and its byte offset.
pub struct StoredSecret {
    pub feed: String,
    pub field: String,
    pub value: String,
    pub offset: usize,
}

/// Every non-empty string credential under `feeds.*.auth` in `text` (none when it does not
/// parse).
pub fn stored_secrets(text: &str) -> Vec<StoredSecret> {
    use crate::yaml::tree::{self as yaml, Node};
    let mut out = Vec::new();
    let Ok(Some(root)) = yaml::parse(text) else {
        return out;
    };
    let Some(Node::Map { entries: feeds, .. }) = root.get("feeds") else {
        return out;
    };
    for f in feeds {
        let Some(Node::Map { entries: auth, .. }) = f.value.get("auth") else {
            continue;
        };
        for a in auth {
            if let ("username" | "password" | "token", Node::Scalar { text: v, .. }) =
                (a.key.as_str(), &a.value)
                && !v.is_empty()
                && !a.value.is_null()
            {
                out.push(StoredSecret {
                    feed: f.key.clone(),
                    field: a.key.clone(),
                    value: v.clone(),
                    offset: a.value.span().start,
                });
            }
        }
    }
    out
}

/// The first problem's message, then the others with their `line:column`.
pub fn describe_problems(problems: &[Problem]) -> String {
    let mut text = problems
        .first()
        .map(|p| p.message.clone())
        .unwrap_or_default();
    for p in problems.iter().skip(1) {
        text.push_str(&format!("\n  also {}:{}: {}", p.line, p.column, p.message));
    }
    text.push_str("\n  (inkwell-cli 0.26 would refuse to load this file)");
    text
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
    suggest_among(&wanted_norm, names)
}

fn suggest_among<'a>(
    wanted_norm: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    if wanted_norm.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for name in names {
        let d = levenshtein(wanted_norm, name);
        let limit = (name.chars().count().max(wanted_norm.chars().count()) / 3).max(2);
        let close = d <= limit || (wanted_norm.len() >= 3 && name.contains(wanted_norm));
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
                .contains("limit is 2083")
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
            // The cheap look never rules out a real match.
            assert_eq!(rough_url(a), rough_url(b), "{b}");
            assert!(url_tail(a).eq_ignore_ascii_case(url_tail(b)), "{b}");
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
    fn a_normalized_name_is_recognised_without_normalizing_it() {
        for name in [
            "my-show", "a", "a1-b2", "Show", "my--show", "-x", "x-", "my show", "é",
        ] {
            assert_eq!(
                is_normalized(name),
                normalize_name(name).ok().as_deref() == Some(name),
                "{name}"
            );
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
