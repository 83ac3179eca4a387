//! `credence._credence`: the native half of the `credence` Python package.
//!
//! Documents come in as an Arrow record batch (columns `id`, `text` and the
//! optional metadata columns), results go out as Arrow tables through the
//! pyarrow bridge of arrow-rs: no CSV text on the way. The analysis runs on
//! the Rust thread pool with the GIL released. The Python half
//! (`credence/__init__.py`) turns lists, Series and DataFrames into the
//! record batch, checks them and makes DataFrames of the tables.

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_pyarrow::{PyArrowType, Table as ArrowTable};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use credence::align::Aligner;
use credence::analyze::analyze_all;
use credence::claims::{Analyzers, DocAnalysis, Kind};
use credence::compare::compare;
use credence::load::{Document, Lang, Meta};
use credence::report::tables::{ReportData, Table};
use credence::report::{claim_row, cue_segments, explain_unit, CLAIM_COLUMNS};
use credence::rules::RuleSet;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

pyo3::create_exception!(
    credence,
    RulesError,
    PyValueError,
    "A rules file that does not load. The message is the command line's: \
     FILE:LINE:COLUMN: what is wrong."
);

/// The Python exception for a rules error, with `file`, `line`, `column`
/// and `message` attributes.
fn rules_error(py: Python<'_>, e: &credence::rules::RulesError) -> PyErr {
    let err = RulesError::new_err(e.to_string());
    let value = err.value(py);
    let _ = value.setattr("file", &e.file);
    let _ = value.setattr("line", e.line);
    let _ = value.setattr("column", e.column);
    let _ = value.setattr("message", &e.message);
    err
}

/// A panic in the engine is a bug: a Python exception, never a crash.
fn internal_error(payload: Box<dyn std::any::Any + Send>) -> PyErr {
    let what = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".to_string());
    PyRuntimeError::new_err(format!(
        "credence: internal error (please report it with the input): {what}"
    ))
}

// ─── rules ──────────────────────────────────────────────────────────────────

/// The analysers of the bundled rules, compiled once per process.
fn bundled() -> Arc<Analyzers> {
    static BUNDLED: OnceLock<Arc<Analyzers>> = OnceLock::new();
    BUNDLED
        .get_or_init(|| Arc::new(Analyzers::new(None).expect("the bundled rules compile")))
        .clone()
}

/// A rules file, loaded and checked: `Rules(path)`.
///
/// Loading refuses what the command line's `--rules` refuses, raising
/// `RulesError` with the same message (FILE:LINE:COLUMN: what is wrong).
/// The rules replace the bundled rules of their language.
#[pyclass(frozen, module = "credence", name = "Rules")]
struct PyRules {
    rules: RuleSet,
    analyzers: Arc<Analyzers>,
}

impl PyRules {
    fn build(py: Python<'_>, rules: RuleSet) -> PyResult<PyRules> {
        let analyzers = Analyzers::new(Some(rules.clone())).map_err(|e| rules_error(py, &e))?;
        Ok(PyRules {
            rules,
            analyzers: Arc::new(analyzers),
        })
    }
}

#[pymethods]
impl PyRules {
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<PyRules> {
        let rules = RuleSet::from_file(&path).map_err(|e| rules_error(py, &e))?;
        PyRules::build(py, rules)
    }

    /// Rules from the text of a rules file; `name` stands for the file in
    /// messages.
    #[staticmethod]
    #[pyo3(signature = (text, name = "<text>"))]
    fn from_text(py: Python<'_>, text: &str, name: &str) -> PyResult<PyRules> {
        let rules = RuleSet::parse(text, name).map_err(|e| rules_error(py, &e))?;
        PyRules::build(py, rules)
    }

    /// The file name as given.
    #[getter]
    fn path(&self) -> &str {
        &self.rules.name
    }

