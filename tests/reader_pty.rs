//! The real `brief` binary in a pseudo-terminal: keys go in as bytes, the output is fed to a
//! `vt100` parser, and the tests read the screen as a user would. They check that `o` hands
//! the source URL to `$BROWSER`, that search and the tag filter narrow the list, that help
//! opens and closes, that a resize re-lays out, and that every way out (`q`, `Ctrl-c`,
//! SIGTERM, SIGHUP) leaves the terminal as it was: normal screen, no mouse capture, cursor on.
//!
//! Nothing here sleeps for a fixed time to let something happen: every step waits for a
//! condition on the screen (or a file, or the process) with a generous deadline.

#![cfg(unix)]

use brief_core::store::{
    LoadOptions, Post, TagIndex, contains_ignore_case, load_path, read_body, sort_newest_first,
    unify_spellings,
};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long any one condition may take to come true. Generous: the machine may be busy
/// compiling; a passing run takes a fraction of this.
const DEADLINE: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(20);

/// The post the tests open: Chinese, with a source link.
const ARTICLE_TITLE: &str = "科技早报：生成式AI带动云计算需求（第7周）";

/// What crossterm writes to leave the alternate screen and to stop reporting the mouse.
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";
const DISABLE_MOUSE_CAPTURE: &[u8] = b"\x1b[?1000l";
const ENABLE_MOUSE_CAPTURE: &[u8] = b"\x1b[?1000h";
/// Device status report: the program asks where the cursor is (ratatui does at start-up).
const CURSOR_QUERY: &[u8] = b"\x1b[6n";
/// What ratatui writes (through crossterm) to clear the screen, as it does after a resize.
const CLEAR_SCREEN: &[u8] = b"\x1b[2J";

mod common;
use common::samples as sample_root;

/// The sample posts in the reader's order: tags unified, newest first.
fn posts_in_reader_order() -> Vec<Post> {
    let mut posts = load_path(&sample_root(), &LoadOptions::default()).posts;
    unify_spellings(&mut posts);
    sort_newest_first(&mut posts);
    posts
}

/// `brief` running in a pseudo-terminal, its screen kept up to date by a reader thread.
struct Session {
    emulator: Arc<Mutex<Emulator>>,
    master: Box<dyn MasterPty + Send>,
    /// The terminal's input, shared with the reader thread, which answers the program's
    /// cursor-position queries as a real terminal would.
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    /// Where the fake browser writes the URLs it is given.
    browser_log: PathBuf,
    /// HOME and the XDG folders: no user's config or marks get in, none are written out.
    _home: Arc<tempfile::TempDir>,
}

/// The terminal's side: what the program drew, and every byte it wrote.
struct Emulator {
    parser: vt100::Parser,
    /// Every byte the program wrote, for checking escape sequences.
    raw: Vec<u8>,
    /// A new (rows, cols) to take where the program clears the screen after `raw[from..]`:
    /// output drawn for the old size is read at the old size, the redraw at the new one.
    resize_at_next_clear: Option<(u16, u16, usize)>,
}

