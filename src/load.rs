//! Load articles: directories of `.txt` files (with an optional `sources.csv`), JSONL files, stdin.
//!
//! Texts are decoded (UTF-8, UTF-8 with BOM, UTF-16 with BOM, or windows-1252) and otherwise kept
//! byte for byte: line endings and Unicode normal form are left alone, because every span the
//! crate reports is a byte range into [`Document::text`].
use std::collections::HashMap;
use std::fs;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Language of a document: the bundled rules exist for these.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// Two-letter ISO 639-1 code: `"fr"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parse a language tag or name, case-insensitively: `fr`, `fr-FR`, `fr_CA`, `fra`, `fre`,
    /// `french`, `français`, `francais`, `en`, `en-US`, `eng`, `english`, `anglais`.
    /// Surrounding whitespace is ignored; anything else gives `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let lower = s.trim().to_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or("");
        match primary {
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(Lang::Fr),
            "en" | "eng" | "english" | "anglais" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Metadata of one article; every field optional.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Meta {
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
}

/// One article: its decoded text (all spans in the crate index into `text`), where it came from, and its language.
#[derive(Clone, Debug)]
pub struct Document {
    /// Unique across everything loaded in one run: the file stem for text files, the `id` key for JSONL.
    pub id: String,
    /// Where the text came from: a file path, `NAME:LINE` for JSONL, or `corpus/nk-troops-2024/FILE` for the sample.
    pub origin: String,
    pub text: String,
    pub meta: Meta,
    pub lang: Lang,
}

/// Result of loading: the documents in a deterministic order, and warnings to print on stderr.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Document>,
    /// Complete lines, each starting with `credence: warning: `.
    pub warnings: Vec<String>,
}

/// Why loading failed. Every message starts with `credence: ` and the path or stream concerned.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("credence: {path}: no such file or directory")]
    NotFound { path: PathBuf },
    #[error("credence: {path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("credence: {path}: no articles found (expected .txt files or a .jsonl file)")]
    NoArticles { path: PathBuf },
    #[error(
        "credence: {path}: unsupported input (expected a directory of .txt files, \
         a .txt/.text/.md file, a .jsonl/.ndjson file, or - for JSONL on stdin)"
    )]
    UnsupportedInput { path: PathBuf },
    #[error("credence: {path}:{line}: {message}")]
    SourcesCsv {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("credence: {name}:{line}: {message}")]
    Jsonl {
        name: String,
        line: usize,
        message: String,
    },
    #[error(
        "credence: {second}: duplicate document id `{id}` (already used by {first}); \
         ids must be unique, rename the file or change the id"
    )]
    DuplicateId {
        id: String,
        first: String,
        second: String,
    },
    /// The consumer of a stream of documents failed (e.g. writing the output).
    #[error("credence: {message}")]
    Sink { message: String },
}

impl LoadError {
    /// Process exit status for this error (input errors exit with 3).
    pub fn exit_code(&self) -> i32 {
        3
    }
}

/// Outcome of [`decode`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Decoded text (BOM removed) and the name of the encoding used:
    /// `"UTF-8"`, `"UTF-8 (BOM)"`, `"UTF-16LE"`, `"UTF-16BE"` or `"windows-1252"`.
    Text {
        text: String,
        encoding: &'static str,
        /// Bytes that were not valid in `encoding` became U+FFFD.
        replaced: bool,
    },
    /// The bytes do not look like text.
    Binary,
}

/// How many leading bytes (and decoded chars) are inspected for binary content.
const SNIFF_LEN: usize = 8 * 1024;

/// Decode raw bytes to text.
///
/// A UTF-16 BOM selects UTF-16 (LE or BE); otherwise a NUL byte in the first 8 KiB means binary.
/// A UTF-8 BOM selects UTF-8 (the BOM is removed, invalid sequences become U+FFFD); valid UTF-8 is
/// taken as is; anything else is read as windows-1252. Text in which more than 30% of the first
/// 8 Ki characters are control characters (other than tab, CR, LF and form feed) is binary.
/// Empty input is empty UTF-8 text.
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_owned(bytes.to_vec())
}

/// [`decode`] taking the bytes: valid UTF-8 becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Decoded {
    let (text, encoding, replaced): (String, &'static str, bool) = if let Some(rest) =
        bytes.strip_prefix(b"\xFF\xFE")
    {
        let (t, bad) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        (t.into_owned(), "UTF-16LE", bad)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (t, bad) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        (t.into_owned(), "UTF-16BE", bad)
    } else if bytes[..bytes.len().min(SNIFF_LEN)].contains(&0) {
        return Decoded::Binary;
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let t = String::from_utf8_lossy(rest);
        let bad = matches!(t, std::borrow::Cow::Owned(_));
        (t.into_owned(), "UTF-8 (BOM)", bad)
    } else {
        match String::from_utf8(bytes) {
            Ok(t) => (t, "UTF-8", false),
            Err(e) => {
                let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
                (t.into_owned(), "windows-1252", false)
            }
        }
    };
    if mostly_control(&text) {
        Decoded::Binary
    } else {
        Decoded::Text {
            text,
            encoding,
            replaced,
        }
    }
}

/// True when more than 30% of the first [`SNIFF_LEN`] chars are control characters other than
/// `\t`, `\r`, `\n` and form feed.
fn mostly_control(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(SNIFF_LEN) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\x0c') {
            control += 1;
        }
    }
    control * 10 > total * 3
}

/// Language of a text when metadata gives none: whatlang restricted to French and English; falls back to French when unreliable or too short.
///
/// "Too short" means fewer than 20 letters. Only the first 32 KiB of the text are examined.
pub fn detect_lang(text: &str) -> Lang {
    const MIN_LETTERS: usize = 20;
    const MAX_BYTES: usize = 32 * 1024;
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return Lang::Fr;
    }
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Fra, whatlang::Lang::Eng]);
    match detector.detect(sample) {
        Some(info) if info.is_reliable() && info.lang() == whatlang::Lang::Eng => Lang::En,
        _ => Lang::Fr,
    }
}

/// One INPUT, resolved by [`list_inputs`]; [`stream_inputs`] reads its documents.
#[derive(Clone, Debug)]
pub enum Input {
    /// JSONL on stdin (`-`).
    Stdin,
    /// A `.jsonl`/`.ndjson` file, named as given.
    Jsonl(String),
    /// A single `.txt`/`.text`/`.md` article, named as given (no `sources.csv`).
    Text(String),
    /// The `*.txt` files directly inside a directory, sorted by file name, and its `sources.csv`.
    Dir {
        path: PathBuf,
        files: Vec<PathBuf>,
        sources: Option<PathBuf>,
    },
}

