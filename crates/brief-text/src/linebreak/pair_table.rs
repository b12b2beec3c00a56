//! What UAX #14 decides from two line break classes alone, worked out once with
//! `unicode-linebreak` between sample characters of each class, and what the breaker needs to
//! know of a character ([`Info`]), looked up in tables for the common blocks.
//!
//! Knows nothing of graphemes beyond a character's own width, nor of lines.

use super::graphemes::{Grapheme, is_simple};
use super::ideograph::is_ideograph;
use super::rules::{LineEdges, is_no_end, is_no_start};
use std::sync::OnceLock;
use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

/// One character of each line break class, by class number (`BreakClass as usize`). There is
/// none for surrogates, which cannot occur in a `str`.
pub(super) const CLASS_SAMPLES: [char; CLASSES] = [
    '\u{0b}',    // BK
    '\r',        // CR
    '\n',        // LF
    '\u{300}',   // CM
    '\u{85}',    // NL
    '\u{fffd}',  // SG: none, a placeholder
    '\u{2060}',  // WJ
    '\u{200b}',  // ZW
    '\u{a0}',    // GL
    ' ',         // SP
    '\u{200d}',  // ZWJ
    '\u{2014}',  // B2
    '\t',        // BA
    '\u{b4}',    // BB
    '-',         // HY
    '\u{fffc}',  // CB
    '}',         // CL
    ')',         // CP
    '!',         // EX
    '\u{2024}',  // IN
    '\u{17d6}',  // NS
    '(',         // OP
    '"',         // QU
    ',',         // IS
    '0',         // NU
    '%',         // PO
    '$',         // PR
    '/',         // SY
    '\u{a7}',    // AI
    '#',         // AL
    '\u{3041}',  // CJ
    '\u{261d}',  // EB
    '\u{1f3fb}', // EM
    '\u{ac00}',  // H2
    '\u{ac01}',  // H3
    '\u{5d0}',   // HL
    '\u{231a}',  // ID
    '\u{1100}',  // JL
    '\u{1160}',  // JV
    '\u{11a8}',  // JT
    '\u{1f1e6}', // RI
    '\u{e01}',   // SA
    '\u{378}',   // XX
];

/// Whether UAX #14 forgets the context before a character of this class: after one, breaks
/// go on the same whatever came before it. Only spaces, combining marks, joiners, hyphens,
/// break-after characters and regional indicators carry context over (they are the first
/// half of every pair `unicode-linebreak` marks unsafe to restart at; the tests check it).
pub(super) fn forgets_context(class: BreakClass) -> bool {
    FORGETS_CONTEXT & (1 << class as u64) != 0
}

/// The classes after which UAX #14 may still look back (see [`forgets_context`]).
pub(super) const CARRIES_CONTEXT: [BreakClass; 7] = [
    BreakClass::CombiningMark,
    BreakClass::Space,
    BreakClass::ZeroWidthJoiner,
    BreakClass::After,
    BreakClass::Hyphen,
    BreakClass::RegionalIndicator,
    BreakClass::Surrogate,
];

/// How many line break classes there are.
pub(super) const CLASSES: usize = BreakClass::Unknown as usize + 1;

/// What the breaker needs to know of a character: its line break class, its width when it is
/// a cluster of its own, whether it is simple (see [`is_simple`]) and whether the CJK rules
/// keep it off the start or the end of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Info {
    pub(super) class: u8,
    pub(super) width: u8,
    pub(super) simple: bool,
    pub(super) no_start: bool,
    pub(super) no_end: bool,
}

impl Info {
    /// What is known of `c`, ASCII from `table`.
    #[inline]
    pub(super) fn from_table(table: &PairTable, c: char) -> Self {
        if is_ideograph(c) {
            return Self {
                class: BreakClass::Ideographic as u8,
                width: 2,
                simple: true,
                no_start: false,
                no_end: false,
            };
        }
        let code = c as usize;
        match code {
            0..0x80 => table.ascii[code],
            0x2000..0x2070 => table.punctuation[code - 0x2000],
            0x3000..0x3100 => table.cjk[code - 0x3000],
            0xff00..0xfff0 => table.fullwidth[code - 0xff00],
            _ => Self::look_up(c),
        }
    }