    /// The language of the rules: "fr" or "en".
    #[getter]
    fn language(&self) -> &'static str {
        self.rules.lang.code()
    }

    /// The file's description.
    #[getter]
    fn description(&self) -> &str {
        &self.rules.description
    }

    /// The ids of the rules, in file order.
    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.rules.rules.iter().map(|r| r.id.clone()).collect()
    }

    /// The text of the file.
    #[getter]
    fn text(&self) -> &str {
        &self.rules.source_text
    }

    /// The warnings of `credence rules check` for the file, one line each
    /// (FILE:LINE:COLUMN: warning[CODE]: message (rule)); empty when none.
    fn check(&self) -> Vec<String> {
        credence::lint::check_rules(&self.rules)
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.rules.rules.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Rules({:?}, language={:?}, rules={})",
            self.rules.name,
            self.rules.lang.code(),
            self.rules.rules.len()
        )
    }

    /// Pickled as its text, so that Dask and Spark workers need not read
    /// the file.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rules = &slf.get().rules;
        let ctor = py.get_type::<PyRules>().getattr("from_text")?;
        let args = PyTuple::new(py, [rules.source_text.as_str(), rules.name.as_str()])?;
        PyTuple::new(py, [ctor, args.into_any()])
    }
}

fn analyzers_of(rules: Option<&Bound<'_, PyRules>>) -> Arc<Analyzers> {
    match rules {
        Some(r) => r.get().analyzers.clone(),
        None => bundled(),
    }
}

fn parse_lang(lang: Option<&str>) -> PyResult<Option<Lang>> {
    match lang {
        None => Ok(None),
        Some(s) => Lang::parse(s).map(Some).ok_or_else(|| {
            PyValueError::new_err(format!(
                "credence: unknown language {s:?}; use \"fr\" or \"en\""
            ))
        }),
    }
}

// ─── thread pools ───────────────────────────────────────────────────────────

/// Run `f` on a pool of `threads` workers (kept for later calls), or on the
/// global pool (all cores) when `threads` is None.
fn on_pool<R: Send>(threads: Option<usize>, f: impl FnOnce() -> R + Send) -> PyResult<R> {
    let Some(n) = threads else {
        return Ok(f());
    };
    if n == 0 {
        return Err(PyValueError::new_err(
            "credence: threads must be at least 1",
        ));
    }
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let pool = {
        let mut pools = POOLS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match pools.get(&n) {
            Some(p) => p.clone(),
            None => {
                let p = Arc::new(
                    rayon::ThreadPoolBuilder::new()
                        .num_threads(n)
                        .build()
                        .map_err(|e| PyRuntimeError::new_err(format!("credence: {e}")))?,
                );
                pools.insert(n, p.clone());
                p
            }
        }
    };
    Ok(pool.install(f))
}

/// Release the GIL, run `f` on the pool, turn a panic into an exception.
fn run_detached<R: Send>(
    py: Python<'_>,
    threads: Option<usize>,
    f: impl FnOnce() -> R + Send,
) -> PyResult<R> {
    py.detach(|| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| on_pool(threads, f)))
            .map_err(internal_error)?
    })
}

// ─── documents in ───────────────────────────────────────────────────────────

/// A column of strings, whichever Arrow layout it has.
enum StrCol<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl StrCol<'_> {
    fn get(&self, i: usize) -> Option<&str> {
        match self {
            StrCol::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            StrCol::Large(a) => a.is_valid(i).then(|| a.value(i)),
            StrCol::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

fn str_col<'a>(batch: &'a RecordBatch, name: &str) -> PyResult<Option<StrCol<'a>>> {
    let Some(col) = batch.column_by_name(name) else {
        return Ok(None);
    };
    Ok(Some(match col.data_type() {
        DataType::Utf8 => StrCol::Utf8(col.as_string::<i32>()),
        DataType::LargeUtf8 => StrCol::Large(col.as_string::<i64>()),
        DataType::Utf8View => StrCol::View(col.as_string_view()),
        DataType::Null => return Ok(None),
        other => {
            return Err(PyTypeError::new_err(format!(
                "credence: column `{name}` must hold strings, not {other}"
            )))
        }
    }))
}

