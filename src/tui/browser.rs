//! Opening links without a shell: `$BROWSER` (colon-separated commands, `%s` replaced by the
//! URL, else the URL appended as one argument), else the system opener. The browser gets no
//! terminal: its input and output go nowhere, and it runs in its own process group.

use brief_i18n::{Catalog, Lang, fill};
use std::process::{Command, Stdio};

/// Why a link was not opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// No command of the configured browser or `$BROWSER` started: each program with its error.
    #[error("{}", self.message(Lang::En.catalog()))]
    Browsers {
        url: String,
        failures: Vec<(String, std::io::Error)>,
    },
    /// The system opener failed.
    #[error("{}", self.message(Lang::En.catalog()))]
    System { url: String, source: std::io::Error },
}

impl OpenError {
    /// The message in the language of `words`; the system's errors keep their own text.
    pub fn message(&self, words: &Catalog) -> String {
        let (url, error) = match self {
            OpenError::Browsers { url, failures } => {
                let each: Vec<String> = failures
                    .iter()
                    .map(|(program, e)| format!("{program}: {e}"))
                    .collect();
                (url, each.join("; "))
            }
            OpenError::System { url, source } => (url, source.to_string()),
        };
        fill(words.msg_could_not_open, &[("url", url), ("error", &error)])
    }
}

/// One way to open a URL: a program and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserCommand {
    pub program: String,
    pub args: Vec<String>,
}

/// The commands `$BROWSER` names for `url`, in order. Words are split on whitespace, never by
/// a shell; a word holding `%s` gets the URL in its place, and without any `%s` the URL is
/// appended as its own argument.
pub fn commands_from_env(browser: &str, url: &str) -> Vec<BrowserCommand> {
    browser
        .split(':')
        .filter_map(|entry| {
            let mut words = entry.split_whitespace();
            let program = words.next()?.to_string();
            let mut args: Vec<String> = words.map(str::to_string).collect();
            if args.iter().any(|a| a.contains("%s")) {
                args = args.into_iter().map(|a| a.replace("%s", url)).collect();
            } else {
                args.push(url.to_string());
            }
            Some(BrowserCommand { program, args })
        })
        .collect()
}

/// Opens `url` (already checked to be http, https or mailto) and says how, in the language
/// of `words`.
pub fn open(url: &str, configured: Option<&str>, words: &Catalog) -> Result<String, OpenError> {
    let from_env = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    if let Some(browser) = configured.map(str::to_string).or(from_env) {
        let mut failures = Vec::new();
        for command in commands_from_env(&browser, url) {
            match spawn_detached(&command) {
                Ok(()) => {
                    return Ok(fill(
                        words.msg_opened_with,
                        &[("url", &url), ("program", &command.program)],
                    ));
                }
                Err(e) => failures.push((command.program, e)),
            }
        }
        let url = url.to_string();
        return Err(OpenError::Browsers { url, failures });
    }
    open::that_detached(url)
        .map(|()| fill(words.msg_opened, &[("url", &url)]))
        .map_err(|source| OpenError::System {
            url: url.to_string(),
            source,
        })
}

fn spawn_detached(command: &BrowserCommand) -> std::io::Result<()> {
    let mut cmd = Command::new(&command.program);
    cmd.args(&command.args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd.spawn()?;
    // Reap the browser when it exits so it leaves no zombie; never wait for it here.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_is_appended_or_substituted_never_shell_parsed() {
        let url = "https://example.com/a?b=1&c=$(rm -rf ~)";
        let commands = commands_from_env("firefox --new-tab:lynx %s", url);
        assert_eq!(
            commands[0],
            BrowserCommand {
                program: "firefox".into(),
                args: vec!["--new-tab".into(), url.into()]
            }
        );
        assert_eq!(
            commands[1],
            BrowserCommand {
                program: "lynx".into(),
                args: vec![url.into()]
            }
        );
    }

    #[test]
    fn a_failure_is_worded_as_before_naming_each_program() {
        let error = OpenError::Browsers {
            url: "https://example.com".into(),
            failures: vec![
                ("nobrowser".into(), std::io::ErrorKind::NotFound.into()),
                ("other".into(), std::io::ErrorKind::PermissionDenied.into()),
            ],
        };
        let words = Lang::En.catalog();
        let expected = fill(
            words.msg_could_not_open,
            &[
                ("url", &"https://example.com"),
                (
                    "error",
                    &"nobrowser: entity not found; other: permission denied",
                ),
            ],
        );
        assert_eq!(error.message(words), expected);
        assert_eq!(error.to_string(), expected);
    }

    #[test]
    fn empty_entries_are_skipped() {
        assert_eq!(commands_from_env("::w3m", "u").len(), 1);
    }
}