impl Input {
    /// The most documents this input can give, when known without reading it (not for JSONL).
    pub fn max_docs(&self) -> Option<usize> {
        match self {
            Input::Stdin | Input::Jsonl(_) => None,
            Input::Text(_) => Some(1),
            Input::Dir { files, .. } => Some(files.len()),
        }
    }
}

/// Load every INPUT in order: a directory, a `.jsonl` file, a single `.txt` file, or "-" (JSONL on stdin).
///
/// Directories contribute their `*.txt` files (not recursive) sorted by file name, with
/// `sources.csv` metadata when present. Files ending in `.jsonl`/`.ndjson` are JSONL;
/// `.txt`/`.text`/`.md` are single articles (without `sources.csv`). Document ids must be unique
/// across all inputs.
pub fn load_inputs(inputs: &[String], default_lang: Option<Lang>) -> Result<Loaded, LoadError> {
    let inputs = list_inputs(inputs)?;
    let mut out = Loaded::default();
    stream_inputs(&inputs, default_lang, usize::MAX, |docs, warnings| {
        out.docs.extend(docs);
        out.warnings.extend(warnings);
        Ok(())
    })?;
    Ok(out)
}

/// Resolve INPUTs as [`load_inputs`] reads them, without reading any article: directories are
/// listed; missing paths, unsupported files and directories without `.txt` files are errors.
pub fn list_inputs(inputs: &[String]) -> Result<Vec<Input>, LoadError> {
    inputs
        .iter()
        .map(|input| {
            if input == "-" {
                return Ok(Input::Stdin);
            }
            let path = Path::new(input);
            let md = fs::metadata(path).map_err(|e| io_error(path, e))?;
            if md.is_dir() {
                return list_dir(path);
            }
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            match ext.as_str() {
                "jsonl" | "ndjson" => Ok(Input::Jsonl(input.clone())),
                "txt" | "text" | "md" => Ok(Input::Text(input.clone())),
                _ => Err(LoadError::UnsupportedInput {
                    path: path.to_path_buf(),
                }),
            }
        })
        .collect()
}

/// Read the documents of `inputs` in order, calling `f` with batches of at most `batch`
/// documents and the warnings gathered since the last call. Files are read one at a time and
/// only the ids seen (to refuse duplicates) are kept, so memory does not grow with the input.
pub fn stream_inputs(
    inputs: &[Input],
    default_lang: Option<Lang>,
    batch: usize,
    mut f: impl FnMut(Vec<Document>, Vec<String>) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    let batch = batch.max(1);
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut docs: Vec<Document> = Vec::new();
    let mut warnings = Vec::new();
    let mut each = |d: Document, warnings: &mut Vec<String>| -> Result<(), LoadError> {
        if let Some(first) = seen.insert(d.id.clone(), d.origin.clone()) {
            return Err(LoadError::DuplicateId {
                id: d.id,
                first,
                second: d.origin,
            });
        }
        docs.push(d);
        if docs.len() >= batch {
            f(std::mem::take(&mut docs), std::mem::take(warnings))?;
        }
        Ok(())
    };
    for input in inputs {
        match input {
            Input::Stdin => {
                let stdin = std::io::stdin();
                read_jsonl(
                    stdin.lock(),
                    "stdin",
                    default_lang,
                    &mut warnings,
                    &mut each,
                )?;
            }
            Input::Jsonl(name) => {
                let path = Path::new(name);
                let file = fs::File::open(path).map_err(|e| io_error(path, e))?;
                read_jsonl(
                    std::io::BufReader::new(file),
                    name,
                    default_lang,
                    &mut warnings,
                    &mut each,
                )?;
            }
            Input::Text(name) => {
                if let Some(text) = read_text(Path::new(name), name, &mut warnings)? {
                    let doc = document(
                        file_stem(Path::new(name)),
                        name.clone(),
                        text,
                        Meta::default(),
                        default_lang,
                        &mut warnings,
                    );
                    each(doc, &mut warnings)?;
                }
            }
            Input::Dir {
                path,
                files,
                sources,
            } => read_dir_files(
                path,
                files,
                sources.as_deref(),
                default_lang,
                &mut warnings,
                &mut each,
            )?,
        }
    }
    if !docs.is_empty() || !warnings.is_empty() {
        f(docs, warnings)?;
    }
    Ok(())
}

/// The bundled sample corpus (compiled into the binary with include_str!/include_bytes!), with its sources.csv applied.
///
/// Five French articles about North Korean troops sent to Russia (2024); ids are the file stems.
pub fn sample_corpus() -> Loaded {
    const DIR: &str = "corpus/nk-troops-2024";
    const FILES: [(&str, &str); 5] = [
        (
            "000_e3c918ad9ca86fc4.txt",
            include_str!("../corpus/nk-troops-2024/000_e3c918ad9ca86fc4.txt"),
        ),
        (
            "001_62b3f2f0d1464e37.txt",
            include_str!("../corpus/nk-troops-2024/001_62b3f2f0d1464e37.txt"),
        ),
        (
            "002_7391529d8b156335.txt",
            include_str!("../corpus/nk-troops-2024/002_7391529d8b156335.txt"),
        ),
        (
            "003_882d11a7433771bd.txt",
            include_str!("../corpus/nk-troops-2024/003_882d11a7433771bd.txt"),
        ),
        (
            "004_6af0ef2c71c73676.txt",
            include_str!("../corpus/nk-troops-2024/004_6af0ef2c71c73676.txt"),
        ),
    ];
    const SOURCES: &str = include_str!("../corpus/nk-troops-2024/sources.csv");

    let mut out = Loaded::default();
    let csv_path = PathBuf::from(format!("{DIR}/sources.csv"));
    let mut sources = match parse_sources(SOURCES, &csv_path) {
        Ok(rows) => Some(Sources::new(csv_path, rows)),
        Err(e) => {
            out.warnings.push(format!(
                "credence: warning: sample corpus metadata ignored: {e}"
            ));
            None
        }
    };
    for (name, text) in FILES {
        let id = name.strip_suffix(".txt").unwrap_or(name).to_string();
        let meta = sources.as_mut().map(|s| s.take(&id)).unwrap_or_default();
        let origin = format!("{DIR}/{name}");
        let doc = document(id, origin, text.to_string(), meta, None, &mut out.warnings);
        out.docs.push(doc);
    }
    if let Some(s) = sources {
        s.finish(&mut out.warnings);
    }
    out
}

