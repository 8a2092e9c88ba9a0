//! The few fixed words charts print, in each locale.

use crate::core::locale::Locale;

pub struct Words {
    pub period: &'static str,
    pub group: &'static str,
    pub activity: &'static str,
    pub no_data_yet: &'static str,
    /// Lower-case "no data yet", used inside a sentence.
    pub no_data_sentence: &'static str,
    /// Prefix of the note listing series without data.
    pub no_data_for: &'static str,
    /// Written in an empty table cell.
    pub missing: &'static str,
    /// Punctuation before a list: "title: …" / "titre : …".
    pub colon: &'static str,
    /// Separator between groups in the status sentence.
    pub semicolon: &'static str,
    /// Progress charts' legend: the bar, then the mark of the update before.
    pub latest_update: &'static str,
    pub previous_update: &'static str,
    /// Before the previous value under a progress bar: "was 15%".
    pub was: &'static str,
}

const EN: Words = Words {
    period: "Period",
    group: "Group",
    activity: "Activity",
    no_data_yet: "No data yet",
    no_data_sentence: "no data yet",
    no_data_for: "No data: ",
    missing: "—",
    colon: ":",
    semicolon: ";",
    latest_update: "Latest update",
    previous_update: "Previous update",
    was: "was",
};

const FR: Words = Words {
    period: "Période",
    group: "Groupe",
    activity: "Activité",
    no_data_yet: "Aucune donnée pour l’instant",
    no_data_sentence: "aucune donnée pour l’instant",
    no_data_for: "Aucune donnée\u{a0}: ",
    missing: "—",
    colon: "\u{a0}:",
    semicolon: "\u{202f};",
    latest_update: "Dernière mise à jour",
    previous_update: "Mise à jour précédente",
    was: "avant",
};

pub fn words(locale: Locale) -> &'static Words {
    match locale {
        Locale::En => &EN,
        Locale::Fr => &FR,
    }
}
