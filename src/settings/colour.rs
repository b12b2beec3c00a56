//! A colour as the config names it: one of the 16 terminal colours, an index of the 256-colour
//! palette, or `#rrggbb`. `ui::theme` turns it into the terminal library's colour.

use std::fmt;
use std::str::FromStr;

/// A colour of the `[theme]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Reset,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    Rgb(u8, u8, u8),
    Indexed(u8),
}

/// A value that is not a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a colour")]
pub struct NotAColour;

impl FromStr for Colour {
    type Err = NotAColour;

    /// The names ratatui accepted when brief parsed colours with it: case, spaces, `-` and `_`
    /// are ignored, `bright` means `light`, `grey` and `silver` mean `gray`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s
            .to_lowercase()
            .replace([' ', '-', '_'], "")
            .replace("bright", "light")
            .replace("grey", "gray")
            .replace("silver", "gray")
            .replace("lightblack", "darkgray")
            .replace("lightwhite", "white")
            .replace("lightgray", "white");
        Ok(match name.as_str() {
            "reset" => Colour::Reset,
            "black" => Colour::Black,
            "red" => Colour::Red,
            "green" => Colour::Green,
            "yellow" => Colour::Yellow,
            "blue" => Colour::Blue,
            "magenta" => Colour::Magenta,
            "cyan" => Colour::Cyan,
            "gray" => Colour::Gray,
            "darkgray" => Colour::DarkGray,
            "lightred" => Colour::LightRed,
            "lightgreen" => Colour::LightGreen,
            "lightyellow" => Colour::LightYellow,
            "lightblue" => Colour::LightBlue,
            "lightmagenta" => Colour::LightMagenta,
            "lightcyan" => Colour::LightCyan,
            "white" => Colour::White,
            _ => {
                if let Ok(index) = s.parse::<u8>() {
                    Colour::Indexed(index)
                } else if let Some((r, g, b)) = hex(s) {
                    Colour::Rgb(r, g, b)
                } else {
                    return Err(NotAColour);
                }
            }
        })
    }
}

/// `#rrggbb`.
fn hex(s: &str) -> Option<(u8, u8, u8)> {
    let digits = s.strip_prefix('#').filter(|d| d.len() == 6)?;
    let byte = |at: usize| u8::from_str_radix(digits.get(at..at + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

impl fmt::Display for Colour {
    /// As `brief config` shows it: the colour's name, `#RRGGBB`, or the palette index.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Colour::Reset => "Reset",
            Colour::Black => "Black",
            Colour::Red => "Red",
            Colour::Green => "Green",
            Colour::Yellow => "Yellow",
            Colour::Blue => "Blue",
            Colour::Magenta => "Magenta",
            Colour::Cyan => "Cyan",
            Colour::Gray => "Gray",
            Colour::DarkGray => "DarkGray",
            Colour::LightRed => "LightRed",
            Colour::LightGreen => "LightGreen",
            Colour::LightYellow => "LightYellow",
            Colour::LightBlue => "LightBlue",
            Colour::LightMagenta => "LightMagenta",
            Colour::LightCyan => "LightCyan",
            Colour::White => "White",
            Colour::Rgb(r, g, b) => return write!(f, "#{r:02X}{g:02X}{b:02X}"),
            Colour::Indexed(i) => return write!(f, "{i}"),
        };
        f.write_str(name)
    }
}