/// Metadata as JSONL gives it: trimmed, an empty value is absent.
fn meta_value(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Documents of a record batch, in row order, with the load warnings.
fn documents(
    batch: &RecordBatch,
    default_lang: Option<Lang>,
) -> PyResult<(Vec<Document>, Vec<String>)> {
    let required = |name: &str| -> PyResult<StrCol<'_>> {
        str_col(batch, name)?.ok_or_else(|| {
            PyValueError::new_err(format!("credence: the documents have no `{name}` column"))
        })
    };
    let ids = required("id")?;
    let texts = required("text")?;
    let metas =
        ["outlet", "title", "url", "published", "language"].map(|name| str_col(batch, name));
    let [outlet, title, url, published, language] = metas;
    let (outlet, title, url, published, language) = (outlet?, title?, url?, published?, language?);
    let cell = |c: &Option<StrCol<'_>>, i: usize| c.as_ref().and_then(|c| meta_value(c.get(i)));
    let mut docs = Vec::with_capacity(batch.num_rows());
    let mut warnings = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(batch.num_rows());
    for i in 0..batch.num_rows() {
        let id = ids.get(i).filter(|s| !s.trim().is_empty()).ok_or_else(|| {
            PyValueError::new_err(format!(
                "credence: row {i}: the id is missing or empty; give each document a unique id"
            ))
        })?;
        if let Some(first) = seen.insert(id, i) {
            return Err(PyValueError::new_err(format!(
                "credence: row {i}: duplicate document id `{id}` (already used by row {first}); \
                 ids must be unique"
            )));
        }
        let text = texts.get(i).ok_or_else(|| {
            PyTypeError::new_err(format!(
                "credence: row {i} (id `{id}`): the text is missing; every text must be a string"
            ))
        })?;
        let meta = Meta {
            outlet: cell(&outlet, i),
            title: cell(&title, i),
            url: cell(&url, i),
            published: cell(&published, i),
            language: cell(&language, i),
        };
        docs.push(credence::load::document(
            id.to_string(),
            format!("row {i} (id `{id}`)"),
            text.to_string(),
            meta,
            default_lang,
            &mut warnings,
        ));
    }
    Ok((docs, warnings))
}

// ─── tables out ─────────────────────────────────────────────────────────────

/// Columns of whole numbers; other numeric columns are floats.
fn integer_column(name: &str) -> bool {
    matches!(
        name,
        "unit"
            | "start"
            | "end"
            | "coverage"
            | "conflicts"
            | "documents"
            | "units"
            | "claims"
            | "shared_clusters"
            | "topic_sources"
    ) || name.ends_with("_n")
}

/// Schema of the `analyze` table: the columns of `credence analyze` CSV;
/// what is an empty cell in the CSV is null.
fn claims_schema() -> SchemaRef {
    Arc::new(Schema::new(
        CLAIM_COLUMNS
            .iter()
            .map(|&name| {
                let (ty, nullable) = match name {
                    "unit" | "start" | "end" => (DataType::Int64, false),
                    "certainty" => (DataType::Float64, true),
                    "doc" | "kind" | "text" => (DataType::Utf8, false),
                    _ => (DataType::Utf8, true),
                };
                Field::new(name, ty, nullable)
            })
            .collect::<Vec<_>>(),
    ))
}

