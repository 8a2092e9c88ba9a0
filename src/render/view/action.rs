//! An action: a row of the action tracker, of a meeting's actions, of the
//! dashboard's overdue and upcoming actions.

use serde::Serialize;

use super::{Builder, Localized, RecordBuilder, StatusView};
use crate::derive::ActionState;

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub id: String,
    pub owner: Localized,
    /// The group the action concerns, if any.
    pub group: Option<Localized>,
    pub group_url: String,
    pub due: String,
    pub overdue: bool,
    /// "12 days overdue" / "due in 5 days" / "".
    pub due_note: String,
    pub status: StatusView,
    /// Neither done nor cancelled (the search's "open actions only").
    pub open: bool,
    pub html: String,
    pub meeting: Localized,
    /// The date of the meeting that agreed it (what members look for).
    pub meeting_date: String,
    pub meeting_url: String,
    /// Its meeting's record is not approved: marked "draft record".
    pub draft_record: bool,
}

/// `actions/index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ActionsPage {
    pub overdue: Vec<ActionView>,
    pub open: Vec<ActionView>,
    pub closed: Vec<ActionView>,
}

impl RecordBuilder<'_> {
    pub fn action(&self, a: &ActionState) -> ActionView {
        let l = self.l;
        let due_note = match a.days_late {
            _ if a.action.status.is_closed() => String::new(),
            Some(1) => l.s("one_day_overdue"),
            Some(n) if n > 1 => l.fill("days_overdue", &[("n", &n.to_string())]),
            Some(0) => l.s("due_today"),
            Some(n) => l.fill("due_in_days", &[("n", &(-n).to_string())]),
            None => String::new(),
        };
        let (group, group_url) = self.group_link(a.action.group.as_ref()).unzip();
        ActionView {
            id: a.action.id.value.clone(),
            owner: l.text_lang(&a.action.owner),
            group,
            group_url: group_url.unwrap_or_default(),
            due: if self.in_book { l.opt_date_compact(a.action.due) } else { l.opt_date(a.action.due) },
            overdue: a.overdue,
            due_note,
            status: l.action_status(a.action.status, a.overdue),
            open: !a.action.status.is_closed(),
            html: self.markdown(&a.action.text),
            // A translation's own title, like the meeting's page shows.
            meeting: self.meeting_title(a.meeting),
            meeting_date: l.date(a.meeting.date),
            meeting_url: self.meeting_url(&a.meeting.slug),
            draft_record: super::decision::draft_record(a.meeting.record.as_ref().map(|r| r.state)),
        }
    }
}

impl Builder<'_> {
    /// `actions/index.html`'s view: overdue, open and closed actions.
    pub fn actions_page(&self) -> ActionsPage {
        let pick = |f: &dyn Fn(&ActionState) -> bool| {
            self.state.actions().iter().filter(|a| f(a)).map(|a| self.action(a)).collect()
        };
        ActionsPage {
            overdue: pick(&|a| a.overdue),
            open: pick(&|a| !a.overdue && !a.action.status.is_closed()),
            closed: pick(&|a| a.action.status.is_closed()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::fixture::with_builder;

    #[test]
    fn the_tracker_sorts_actions_and_says_how_late_they_are() {
        with_builder("fr", false, |b, _| {
            let page = b.actions_page();
            assert_eq!((page.overdue.len(), page.open.len(), page.closed.len()), (1, 0, 0));
            let a = &page.overdue[0];
            assert_eq!(a.due_note, "25 days overdue");
            assert_eq!(a.status.key, "overdue");
            assert_eq!(a.owner, Localized::own("Secrétariat"));
            assert_eq!(a.group.as_ref().unwrap().lang.as_deref(), Some("en"));
            assert_eq!(a.group_url, "../../groups/ports/index.html");
            assert_eq!(a.meeting.lang.as_deref(), Some("en"));
            assert_eq!(a.meeting_date, "26 mai 2021");
            assert_eq!(a.meeting_url, "../../meetings/2021-05-26/index.html");
            assert_eq!(a.html, "<p>Send the minutes.</p>\n", "a plain text is in every language");
        });
    }
}
