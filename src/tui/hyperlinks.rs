//! Whether the terminal is known to turn OSC 8 escapes into links, from its environment.
//!
//! `auto` is on only for terminals known to support them; an unknown terminal, and any
//! multiplexer (tmux passes hyperlinks since 3.4 only when its outer terminal takes them and
//! its `terminal-features` say so, which brief cannot know), get plain text. `always` and
//! `never` decide alone. `NO_COLOR` is about colour and does not matter here.
//!
//! This module reads no environment itself: the caller passes a lookup, so it is tested
//! over maps. It must not depend on `app` or `ui`.

use crate::config::HyperlinkMode;

/// `TERM_PROGRAM` values of terminals that support OSC 8.
const PROGRAMS: [&str; 4] = ["iTerm.app", "WezTerm", "vscode", "ghostty"];

/// Whether article links are drawn as hyperlinks, for `mode` and the environment that
/// `env` looks variables up in (an empty value counts as unset).
pub fn hyperlinks_on(mode: HyperlinkMode, env: impl Fn(&str) -> Option<String>) -> bool {
    let var = |name: &str| env(name).filter(|value| !value.is_empty());
    match mode {
        HyperlinkMode::Always => return true,
        HyperlinkMode::Never => return false,
        HyperlinkMode::Auto => {}
    }
    // tmux and GNU screen: whether links pass depends on the outer terminal too.
    if var("TMUX").is_some() || var("STY").is_some() {
        return false;
    }
    let term = var("TERM").unwrap_or_default();
    var("TERM_PROGRAM").is_some_and(|p| PROGRAMS.contains(&p.as_str()))
        || var("VTE_VERSION")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .is_some_and(|v| v >= 5000)
        || var("KITTY_WINDOW_ID").is_some()
        || term == "xterm-kitty"
        || term.starts_with("foot")
        || term.starts_with("alacritty")
        || var("WT_SESSION").is_some()
}

/// [`hyperlinks_on`] in this process's environment.
pub fn hyperlinks_here(mode: HyperlinkMode) -> bool {
    hyperlinks_on(mode, |name| std::env::var(name).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn on(mode: HyperlinkMode, vars: &[(&str, &str)]) -> bool {
        let env: HashMap<&str, &str> = vars.iter().copied().collect();
        hyperlinks_on(mode, |name| env.get(name).map(|v| v.to_string()))
    }

    #[test]
    fn auto_is_on_only_in_terminals_known_to_support_links() {
        let auto = HyperlinkMode::Auto;
        for known in [
            &[("TERM_PROGRAM", "iTerm.app")][..],
            &[("TERM_PROGRAM", "WezTerm")],
            &[("TERM_PROGRAM", "vscode")],
            &[("TERM_PROGRAM", "ghostty")],
            &[("VTE_VERSION", "7600"), ("TERM", "xterm-256color")],
            &[("VTE_VERSION", "5000")],
            &[("KITTY_WINDOW_ID", "1")],
            &[("TERM", "xterm-kitty")],
            &[("TERM", "foot")],
            &[("TERM", "foot-extra")],
            &[("TERM", "alacritty")],
            &[("WT_SESSION", "5b1c-…")],
            &[("TERM_PROGRAM", "WezTerm"), ("NO_COLOR", "1")],
        ] {
            assert!(on(auto, known), "{known:?}");
        }
        for unknown in [
            &[][..],
            &[("TERM", "xterm-256color")],
            &[("TERM", "linux")],
            &[("TERM_PROGRAM", "Apple_Terminal")],
            &[("VTE_VERSION", "4600")],
            &[("VTE_VERSION", "not a number")],
            &[("KITTY_WINDOW_ID", "")],
            &[("TERM_PROGRAM", "tmux"), ("TERM", "tmux-256color")],
            // Inside tmux, even in a terminal that takes links.
            &[
                ("TMUX", "/tmp/tmux-1000/default,1,0"),
                ("TERM_PROGRAM", "WezTerm"),
            ],
            &[
                ("TMUX", "/tmp/tmux-1000/default,1,0"),
                ("KITTY_WINDOW_ID", "1"),
            ],
            &[("STY", "1.pts-0.host"), ("WT_SESSION", "x")],
        ] {
            assert!(!on(auto, unknown), "{unknown:?}");
        }
    }

    #[test]
    fn always_and_never_ignore_the_terminal() {
        let tmux = [("TMUX", "/tmp/tmux-1000/default,1,0"), ("TERM", "screen")];
        assert!(on(HyperlinkMode::Always, &tmux));
        assert!(on(HyperlinkMode::Always, &[]));
        assert!(!on(HyperlinkMode::Never, &[("TERM_PROGRAM", "WezTerm")]));
        assert!(!on(HyperlinkMode::Never, &[("KITTY_WINDOW_ID", "1")]));
    }
}