/// serde_json's message without its own " at line L column C" suffix.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// Read JSONL articles from any reader; `name` is used in messages (e.g. "stdin" or the path).
///
/// Documents are appended to `out.docs` with origin `NAME:LINE`; an id already present in
/// `out.docs` is an error. See [`read_jsonl`] for the format.
pub fn load_jsonl<R: BufRead>(
    reader: R,
    name: &str,
    default_lang: Option<Lang>,
    out: &mut Loaded,
) -> Result<(), LoadError> {
    let mut docs = std::mem::take(&mut out.docs);
    read_jsonl(reader, name, default_lang, &mut out.warnings, |d, _| {
        docs.push(d);
        Ok(())
    })?;
    out.docs = docs;
    check_unique(&out.docs)
}

/// A line buffer grown past this many bytes by one long line is freed
/// after the line is parsed.
const LINE_BUFFER_KEEP: usize = 1 << 20;

/// Read JSONL articles from any reader; `name` is used in messages (e.g. "stdin" or the path).
///
/// One JSON object per line; blank lines are skipped. Keys: `id` (string or number, required),
/// `text` (string, required), and `outlet`, `title`, `url`, `published`, `language` (string or
/// null, optional); other keys are ignored. Empty metadata strings count as absent. Documents are
/// appended to `out.docs` with origin `NAME:LINE`; an id already present in `out.docs` is an error.
pub fn read_jsonl<R: BufRead>(
    mut reader: R,
    name: &str,
    default_lang: Option<Lang>,
    warnings: &mut Vec<String>,
    mut each: impl FnMut(Document, &mut Vec<String>) -> Result<(), LoadError>,
) -> Result<usize, LoadError> {
    let jsonl_err = |line: usize, message: String| LoadError::Jsonl {
        name: name.to_string(),
        line,
        message,
    };
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let mut count = 0usize;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| io_error(Path::new(name), e))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let bytes = if line_no == 1 {
            buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
        } else {
            &buf[..]
        };
        let line = std::str::from_utf8(bytes).map_err(|_| {
            jsonl_err(
                line_no,
                "line is not valid UTF-8 (JSONL must be UTF-8; re-encode the file)".to_string(),
            )
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let mut value = parse_jsonl_line(line).map_err(|e| {
            jsonl_err(
                line_no,
                format!(
                    "invalid JSON at column {} ({}); each line must be one JSON object such as \
                     {{\"id\": \"a1\", \"text\": \"...\"}}",
                    e.column(),
                    strip_position(&e.to_string())
                ),
            )
        })?;
        // The parsed value owns its strings: a long line's buffer is given
        // back now rather than kept for the rest of the input.
        if buf.capacity() > LINE_BUFFER_KEEP {
            buf = Vec::new();
        }
        let kind = json_kind(&value);
        let obj = value.as_object_mut().ok_or_else(|| {
            jsonl_err(
                line_no,
                format!("expected a JSON object with \"id\" and \"text\", found {kind}"),
            )
        })?;
        let id = match obj.get("id") {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(serde_json::Value::String(_)) => {
                return Err(jsonl_err(
                    line_no,
                    "`id` is empty; give each article a unique id".into(),
                ))
            }
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(other) => {
                return Err(jsonl_err(
                    line_no,
                    format!(
                        "`id` must be a string or a number, found {}",
                        json_kind(other)
                    ),
                ))
            }
            None => {
                return Err(jsonl_err(
                    line_no,
                    "missing `id`; each line needs \"id\" and \"text\"".into(),
                ))
            }
        };
        let text = match obj.get_mut("text") {
            Some(serde_json::Value::String(s)) => std::mem::take(s),
            Some(other) => {
                return Err(jsonl_err(
                    line_no,
                    format!("`text` must be a string, found {}", json_kind(other)),
                ))
            }
            None => {
                return Err(jsonl_err(
                    line_no,
                    "missing `text`; each line needs \"id\" and \"text\"".into(),
                ))
            }
        };
        let field = |key: &str| -> Result<Option<String>, LoadError> {
            match obj.get(key) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(non_empty(Some(s))),
                Some(other) => Err(jsonl_err(
                    line_no,
                    format!(
                        "`{key}` must be a string or null, found {}",
                        json_kind(other)
                    ),
                )),
            }
        };
        let meta = Meta {
            outlet: field("outlet")?,
            title: field("title")?,
            url: field("url")?,
            published: field("published")?,
            language: field("language")?,
        };
        let origin = format!("{name}:{line_no}");
        let lang = resolve_lang(&meta, &text, default_lang, &origin, warnings);
        each(
            Document {
                id,
                origin,
                text,
                meta,
                lang,
            },
            warnings,
        )?;
        count += 1;
    }
    if count == 0 {
        warnings.push(format!(
            "credence: warning: {name}: no articles in JSONL input"
        ));
    }
    Ok(count)
}

/// One data row of a `sources.csv`.
struct SourceRow {
    /// The `file` cell without a trailing `.txt`.
    key: String,
    /// The `file` cell as written.
    file: String,
    line: u64,
    meta: Meta,
}

