#!/usr/bin/env python3
"""spaCy baseline for bench/throughput.sh: sentence splitting and phrase
matching of the same cues as credence, over the same JSONL corpus.

    spacy_baseline.py --corpus CORPUS.jsonl --cues CUES.txt [--model blank|fr_core_news_sm]
                      [--max-bytes N] [--batch-size N]

`blank` is spacy.blank("fr") with a sentencizer; `fr_core_news_sm` is the
trained French pipeline (tagger, parser, NER, ...). Both get a PhraseMatcher
(attr LOWER) of every cue. Reads whole JSONL lines up to --max-bytes (0: all)
and prints one JSON object on stdout: the bytes of the lines read, the text
bytes, documents, sentences, matches, model load seconds and processing
seconds (reading, parsing JSON and the pipeline; not the model load).
"""

import argparse
import json
import sys
import time


def read_lines(path, max_bytes, counts):
    """Yield the text of each JSONL line, counting bytes, up to max_bytes (whole lines)."""
    with open(path, "rb") as f:
        for raw in f:
            if max_bytes and counts["bytes"] + len(raw) > max_bytes and counts["docs"] > 0:
                break
            counts["bytes"] += len(raw)
            line = raw.strip()
            if not line:
                continue
            text = json.loads(line)["text"]
            counts["docs"] += 1
            counts["text_bytes"] += len(text.encode("utf-8"))
            yield text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--cues", required=True)
    ap.add_argument("--model", default="blank", choices=["blank", "fr_core_news_sm"])
    ap.add_argument("--max-bytes", type=int, default=0)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()

    t0 = time.perf_counter()
    import spacy
    from spacy.matcher import PhraseMatcher

    if args.model == "blank":
        nlp = spacy.blank("fr")
        nlp.add_pipe("sentencizer")
    else:
        nlp = spacy.load(args.model)
    with open(args.cues, encoding="utf-8") as f:
        cues = [c.strip() for c in f if c.strip()]
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("CUE", [nlp.make_doc(c) for c in cues])
    load_seconds = time.perf_counter() - t0

    counts = {"bytes": 0, "text_bytes": 0, "docs": 0}
    sentences = 0
    matches = 0
    t1 = time.perf_counter()
    for doc in nlp.pipe(read_lines(args.corpus, args.max_bytes, counts), batch_size=args.batch_size):
        sentences += sum(1 for _ in doc.sents)
        matches += len(matcher(doc))
    seconds = time.perf_counter() - t1

    json.dump(
        {
            "model": args.model,
            "spacy": spacy.__version__,
            "cues": len(cues),
            "bytes": counts["bytes"],
            "text_bytes": counts["text_bytes"],
            "docs": counts["docs"],
            "sentences": sentences,
            "matches": matches,
            "load_seconds": round(load_seconds, 3),
            "seconds": round(seconds, 3),
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
