//! Video transcripts: the time-coded lines of a video page ("00:11Nos vies
//! ont changé.") are the words of a narrator, an interviewer and the people
//! filmed. The lines a filmed person speaks in their own voice are credited
//! to that person: the name the interviewer addresses ("Alexandre Dubois,
//! ...") when there is one, else the rules' unnamed speaker ("un
//! intervenant", "a speaker").

use super::attribution::{Resolver, Source, SourceKind, SourceVia};
use super::{Kind, UnitAnalysis};
use crate::fold::fold;
use crate::rules::AttributionConfig;
use std::collections::HashSet;

/// A transcript has at least this many time-coded units.
const MIN_CODED: usize = 3;
/// Its first time code is within this many seconds of the start of the video
/// (clock times of a live page, "10:05", start later).
const FIRST_CODE_MAX: u32 = 60;
/// And no two time codes in a row are further apart than this (seconds).
const MAX_GAP: u32 = 300;

/// A leading video time code ("00:04", "1:02:33") as seconds, and the text
/// after it.
pub(crate) fn time_code(s: &str) -> Option<(u32, &str)> {
    let t = s.trim_start();
    let b = t.as_bytes();
    let mut i = 0;
    let mut groups = 0;
    let mut seconds: u32 = 0;
    loop {
        let d = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=2).contains(&d) || (groups > 0 && d != 2) {
            break;
        }
        let value: u32 = t[i..i + d].parse().ok()?;
        seconds = seconds * 60 + value;
        groups += 1;
        i += d;
        if b.get(i) == Some(&b':') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        } else {
            break;
        }
    }
    (groups >= 2).then(|| (seconds, &t[i..]))
}

/// The text after a leading video time code, if any.
pub(crate) fn strip_time_code(s: &str) -> &str {
    time_code(s).map_or_else(|| s.trim_start(), |(_, rest)| rest)
}

/// Finds the speakers' lines of a transcript, configured by `[attribution]`.
#[derive(Debug, Clone)]
pub struct Transcripts {
    speaker_words: HashSet<String>,
    turn_openers: HashSet<String>,
    unnamed: String,
}

impl Transcripts {
    /// From `[attribution] speaker_words`, `turn_openers` and `transcript_speaker`.
    pub fn new(cfg: &AttributionConfig) -> Transcripts {
        // Folding writes every apostrophe as `'`.
        let folded = |l: &[String]| l.iter().map(|w| fold(w).text).collect();
        Transcripts {
            speaker_words: folded(&cfg.speaker_words),
            turn_openers: folded(&cfg.turn_openers),
            unnamed: cfg.transcript_speaker.clone(),
        }
    }

    /// Does the line speak in the first person ("mes enfants", "qu'on est là")?
    fn own_voice(&self, body: &str) -> bool {
        words(body).any(|w| {
            self.speaker_words.contains(&w)
                || w.split_once('\'').is_some_and(|(a, b)| {
                    self.speaker_words.contains(&format!("{a}'")) || self.speaker_words.contains(b)
                })
        })
    }

    /// Does the line open with a word that goes on with the speaker before
    /// ("Et", "Mais", "Oui")?
    fn opens_turn(&self, body: &str) -> bool {
        words(body)
            .next()
            .is_some_and(|w| self.turn_openers.contains(&w))
    }

    /// Credit the speakers' lines of every transcript of a document. Units
    /// that already credit someone, and questions, are the narrator's or
    /// the interviewer's.
    pub fn credit(&self, text: &str, units: &mut [UnitAnalysis], resolver: &Resolver) {
        if self.unnamed.is_empty() && self.speaker_words.is_empty() {
            return;
        }
        let mut i = 0;
        while i < units.len() {
            match self.run(text, units, i) {
                Some(end) => {
                    self.credit_run(text, &mut units[i..end], resolver);
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    /// The end of the transcript that starts at unit `i`, if one does: time
    /// codes from the first minute on, in order, with short gaps, then the
    /// uncoded units of the last code's paragraph.
    fn run(&self, text: &str, units: &[UnitAnalysis], i: usize) -> Option<usize> {
        let code = |u: &UnitAnalysis| time_code(&text[u.start..u.end]).map(|(s, _)| s);
        let first = code(&units[i])?;
        if first > FIRST_CODE_MAX {
            return None;
        }
        let (mut last, mut last_at, mut coded) = (first, i, 1);
        for (j, u) in units.iter().enumerate().skip(i + 1) {
            if let Some(c) = code(u) {
                if c < last || c - last > MAX_GAP {
                    break;
                }
                last = c;
                last_at = j;
                coded += 1;
            }
        }
        if coded < MIN_CODED {
            return None;
        }
        let para = units[last_at].paragraph;
        let end = last_at
            + 1
            + units[last_at + 1..]
                .iter()
                .take_while(|u| u.paragraph == para && code(u).is_none())
                .count();
        Some(end)
    }

    fn credit_run(&self, text: &str, units: &mut [UnitAnalysis], resolver: &Resolver) {
        // The person the interviewer addresses, if one only.
        let mut addressed: Vec<String> = Vec::new();
        let mut after_comma = false;
        for u in units.iter() {
            let slice = &text[u.start..u.end];
            let body = strip_time_code(slice);
            let found = resolver.set_off_name(body, after_comma);
            after_comma = slice.trim_end().ends_with(',');
            if let Some(n) = found {
                if !addressed.contains(&n) {
                    addressed.push(n);
                }
            }
        }
        let (speaker, kind) = match addressed.as_slice() {
            [one] => (one.clone(), SourceKind::Named),
            _ => (self.unnamed.clone(), SourceKind::Vague),
        };
        if speaker.is_empty() {
            return;
        }
        let (mut turn, mut after_question) = (false, false);
        for u in units.iter_mut() {
            if !u.kind.has_certainty() {
                continue;
            }
            if u.kind == Kind::Question {
                (turn, after_question) = (false, true);
                continue;
            }
            if u.source.is_some() {
                (turn, after_question) = (false, false);
                continue;
            }
            let slice = &text[u.start..u.end];
            let coded = time_code(slice);
            let body = coded.map_or(slice, |(_, rest)| rest);
            let lower = body.trim_start().starts_with(char::is_lowercase);
            turn = if coded.is_none() {
                turn || self.own_voice(body)
            } else if lower {
                turn
            } else {
                self.own_voice(body) || after_question || (turn && self.opens_turn(body))
            };
            after_question = false;
            if turn {
                u.source = Some(Source {
                    named_here: false,
                    text: speaker.clone(),
                    kind,
                    via: SourceVia::Quote,
                });
            }
        }
    }
}

/// The folded words of a line, apostrophes kept inside them ("qu'on").
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| fold(w).text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_codes_are_read() {
        assert_eq!(time_code("00:04la suite"), Some((4, "la suite")));
        assert_eq!(time_code("1:02:33 Bonjour"), Some((3753, " Bonjour")));
        assert_eq!(time_code("12 000 soldats"), None);
        assert_eq!(time_code("10:5 x"), None);
        assert_eq!(time_code(""), None);
        assert_eq!(time_code("7:"), None);
        assert_eq!(strip_time_code("00:04la suite"), "la suite");
        assert_eq!(strip_time_code(" Bonjour"), "Bonjour");
    }
}