impl Emulator {
    /// Reads a chunk of output; returns the answers to the program's queries in it.
    fn feed(&mut self, chunk: &[u8]) -> Vec<String> {
        let start = self.raw.len();
        // A query may have begun in the last chunk.
        let from = start.saturating_sub(CURSOR_QUERY.len() - 1);
        self.raw.extend_from_slice(chunk);
        let queries = self.raw[from..]
            .windows(CURSOR_QUERY.len())
            .filter(|w| *w == CURSOR_QUERY)
            .count();
        let mut rest = chunk;
        if let Some((rows, cols, search_from)) = self.resize_at_next_clear {
            let found = self.raw[search_from..]
                .windows(CLEAR_SCREEN.len())
                .position(|w| w == CLEAR_SCREEN);
            if let Some(at) = found {
                let split = (search_from + at).saturating_sub(start);
                self.parser.process(&chunk[..split]);
                self.parser.screen_mut().set_size(rows, cols);
                self.resize_at_next_clear = None;
                rest = &chunk[split..];
            }
        }
        self.parser.process(rest);
        (0..queries)
            .map(|_| {
                let (row, col) = self.parser.screen().cursor_position();
                format!("\x1b[{};{}R", row + 1, col + 1)
            })
            .collect()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Session {
    /// Starts `brief sample-posts` in a `cols`x`rows` terminal.
    fn start(cols: u16, rows: u16) -> Self {
        let home = Arc::new(tempfile::tempdir().expect("a temporary home"));
        Self::start_in(&sample_root(), home, cols, rows)
    }

    /// Starts `brief ROOT` with HOME (and so config, marks and cache) in `home`, which a
    /// later session can share to see what this one saved.
    fn start_in(root: &Path, home: Arc<tempfile::TempDir>, cols: u16, rows: u16) -> Self {
        Self::start_in_locale(root, home, cols, rows, "C.UTF-8")
    }

    /// [`Session::start_in`] with `LANG` set to `locale`.
    fn start_in_locale(
        root: &Path,
        home: Arc<tempfile::TempDir>,
        cols: u16,
        rows: u16,
        locale: &str,
    ) -> Self {
        let browser_log = home.path().join("browser.log");
        let browser = home.path().join("browser.sh");
        std::fs::write(
            &browser,
            format!("#!/bin/sh\necho \"$@\" >> '{}'\n", browser_log.display()),
        )
        .expect("writing the fake browser");
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755))
                .expect("making the fake browser executable");
        }

        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        command.arg(root);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        // A clean environment: no NO_COLOR, no user config or marks, our browser.
        command.env_clear();
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        command.env("TERM", "xterm-256color");
        command.env("LANG", locale);
        command.env("HOME", home.path());
        for var in [
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
        ] {
            command.env(var, home.path().join(var.to_ascii_lowercase()));
        }
        command.env("BROWSER", &browser);
        let child = pair
            .slave
            .spawn_command(command)
            .expect("starting brief in the pseudo-terminal");
        // Only the child holds the terminal's other end now, so reading ends when it exits.
        drop(pair.slave);

