//! Background threads that feed the event loop: terminal input, the folder loader, the
//! article renderer and the body search. Each sends [`Message`]s; none touches the screen.

use super::Message;
use crate::app::Action;
use crate::render::render_article;
use crate::store::{self, LoadOptions, Post, contains_ignore_case, stream_path};
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

/// Ends the loop on SIGTERM, SIGHUP and SIGINT, so the terminal is restored.
pub fn spawn_signals(tx: Sender<Message>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
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

/// Loads the folder, sending posts in batches; stops sending once `generation` moves on.
pub fn spawn_loader(root: PathBuf, tx: Sender<Message>, generation: Arc<AtomicU64>) {
    let mine = generation.load(Ordering::SeqCst);
    thread::spawn(move || {
        let current = || generation.load(Ordering::SeqCst) == mine;
        stream_path(&root, &LoadOptions::default(), 512, &|batch| {
            if current() {
                let _ = tx.send(Message::Action(Action::PostsLoaded {
                    posts: batch.posts,
                    diagnostics: batch.diagnostics,
                    done: false,
                }));
            }
        });
        if current() {
            let _ = tx.send(Message::Action(Action::PostsLoaded { posts: Vec::new(), diagnostics: Vec::new(), done: true }));
        }
    });
}

/// A request to the article renderer.
pub struct RenderRequest {
    pub post: Post,
    pub width: usize,
}

/// Renders articles one at a time; of several waiting requests only the newest is done.
pub fn spawn_renderer(tx: Sender<Message>) -> Sender<RenderRequest> {
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
                    article: Arc::new(render_article(&request.post, &body, request.width)),
                },
                Err(diagnostic) => Action::ArticleFailed { path: request.post.path.clone(), message: diagnostic.to_string() },
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
    pub paths: Vec<PathBuf>,
}

/// Searches post bodies, streaming hits; a newer request (or a cancel, which bumps
/// `latest`) stops the one under way between two files.
pub fn spawn_searcher(tx: Sender<Message>, latest: Arc<AtomicU64>) -> Sender<SearchRequest> {
    let (requests, rx) = channel::<SearchRequest>();
    thread::spawn(move || search_loop(&rx, &tx, &latest));
    requests
}

fn search_loop(rx: &Receiver<SearchRequest>, tx: &Sender<Message>, latest: &AtomicU64) {
    while let Ok(mut request) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            request = newer;
        }
        let stale = || latest.load(Ordering::SeqCst) != request.generation;
        let mut hits = Vec::new();
        let mut last_sent = Instant::now();
        let mut finished = true;
        for path in &request.paths {
            if stale() {
                finished = false;
                break;
            }
            if body_contains(path, &request.query) {
                hits.push(path.clone());
            }
            if !hits.is_empty() && last_sent.elapsed() > Duration::from_millis(50) {
                let batch = std::mem::take(&mut hits);
                let _ = tx.send(Message::Action(Action::SearchHits { generation: request.generation, paths: batch, done: false }));
                last_sent = Instant::now();
            }
        }
        if finished {
            let _ = tx.send(Message::Action(Action::SearchHits { generation: request.generation, paths: hits, done: true }));
        }
    }
}

fn body_contains(path: &Path, query: &str) -> bool {
    let post = Post { path: path.to_path_buf(), ..Post::default() };
    store::read_body(&post).is_ok_and(|body| contains_ignore_case(&body, query))
}