fn opt(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The `analyze` rows of some documents as one record batch.
fn claims_batch(analyzers: &Analyzers, docs: &[Document], analyses: &[DocAnalysis]) -> RecordBatch {
    let units: usize = analyses.iter().map(|a| a.units.len()).sum();
    let mut s: Vec<StringBuilder> = (0..11)
        .map(|_| StringBuilder::with_capacity(units, units * 8))
        .collect();
    let mut ints: Vec<Int64Builder> = (0..3).map(|_| Int64Builder::with_capacity(units)).collect();
    let mut certainty = Float64Builder::with_capacity(units);
    for (doc, a) in docs.iter().zip(analyses) {
        let analyzer = analyzers.get(doc.lang);
        for u in &a.units {
            let r = claim_row(analyzer, a, &doc.text, u);
            ints[0].append_value(r.unit as i64);
            ints[1].append_value(r.start as i64);
            ints[2].append_value(r.end as i64);
            certainty.append_option(r.certainty.parse::<f64>().ok());
            let cells = [
                Some(r.doc),
                opt(r.outlet),
                Some(r.kind),
                opt(r.label),
                opt(r.polarity),
                opt(r.cues),
                opt(r.source),
                opt(r.source_kind),
                opt(r.figures),
                Some(r.text),
            ];
            for (b, c) in s.iter_mut().zip(cells) {
                b.append_option(c);
            }
        }
    }
    let mut s = s.into_iter().map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let mut ints = ints
        .into_iter()
        .map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let mut next_s = || s.next().expect("a string column");
    let mut next_i = || ints.next().expect("an integer column");
    let (doc, outlet) = (next_s(), next_s());
    let (unit, start, end) = (next_i(), next_i(), next_i());
    let kind = next_s();
    let certainty = Arc::new(certainty.finish()) as ArrayRef;
    let (label, polarity, cues, source, source_kind, figures, text) = (
        next_s(),
        next_s(),
        next_s(),
        next_s(),
        next_s(),
        next_s(),
        next_s(),
    );
    RecordBatch::try_new(
        claims_schema(),
        vec![
            doc,
            outlet,
            unit,
            start,
            end,
            kind,
            certainty,
            label,
            polarity,
            cues,
            source,
            source_kind,
            figures,
            text,
        ],
    )
    .expect("the columns fit the schema")
}

/// Documents per record batch of the `analyze` table (batches are built in
/// parallel).
const BATCH_DOCS: usize = 1024;

fn claims_batches(
    analyzers: &Analyzers,
    docs: &[Document],
    analyses: &[DocAnalysis],
) -> Vec<RecordBatch> {
    use rayon::prelude::*;
    docs.par_chunks(BATCH_DOCS)
        .zip(analyses.par_chunks(BATCH_DOCS))
        .map(|(d, a)| claims_batch(analyzers, d, a))
        .collect()
}

/// A report table as a record batch: numeric columns as numbers (whole
/// numbers as int64), the others as strings; an empty cell is null. With
/// `group`, a first `__group` column holds it on every row.
fn table_batch(t: Table<'_>, group: Option<i64>) -> RecordBatch {
    let types: Vec<DataType> = if t.name == "agreement" {
        // One certainty column per source, between `cluster` and the fixed
        // columns: floats whatever the source is called.
        let sources = t.header.len().saturating_sub(7);
        t.header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                if (1..=sources).contains(&i) {
                    DataType::Float64
                } else {
                    column_type(h, t.numeric.contains(h))
                }
            })
            .collect()
    } else {
        t.header
            .iter()
            .map(|h| column_type(h, t.numeric.contains(h)))
            .collect()
    };
    let rows: Vec<Vec<String>> = t.rows.into_rows().collect();
    build_batch(&t.header, &types, rows, group)
}

fn column_type(name: &str, numeric: bool) -> DataType {
    match (numeric, integer_column(name)) {
        (false, _) => DataType::Utf8,
        (true, true) => DataType::Int64,
        (true, false) => DataType::Float64,
    }
}