        let emulator = Arc::new(Mutex::new(Emulator {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            resize_at_next_clear: None,
        }));
        let writer: Arc<Mutex<Box<dyn Write + Send>>> = Arc::new(Mutex::new(
            pair.master.take_writer().expect("the terminal's input"),
        ));
        let mut output = pair
            .master
            .try_clone_reader()
            .expect("the terminal's output");
        let reader = {
            let (emulator, writer) = (emulator.clone(), writer.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    let n = match output.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let answers = lock(&emulator).feed(&buf[..n]);
                    let mut writer = lock(&writer);
                    for answer in answers {
                        let _ = writer
                            .write_all(answer.as_bytes())
                            .and_then(|()| writer.flush());
                    }
                }
            })
        };
        Session {
            emulator,
            master: pair.master,
            writer,
            child,
            reader: Some(reader),
            browser_log,
            _home: home,
        }
    }

    /// Types `text` as the user would.
    fn send(&mut self, text: &str) {
        let mut writer = lock(&self.writer);
        writer
            .write_all(text.as_bytes())
            .expect("writing to the terminal");
        writer.flush().expect("flushing the terminal");
    }

    /// Presses a key and waits until the screen shows `expect`.
    fn press_until(&mut self, key: &str, what: &str, expect: impl Fn(&vt100::Screen) -> bool) {
        self.send(key);
        self.wait_for(what, expect);
    }

    /// The screen now, as text rows.
    fn rows(&self) -> Vec<String> {
        let emulator = lock(&self.emulator);
        let screen = emulator.parser.screen();
        let (_, cols) = screen.size();
        screen.rows(0, cols).collect()
    }

    fn screen_text(&self) -> String {
        self.rows().join("\n")
    }

    /// The last row: the status bar.
    fn status_bar(&self) -> String {
        self.rows().pop().unwrap_or_default()
    }

    /// Waits until `condition` holds for the screen; fails with the screen after the deadline.
    fn wait_for(&self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            {
                if condition(lock(&self.emulator).parser.screen()) {
                    return;
                }
            }
            if Instant::now() > deadline {
                panic!(
                    "waited {DEADLINE:?} for {what}; the screen shows:\n{}",
                    self.screen_text()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text` somewhere.
    fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |screen| {
            screen.contents().contains(text)
        });
    }

    /// Waits until the process has exited and all its output has been read.
    fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("polling the child") {
                break status;
            }
            if Instant::now() > deadline {
                panic!(
                    "brief did not exit within {DEADLINE:?}; the screen shows:\n{}",
                    self.screen_text()
                );
            }
            std::thread::sleep(POLL);
        };
        let reader = self.reader.take().expect("the reader thread");
        while !reader.is_finished() {
            if Instant::now() > deadline {
                panic!("the terminal's output did not end after brief exited");
            }
            std::thread::sleep(POLL);
        }
        reader.join().expect("the reader thread");
        status
    }

    fn raw_output(&self) -> Vec<u8> {
        lock(&self.emulator).raw.clone()
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Waits for the start-up screen: the list holding the sample posts.
    fn wait_for_list(&self) {
        let total = posts_in_reader_order().len();
        self.wait_for("the list with every sample post", |screen| {
            let text = screen.contents();
            text.contains("科技早报") && text.contains(&format!("{total}/{total}"))
        });
    }

    /// Checks that the terminal was given back: the raw output leaves the alternate screen and
    /// stops mouse reporting after it last started them, and the emulator agrees.
    fn assert_terminal_restored(&self, how: &str) {
        let raw = self.raw_output();
        let last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
        let entered = last(ENTER_ALTERNATE_SCREEN)
            .unwrap_or_else(|| panic!("{how}: never entered the alternate screen"));
        let left = last(LEAVE_ALTERNATE_SCREEN)
            .unwrap_or_else(|| panic!("{how}: no {LEAVE_ALTERNATE_SCREEN:?} in the output"));
        assert!(
            left > entered,
            "{how}: the alternate screen was entered again after it was left"
        );
        let captured = last(ENABLE_MOUSE_CAPTURE)
            .unwrap_or_else(|| panic!("{how}: mouse capture was never enabled"));
        let released = last(DISABLE_MOUSE_CAPTURE)
            .unwrap_or_else(|| panic!("{how}: no {DISABLE_MOUSE_CAPTURE:?} in the output"));
        assert!(
            released > captured,
            "{how}: mouse capture was enabled again after it was disabled"
        );

        let emulator = lock(&self.emulator);
        let screen = emulator.parser.screen();
        assert!(
            !screen.alternate_screen(),
            "{how}: still on the alternate screen"
        );
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{how}: the mouse is still reported"
        );
        assert!(!screen.hide_cursor(), "{how}: the cursor is still hidden");
        assert!(
            !screen.contents().contains("科技早报"),
            "{how}: the reader's screen is left on the normal screen:\n{}",
            screen.contents()
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// "Posts N/M" in the list pane's title: posts in view and in all.
fn list_count(screen: &vt100::Screen) -> Option<(usize, usize)> {
    let text = screen.contents();
    let after = &text[text.find("Posts ")? + "Posts ".len()..];
    let count: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    let (shown, total) = count.split_once('/')?;
    Some((shown.parse().ok()?, total.parse().ok()?))
}

#[test]
fn o_hands_the_articles_source_to_the_browser() {
    let posts = posts_in_reader_order();
    let index = posts
        .iter()
        .position(|p| p.title == ARTICLE_TITLE)
        .expect("the 科技早报 sample post");
    let source = posts[index].source.clone().expect("the post has a source");

    let mut session = Session::start(120, 40);
    session.wait_for_list();
    session.send(&"j".repeat(index));
    session.send("\r");
    // Wide screens show the whole title only in the article pane's header.
    session.wait_for_text(ARTICLE_TITLE);
    session.wait_for("the article's text", |screen| {
        screen.contents().contains("本周云计算行业的关键词")
    });
    session.send("o");
    let deadline = Instant::now() + DEADLINE;
    loop {
        let log = std::fs::read_to_string(&session.browser_log).unwrap_or_default();
        if log.lines().any(|line| line.trim() == source) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the browser was not given {source} within {DEADLINE:?}; it logged {log:?}; the screen shows:\n{}",
            session.screen_text()
        );
        std::thread::sleep(POLL);
    }
    session.wait_for("the status bar to say what opened", |screen| {
        let (rows, cols) = screen.size();
        screen
            .rows(0, cols)
            .nth(usize::from(rows) - 1)
            .is_some_and(|status| status.contains("opened"))
    });
    let log = std::fs::read_to_string(&session.browser_log).unwrap_or_default();
    assert_eq!(log.lines().count(), 1, "the browser ran once: {log:?}");

    session.send("Q");
    assert!(session.wait_for_exit().success());
    session.assert_terminal_restored("after o and Q");
}

#[test]
fn search_tags_and_help_at_80x24() {
    let posts = posts_in_reader_order();
    let total = posts.len();
    let tags = TagIndex::build(&posts);

    let mut session = Session::start(80, 24);
    session.wait_for_list();
    session.wait_for("the list's count", |screen| {
        list_count(screen) == Some((total, total))
    });

    // Search: the count in the list's title shrinks to the posts that mention 云计算.
    session.send("/");
    session.send("云计算");
    session.wait_for("the search prompt", |screen| {
        screen.contents().contains("/云计算")
    });
    session.send("\r");
    session.wait_for("the list to narrow to the matches", |screen| {
        list_count(screen).is_some_and(|(shown, all)| all == total && shown > 0 && shown < total)
    });
    let rows = session.rows();
    assert!(
        rows.iter().any(|row| row.contains("科技早报")),
        "a match is listed:\n{}",
        rows.join("\n")
    );
    assert!(
        !rows.iter().any(|row| row.contains("芯片周报")),
        "a post without 云计算 is not:\n{}",
        rows.join("\n")
    );

    // Tags: t opens the tag pane, j moves, Space toggles; the status bar names the filter.
    session.send("t");
    session.wait_for("the tag pane", |screen| screen.contents().contains("Tags"));
    session.send("j");
    session.send(" ");
    session.wait_for("a #tag in the status bar", |screen| {
        let (rows, cols) = screen.size();
        screen
            .rows(0, cols)
            .nth(usize::from(rows) - 1)
            .is_some_and(|status| status.contains(" #"))
    });
    let status = session.status_bar();
    let name = status
        .split(" #")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default()
        .to_string();
    assert!(
        tags.entries.iter().any(|entry| entry.name == name),
        "the status bar names a tag of the sample posts, not {name:?}: {status:?}"
    );
    // The list holds exactly the posts that match the search and carry the tag.
    let expected = posts
        .iter()
        .filter(|p| p.tags.contains(&name))
        .filter(|p| {
            [&p.title, p.summary.as_deref().unwrap_or("")]
                .into_iter()
                .chain(p.tags.iter().map(String::as_str))
                .any(|field| contains_ignore_case(field, "云计算"))
                || read_body(p).is_ok_and(|body| contains_ignore_case(&body, "云计算"))
        })
        .count();
    assert!(expected < total, "the filter narrows the list");
    assert!(
        status.starts_with(&format!("{expected}/{total} ")),
        "{expected} of {total} posts match and carry #{name}: {status:?}"
    );

    // Help: ? shows it over everything, Esc closes it.
    session.press_until("?", "the help overlay", |screen| {
        screen.contents().contains("move down")
    });
    session.press_until("\x1b", "the help to close", |screen| {
        !screen.contents().contains("move down")
    });
    let status = session.status_bar();
    assert!(
        status.contains(&format!("#{name}")),
        "the filter is still on after help: {status:?}"
    );

    session.send("Q");
    assert!(session.wait_for_exit().success());
    session.assert_terminal_restored("after Q at 80x24");
}

#[test]
fn q_quits_and_restores_the_terminal() {
    let mut session = Session::start(80, 24);
    session.wait_for_list();
    session.send("q");
    let status = session.wait_for_exit();
    assert!(status.success(), "q exits with status 0, not {status:?}");
    session.assert_terminal_restored("after q");
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let mut session = Session::start(80, 24);
    session.wait_for_list();
    // Ctrl-c is a key in raw mode, not a signal.
    session.send("\x03");
    let status = session.wait_for_exit();
    assert!(
        status.success(),
        "Ctrl-c exits with status 0, not {status:?}"
    );
    session.assert_terminal_restored("after Ctrl-c");
}

fn signal_restores(signal: &str) {
    let mut session = Session::start(120, 40);
    session.wait_for_list();
    let pid = session.pid().to_string();
    // The shell's own kill, so no kill program need be installed.
    let sent = std::process::Command::new("sh")
        .args(["-c", &format!("kill {signal} {pid}")])
        .status()
        .expect("running kill");
    assert!(sent.success(), "kill {signal} {pid}");
    let status = session.wait_for_exit();
    assert!(
        status.success(),
        "after {signal} brief exits cleanly, not {status:?}"
    );
    session.assert_terminal_restored(&format!("after kill {signal}"));
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores("-TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores("-HUP");
}

#[test]
fn sigquit_restores_the_terminal() {
    signal_restores("-QUIT");
}

#[test]
fn a_resize_re_lays_out_at_once() {
    let total = posts_in_reader_order().len();
    let mut session = Session::start(120, 40);
    session.wait_for_list();
    // Wide: tags, list and article side by side on the first row.
    session.wait_for("three panes", |screen| {
        let first = screen.rows(0, 120).next().unwrap_or_default();
        first.contains("Tags") && first.contains("Posts") && first.contains("Article")
    });

    {
        // Output already drawn for 120x40 is read at that size; the emulator takes the new
        // size where the program clears the screen to draw for it.
        let mut emulator = lock(&session.emulator);
        let from = emulator.raw.len();
        emulator.resize_at_next_clear = Some((15, 40, from));
        session
            .master
            .resize(PtySize {
                rows: 15,
                cols: 40,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resizing the pseudo-terminal");
    }
    // Narrow: the list alone at full width, its border at both edges, the status bar below.
    session.wait_for("the list alone at 40x15", |screen| {
        let rows: Vec<String> = screen.rows(0, 40).collect();
        let first = &rows[0];
        first.starts_with('┌')
            && first.ends_with('┐')
            && first.contains("Posts")
            && !first.contains("Tags")
            && !first.contains("Article")
            && rows[13].starts_with('└')
            && rows[13].ends_with('┘')
            && rows[1..13]
                .iter()
                .all(|row| row.starts_with('│') && row.ends_with('│'))
            && rows[14].starts_with(&format!("{total}/{total}"))
    });
    session.send("q");
    assert!(session.wait_for_exit().success());
    session.assert_terminal_restored("after resizing and q");
}

/// Copies a folder tree, for tests that change the posts under a running reader.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a copy of the posts");
    for entry in std::fs::read_dir(from).expect("the sample posts").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copying a post");
        }
    }
}

#[test]
fn files_dropped_into_the_folder_appear_and_deleted_ones_go() {
    let posts = tempfile::tempdir().expect("a posts folder");
    copy_tree(&sample_root(), posts.path());
    let home = Arc::new(tempfile::tempdir().expect("a temporary home"));
    let session = Session::start_in(posts.path(), home, 120, 40);
    session.wait_for_list();
    let total = posts_in_reader_order().len();

    let new_post = posts.path().join("2027-01-01-live.md");
    std::fs::write(
        &new_post,
        "---\ntitle: 实时投递的新简报\ndate: 2027-01-01\ntags: [实时]\n---\n\n正文。\n",
    )
    .expect("dropping a post in");
    session.wait_for_text("实时投递的新简报");
    session.wait_for("the count to grow by one", |screen| {
        list_count(screen) == Some((total + 1, total + 1))
    });

    std::fs::write(
        &new_post,
        "---\ntitle: 改过标题的简报\ndate: 2027-01-01\n---\n\n正文。\n",
    )
    .expect("editing it");
    session.wait_for_text("改过标题的简报");

    std::fs::remove_file(&new_post).expect("deleting it");
    session.wait_for("the deleted post to go", |screen| {
        !screen.contents().contains("改过标题的简报") && list_count(screen) == Some((total, total))
    });
}

#[test]
fn read_and_starred_marks_survive_a_restart() {
    let home = Arc::new(tempfile::tempdir().expect("a temporary home"));
    let first_title = posts_in_reader_order()[0].title.clone();
    let short: String = first_title.chars().skip(3).take(6).collect();

    let mut session = Session::start_in(&sample_root(), home.clone(), 80, 24);
    session.wait_for_list();
    session.send("\r");
    session.wait_for("the article", |screen| {
        screen.contents().contains("Article")
    });
    session.send("s");
    session.send("q");
    session.wait_for("the starred post in the list", |screen| {
        screen
            .contents()
            .lines()
            .any(|row| row.contains('★') && row.contains(&short))
    });
    session.send("q");
    assert!(session.wait_for_exit().success());

    let session = Session::start_in(&sample_root(), home.clone(), 80, 24);
    session.wait_for_list();
    session.wait_for("the star after a restart", |screen| {
        screen
            .contents()
            .lines()
            .any(|row| row.contains('★') && row.contains(&short))
    });

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["list", "--json"])
        .arg(sample_root())
        .env("LC_ALL", "C.UTF-8")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("xdg_config_home"))
        .env("XDG_DATA_HOME", home.path().join("xdg_data_home"))
        .env("XDG_CACHE_HOME", home.path().join("xdg_cache_home"))
        .output()
        .expect("brief list");
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let post = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == first_title.as_str())
        .expect("the post");
    assert_eq!(
        (post["read"].as_bool(), post["starred"].as_bool()),
        (Some(true), Some(true))
    );
}

#[test]
fn z_folding_is_remembered_across_a_restart() {
    let home = Arc::new(tempfile::tempdir().expect("a temporary home"));
    let mut session = Session::start_in(&sample_root(), home.clone(), 120, 40);
    session.wait_for_list();
    session.send("\r");
    session.send("z");
    session.wait_for("folding on", |screen| {
        screen
            .contents()
            .contains("Stories seen in earlier posts are folded")
    });
    session.send("Q");
    assert!(session.wait_for_exit().success());

    let mut session = Session::start_in(&sample_root(), home.clone(), 120, 40);
    session.wait_for_list();
    session.send("\r");
    // Still on: the same key now unfolds.
    session.send("z");
    session.wait_for("folding off after a restart", |screen| {
        screen.contents().contains("Every story is shown in full")
    });
}

#[test]
fn the_reader_speaks_the_locale_and_a_post_keeps_its_own_labels() {
    let home = Arc::new(tempfile::tempdir().expect("a temporary home"));
    let mut session = Session::start_in_locale(&sample_root(), home, 120, 40, "ja_JP.UTF-8");
    session.wait_for_list();
    session.wait_for("Japanese pane titles and key hint", |screen| {
        let rows: Vec<String> = screen.rows(0, 120).collect();
        rows[0].contains("タグ")
            && rows[0].contains("記事")
            && rows[0].contains("本文")
            && rows[39].contains("? ヘルプ")
    });
    // The newest sample post says `lang: [zh, en]`: its own labels are Chinese.
    session.send("\r");
    session.wait_for("the Chinese post's header labels", |screen| {
        screen.contents().contains("标签 #")
    });
    session.send("?");
    session.wait_for("the help in Japanese", |screen| {
        screen.contents().contains("下へ移動")
    });
}

/// The bug of a read post leaving the unread view under the article: `s` starred the next post.
#[test]
fn in_the_unread_view_s_stars_the_post_on_screen() {
    let home = Arc::new(tempfile::tempdir().expect("a temporary home"));
    let posts = posts_in_reader_order();
    let first_title = posts[0].title.clone();

    let mut session = Session::start_in(&sample_root(), home.clone(), 80, 24);
    session.wait_for_list();
    session.press_until("v", "the unread view", |screen| {
        screen.contents().contains("unread")
    });
    session.send("\r");
    session.wait_for("the article", |screen| {
        screen.contents().contains("Article")
    });
    session.send("s");
    session.send("q");
    session.wait_for("the starred post still listed", |screen| {
        screen.contents().lines().any(|row| row.contains('★'))
    });
    session.send("q");
    assert!(session.wait_for_exit().success());

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["list", "--json"])
        .arg(sample_root())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("xdg_config_home"))
        .env("XDG_DATA_HOME", home.path().join("xdg_data_home"))
        .env("XDG_STATE_HOME", home.path().join("xdg_state_home"))
        .env("XDG_CACHE_HOME", home.path().join("xdg_cache_home"))
        .output()
        .expect("brief list");
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let starred: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["starred"].as_bool() == Some(true))
        .map(|p| p["title"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        starred,
        [first_title.as_str()],
        "only the post on screen is starred"
    );
}
