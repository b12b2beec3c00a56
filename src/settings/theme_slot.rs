//! The colours a config may set, as one list: the `[theme]` table accepts exactly these names
//! and `ui::theme` sets each of them (its `match` is exhaustive, so a new slot cannot be
//! forgotten there).

use super::Colour;
use std::fmt;

/// Declares [`ThemeSlot`] and its names from one list, so the two cannot drift apart.
macro_rules! theme_slots {
    ($($slot:ident => $name:literal,)*) => {
        /// One colour of the theme that the config may set.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ThemeSlot {
            $($slot,)*
        }

        impl ThemeSlot {
            /// Every slot with its name in the `[theme]` table, in the order of the docs.
            pub const NAMES: &'static [(ThemeSlot, &'static str)] = &[$((ThemeSlot::$slot, $name),)*];
        }
    };
}

theme_slots! {
    Accent => "accent",
    Border => "border",
    SelectedBg => "selected_bg",
    SelectedFg => "selected_fg",
    Date => "date",
    Unread => "unread",
    Starred => "starred",
    Tag => "tag",
    StatusBg => "status_bg",
    StatusFg => "status_fg",
    Link => "link",
    Code => "code",
    Heading => "heading",
    SearchMatch => "search_match",
}

impl ThemeSlot {
    /// The slot the `[theme]` table calls `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        super::named(Self::NAMES, name)
    }

    /// The slot's name in the `[theme]` table.
    pub fn name(self) -> &'static str {
        super::name_of(Self::NAMES, &self)
    }
}

impl fmt::Display for ThemeSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Colours the config may set; unset ones keep the theme's default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeColors {
    pub entries: Vec<(ThemeSlot, Colour)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slot_has_one_name_and_back() {
        for &(slot, name) in ThemeSlot::NAMES {
            assert_eq!(ThemeSlot::from_name(name), Some(slot));
            assert_eq!(slot.name(), name);
        }
        assert_eq!(ThemeSlot::from_name("acent"), None);
    }
}
