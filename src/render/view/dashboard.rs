//! `index.html`: the committee at a glance.

use serde::Serialize;

use super::{
    ActionView, AskView, Builder, ChangeGroupView, ChangeView, ChartView, CountView, GroupView, Localized,
    MeetingView,
};

/// `index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub description: Option<Localized>,
    pub counts: Vec<CountView>,
    pub total: u32,
    pub groups: Vec<GroupView>,
    /// What got worse since the previous update, by group.
    pub worse: Vec<ChangeGroupView>,
    /// The other changes (for the better, new activities), by group.
    pub other_changes: Vec<ChangeGroupView>,
    /// Every change, in one list (the book's summary).
    pub changes: Vec<ChangeView>,
    pub overdue_actions: Vec<ActionView>,
    pub upcoming_actions: Vec<ActionView>,
    /// The newest meeting held (not after the briefing date), with its record.
    pub latest_meeting: Option<MeetingView>,
    /// The meeting to come, with its agenda (no record).
    pub upcoming_meeting: Option<MeetingView>,
    pub asks: Vec<AskView>,
    pub status_chart: Option<ChartView>,
    /// The current briefing book, and its PDF when printed.
    pub book_url: String,
    pub book_pdf: Option<super::archive::PdfLink>,
    /// What changed since the last meeting.
    pub since: Option<super::since::SinceView>,
}

impl Builder<'_> {
    pub fn dashboard(&self) -> Dashboard {
        let mut groups: Vec<GroupView> = self.state.groups().iter().map(|g| self.group_summary(g)).collect();
        // When every group's data is illustrative, the page's notice says so
        // once: the cards do not say it again.
        if groups.iter().all(|g| g.illustrative) {
            groups.iter_mut().for_each(|g| g.illustrative = false);
        }
        // Every group's changes, made once; the two lists gather them by group.
        let changes: Vec<ChangeView> = self.state.groups().iter().flat_map(|g| self.changes(g)).collect();
        let (worse, other): (Vec<ChangeView>, Vec<ChangeView>) =
            changes.iter().cloned().partition(|c| c.direction == "worse");
        let asks = groups.iter().flat_map(|g| g.asks.iter().filter(|a| a.pending).cloned()).collect();
        let overdue_actions =
            self.state.actions().iter().filter(|a| a.overdue).map(|a| self.action(a)).collect();
        let upcoming_actions = self
            .state
            .actions()
            .iter()
            .filter(|a| !a.overdue && !a.action.status.is_closed())
            .map(|a| self.action(a))
            .collect();
        Dashboard {
            description: self.l.opt_lang(&self.site.description),
            counts: self.counts(self.state.totals()),
            total: self.state.totals().total(),
            groups,
            worse: ChangeGroupView::gather(worse),
            other_changes: ChangeGroupView::gather(other),
            changes,
            overdue_actions,
            upcoming_actions,
            latest_meeting: self.state.latest().map(|m| self.meeting(m)),
            // An illustrative next meeting is said so by the page's notice
            // (`render::pages`), not again by a mark in its box.
            upcoming_meeting: self
                .state
                .upcoming()
                .map(|m| MeetingView { illustrative: false, ..self.meeting_summary(m) }),
            asks,
            status_chart: self.state.committee_chart().map(|c| self.chart_view(c)),
            book_url: format!("{}print/index.html", self.rec.root),
            book_pdf: self.rec.current_pdf(),
            since: self.since(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::render::view::fixture::with_builder;

    #[test]
    fn the_dashboard_gathers_every_group_change_ask_and_action() {
        with_builder("en", false, |b, _| {
            let d = b.dashboard();
            assert_eq!(d.total, 2);
            let in_progress = d.counts.iter().find(|c| c.status.key == "in-progress").unwrap();
            assert_eq!(in_progress.count, 1);
            assert_eq!(d.groups.len(), 1);
            assert!(d.groups[0].history.is_empty() && d.groups[0].charts.is_empty(), "cards only");
            let count = |g: &[super::ChangeGroupView]| g.iter().map(|g| g.changes.len()).sum::<usize>();
            assert_eq!((count(&d.worse), count(&d.other_changes)), (1, 2), "the raised risk got worse");
            assert_eq!(d.changes.len(), 3);
            assert_eq!(d.worse[0].changes[0].direction_label, "Worse");
            assert_eq!(d.other_changes.len(), 1, "one group, named once");
            assert_eq!(d.asks.len(), 1);
            assert_eq!((d.overdue_actions.len(), d.upcoming_actions.len()), (1, 0));
            let m = d.latest_meeting.expect("the latest meeting");
            assert!(m.body_html.contains("<h2 id=\"context\">"), "{}", m.body_html);
            assert!(d.description.is_none() && d.status_chart.is_none());
        });
    }

    #[test]
    fn the_cards_do_not_repeat_the_notice_when_every_group_is_illustrative() {
        let mut content = crate::render::view::fixture::content();
        content.updates.iter_mut().for_each(|u| u.illustrative = true);
        crate::render::view::fixture::with_content(content, "en", false, |b, _| {
            assert!(
                b.groups_page().groups[0].illustrative,
                "the groups page has no notice: the card says it"
            );
            assert!(!b.dashboard().groups[0].illustrative, "the dashboard's notice says it once");
        });
    }
}