fn build_batch(
    header: &[String],
    types: &[DataType],
    rows: Vec<Vec<String>>,
    group: Option<i64>,
) -> RecordBatch {
    let mut fields = Vec::with_capacity(header.len() + 1);
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(header.len() + 1);
    if let Some(g) = group {
        fields.push(Field::new("__group", DataType::Int64, false));
        columns.push(Arc::new(arrow_array::Int64Array::from(vec![g; rows.len()])));
    }
    for (c, (name, ty)) in header.iter().zip(types).enumerate() {
        let cells = rows
            .iter()
            .map(|r| r.get(c).map(String::as_str).filter(|s| !s.is_empty()));
        let array: ArrayRef = match ty {
            DataType::Int64 => Arc::new(
                cells
                    .map(|s| s.and_then(|s| s.parse::<i64>().ok()))
                    .collect::<arrow_array::Int64Array>(),
            ),
            DataType::Float64 => Arc::new(
                cells
                    .map(|s| s.and_then(|s| s.parse::<f64>().ok()))
                    .collect::<arrow_array::Float64Array>(),
            ),
            _ => Arc::new(cells.collect::<arrow_array::StringArray>()),
        };
        fields.push(Field::new(name, ty.clone(), true));
        columns.push(array);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .expect("the columns fit the schema")
}

/// The agreement table in long form: one row per cluster and source that
/// states it (`source`, `certainty`), then the cluster's figures. Each
/// group of a grouped report has its own sources, so the wide table (one
/// column per source) cannot be stacked.
fn agreement_long(t: Table<'_>, group: Option<i64>) -> RecordBatch {
    let sources: Vec<String> = t.header[1..t.header.len().saturating_sub(6).max(1)].to_vec();
    let n = sources.len();
    let mut header = vec!["cluster".to_string(), "source".into(), "certainty".into()];
    header.extend(t.header[1 + n..].iter().cloned());
    let mut rows = Vec::new();
    for row in t.rows.into_rows() {
        for (k, source) in sources.iter().enumerate() {
            let cell = &row[1 + k];
            if cell.is_empty() {
                continue;
            }
            let mut r = vec![row[0].clone(), source.clone(), cell.clone()];
            r.extend(row[1 + n..].iter().cloned());
            rows.push(r);
        }
    }
    let types: Vec<DataType> = header
        .iter()
        .map(|h| match h.as_str() {
            "cluster" | "source" | "text" => DataType::Utf8,
            h => column_type(h, true),
        })
        .collect();
    build_batch(&header, &types, rows, group)
}

/// Names of the report tables, in the order `credence report` writes them.
const TABLES: [&str; 7] = [
    "claims",
    "clusters",
    "agreement",
    "figures",
    "sources",
    "pairs",
    "summary",
];

/// Align, compare and tabulate one group of analysed documents.
fn report_tables(
    analyzers: &Analyzers,
    docs: &[Document],
    analyses: &[DocAnalysis],
    group: Option<i64>,
) -> Vec<RecordBatch> {
    let alignment = Aligner::new(analyzers).align(docs, analyses);
    let comparison = compare(analyzers, docs, analyses, &alignment);
    let data = ReportData {
        analyzers,
        docs,
        analyses,
        alignment: &alignment,
        comparison: &comparison,
    };
    data.all()
        .into_iter()
        .map(|t| {
            if group.is_some() && t.name == "agreement" {
                agreement_long(t, group)
            } else {
                table_batch(t, group)
            }
        })
        .collect()
}

fn to_table(batches: Vec<RecordBatch>, schema: SchemaRef) -> PyResult<PyArrowType<ArrowTable>> {
    ArrowTable::try_new(batches, schema)
        .map(PyArrowType)
        .map_err(|e| PyRuntimeError::new_err(format!("credence: {e}")))
}

// ─── functions ──────────────────────────────────────────────────────────────

/// Analyse the documents of a record batch (columns `id`, `text`, and
/// optionally `outlet`, `title`, `url`, `published`, `language`): the rows
/// of `credence analyze` as a pyarrow Table, and the load warnings.
#[pyfunction]
#[pyo3(signature = (batch, lang = None, rules = None, threads = None))]
fn analyze_batch(
    py: Python<'_>,
    batch: PyArrowType<RecordBatch>,
    lang: Option<&str>,
    rules: Option<&Bound<'_, PyRules>>,
    threads: Option<usize>,
) -> PyResult<(PyArrowType<ArrowTable>, Vec<String>)> {
    let default_lang = parse_lang(lang)?;
    let analyzers = analyzers_of(rules);
    let batch = batch.0;
    let (batches, warnings) = run_detached(py, threads, || -> PyResult<_> {
        let (docs, warnings) = documents(&batch, default_lang)?;
        let analyses = analyze_all(&analyzers, &docs);
        Ok((claims_batches(&analyzers, &docs, &analyses), warnings))
    })??;
    Ok((to_table(batches, claims_schema())?, warnings))
}

/// The schema of [`analyze_batch`]'s table.
#[pyfunction]
fn claims_arrow_schema() -> PyArrowType<Schema> {
    PyArrowType(claims_schema().as_ref().clone())
}

/// Analyse, align and compare the documents of a record batch: a dict of
/// pyarrow Tables, one per report table, and the load warnings.
///
/// With a `__group` column (int64), each group of documents (in row order)
/// is aligned and reported on its own, in parallel; every table then starts
/// with a `__group` column and `agreement` is in long form.
#[pyfunction]
#[pyo3(signature = (batch, lang = None, rules = None, threads = None))]
fn report_batch<'py>(
    py: Python<'py>,
    batch: PyArrowType<RecordBatch>,
    lang: Option<&str>,
    rules: Option<&Bound<'py, PyRules>>,
    threads: Option<usize>,
) -> PyResult<(Bound<'py, PyDict>, Vec<String>)> {
    let default_lang = parse_lang(lang)?;
    let analyzers = analyzers_of(rules);
    let batch = batch.0;
    let groups: Option<Vec<i64>> = match batch.column_by_name("__group") {
        None => None,
        Some(col) => match col.as_primitive_opt::<arrow_array::types::Int64Type>() {
            Some(a) if a.null_count() == 0 => Some(a.values().to_vec()),
            _ => {
                return Err(PyTypeError::new_err(
                    "credence: the `__group` column must be int64 without nulls",
                ))
            }
        },
    };
    let (tables, warnings) = run_detached(py, threads, || -> PyResult<_> {
        let (docs, warnings) = documents(&batch, default_lang)?;
        let Some(groups) = groups else {
            let analyses = analyze_all(&analyzers, &docs);
            let tables: Vec<Vec<RecordBatch>> = report_tables(&analyzers, &docs, &analyses, None)
                .into_iter()
                .map(|b| vec![b])
                .collect();
            return Ok((tables, warnings));
        };
        // Documents of each group together, in row order within the group;
        // groups in the order of their number.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|&i| groups[i]);
        let mut slots: Vec<Option<Document>> = docs.into_iter().map(Some).collect();
        let docs: Vec<Document> = order
            .iter()
            .map(|&i| slots[i].take().expect("each row once"))
            .collect();
        let keys: Vec<i64> = order.iter().map(|&i| groups[i]).collect();
        let analyses = analyze_all(&analyzers, &docs);
        let mut bounds = Vec::new();
        let mut start = 0;
        for i in 1..=keys.len() {
            if i == keys.len() || keys[i] != keys[start] {
                bounds.push((start, i));
                start = i;
            }
        }
        use rayon::prelude::*;
        let per_group: Vec<Vec<RecordBatch>> = bounds
            .par_iter()
            .map(|&(s, e)| report_tables(&analyzers, &docs[s..e], &analyses[s..e], Some(keys[s])))
            .collect();
        let mut tables: Vec<Vec<RecordBatch>> = vec![Vec::new(); TABLES.len()];
        for group in per_group {
            for (t, b) in tables.iter_mut().zip(group) {
                t.push(b);
            }
        }
        Ok((tables, warnings))
    })??;
    let out = PyDict::new(py);
    for (name, batches) in TABLES.iter().zip(tables) {
        let Some(schema) = batches.first().map(|b| b.schema()) else {
            continue;
        };
        out.set_item(name, to_table(batches, schema)?)?;
    }
    Ok((out, warnings))
}

