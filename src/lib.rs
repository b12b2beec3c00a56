//! brief: a terminal reader for folders of news briefings.
pub mod text;
pub mod store;
pub mod render;
pub mod cli;
