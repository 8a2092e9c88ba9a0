//! The cover of the briefing book: the committee, the meeting the book is
//! for, the briefing date, who issues the book and to whom, its marking.

use serde::Serialize;

use super::{Builder, Localized};

/// The cover's fields, each already in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct CoverView {
    pub committee: Localized,
    pub subtitle: Option<Localized>,
    /// The meeting the book is for (none when the committee has no meeting).
    pub meeting: Option<CoverMeeting>,
    /// "Briefing as of" this date.
    pub briefing_date: String,
    pub secretariat: Option<Localized>,
    pub distribution: Option<Localized>,
    pub classification: String,
}

/// The meeting on the cover.
#[derive(Debug, Clone, Serialize)]
pub struct CoverMeeting {
    pub title: Localized,
    pub date: String,
    /// `14:00` or `14:00–16:00 EDT`, or "".
    pub time: String,
    /// The address members join at, or "".
    pub join: String,
    /// "Virtual", "In person", "Hybrid", or "".
    pub format: String,
    pub location: Option<Localized>,
    /// Dated after the briefing date.
    pub upcoming: bool,
}

impl Builder<'_> {
    pub fn cover(&self) -> CoverView {
        let l = self.l;
        let meeting = self.state.book().map(|m| CoverMeeting {
            title: self.meeting_title(m),
            date: l.date(m.date),
            time: m.time.map(|t| l.meeting_time(m.date, t, m.zone(self.site))).unwrap_or_default(),
            join: m.join.clone().unwrap_or_default(),
            format: m.format.map(|f| l.s(&format!("format_{}", f.replace('-', "_")))).unwrap_or_default(),
            location: l.opt_lang(&m.location),
            upcoming: m.date > self.state.as_of(),
        });
        CoverView {
            committee: l.text_lang(&self.site.title),
            subtitle: l.opt_lang(&self.site.subtitle),
            meeting,
            briefing_date: l.date(self.state.as_of()),
            secretariat: l.opt_lang(&self.site.secretariat),
            distribution: l.opt_lang(&self.site.distribution),
            classification: l.text(&self.site.classification),
        }
    }
}
