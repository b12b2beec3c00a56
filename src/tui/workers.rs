//! Background threads that feed the event loop: terminal input, signals, the folder loader,
//! the folder watcher, the article renderer and the body search (which searches on rayon's
//! pool). Each sends [`Message`]s; none touches the screen.

use super::Message;
use crate::app::Action;
use brief_core::render::{RenderOptions, render_article_with};
use brief_core::store::{self, LoadOptions, Post};
use brief_i18n::Lang;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

/// Reads terminal events for as long as the loop listens.
pub fn spawn_input(tx: Sender<Message>) {
    thread::spawn(move || {
        while let Ok(event) = crossterm::event::read() {
            if tx.send(Message::Input(event)).is_err() {
                break;
            }
        }
    });
}

/// Ends the loop on SIGTERM, SIGHUP, SIGINT and SIGQUIT, so the terminal is restored.
pub fn spawn_signals(tx: Sender<Message>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let handled = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];
        if let Ok(mut signals) = signal_hook::iterator::Signals::new(handled) {
            thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let _ = tx.send(Message::Terminate(signal));
                }
            });
        }
    }
    #[cfg(not(unix))]
    let _ = tx;
}

/// The loader's first batch: small, so the list shows at once.
const FIRST_BATCH: usize = 256;

/// Loads the folders (through the index cache when there is a cache folder), sending posts in
/// growing batches; stops sending once `generation` moves on.
pub fn spawn_loader(
    roots: Vec<PathBuf>,
    cache_dir: Option<PathBuf>,
    tx: Sender<Message>,
    generation: Arc<AtomicU64>,
) {
    let mine = generation.load(Ordering::SeqCst);
    thread::spawn(move || {
        let current = || generation.load(Ordering::SeqCst) == mine;
        let cache_files: Vec<Option<PathBuf>> = roots
            .iter()
            .map(|root| {
                cache_dir
                    .as_deref()
                    .map(|dir| store::IndexCache::file_for(dir, root))
            })
            .collect();
        let with_caches: Vec<(&Path, Option<&Path>)> = roots
            .iter()
            .zip(&cache_files)
            .map(|(root, cache)| (root.as_path(), cache.as_deref()))
            .collect();
        store::stream_in_growing_batches(
            &with_caches,
            &LoadOptions::default(),
            FIRST_BATCH,
            &|batch| {
                if current() {
                    let _ = tx.send(Message::Action(Action::PostsLoaded {
                        posts: batch.posts,
                        diagnostics: batch.diagnostics,
                        done: false,
                    }));
                }
            },
        );
        if current() {
            let _ = tx.send(Message::Action(Action::PostsLoaded {
                posts: Vec::new(),
                diagnostics: Vec::new(),
                done: true,
            }));
        }
    });
}

/// A request to the article renderer.
pub struct RenderRequest {
    pub post: Post,
    pub width: usize,
}

/// Renders articles one at a time, with `language` as the interface language; of several
/// waiting requests only the newest is done. Dates with a zone are shown in `zone` (the local
/// one) when given.
pub fn spawn_renderer(
    tx: Sender<Message>,
    language: Lang,
    zone: Option<jiff::tz::TimeZone>,
) -> Sender<RenderRequest> {
    let (requests, rx) = channel::<RenderRequest>();
    thread::spawn(move || {
        while let Ok(mut request) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                request = newer;
            }
            let action = match store::read_body(&request.post) {
                Ok(body) => Action::ArticleReady {
                    path: request.post.path.clone(),
                    width: request.width,
                    article: Arc::new({
                        let options = RenderOptions::new(request.width).in_language(language);
                        match &zone {
                            Some(zone) => render_article_with(
                                &brief_core::render::zone::post_in_zone(&request.post, zone),
                                &body,
                                &options,
                            ),
                            None => render_article_with(&request.post, &body, &options),
                        }
                    }),
                },
                Err(diagnostic) => Action::ArticleFailed {
                    path: request.post.path.clone(),
                    message: diagnostic.render(language.catalog()),
                },
            };
            if tx.send(Message::Action(action)).is_err() {
                break;
            }
        }
    });
    requests
}

/// A request to the body search.
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    pub paths: Arc<Vec<PathBuf>>,
}

/// Searches post bodies, streaming hits; a newer request (or a cancel, which bumps
/// `latest`) stops the one under way between two files.
pub fn spawn_searcher(tx: Sender<Message>, latest: Arc<AtomicU64>) -> Sender<SearchRequest> {
    let (requests, rx) = channel::<SearchRequest>();
    thread::spawn(move || search_loop(&rx, &tx, &latest));
    requests
}

fn search_loop(rx: &Receiver<SearchRequest>, tx: &Sender<Message>, latest: &AtomicU64) {
    use rayon::prelude::*;
    /// Files searched between two checks for a newer search.
    const CHUNK: usize = 512;
    while let Ok(mut request) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            request = newer;
        }
        let stale = || latest.load(Ordering::SeqCst) != request.generation;
        // Several terms must all be in the post, each in its fields or its body.
        let terms = store::SearchTerms::parse(&request.query);
        let needles: Vec<store::Needle> =
            terms.text.iter().map(|t| store::Needle::new(t)).collect();
        let found = |path: &PathBuf| match needles.as_slice() {
            [needle] => store::body_contains(path, needle),
            needles => store::file_contains_all(path, needles),
        };
        let mut finished = true;
        for chunk in request.paths.chunks(CHUNK) {
            if stale() {
                finished = false;
                break;
            }
            let hits: Vec<PathBuf> = chunk
                .par_iter()
                .filter(|path| found(path))
                .cloned()
                .collect();
            if !hits.is_empty() {
                let _ = tx.send(Message::Action(Action::SearchHits {
                    generation: request.generation,
                    paths: hits,
                    done: false,
                }));
            }
        }
        if finished {
            let _ = tx.send(Message::Action(Action::SearchHits {
                generation: request.generation,
                paths: Vec::new(),
                done: true,
            }));
        }
    }
}