/// The explanation of a text, as `credence explain --text` prints it and
/// as data: a dict with `text` (the printed explanation), `language`,
/// `rules` and `units` (one dict per unit).
#[pyfunction]
#[pyo3(signature = (text, lang = None, rules = None))]
fn explain<'py>(
    py: Python<'py>,
    text: &str,
    lang: Option<&str>,
    rules: Option<&Bound<'py, PyRules>>,
) -> PyResult<Bound<'py, PyDict>> {
    let lang = parse_lang(lang)?;
    let analyzers = analyzers_of(rules);
    let body = text.to_string();
    let (lang, units) = run_detached(py, None, || {
        let lang = lang.unwrap_or_else(|| credence::load::detect_lang(&body));
        (lang, analyzers.get(lang).analyze_text(&body))
    })?;
    let analyzer = analyzers.get(lang);
    let mut printed = format!("text ({}, rules {})\n", lang.code(), analyzer.rules.name);
    let list = PyList::empty(py);
    for u in &units {
        printed.push_str(&explain_unit(analyzer, &body, u));
        let d = PyDict::new(py);
        d.set_item("index", u.index)?;
        d.set_item("start", u.start)?;
        d.set_item("end", u.end)?;
        d.set_item("paragraph", u.paragraph)?;
        d.set_item("kind", u.kind.name())?;
        d.set_item("text", &body[u.start..u.end])?;
        let certain = u.kind.has_certainty();
        d.set_item("base", certain.then_some(analyzer.rules.model.base))?;
        d.set_item("score", certain.then_some(u.score))?;
        d.set_item("certainty", certain.then_some(u.certainty))?;
        d.set_item("label", certain.then_some(u.label.name()))?;
        d.set_item(
            "polarity",
            (u.kind == Kind::Claim).then_some(u.polarity.name()),
        )?;
        let terms = PyList::empty(py);
        for t in &u.terms {
            let r = &analyzer.rules.rules[t.rule];
            let matched = credence::report::rule_matches(&body, u, t.rule);
            let term = PyDict::new(py);
            term.set_item("rule", &r.id)?;
            term.set_item("category", r.category.name())?;
            term.set_item("weight", t.weight)?;
            term.set_item("matched", matched)?;
            terms.append(term)?;
        }
        d.set_item("terms", terms)?;
        let matches = PyList::empty(py);
        for m in credence::report::matches_json(analyzer, &body, u) {
            let md = PyDict::new(py);
            md.set_item("rule", m.rule)?;
            md.set_item("category", m.category)?;
            md.set_item("weight", m.weight)?;
            md.set_item("text", m.text)?;
            md.set_item("start", m.start)?;
            md.set_item("end", m.end)?;
            matches.append(md)?;
        }
        d.set_item("matches", matches)?;
        let segments = PyList::empty(py);
        for s in cue_segments(analyzer, &body, u) {
            segments.append((s.text, s.cue, s.category))?;
        }
        d.set_item("segments", segments)?;
        match &u.source {
            Some(s) => {
                let sd = PyDict::new(py);
                sd.set_item("text", &s.text)?;
                sd.set_item("kind", s.kind.name())?;
                let via = match s.via {
                    credence::claims::attribution::SourceVia::Own => "unit",
                    credence::claims::attribution::SourceVia::Quote => "quote",
                    credence::claims::attribution::SourceVia::Frame => "paragraph",
                };
                sd.set_item("via", via)?;
                d.set_item("source", sd)?;
            }
            None => d.set_item("source", py.None())?,
        }
        let figures = PyList::empty(py);
        for f in &u.figures {
            let fd = PyDict::new(py);
            fd.set_item("text", f.render())?;
            fd.set_item("value", f.value)?;
            fd.set_item("unit", &f.unit)?;
            fd.set_item("vague", f.vague)?;
            fd.set_item("start", f.start)?;
            fd.set_item("end", f.end)?;
            figures.append(fd)?;
        }
        d.set_item("figures", figures)?;
        list.append(d)?;
    }
    let out = PyDict::new(py);
    out.set_item("text", printed)?;
    out.set_item("language", lang.code())?;
    out.set_item("rules", &analyzer.rules.name)?;
    out.set_item("units", list)?;
    Ok(out)
}

