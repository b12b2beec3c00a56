//! brief: a terminal reader for folders of news briefings.
pub mod app;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod marks;
pub mod render;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