/// How long the folder must stay quiet before changes are read.
const WATCH_QUIET: Duration = Duration::from_millis(200);
/// The longest changes wait while the folder keeps changing.
const WATCH_MAX_WAIT: Duration = Duration::from_millis(800);

/// Starts watching the folders on a thread of its own: setting up a recursive watch visits
/// every folder, which must not delay the first frame. The watch lasts as long as the process.
pub fn spawn_watcher(roots: Vec<PathBuf>, tx: Sender<Message>) {
    thread::spawn(move || {
        let _watcher = watch(&roots, tx);
        loop {
            thread::park();
        }
    });
}

/// Watches the folders and sends the changed posts (loaded) and the paths that are gone, a
/// burst of changes at a time. Returns the watcher, which stops when dropped; `None` when
/// watching is not possible (the reader then relies on `r`).
pub fn watch(roots: &[PathBuf], tx: Sender<Message>) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let (changed, rx) = channel::<PathBuf>();
    // Events name canonical paths; posts carry their paths as the roots were given, which
    // may be relative (`brief posts`), so event paths are spelled back that way.
    let spellings: Vec<(PathBuf, PathBuf)> = roots
        .iter()
        .map(|r| {
            (
                std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()),
                r.clone(),
            )
        })
        .collect();
    let given: Vec<PathBuf> = roots.to_vec();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        // Reading a file (ours included) is not a change.
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            let path = spelled_as_given(path, &spellings);
            if !is_hidden_below(&path, &given) {
                let _ = changed.send(path);
            }
        }
    })
    .ok()?;
    for root in roots {
        let mode = if root.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        watcher.watch(root, mode).ok()?;
    }
    thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let started = Instant::now();
            let mut paths = vec![first];
            while started.elapsed() < WATCH_MAX_WAIT {
                match rx.recv_timeout(WATCH_QUIET) {
                    Ok(path) => paths.push(path),
                    Err(_) => break,
                }
            }
            paths.sort();
            paths.dedup();
            if tx.send(Message::Action(load_changes(paths))).is_err() {
                break;
            }
        }
    });
    Some(watcher)
}

/// `path` under a root's canonical spelling, rewritten under the root as it was given.
fn spelled_as_given(path: PathBuf, roots: &[(PathBuf, PathBuf)]) -> PathBuf {
    roots
        .iter()
        .find_map(|(canonical, given)| {
            let rest = path.strip_prefix(canonical).ok()?;
            Some(if rest.as_os_str().is_empty() {
                given.clone()
            } else {
                given.join(rest)
            })
        })
        .unwrap_or(path)
}

/// Whether a name under one of the roots starts with `.` (the roots themselves may live in
/// hidden folders, such as a temporary directory).
fn is_hidden_below(path: &Path, roots: &[PathBuf]) -> bool {
    let below = roots
        .iter()
        .find_map(|root| path.strip_prefix(root).ok())
        .unwrap_or(path);
    below
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Reads what changed: posts that exist now are loaded (a new folder wholly), the rest are gone.
fn load_changes(paths: Vec<PathBuf>) -> Action {
    let mut updated = Vec::new();
    let mut removed = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        if path.is_dir() {
            let loaded = store::load_path(&path, &LoadOptions::default());
            updated.extend(loaded.posts);
            diagnostics.extend(loaded.diagnostics);
            removed.push(path);
        } else if path.is_file() {
            if store::is_post_file(&path) {
                match store::load_file(&path, &LoadOptions::default()) {
                    Ok(loaded) => {
                        diagnostics.extend(loaded.diagnostics);
                        updated.push(loaded.post);
                    }
                    Err(diagnostic) => {
                        diagnostics.push(diagnostic);
                        removed.push(path);
                    }
                }
            }
        } else {
            removed.push(path);
        }
    }
    Action::PostsChanged {
        updated,
        removed,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_paths_are_spelled_as_the_roots_were_given() {
        let roots = vec![
            (PathBuf::from("/home/u/posts"), PathBuf::from("posts")),
            (
                PathBuf::from("/home/u/one.md"),
                PathBuf::from("../u/one.md"),
            ),
        ];
        let spelled = |p: &str| spelled_as_given(PathBuf::from(p), &roots);
        assert_eq!(
            spelled("/home/u/posts/a/b.md"),
            PathBuf::from("posts/a/b.md")
        );
        assert_eq!(spelled("/home/u/posts"), PathBuf::from("posts"));
        assert_eq!(spelled("/home/u/one.md"), PathBuf::from("../u/one.md"));
        assert_eq!(spelled("/elsewhere/c.md"), PathBuf::from("/elsewhere/c.md"));
    }
}
