//! Places in source files, shared by every stage that reports one.

/// A place in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
}

impl Loc {
    pub const fn new(line: u32, col: u32) -> Loc {
        Loc { line, col }
    }

    /// The line and column (1-based, the column in characters) of the byte
    /// `offset` in `text`; an offset inside a character counts from its start.
    pub fn at(text: &str, offset: usize) -> Loc {
        let before = &text[..text.floor_char_boundary(offset)];
        let line = before.matches('\n').count() as u32 + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        Loc::new(line, col)
    }

    /// This place moved down by `lines` (for YAML embedded in a larger file).
    pub fn shifted(self, lines: u32) -> Loc {
        if self.line == 0 {
            return self;
        }
        Loc::new(self.line + lines, self.col)
    }
}
