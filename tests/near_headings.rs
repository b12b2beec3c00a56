//! Precision and recall of "perhaps also" (brief_core::stories::near) on a labelled set of heading
//! pairs in Chinese, English and Japanese (tests/fixtures/near-headings.tsv), written for
//! these tests. The figures asserted here are the ones the README reports.

use brief_core::stories::near::{NEAR_DICE, near};
use brief_text::heading_key;

struct Pair {
    same: bool,
    days: i64,
    a: String,
    b: String,
}

fn pairs() -> Vec<Pair> {
    let text = include_str!("fixtures/near-headings.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "{line:?}");
            Pair {
                same: match fields[0] {
                    "same" => true,
                    "diff" => false,
                    other => panic!("label {other:?}"),
                },
                days: fields[1].parse().expect("days"),
                a: fields[2].to_string(),
                b: fields[3].to_string(),
            }
        })
        .collect()
}

#[test]
fn precision_and_recall_on_the_labelled_pairs() {
    let pairs = pairs();
    assert!(pairs.len() >= 60, "{} pairs", pairs.len());
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for pair in &pairs {
        let (a, b) = (heading_key(&pair.a).unwrap(), heading_key(&pair.b).unwrap());
        let proposed = near(&a, &b, pair.days);
        match (proposed, pair.same) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                eprintln!("false positive: {} / {}", pair.a, pair.b);
            }
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
    }
    let precision = f64::from(tp) / f64::from(tp + fp);
    let recall = f64::from(tp) / f64::from(tp + fn_);
    eprintln!(
        "{} pairs, Dice >= {NEAR_DICE}: {tp} proposed rightly, {fp} wrongly, {fn_} missed; precision {precision:.2}, recall {recall:.2}",
        pairs.len()
    );
    // The figures the README reports: 36 of 44 proposals right, 36 of 43 same-event pairs
    // found (most wrong ones are the same subject doing something similar).
    assert_eq!((tp, fp, fn_), (36, 8, 7));
    assert!(precision > 0.81 && precision < 0.82, "{precision}");
    assert!(recall > 0.83 && recall < 0.84, "{recall}");
}
