//! `y`: the link goes to the clipboard through the terminal (OSC 52), and the message says
//! honestly whether it can have arrived. Inside tmux the sequence only reaches the clipboard
//! when tmux's `set-clipboard` is `on`, so tmux is asked; elsewhere brief cannot know whether
//! the terminal honours OSC 52, and says so.

use brief_i18n::{Catalog, fill};
use std::process::{Command, Stdio};

/// What the copy came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyOutcome {
    /// tmux takes OSC 52 from programs.
    ThroughTmux,
    /// tmux drops it; its `set-clipboard` is this.
    TmuxDrops(String),
    /// Sent to a terminal that may or may not honour it.
    Sent,
}

impl CopyOutcome {
    /// The outcome from `$TMUX` and what tmux says its `set-clipboard` is.
    pub fn from(in_tmux: bool, set_clipboard: Option<&str>) -> Self {
        match (in_tmux, set_clipboard.map(str::trim)) {
            (false, _) => CopyOutcome::Sent,
            (true, Some("on")) => CopyOutcome::ThroughTmux,
            (true, setting) => CopyOutcome::TmuxDrops(setting.unwrap_or("unknown").to_string()),
        }
    }

    /// The status-bar message for copying `text`, in the language of `words`.
    pub fn message(&self, text: &str, words: &Catalog) -> String {
        let template = match self {
            CopyOutcome::ThroughTmux => words.msg_copied,
            // Short enough for an 80-column status bar; the setting is left out.
            CopyOutcome::TmuxDrops(_) => words.msg_copy_tmux_drops,
            CopyOutcome::Sent => words.msg_copy_sent,
        };
        fill(template, &[("text", &text)])
    }
}

/// Asks the tmux the reader runs in (if any) how it treats OSC 52.
pub fn outcome() -> CopyOutcome {
    let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    if !in_tmux {
        return CopyOutcome::Sent;
    }
    let setting = Command::new("tmux")
        .args(["show-options", "-gv", "set-clipboard"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    CopyOutcome::from(true, setting.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> &'static Catalog {
        brief_i18n::Lang::En.catalog()
    }

    #[test]
    fn the_message_says_what_to_enable_when_tmux_drops_osc_52() {
        let url = "https://example.com/a";
        assert_eq!(
            CopyOutcome::from(true, Some("on\n")).message(url, en()),
            format!("copied {url}")
        );
        let dropped = CopyOutcome::from(true, Some("external\n")).message(url, en());
        assert!(dropped.contains("set -g set-clipboard on"), "{dropped}");
        assert_eq!(
            CopyOutcome::from(true, None),
            CopyOutcome::TmuxDrops("unknown".into())
        );
        assert!(dropped.starts_with("not copied"));
        let elsewhere = CopyOutcome::from(false, None).message(url, en());
        assert!(elsewhere.contains(url) && elsewhere.contains("OSC 52"));
        assert!(
            !elsewhere.starts_with("copied"),
            "no claim it arrived: {elsewhere}"
        );
    }
}