/// The bundled sample corpus as a record batch: `id`, `text`, `outlet`,
/// `title`, `url`, `published`, `language` (null where `sources.csv` gives
/// nothing).
#[pyfunction]
fn sample_corpus() -> PyResult<PyArrowType<RecordBatch>> {
    let loaded = credence::load::sample_corpus();
    let docs = &loaded.docs;
    let col = |f: &dyn Fn(&Document) -> Option<String>| -> ArrayRef {
        Arc::new(docs.iter().map(f).collect::<arrow_array::StringArray>())
    };
    let columns = vec![
        col(&|d| Some(d.id.clone())),
        col(&|d| Some(d.text.clone())),
        col(&|d| d.meta.outlet.clone()),
        col(&|d| d.meta.title.clone()),
        col(&|d| d.meta.url.clone()),
        col(&|d| d.meta.published.clone()),
        col(&|d| d.meta.language.clone()),
    ];
    let fields: Vec<Field> = [
        "id",
        "text",
        "outlet",
        "title",
        "url",
        "published",
        "language",
    ]
    .iter()
    .map(|&n| Field::new(n, DataType::Utf8, !matches!(n, "id" | "text")))
    .collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .map(PyArrowType)
        .map_err(|e| PyRuntimeError::new_err(format!("credence: {e}")))
}

/// The language credence detects for a text ("fr" or "en"), as for a
/// document whose metadata gives none.
#[pyfunction]
fn detect_language(text: &str) -> &'static str {
    credence::load::detect_lang(text).code()
}

#[pymodule]
fn _credence(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("RulesError", m.py().get_type::<RulesError>())?;
    m.add("TABLES", TABLES.to_vec())?;
    m.add("CLAIM_COLUMNS", CLAIM_COLUMNS.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyRules>()?;
    m.add_function(wrap_pyfunction!(analyze_batch, m)?)?;
    m.add_function(wrap_pyfunction!(claims_arrow_schema, m)?)?;
    m.add_function(wrap_pyfunction!(report_batch, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(sample_corpus, m)?)?;
    m.add_function(wrap_pyfunction!(detect_language, m)?)?;
    Ok(())
}
