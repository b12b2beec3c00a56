//! brief: a terminal reader for folders of news briefings.
pub mod cli;
pub mod render;
pub mod store;
pub mod text;
pub mod app;
pub mod ui;
pub mod tui;
pub mod marks;
pub mod config;