fn io_error(path: &Path, e: std::io::Error) -> LoadError {
    if e.kind() == std::io::ErrorKind::NotFound {
        LoadError::NotFound {
            path: path.to_path_buf(),
        }
    } else {
        LoadError::Io {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Strip a trailing `.txt` (any case) from a file name.
fn strip_txt(name: &str) -> &str {
    let n = name.len();
    if n >= 4 && name.is_char_boundary(n - 4) && name[n - 4..].eq_ignore_ascii_case(".txt") {
        &name[..n - 4]
    } else {
        name
    }
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Parse one JSONL line. An object's fields are first taken as raw JSON, so
/// that a long `text` string is decoded once, into a string of its own size,
/// instead of through the parser's growing buffer and a copy of it (which
/// held three times the text at once).
fn parse_jsonl_line(line: &str) -> Result<serde_json::Value, serde_json::Error> {
    use serde_json::value::RawValue;
    let Ok(fields) = serde_json::from_str::<HashMap<String, &RawValue>>(line) else {
        return serde_json::from_str(line);
    };
    let mut obj = serde_json::Map::new();
    for (key, raw) in fields {
        let value = match decode_json_string(raw.get()) {
            Some(text) => serde_json::Value::String(text),
            None => serde_json::from_str(raw.get())?,
        };
        obj.insert(key, value);
    }
    Ok(serde_json::Value::Object(obj))
}

/// Decode a raw JSON string literal (quotes included, already checked by the
/// parser) into one allocation no longer than the literal; `None` when it is
/// not a string or holds a `\u` escape of a surrogate, left to serde_json.
fn decode_json_string(raw: &str) -> Option<String> {
    let body = raw.strip_prefix('"')?.strip_suffix('"')?;
    if !body.contains('\\') {
        return Some(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let esc = rest.get(i + 1..i + 2)?;
        rest = &rest[i + 2..];
        match esc {
            "\"" => out.push('"'),
            "\\" => out.push('\\'),
            "/" => out.push('/'),
            "b" => out.push('\u{8}'),
            "f" => out.push('\u{c}'),
            "n" => out.push('\n'),
            "r" => out.push('\r'),
            "t" => out.push('\t'),
            "u" => {
                let code = u32::from_str_radix(rest.get(..4)?, 16).ok()?;
                out.push(char::from_u32(code)?);
                rest = &rest[4..];
            }
            _ => return None,
        }
    }
    out.push_str(rest);
    Some(out)
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Decode a text file; pushes a warning when it is skipped as binary or was not UTF-8.
fn decode_file(bytes: Vec<u8>, label: &str, warnings: &mut Vec<String>) -> Option<String> {
    match decode_owned(bytes) {
        Decoded::Binary => {
            warnings.push(format!(
                "credence: warning: {label}: looks like a binary file, skipped"
            ));
            None
        }
        Decoded::Text {
            text,
            encoding,
            replaced,
        } => {
            if !encoding.starts_with("UTF-8") {
                warnings.push(format!(
                    "credence: warning: {label}: not UTF-8, read as {encoding}"
                ));
            }
            if replaced {
                warnings.push(format!(
                    "credence: warning: {label}: bytes that are not valid {encoding} were read as U+FFFD (replacement characters)"
                ));
            }
            Some(text)
        }
    }
}

/// Language from metadata, else `default_lang`, else detection. An unsupported metadata language
/// is reported and replaced by detection.
fn resolve_lang(
    meta: &Meta,
    text: &str,
    default_lang: Option<Lang>,
    origin: &str,
    warnings: &mut Vec<String>,
) -> Lang {
    match meta.language.as_deref() {
        Some(tag) => Lang::parse(tag).unwrap_or_else(|| {
            let detected = detect_lang(text);
            warnings.push(format!(
                "credence: warning: {origin}: language `{tag}` is not supported (only French and English); analysed as {}",
                detected.code()
            ));
            detected
        }),
        None => default_lang.unwrap_or_else(|| detect_lang(text)),
    }
}

/// Fails on the first id that appears twice, naming both origins.
fn check_unique(docs: &[Document]) -> Result<(), LoadError> {
    let mut seen: HashMap<&str, &str> = HashMap::with_capacity(docs.len());
    for doc in docs {
        if let Some(first) = seen.insert(&doc.id, &doc.origin) {
            return Err(LoadError::DuplicateId {
                id: doc.id.clone(),
                first: first.to_string(),
                second: doc.origin.clone(),
            });
        }
    }
    Ok(())
}

/// List the `*.txt` files directly inside `dir` (following symlinks), sorted by file name, and
/// its `sources.csv`.
fn list_dir(dir: &Path) -> Result<Input, LoadError> {
    let mut names = Vec::new();
    let mut csv_path = None;
    for entry in fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        // Follows symlinks; entries that vanish or cannot be stat'ed are not articles.
        let is_file = fs::metadata(&path).map(|m| m.is_file()).unwrap_or(false);
        if !is_file {
            continue;
        }
        if name == "sources.csv" {
            csv_path = Some(path);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            names.push(name);
        }
    }
    if names.is_empty() {
        return Err(LoadError::NoArticles {
            path: dir.to_path_buf(),
        });
    }
    names.sort();
    Ok(Input::Dir {
        path: dir.to_path_buf(),
        files: names.iter().map(|n| dir.join(n)).collect(),
        sources: csv_path,
    })
}

/// Read a listed directory's files in order, with its `sources.csv` metadata; a directory whose
/// files are all binary is an error.
fn read_dir_files(
    dir: &Path,
    files: &[PathBuf],
    sources: Option<&Path>,
    default_lang: Option<Lang>,
    warnings: &mut Vec<String>,
    each: &mut impl FnMut(Document, &mut Vec<String>) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    let mut sources = sources.map(|p| Sources::read(p, warnings)).transpose()?;
    let mut count = 0usize;
    for path in files {
        let label = path.display().to_string();
        let Some(text) = read_text(path, &label, warnings)? else {
            continue;
        };
        let id = file_stem(path);
        let meta = sources.as_mut().map(|s| s.take(&id)).unwrap_or_default();
        let doc = document(id, label, text, meta, default_lang, warnings);
        each(doc, warnings)?;
        count += 1;
    }
    if count == 0 {
        return Err(LoadError::NoArticles {
            path: dir.to_path_buf(),
        });
    }
    if let Some(s) = sources {
        s.finish(warnings);
    }
    Ok(())
}

/// Read and decode a text file; `None` when it is binary (with a warning).
fn read_text(
    path: &Path,
    label: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<String>, LoadError> {
    let bytes = fs::read(path).map_err(|e| io_error(path, e))?;
    Ok(decode_file(bytes, label, warnings))
}

/// A document with its language resolved as every input does: from its
/// metadata (an unsupported tag is a warning naming `origin`, then detection),
/// else `default_lang`, else detection. Metadata is kept as given: inputs
/// trim it and treat empty values as absent before calling this.
pub fn document(
    id: String,
    origin: String,
    text: String,
    meta: Meta,
    default_lang: Option<Lang>,
    warnings: &mut Vec<String>,
) -> Document {
    let lang = resolve_lang(&meta, &text, default_lang, &origin, warnings);
    Document {
        id,
        origin,
        text,
        meta,
        lang,
    }
}

/// A directory's `sources.csv`: metadata handed out by file key as the files are read; the
/// first row for a key wins.
struct Sources {
    path: PathBuf,
    rows: Vec<SourceRow>,
    /// Metadata of the keys no file has taken yet.
    by_key: HashMap<String, Meta>,
}

impl Sources {
    fn new(path: PathBuf, mut rows: Vec<SourceRow>) -> Sources {
        let mut by_key = HashMap::new();
        for row in &mut rows {
            by_key
                .entry(row.key.clone())
                .or_insert_with(|| std::mem::take(&mut row.meta));
        }
        Sources { path, rows, by_key }
    }

    /// Read and parse the `sources.csv` at `path`.
    fn read(path: &Path, warnings: &mut Vec<String>) -> Result<Sources, LoadError> {
        let bytes = fs::read(path).map_err(|e| io_error(path, e))?;
        let text = match decode(&bytes) {
            Decoded::Binary => {
                return Err(LoadError::SourcesCsv {
                    path: path.to_path_buf(),
                    line: 1,
                    message: "not a text file; expected a CSV with a header with a `file` column"
                        .into(),
                })
            }
            Decoded::Text { text, encoding, .. } => {
                if !encoding.starts_with("UTF-8") {
                    warnings.push(format!(
                        "credence: warning: {}: not UTF-8, read as {encoding}",
                        path.display()
                    ));
                }
                text
            }
        };
        let rows = parse_sources(&text, path)?;
        Ok(Sources::new(path.to_path_buf(), rows))
    }

    /// The metadata of the file with this key (empty when no row names it or a file took it).
    fn take(&mut self, key: &str) -> Meta {
        self.by_key.remove(key).unwrap_or_default()
    }

    /// Warn about the rows that name no file read, and the rows repeating an earlier one.
    fn finish(self, warnings: &mut Vec<String>) {
        let mut first_line: HashMap<&str, u64> = HashMap::new();
        for row in &self.rows {
            let problem = if self.by_key.contains_key(&row.key) {
                "is not among the loaded .txt files".to_string()
            } else if let Some(first) = first_line.get(row.key.as_str()) {
                format!("already described on line {first}")
            } else {
                first_line.insert(&row.key, row.line);
                continue;
            };
            warnings.push(format!(
                "credence: warning: {}:{}: `{}` {problem}; row ignored",
                self.path.display(),
                row.line,
                row.file
            ));
        }
    }
}

/// Parse a `sources.csv`: a header with a `file` column (case-insensitive) and optional
/// `outlet, title, url, published, language` columns; other columns are ignored, empty cells are
/// absent values. Rows with an empty `file` cell are skipped.
fn parse_sources(text: &str, path: &Path) -> Result<Vec<SourceRow>, LoadError> {
    let err = |line: u64, message: String| LoadError::SourcesCsv {
        path: path.to_path_buf(),
        line,
        message,
    };
    if let Some((line, message)) = check_csv_quoting(text) {
        return Err(err(line, message));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| csv_error(&e, path))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect::<Vec<_>>();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(file_col) = col("file") else {
        return Err(err(
            1,
            "missing `file` column: expected a header with a `file` column, \
             e.g. `file,outlet,title,url,published,language`"
                .into(),
        ));
    };
    let (outlet, title, url, published, language) = (
        col("outlet"),
        col("title"),
        col("url"),
        col("published"),
        col("language"),
    );
    let mut rows = Vec::new();
    for record in rdr.records() {
        let record = record.map_err(|e| csv_error(&e, path))?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: Option<usize>| non_empty(i.and_then(|i| record.get(i)));
        let Some(file) = cell(Some(file_col)) else {
            continue;
        };
        rows.push(SourceRow {
            key: strip_txt(&file).to_string(),
            file,
            line,
            meta: Meta {
                outlet: cell(outlet),
                title: cell(title),
                url: cell(url),
                published: cell(published),
                language: cell(language),
            },
        });
    }
    Ok(rows)
}

fn csv_error(e: &csv::Error, path: &Path) -> LoadError {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "row has {len} fields but the header has {expected_len}; \
             every row needs one cell per header column (quote cells that contain commas)"
        ),
        _ => format!("malformed CSV ({e}); expected a header with a `file` column"),
    };
    LoadError::SourcesCsv {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// Check RFC 4180 quoting, which the CSV reader accepts leniently. Returns the line (1-based) and
/// description of the first problem: a quote inside an unquoted cell, text after a closing quote,
/// or a quoted cell that never ends.
fn check_csv_quoting(text: &str) -> Option<(u64, String)> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        AfterQuote,
    }
    let mut state = State::FieldStart;
    let mut line = 1u64;
    let mut open_line = 1u64;
    for c in text.chars() {
        state = match (state, c) {
            (State::FieldStart, '"') => {
                open_line = line;
                State::Quoted
            }
            (State::FieldStart | State::Unquoted | State::AfterQuote, ',') => State::FieldStart,
            (State::FieldStart | State::Unquoted | State::AfterQuote, '\n') => {
                line += 1;
                State::FieldStart
            }
            (State::FieldStart | State::Unquoted, _) if c == '"' => {
                return Some((
                    line,
                    "stray `\"` inside an unquoted cell: put the whole cell in double quotes \
                     and double the quotes inside it (\"\")"
                        .into(),
                ))
            }
            (State::FieldStart | State::Unquoted, _) => State::Unquoted,
            (State::Quoted, '"') => State::AfterQuote,
            (State::Quoted, '\n') => {
                line += 1;
                State::Quoted
            }
            (State::Quoted, _) => State::Quoted,
            (State::AfterQuote, '"') => State::Quoted,
            (State::AfterQuote, '\r') => State::AfterQuote,
            (State::AfterQuote, _) => {
                return Some((
                    line,
                    "unexpected text after a closing `\"`: a quoted cell must end at a comma \
                     or the end of the line (write a literal quote as \"\")"
                        .into(),
                ))
            }
        };
    }
    if state == State::Quoted {
        return Some((
            open_line,
            "quoted cell is never closed: add the closing `\"`".into(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts_of(loaded: &Loaded) -> Vec<(&str, &str)> {
        loaded
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.text.as_str()))
            .collect()
    }

    fn load_dir_str(dir: &Path) -> Result<Loaded, LoadError> {
        load_inputs(&[dir.display().to_string()], None)
    }

    #[test]
    fn sample_corpus_has_five_french_docs_with_metadata() {
        let loaded = sample_corpus();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let ids: Vec<&str> = loaded.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "000_e3c918ad9ca86fc4",
                "001_62b3f2f0d1464e37",
                "002_7391529d8b156335",
                "003_882d11a7433771bd",
                "004_6af0ef2c71c73676",
            ]
        );
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        for doc in &loaded.docs {
            assert_eq!(doc.lang, Lang::Fr, "{}", doc.id);
            assert_eq!(doc.meta.language.as_deref(), Some("fr"));
            assert_eq!(detect_lang(&doc.text), Lang::Fr, "{}", doc.id);
            let on_disk = fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("corpus/nk-troops-2024")
                    .join(format!("{}.txt", doc.id)),
            )
            .expect("bundled file readable");
            assert_eq!(doc.text, on_disk);
            assert_eq!(doc.origin, format!("corpus/nk-troops-2024/{}.txt", doc.id));
            let expected_outlet = (doc.id == "002_7391529d8b156335").then_some("Epoch Times");
            assert_eq!(doc.meta.outlet.as_deref(), expected_outlet, "{}", doc.id);
        }
        assert_eq!(
            loaded.docs[4].meta.title.as_deref(),
            Some("Des soldats nord-coréens en route pour soutenir la Russie ?")
        );
        assert_eq!(loaded.docs[0].meta.title, None);
    }

    #[test]
    fn sample_corpus_matches_loading_its_directory() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/nk-troops-2024");
        let from_dir = load_dir_str(&dir).expect("corpus dir loads");
        let bundled = sample_corpus();
        assert!(from_dir.warnings.is_empty(), "{:?}", from_dir.warnings);
        assert_eq!(texts_of(&from_dir), texts_of(&bundled));
        for (a, b) in from_dir.docs.iter().zip(&bundled.docs) {
            assert_eq!(a.meta, b.meta);
            assert_eq!(a.lang, b.lang);
        }
    }

    #[test]
    fn encodings_binary_and_empty_files() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        let french = "Élève à l’école, œuvre déjà forte.\r\nDeuxième ligne.";

        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend_from_slice(french.as_bytes());
        fs::write(d.join("a_bom8.txt"), bom8).unwrap();

        let mut le = vec![0xFF, 0xFE];
        le.extend(french.encode_utf16().flat_map(u16::to_le_bytes));
        fs::write(d.join("b_utf16le.txt"), le).unwrap();

        let mut be = vec![0xFE, 0xFF];
        be.extend(french.encode_utf16().flat_map(u16::to_be_bytes));
        fs::write(d.join("c_utf16be.txt"), be).unwrap();

        let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(french);
        assert!(!unmappable);
        assert!(cp1252.contains(&0xE9) && cp1252.contains(&0x9C) && cp1252.contains(&0x92));
        fs::write(d.join("d_cp1252.txt"), &cp1252).unwrap();

        fs::write(
            d.join("e_binary.txt"),
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        )
        .unwrap();
        fs::write(d.join("f_empty.txt"), b"").unwrap();
        fs::write(d.join("g_plain.txt"), french).unwrap();
        fs::write(d.join("notes.pdf"), b"%PDF-1.4").unwrap();

        let loaded = load_dir_str(d).unwrap();
        let ids: Vec<&str> = loaded.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "a_bom8",
                "b_utf16le",
                "c_utf16be",
                "d_cp1252",
                "f_empty",
                "g_plain"
            ]
        );
        for doc in &loaded.docs {
            let expected = if doc.id == "f_empty" { "" } else { french };
            assert_eq!(doc.text, expected, "{}", doc.id);
        }
        let warned = |file: &str, what: &str| {
            loaded
                .warnings
                .iter()
                .any(|w| w.contains(file) && w.contains(what))
        };
        assert!(warned("d_cp1252.txt", "not UTF-8, read as windows-1252"));
        assert!(warned("b_utf16le.txt", "read as UTF-16LE"));
        assert!(warned("c_utf16be.txt", "read as UTF-16BE"));
        assert!(warned("e_binary.txt", "binary"));
        assert_eq!(loaded.warnings.len(), 4, "{:?}", loaded.warnings);
        assert!(loaded.warnings.iter().all(|w| !w.contains("a_bom8")));
    }

    #[test]
    fn decode_reports_encodings() {
        assert_eq!(
            decode(b"caf\xC3\xA9"),
            Decoded::Text {
                text: "café".into(),
                encoding: "UTF-8",
                replaced: false,
            }
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFcaf\xC3\xA9"),
            Decoded::Text {
                text: "café".into(),
                encoding: "UTF-8 (BOM)",
                replaced: false,
            }
        );
        assert_eq!(
            decode(b"c\x9cur \x93caf\xE9\x94"),
            Decoded::Text {
                text: "cœur “café”".into(),
                encoding: "windows-1252",
                replaced: false,
            }
        );
        assert_eq!(
            decode(b""),
            Decoded::Text {
                text: String::new(),
                encoding: "UTF-8",
                replaced: false,
            }
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFcaf\xFF"),
            Decoded::Text {
                text: "caf\u{FFFD}".into(),
                encoding: "UTF-8 (BOM)",
                replaced: true,
            }
        );
        assert_eq!(decode(b"text\0more"), Decoded::Binary);
        assert_eq!(decode(b"\x01\x02\x03\x04abc"), Decoded::Binary);
        assert!(matches!(
            decode(b"line\x0cpage\tcol\r\n"),
            Decoded::Text { .. }
        ));
    }

    #[test]
    fn sources_csv_metadata_applied() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(
            d.join("a.txt"),
            "The minister said the troops had arrived in the region.",
        )
        .unwrap();
        fs::write(
            d.join("b.txt"),
            "Le ministre a déclaré que les troupes étaient arrivées.",
        )
        .unwrap();
        fs::write(
            d.join("c.txt"),
            "Un autre texte sans métadonnées, rédigé en français.",
        )
        .unwrap();
        fs::write(
            d.join("sources.csv"),
            "File,outlet,title,url,published,language,notes\n\
             a,\"Daily, Times\",\"A \"\"quoted\"\" title\",https://example.org/a,2024-10-08,en-GB,x\n\
             b.txt,Le Monde,,,,français,\n\
             missing.txt,Nobody,,,,fr,\n",
        )
        .unwrap();
        let loaded = load_dir_str(d).unwrap();
        assert_eq!(loaded.docs.len(), 3);
        let a = &loaded.docs[0];
        assert_eq!(
            a.meta,
            Meta {
                outlet: Some("Daily, Times".into()),
                title: Some("A \"quoted\" title".into()),
                url: Some("https://example.org/a".into()),
                published: Some("2024-10-08".into()),
                language: Some("en-GB".into()),
            }
        );
        assert_eq!(a.lang, Lang::En);
        let b = &loaded.docs[1];
        assert_eq!(b.meta.outlet.as_deref(), Some("Le Monde"));
        assert_eq!(b.meta.title, None);
        assert_eq!(b.lang, Lang::Fr);
        assert_eq!(loaded.docs[2].meta, Meta::default());
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert!(loaded.warnings[0].contains("sources.csv:4"));
        assert!(loaded.warnings[0].contains("missing.txt"));
    }

    #[test]
    fn sources_csv_wrong_field_count_names_line_3() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(d.join("a.txt"), "texte").unwrap();
        fs::write(d.join("b.txt"), "texte").unwrap();
        fs::write(
            d.join("sources.csv"),
            "file,outlet,title\na.txt,X,T\nb.txt,Y\n",
        )
        .unwrap();
        let err = load_dir_str(d).unwrap_err();
        match &err {
            LoadError::SourcesCsv { line, .. } => assert_eq!(*line, 3),
            other => panic!("unexpected error {other:?}"),
        }
        let msg = err.to_string();
        assert!(msg.contains("sources.csv:3:"), "{msg}");
        assert_eq!(err.exit_code(), 3);
    }

    #[test]
    fn sources_csv_bad_quoting_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(d.join("a.txt"), "texte").unwrap();
        fs::write(
            d.join("sources.csv"),
            "file,title\na.txt,\"Unclosed title\n",
        )
        .unwrap();
        let err = load_dir_str(d).unwrap_err();
        assert!(
            matches!(err, LoadError::SourcesCsv { line: 2, .. }),
            "{err:?}"
        );
        fs::write(d.join("sources.csv"), "file,title\na.txt,\"T\" extra\n").unwrap();
        let err = load_dir_str(d).unwrap_err();
        assert!(
            matches!(err, LoadError::SourcesCsv { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn sources_csv_without_file_column_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(d.join("a.txt"), "texte").unwrap();
        fs::write(d.join("sources.csv"), "name,outlet\na.txt,X\n").unwrap();
        let err = load_dir_str(d).unwrap_err();
        assert!(
            matches!(err, LoadError::SourcesCsv { line: 1, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("`file` column"), "{err}");
    }

    #[test]
    fn jsonl_lines_parse_as_serde_json_parses_them() {
        let lines = [
            r#"{"id": "a", "text": "plain"}"#,
            r#"{"id": 7, "text": "l\u00e0-bas \"cit\u00e9\"\n\ttab \\ \/ \b\f\r", "title": null}"#,
            r#"{"id": "b", "text": "emoji \ud83d\ude00 and \u2019"}"#,
            r#"{"id": "c", "text": "lone \ud83d here"}"#,
            r#"{"id": "d", "text": "é\u00e9", "id": "e"}"#,
            r#"{"te\u0078t": "escaped key", "id": "f"}"#,
            r#"{"id": "g", "text": ["not", "a", "string"], "outlet": 3}"#,
            r#"["an", "array"]"#,
            r#"42"#,
        ];
        for line in lines {
            let want: Result<serde_json::Value, _> = serde_json::from_str(line);
            let got = parse_jsonl_line(line);
            match (want, got) {
                (Ok(w), Ok(g)) => assert_eq!(w, g, "{line}"),
                (Err(_), Err(_)) => {}
                (w, g) => panic!("{line}: serde_json {w:?}, credence {g:?}"),
            }
        }
        for bad in [
            r#"{"id": "a", "text": "x\q"}"#,
            r#"{"id": "a", "text": "open"#,
            "{",
        ] {
            let e = parse_jsonl_line(bad).unwrap_err();
            assert_eq!(
                e.column(),
                serde_json::from_str::<serde_json::Value>(bad)
                    .unwrap_err()
                    .column(),
                "{bad}"
            );
        }
    }

    #[test]
    fn jsonl_good_lines_with_number_ids_and_blank_lines() {
        let input = "{\"id\": 1, \"text\": \"Le ministre a déclaré que les troupes étaient arrivées dans la région.\", \"outlet\": \"AFP\", \"extra\": [1]}\n\
                     \n   \n\
                     {\"id\": \"b\", \"text\": \"The minister said the troops had arrived in the region yesterday.\", \"title\": null, \"language\": \"en\"}\r\n";
        let mut out = Loaded::default();
        load_jsonl(input.as_bytes(), "in.jsonl", None, &mut out).unwrap();
        assert_eq!(out.docs.len(), 2);
        assert_eq!(out.docs[0].id, "1");
        assert_eq!(out.docs[0].origin, "in.jsonl:1");
        assert_eq!(out.docs[0].meta.outlet.as_deref(), Some("AFP"));
        assert_eq!(out.docs[0].lang, Lang::Fr);
        assert_eq!(out.docs[1].id, "b");
        assert_eq!(out.docs[1].origin, "in.jsonl:4");
        assert_eq!(out.docs[1].meta.title, None);
        assert_eq!(out.docs[1].lang, Lang::En);
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn jsonl_bad_line_2_is_reported() {
        let input = "{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2, \"text\": \n";
        let mut out = Loaded::default();
        let err = load_jsonl(input.as_bytes(), "in.jsonl", None, &mut out).unwrap_err();
        assert!(
            matches!(&err, LoadError::Jsonl { line: 2, name, .. } if name == "in.jsonl"),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .starts_with("credence: in.jsonl:2: invalid JSON"),
            "{err}"
        );

        let mut out = Loaded::default();
        let err = load_jsonl(
            &b"{\"id\": 1, \"text\": \"a\"}\n[1, 2]\n"[..],
            "x",
            None,
            &mut out,
        )
        .unwrap_err();
        assert!(matches!(err, LoadError::Jsonl { line: 2, .. }), "{err:?}");

        let mut out = Loaded::default();
        let err = load_jsonl(
            &b"{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2, \"text\": \"\xE9\"}\n"[..],
            "x",
            None,
            &mut out,
        )
        .unwrap_err();
        assert!(
            matches!(&err, LoadError::Jsonl { line: 2, message, .. } if message.contains("UTF-8")),
            "{err:?}"
        );
    }

    #[test]
    fn jsonl_missing_fields_are_errors() {
        let mut out = Loaded::default();
        let err = load_jsonl(&b"{\"id\": \"a\"}\n"[..], "stdin", None, &mut out).unwrap_err();
        assert!(
            matches!(&err, LoadError::Jsonl { line: 1, message, .. } if message.contains("`text`")),
            "{err:?}"
        );
        let err = load_jsonl(&b"{\"text\": \"t\"}\n"[..], "stdin", None, &mut out).unwrap_err();
        assert!(
            matches!(&err, LoadError::Jsonl { line: 1, message, .. } if message.contains("`id`")),
            "{err:?}"
        );
        let err = load_jsonl(
            &b"{\"id\": true, \"text\": \"t\"}\n"[..],
            "stdin",
            None,
            &mut out,
        )
        .unwrap_err();
        assert!(matches!(err, LoadError::Jsonl { .. }), "{err:?}");
        let err = load_jsonl(
            &b"{\"id\": 1, \"text\": \"t\", \"outlet\": 5}\n"[..],
            "stdin",
            None,
            &mut out,
        )
        .unwrap_err();
        assert!(
            matches!(&err, LoadError::Jsonl { message, .. } if message.contains("`outlet`")),
            "{err:?}"
        );
    }

    #[test]
    fn duplicate_ids_are_errors_naming_both_origins() {
        let mut out = Loaded::default();
        let err = load_jsonl(
            &b"{\"id\": 7, \"text\": \"a\"}\n{\"id\": \"7\", \"text\": \"b\"}\n"[..],
            "in.jsonl",
            None,
            &mut out,
        )
        .unwrap_err();
        match &err {
            LoadError::DuplicateId { id, first, second } => {
                assert_eq!(id, "7");
                assert_eq!(first, "in.jsonl:1");
                assert_eq!(second, "in.jsonl:2");
            }
            other => panic!("unexpected {other:?}"),
        }

        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("articles");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("x.txt"), "texte").unwrap();
        let jsonl = tmp.path().join("more.jsonl");
        fs::write(&jsonl, "{\"id\": \"x\", \"text\": \"autre\"}\n").unwrap();
        let err = load_inputs(
            &[dir.display().to_string(), jsonl.display().to_string()],
            None,
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, LoadError::DuplicateId { .. }), "{err:?}");
        assert!(
            msg.contains("x.txt") && msg.contains("more.jsonl:1"),
            "{msg}"
        );
    }

    #[test]
    fn inputs_in_order_with_single_files_and_lang_defaults() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(d.join("z.md"), "ok").unwrap();
        fs::write(d.join("sources.csv"), "file,outlet\nz.md,Ignored\n").unwrap();
        let jsonl = d.join("a.NDJSON");
        fs::write(
            &jsonl,
            "{\"id\": \"j\", \"text\": \"Texte.\", \"language\": \"de\"}\n",
        )
        .unwrap();
        let inputs = [
            d.join("z.md").display().to_string(),
            jsonl.display().to_string(),
        ];
        let loaded = load_inputs(&inputs, Some(Lang::En)).unwrap();
        let ids: Vec<&str> = loaded.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["z", "j"]);
        assert_eq!(loaded.docs[0].meta, Meta::default());
        assert_eq!(loaded.docs[0].lang, Lang::En);
        assert_eq!(loaded.docs[0].origin, inputs[0]);
        // Unsupported metadata language: warning, then detection (short text → French).
        assert_eq!(loaded.docs[1].lang, Lang::Fr);
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert!(loaded.warnings[0].contains(":1") && loaded.warnings[0].contains("analysed as fr"));

        fs::write(d.join("data.pdf"), "x").unwrap();
        let err = load_inputs(&[d.join("data.pdf").display().to_string()], None).unwrap_err();
        assert!(matches!(err, LoadError::UnsupportedInput { .. }), "{err:?}");
        assert!(err.to_string().contains(".jsonl"), "{err}");
    }

    #[test]
    fn missing_path_and_empty_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("nope");
        let err = load_inputs(&[missing.display().to_string()], None).unwrap_err();
        assert!(matches!(err, LoadError::NotFound { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!("credence: {}: no such file or directory", missing.display())
        );

        fs::write(tmp.path().join("readme.md"), "not an article").unwrap();
        fs::write(tmp.path().join("sources.csv"), "file\n").unwrap();
        let err = load_dir_str(tmp.path()).unwrap_err();
        assert!(matches!(err, LoadError::NoArticles { .. }), "{err:?}");
        assert!(
            err.to_string()
                .ends_with(": no articles found (expected .txt files or a .jsonl file)"),
            "{err}"
        );
    }

    #[test]
    fn streaming_in_batches_gives_the_loaded_documents_and_warnings() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(
            d.join("a.txt"),
            "Le ministre a déclaré que les troupes étaient arrivées.",
        )
        .unwrap();
        fs::write(d.join("b.txt"), b"caf\xE9 cr\xE8me").unwrap();
        fs::write(d.join("c.txt"), b"\x00\x01binary").unwrap();
        fs::write(d.join("d.txt"), "The minister said the troops had arrived.").unwrap();
        fs::write(
            d.join("sources.csv"),
            "file,outlet,language\na.txt,A,fr\nc.txt,C,fr\nd,D,de\na,again,fr\n",
        )
        .unwrap();
        let inputs = [d.display().to_string()];
        let whole = load_inputs(&inputs, None).unwrap();
        let listed = list_inputs(&inputs).unwrap();
        assert_eq!(listed[0].max_docs(), Some(4));
        let mut docs = Vec::new();
        let mut warnings = Vec::new();
        let mut calls = 0;
        stream_inputs(&listed, None, 1, |batch, w| {
            assert!(batch.len() <= 1);
            calls += 1;
            docs.extend(batch);
            warnings.extend(w);
            Ok(())
        })
        .unwrap();
        assert!(calls >= 3, "{calls}");
        let ids = |docs: &[Document]| -> Vec<(String, String, Option<String>, Lang)> {
            docs.iter()
                .map(|d| (d.id.clone(), d.text.clone(), d.meta.outlet.clone(), d.lang))
                .collect()
        };
        assert_eq!(ids(&docs), ids(&whole.docs));
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("A"));
        // Binary c.txt, windows-1252 b.txt, language `de`, c.txt not loaded, `a` repeated.
        assert_eq!(warnings, whole.warnings);
        assert_eq!(warnings.len(), 5, "{warnings:?}");
        assert!(warnings[3].contains("sources.csv:3") && warnings[3].contains("not among"));
        assert!(warnings[4].contains("sources.csv:5") && warnings[4].contains("line 2"));
    }

    #[test]
    fn loading_is_deterministic() {
        let tmp = tempfile::tempdir().unwrap();
        for name in ["b.txt", "B.txt", "a.txt", "a_1.txt", "10.txt", "9.txt"] {
            fs::write(tmp.path().join(name), name).unwrap();
        }
        let first = load_dir_str(tmp.path()).unwrap();
        let ids: Vec<&str> = first.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["10", "9", "B", "a", "a_1", "b"]);
        let second = load_dir_str(tmp.path()).unwrap();
        assert_eq!(texts_of(&first), texts_of(&second));
    }

    #[test]
    fn lang_parse_and_code() {
        for s in ["fr", "FR", "fr-FR", "fr_CA", "french", "Français", " fra "] {
            assert_eq!(Lang::parse(s), Some(Lang::Fr), "{s}");
        }
        for s in ["en", "en-US", "English", "anglais", "EN_gb"] {
            assert_eq!(Lang::parse(s), Some(Lang::En), "{s}");
        }
        for s in ["", "de", "frisian", "de-FR"] {
            assert_eq!(Lang::parse(s), None, "{s}");
        }
        assert_eq!(Lang::Fr.code(), "fr");
        assert_eq!(Lang::En.code(), "en");
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }

    #[test]
    fn detect_lang_french_and_english() {
        let fr = "Le ministre sud-coréen de la Défense a déclaré mardi qu'il était très probable \
                  que la Corée du Nord envoie des troupes en Ukraine pour soutenir la Russie, \
                  selon plusieurs responsables cités par la presse.";
        let en = "South Korea's defence minister said on Tuesday that it was highly likely that \
                  North Korea would send troops to Ukraine to support Russia, according to \
                  several officials quoted by the press.";
        assert_eq!(detect_lang(fr), Lang::Fr);
        assert_eq!(detect_lang(en), Lang::En);
        assert_eq!(detect_lang("OK"), Lang::Fr);
        assert_eq!(detect_lang(""), Lang::Fr);
    }
}
