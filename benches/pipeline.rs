//! Criterion benchmarks of the analysis stages on fixed inputs: the bundled
//! sample corpus and a synthetic corpus from the generator of
//! `examples/synth.rs` (fixed seed). Throughput is in bytes of document text.
//!
//! Run with `cargo bench`; one stage with `cargo bench -- segment`.

#[path = "../examples/common/synth.rs"]
mod generator;

use credence::align::Aligner;
use credence::claims::{Analyzers, DocAnalysis};
use credence::fold::fold;
use credence::load::{load_jsonl, sample_corpus, Document, Lang, Loaded};
use credence::segment::Segmenter;
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::time::Duration;

/// Documents of the synthetic corpus (about 2.5 kB each).
const SYNTH_DOCS: usize = 200;

/// The synthetic corpus, read through the JSONL loader as `analyze` reads it.
fn synth_corpus() -> Vec<Document> {
    let pool = generator::pool();
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut jsonl = String::new();
    for i in 0..SYNTH_DOCS {
        let (text, outlet) = generator::next_document(&pool, &mut rng);
        let line = serde_json::json!({ "id": format!("s{i:07}"), "outlet": outlet, "language": "fr", "text": text });
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    let mut loaded = Loaded::default();
    load_jsonl(jsonl.as_bytes(), "synth", None, &mut loaded)
        .expect("the generator writes valid JSONL");
    loaded.docs
}

fn corpora() -> Vec<(&'static str, Vec<Document>)> {
    vec![("sample", sample_corpus().docs), ("synth", synth_corpus())]
}

fn text_bytes(docs: &[Document]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

fn stages(c: &mut Criterion) {
    let analyzers = Analyzers::new(None).expect("bundled rules");
    let aligner = Aligner::new(&analyzers);
    for (name, docs) in corpora() {
        let bytes = text_bytes(&docs);
        let analyses: Vec<DocAnalysis> = docs
            .iter()
            .map(|d| analyzers.get(d.lang).analyze(d))
            .collect();
        let segmenters: Vec<Segmenter> = [Lang::Fr, Lang::En]
            .iter()
            .map(|&l| Segmenter::new(&analyzers.get(l).rules.segment))
            .collect();
        let segmenter = |l: Lang| &segmenters[usize::from(l == Lang::En)];
        // Unit texts, for matching alone.
        let units: Vec<(Lang, &str)> = docs
            .iter()
            .flat_map(|d| {
                segmenter(d.lang)
                    .split(&d.text)
                    .into_iter()
                    .map(move |u| (d.lang, &d.text[u.start..u.end]))
            })
            .collect();

        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes));
        // Iterations take milliseconds to a second: one batch per sample.
        group.sampling_mode(SamplingMode::Flat);

        group.bench_function(BenchmarkId::new("segment", docs.len()), |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| segmenter(d.lang).split(black_box(&d.text)).len())
                    .sum::<usize>()
            })
        });
        group.bench_function(BenchmarkId::new("match", docs.len()), |b| {
            b.iter(|| {
                units
                    .iter()
                    .map(|&(lang, text)| {
                        let folded = fold(black_box(text));
                        analyzers
                            .get(lang)
                            .matcher()
                            .find_folded(text, &folded)
                            .len()
                    })
                    .sum::<usize>()
            })
        });
        group.bench_function(BenchmarkId::new("claims", docs.len()), |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| analyzers.get(d.lang).analyze(black_box(d)).units.len())
                    .sum::<usize>()
            })
        });
        group.bench_function(BenchmarkId::new("align", docs.len()), |b| {
            b.iter(|| {
                aligner
                    .align(black_box(&docs), black_box(&analyses))
                    .clusters
                    .len()
            })
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);
