//! The runner's order: follow-ups first come, first served; every effect runs.

use super::*;
use ratatui::layout::Rect;

/// Reports a message for each URL opened (or, for `reload:` URLs, asks to reload); records
/// everything it is asked.
#[derive(Default)]
struct Fake {
    asked: Vec<String>,
}

impl Effects for Fake {
    fn open_url(&mut self, url: String, _: &'static Catalog) -> Option<Action> {
        self.asked.push(format!("open {url}"));
        if url.starts_with("reload:") {
            return Some(Action::Reload);
        }
        Some(Action::Notify(format!("opened {url}")))
    }
    fn copy_to_clipboard(&mut self, text: String, _: &'static Catalog) -> Option<Action> {
        self.asked.push(format!("copy {text}"));
        None
    }
    fn reload(&mut self) -> Option<Action> {
        self.asked.push("reload".into());
        None
    }
    fn load_article(&mut self, post: Post, _: usize) -> Option<Action> {
        self.asked.push(format!("load {}", post.path.display()));
        None
    }
    fn search_bodies(&mut self, _: u64, query: String, _: Arc<Vec<PathBuf>>) -> Option<Action> {
        self.asked.push(format!("search {query}"));
        None
    }
    fn cancel_search(&mut self) -> Option<Action> {
        None
    }
    fn save_marks(&mut self, _: Vec<MarkChange>, _: &'static Catalog) -> Option<Action> {
        None
    }
    fn save_search(&mut self, _: String, _: &'static Catalog) -> Option<Action> {
        None
    }
    fn save_positions(&mut self, _: Vec<PositionChange>, _: &'static Catalog) -> Option<Action> {
        None
    }
    fn save_seen(&mut self, _: Vec<SeenChange>, _: &'static Catalog) -> Option<Action> {
        None
    }
    fn save_fold_repeats(&mut self, _: bool, _: &'static Catalog) -> Option<Action> {
        None
    }
    fn find_stories(&mut self, _: Vec<Post>) -> Option<Action> {
        None
    }
}

fn app() -> App {
    App::new(PathBuf::from("posts"), Rect::new(0, 0, 80, 24))
}

#[test]
fn follow_ups_are_applied_in_the_order_they_were_reported() {
    let (mut app, mut fake) = (app(), Fake::default());
    let effect = Effect::Batch(vec![
        Effect::OpenUrl("https://a.example".into()),
        Effect::Batch(vec![Effect::OpenUrl("https://b.example".into())]),
    ]);
    assert_eq!(run(&mut app, effect, &mut fake), Flow::Continue);
    assert_eq!(
        fake.asked,
        ["open https://a.example", "open https://b.example"]
    );
    // The later report is applied last, as the event loop's channel would deliver it; a stack
    // would leave the first message on screen.
    assert_eq!(app.status.as_deref(), Some("opened https://b.example"));
}

#[test]
fn every_effect_of_a_batch_runs_even_after_quit_and_quit_wins() {
    let (mut app, mut fake) = (app(), Fake::default());
    let effect = Effect::Batch(vec![
        Effect::Suspend,
        Effect::Quit,
        Effect::CopyToClipboard("x".into()),
    ]);
    assert_eq!(run(&mut app, effect, &mut fake), Flow::Quit);
    assert_eq!(fake.asked, ["copy x"]);
}

#[test]
fn settle_runs_what_an_action_asks_for() {
    let (mut app, mut fake) = (app(), Fake::default());
    assert_eq!(settle(&mut app, Action::Reload, &mut fake), Flow::Continue);
    assert_eq!(fake.asked, ["reload"]);
    assert_eq!(settle(&mut app, Action::QuitNow, &mut fake), Flow::Quit);
}

#[test]
fn the_effects_of_a_follow_up_run_too() {
    let (mut app, mut fake) = (app(), Fake::default());
    let effect = Effect::Batch(vec![
        Effect::OpenUrl("reload:".into()),
        Effect::OpenUrl("https://a.example".into()),
    ]);
    run(&mut app, effect, &mut fake);
    // The first report asks to reload; that runs once the whole batch has run, as it would
    // when the event loop takes the report from its channel.
    assert_eq!(
        fake.asked,
        ["open reload:", "open https://a.example", "reload"]
    );
}
