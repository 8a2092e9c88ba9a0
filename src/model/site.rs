//! `site.yaml`: the committee, its languages and parties.

use super::Text;
use crate::core::Loc;

/// Paper size of the briefing book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Paper {
    #[default]
    Letter,
    A4,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Site {
    pub file: String,
    pub title: Text,
    pub subtitle: Option<Text>,
    pub description: Option<Text>,
    /// Language codes; the first is the default. Never empty.
    pub languages: Vec<String>,
    pub languages_loc: Loc,
    /// The marking printed at the top and bottom of every page, per language.
    pub classification: Text,
    /// Party code, name, place of the code.
    pub parties: Vec<(String, Text, Loc)>,
    pub base_url: Option<String>,
    pub paper: Paper,
    /// Who issues the briefing book, named on its cover.
    pub secretariat: Option<Text>,
    /// To whom the briefing book goes, named on its cover.
    pub distribution: Option<Text>,
}

impl Site {
    pub fn default_lang(&self) -> &str {
        &self.languages[0]
    }

    pub fn party(&self, code: &str) -> Option<&Text> {
        self.parties.iter().find(|(c, _, _)| c == code).map(|(_, t, _)| t)
    }
}
