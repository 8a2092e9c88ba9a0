//! `index.html`: the committee at a glance.

use serde::Serialize;

use super::{
    ActionView, AskView, Builder, ChangeView, ChartView, CountView, GroupView, Localized, MeetingView,
};

/// `index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub description: Option<Localized>,
    pub counts: Vec<CountView>,
    pub total: u32,
    pub groups: Vec<GroupView>,
    pub changes: Vec<ChangeView>,
    pub overdue_actions: Vec<ActionView>,
    pub upcoming_actions: Vec<ActionView>,
    /// The newest meeting held (not after the briefing date), with its record.
    pub latest_meeting: Option<MeetingView>,
    /// The meeting to come, with its agenda (no record).
    pub upcoming_meeting: Option<MeetingView>,
    pub asks: Vec<AskView>,
    pub status_chart: Option<ChartView>,
}

impl Builder<'_> {
    pub fn dashboard(&self) -> Dashboard {
        let groups: Vec<GroupView> = self.state.groups.iter().map(|g| self.group_summary(g)).collect();
        let changes = self.state.groups.iter().flat_map(|g| self.changes(g)).collect();
        let asks = groups.iter().flat_map(|g| g.asks.clone()).collect();
        let overdue_actions =
            self.state.actions.iter().filter(|a| a.overdue).map(|a| self.action(a)).collect();
        let upcoming_actions = self
            .state
            .actions
            .iter()
            .filter(|a| !a.overdue && !a.action.status.is_closed())
            .map(|a| self.action(a))
            .collect();
        Dashboard {
            description: self.l.opt_lang(&self.site.description),
            counts: self.counts(&self.state.totals),
            total: self.state.totals.total(),
            groups,
            changes,
            overdue_actions,
            upcoming_actions,
            latest_meeting: self.state.latest.map(|m| self.meeting(m)),
            upcoming_meeting: self.state.upcoming.map(|m| self.meeting_summary(m)),
            asks,
            status_chart: self.charts.committee.as_ref().map(|c| self.chart_view(c)),
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
            assert_eq!(d.changes.len(), 3);
            assert_eq!(d.asks.len(), 1);
            assert_eq!((d.overdue_actions.len(), d.upcoming_actions.len()), (1, 0));
            let m = d.latest_meeting.expect("the latest meeting");
            assert!(m.body_html.contains("<h2 id=\"context\">"), "{}", m.body_html);
            assert!(d.description.is_none() && d.status_chart.is_none());
        });
    }
}
