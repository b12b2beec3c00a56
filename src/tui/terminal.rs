//! Taking the terminal and giving it back: raw mode, the alternate screen, mouse capture and
//! the cursor, restored on quit, on error, on panic and on signals.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, stdout};
use std::sync::Once;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal in raw mode on the alternate screen with mouse capture.
pub fn enter() -> io::Result<Term> {
    install_panic_hook();
    enable_raw_mode()?;
    // Cleared here rather than with `Terminal::clear`, which asks the terminal where its cursor
    // is: on resuming from Ctrl-z the input thread is reading, and the answer would not come.
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        Clear(ClearType::All)
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    terminal.hide_cursor()?;
    Ok(terminal)
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn leave() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Restores the terminal before the default panic message is printed, so the message is
/// readable and the shell usable.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
        }));
    });
}

/// Whether an error says the terminal is gone: hung up (EIO) or closed.
pub fn is_gone(error: &io::Error) -> bool {
    /// EIO on Linux and the BSDs: what a read or write on a hung-up terminal gives.
    const EIO: i32 = 5;
    error.raw_os_error() == Some(EIO)
        || matches!(
            error.kind(),
            io::ErrorKind::BrokenPipe | io::ErrorKind::UnexpectedEof
        )
}

/// Leaves the terminal when dropped: on every return path of the reader, errors included.
#[derive(Debug)]
pub struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        leave();
    }
}
