//! `site.yaml`: the committee, its languages and parties.

use super::{At, Text};
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
    /// A shorter form of the title, for a phone's header.
    pub short_name: Option<Text>,
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
    /// The committee's time zone, its IANA name as the tz database spells
    /// it (`America/Toronto`); without one, meeting times are floating.
    pub time_zone: Option<String>,
    pub paper: Paper,
    /// Who issues the briefing book, named on its cover.
    pub secretariat: Option<Text>,
    /// To whom the briefing book goes, named on its cover.
    pub distribution: Option<Text>,
    /// The committee's members, for attendance and quorum.
    pub members: Vec<Member>,
    /// What a held meeting needs present to decide.
    pub quorum: Option<Quorum>,
}

/// Why a meeting missed its quorum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuorumMiss {
    /// These parties had no member present or represented.
    Parties(Vec<String>),
    /// Too few members present or represented.
    Members { counted: usize, needed: u32 },
}

impl std::fmt::Display for QuorumMiss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QuorumMiss::Parties(p) => write!(f, "no member present or represented for {}", p.join(", ")),
            QuorumMiss::Members { counted, needed } => {
                write!(f, "{counted} members present or represented, {needed} needed")
            }
        }
    }
}

/// A member of the committee on the roster of `site.yaml`.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Member {
    pub id: At<String>,
    /// A person's name; a roster kept by office (a seat per organization and
    /// role) leaves it out.
    pub name: Option<String>,
    pub party: At<String>,
    pub organization: Option<Text>,
    pub role: MemberRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MemberRole {
    CoChair,
    Member,
    Alternate,
}

impl MemberRole {
    pub const KEYS: [&'static str; 3] = ["co-chair", "member", "alternate"];

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    pub fn from_key(key: &str) -> Option<MemberRole> {
        Self::KEYS.iter().position(|k| *k == key).map(|i| [Self::CoChair, Self::Member, Self::Alternate][i])
    }
}

/// The quorum rule: every party represented, and/or at least `members`
/// members present (in person or represented).
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Quorum {
    pub every_party: bool,
    pub members: Option<u32>,
    pub loc: Loc,
}

impl Site {
    pub fn default_lang(&self) -> &str {
        &self.languages[0]
    }

    pub fn party(&self, code: &str) -> Option<&Text> {
        self.parties.iter().find(|(c, _, _)| c == code).map(|(_, t, _)| t)
    }

    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id.value == id)
    }

    /// Why `a` misses the quorum rule of `site`, if it does: a missing party,
    /// or too few members present or represented.
    pub fn quorum_missed(&self, a: &super::Attendance) -> Option<QuorumMiss> {
        let rule = self.quorum.as_ref()?;
        let counted: Vec<&Member> = a
            .present
            .iter()
            .chain(a.represented.iter().map(|r| &r.member))
            .filter_map(|id| self.member(&id.value))
            // An alternate present counts only when representing a member,
            // and then as that member.
            .filter(|m| m.role != MemberRole::Alternate || a.represented.iter().any(|r| r.member == m.id))
            .collect();
        if rule.every_party {
            let missing: Vec<&str> = self
                .parties
                .iter()
                .map(|(c, _, _)| c.as_str())
                .filter(|p| !counted.iter().any(|m| m.party.value == *p))
                .collect();
            if !missing.is_empty() {
                return Some(QuorumMiss::Parties(missing.iter().map(|p| p.to_string()).collect()));
            }
        }
        if let Some(n) = rule.members
            && (counted.len() as u32) < n
        {
            return Some(QuorumMiss::Members { counted: counted.len(), needed: n });
        }
        None
    }
}