    pub(super) fn look_up(c: char) -> Self {
        Self {
            class: break_property(u32::from(c)) as u8,
            width: Grapheme::simple(0, c).width as u8,
            simple: is_simple(c),
            no_start: is_no_start(c),
            no_end: is_no_end(c),
        }
    }
}

/// [`forgets_context`] as a mask of class numbers: every class but [`CARRIES_CONTEXT`].
pub(super) const FORGETS_CONTEXT: u64 = {
    let mut mask = (1 << CLASSES) - 1;
    let mut i = 0;
    while i < CARRIES_CONTEXT.len() {
        mask &= !(1 << CARRIES_CONTEXT[i] as u64);
        i += 1;
    }
    mask
};

/// The line break class of `c`, ideographs without a lookup.
#[inline]
pub(super) fn class_of(c: char) -> BreakClass {
    if is_ideograph(c) {
        BreakClass::Ideographic
    } else {
        break_property(u32::from(c))
    }
}

/// Opportunities that depend on two classes alone, found once with `unicode-linebreak`
/// between samples of the classes.
pub(super) struct PairTable {
    /// Between a character of a class that forgets the context and the next character.
    pub(super) pairs: [[Option<BreakOpportunity>; CLASSES]; CLASSES],
    /// Between the last of the spaces after such a character and the next character; the last
    /// row is for spaces at the start of the text.
    pub(super) after_spaces: [[Option<BreakOpportunity>; CLASSES]; CLASSES + 1],
    /// [`Info`] of each ASCII character, of General Punctuation (U+2000..U+206F), of CJK
    /// punctuation and kana (U+3000..U+30FF) and of the fullwidth forms (U+FF00..U+FFEF).
    pub(super) ascii: [Info; 0x80],
    pub(super) punctuation: [Info; 0x70],
    pub(super) cjk: [Info; 0x100],
    pub(super) fullwidth: [Info; 0xf0],
}

/// The row of [`PairTable::after_spaces`] for spaces at the start of the text.
pub(super) const START: usize = CLASSES;

pub(super) fn pair_table() -> &'static PairTable {
    static TABLE: OnceLock<PairTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = PairTable {
            pairs: [[None; CLASSES]; CLASSES],
            after_spaces: [[None; CLASSES]; CLASSES + 1],
            ascii: [Info::look_up(' '); 0x80],
            punctuation: [Info::look_up(' '); 0x70],
            cjk: [Info::look_up(' '); 0x100],
            fullwidth: [Info::look_up(' '); 0xf0],
        };
        for (infos, first) in [
            (&mut table.ascii[..], 0),
            (&mut table.punctuation[..], 0x2000),
            (&mut table.cjk[..], 0x3000),
            (&mut table.fullwidth[..], 0xff00),
        ] {
            for (offset, info) in infos.iter_mut().enumerate() {
                let c = char::from_u32(first + offset as u32).expect("no surrogates here");
                *info = Info::look_up(c);
            }
        }
        let mut text = String::new();
        let mut find = |before: Option<char>, spaces: usize, after: char| {
            text.clear();
            text.extend(before);
            text.extend(std::iter::repeat_n(' ', spaces));
            let at = text.len();
            text.push(after);
            linebreaks(&text)
                .find(|&(p, _)| p == at)
                .map(|(_, kind)| kind)
        };
        for (r, &b) in CLASS_SAMPLES.iter().enumerate() {
            for (l, &a) in CLASS_SAMPLES.iter().enumerate() {
                table.pairs[l][r] = find(Some(a), 0, b);
                table.after_spaces[l][r] = find(Some(a), 1, b);
            }
            table.after_spaces[START][r] = find(None, 1, b);
        }
        table
    })
}

impl LineEdges for Info {
    #[inline(always)]
    fn no_start(&self) -> bool {
        self.no_start
    }

    #[inline(always)]
    fn no_end(&self) -> bool {
        self.no_end
    }
}
