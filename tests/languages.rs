//! Both official languages from one content folder: French pages under
//! `fr/`, locale formatting, fallback text marked with its own language,
//! one-language sites without `fr/`, and the completeness summary of `check`.

mod common;

use common::*;

#[test]
fn the_example_reads_in_french() {
    let (_tmp, out) = built(&example_content());
    let page = read(&out.join("fr/groups/border-security/index.html"));
    assert!(page.contains("<html lang=\"fr\""));
    assert!(page.contains("<h1>Sécurité frontalière</h1>"));
    assert!(page.contains("26 mai 2021"), "French dates");
    assert!(page.contains("En cours"), "French status labels");
    assert!(!page.contains("In progress"), "no English status label on a French page");
    let chart = read(&out.join("fr/charts/border-security_metric_seizures.svg"));
    assert!(chart.contains("Fentanyl saisi aux points d"), "French chart title");
    assert!(chart.contains("12,5"), "French decimal comma in the chart: {chart}");
    let dashboard = read(&out.join("fr/index.html"));
    assert!(dashboard.contains("hreflang=\"en\""), "link to the English page");
    assert!(dashboard.contains("href=\"../index.html\""), "the switch leads to the same page in English");
    let english = read(&out.join("groups/border-security/index.html"));
    assert!(english.contains("href=\"../../fr/groups/border-security/index.html\""), "and back");
}

#[test]
fn fallback_text_carries_its_own_language() {
    // The reference shapes give several texts in English only.
    let (_tmp, out) = built(&fixture_content("reference"));
    let group = read(&out.join("fr/groups/border-security/index.html"));
    assert!(group.contains("<div lang=\"en\"><p>Joint training plan <strong>agreed</strong>"), "{group}");
    assert!(
        group.contains(
            "<th scope=\"row\" data-label=\"Risque\"><span lang=\"en\">Staffing shortfall at small ports"
        ),
        "a plain-text title too"
    );
    assert!(group.contains("<span lang=\"en\">Strengthen detection and interdiction capacity"), "{group}");
    let meeting = read(&out.join("fr/meetings/2021-05-26/index.html"));
    assert!(meeting.contains("class=\"prose\" lang=\"en\""), "an untranslated record is marked English");
}

#[test]
fn a_one_language_site_has_no_french_and_no_switch() {
    let (_tmp, out) = built(&fixture_content("minimal"));
    assert!(!out.join("fr").exists());
    let index = read(&out.join("index.html"));
    assert!(!index.contains("hreflang"), "no alternates with one language");
    assert!(!index.contains("lang-switch"), "no language switch with one language");
}

#[test]
fn check_prints_how_complete_each_language_is() {
    let o = run(&["check", "--content", arg(&fixture_content("reference"))]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("en: 29 of 29 texts (100%), 1 of 1 records translated"), "{err}");
    assert!(err.contains("fr: 14 of 29 texts (48%), 0 of 1 records translated"), "{err}");
    let strict = run(&["check", "--strict", "--content", arg(&fixture_content("reference"))]);
    assert_eq!(code(&strict), 1, "missing translations fail a strict check");
    let example = run(&["check", "--strict", "--content", arg(&example_content())]);
    assert_eq!(code(&example), 0, "the example is complete in both languages: {}", stderr(&example));
    assert!(stderr(&example).contains("fr: 132 of 132 texts (100%)"), "{}", stderr(&example));
}

#[test]
fn french_group_page_snapshot() {
    let (_tmp, out) = built(&fixture_content("reference"));
    insta::assert_snapshot!(
        "reference-fr-groups-border-security.html",
        read(&out.join("fr/groups/border-security/index.html"))
    );
}

/// The `fallback` fixture (French missing from every kind of text), built
/// once per test run into the test's temp folder.
fn fallback_site() -> &'static std::path::Path {
    static SITE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("languages-fallback");
        let _ = std::fs::remove_dir_all(&out);
        build_ok(&fixture_content("fallback"), &out);
        out
    })
}

#[test]
fn a_change_sentence_marks_its_fallback_title() {
    let out = fallback_site();
    let fr = read(&out.join("fr/index.html"));
    assert!(
        fr.contains(
            "<span class=\"change-text\"><span class=\"direction direction-better\"><span aria-hidden=\"true\">▲</span> En progrès</span> <span lang=\"en\">Joint inspections</span>\u{a0}: Prévue → En cours (10\u{202f}% → 40\u{202f}%)</span>"
        ),
        "{fr}"
    );
    assert!(
        fr.contains("<span lang=\"en\">Winter closures</span>\u{a0}: clos (auparavant\u{a0}: Faible)</span>"),
        "a closed risk"
    );
    assert!(
        fr.contains("Projet pilote de scanners\u{a0}: 0\u{202f}% → 20\u{202f}%</span>"),
        "a translated title is not marked"
    );
    let en = read(&out.join("index.html"));
    assert!(
        en.contains(
            "<span aria-hidden=\"true\">▲</span> Better</span> Joint inspections: Planned → In progress (10% → 40%)</span>"
        ),
        "no mark on the English page: {en}"
    );
}

#[test]
fn a_change_sentence_escapes_its_parts() {
    let out = fallback_site();
    for page in ["fr/index.html", "fr/groups/ports/index.html", "fr/print/index.html", "index.html"] {
        let html = read(&out.join(page));
        // The theme's search script is `<script defer src=…>`; the content's
        // would be `<script>`.
        assert!(!html.contains("<script>") && !html.contains("<b>turnover"), "{page} lets markup through");
    }
    let fr = read(&out.join("fr/index.html"));
    assert!(
        fr.contains(
            "<span lang=\"en\">Data &lt;script&gt;alert(2)&lt;/script&gt; exchange</span>\u{a0}: nouvellement signalée"
        ),
        "{fr}"
    );
    assert!(fr.contains(
        "<span lang=\"en\">Staff &lt;b&gt;turnover&lt;/b&gt;</span>\u{a0}: Moyen (nouveau risque)"
    ));
}

#[test]
fn organizations_chairs_and_attendees_carry_their_own_language() {
    let out = fallback_site();
    let chair = "<span lang=\"en\">United States</span> — Jane Roe — <span lang=\"en\">U.S. Customs and Border Protection</span>";
    let attendee = "<span class=\"party\"><span lang=\"en\">United States</span></span> John Doe, <span lang=\"en\">Director</span>, \
                    <span lang=\"en\">Office of National Drug Control Policy</span>";
    let group = read(&out.join("fr/groups/ports/index.html"));
    assert!(group.contains(&format!("<li>{chair}</li>")), "{group}");
    assert!(
        group.contains("<li>Canada — Agence des services frontaliers du Canada</li>"),
        "translated: unmarked"
    );
    let meeting = read(&out.join("fr/meetings/2021-05-26/index.html"));
    assert!(meeting.contains(&format!("<li>{attendee}</li>")), "{meeting}");
    assert!(meeting.contains("<li><span class=\"party\">Canada</span> Sécurité publique Canada</li>"));
    assert!(meeting.contains("<dd><span lang=\"en\">Harbour Room</span></dd>"), "the location");
    let book = read(&out.join("fr/print/index.html"));
    assert!(book.contains(chair) && book.contains(&format!("<li>{attendee}</li>")), "{book}");
    let group = read(&out.join("groups/ports/index.html"));
    assert!(
        group.contains("<li>United States — Jane Roe — U.S. Customs and Border Protection</li>"),
        "{group}"
    );
    let meeting = read(&out.join("meetings/2021-05-26/index.html"));
    assert!(
        meeting.contains(
            "<li><span class=\"party\">United States</span> John Doe, Director, Office of National Drug Control Policy</li>"
        ),
        "no mark on the English page: {meeting}"
    );
    assert!(meeting.contains("<dd>Harbour Room</dd>"));
}

#[test]
fn party_names_carry_their_own_language() {
    let out = fallback_site();
    let group = read(&out.join("fr/groups/ports/index.html"));
    assert!(
        group.contains("<td data-label=\"Responsable\">Canada, <span lang=\"en\">United States</span></td>"),
        "lead parties: {group}"
    );
    let book = read(&out.join("fr/print/index.html"));
    assert!(
        book.contains("<td data-label=\"Responsable\">Canada, <span lang=\"en\">United States</span></td>"),
        "in the book too"
    );
    let group = read(&out.join("groups/ports/index.html"));
    assert!(group.contains("<td data-label=\"Lead\">Canada, United States</td>"), "{group}");
}

#[test]
fn group_meeting_and_page_names_in_lists_carry_their_own_language() {
    let out = fallback_site();
    let actions = read(&out.join("fr/actions/index.html"));
    assert!(
        actions
            .contains("<a href=\"../groups/ports/index.html\"><span lang=\"en\">Port Operations</span></a>"),
        "{actions}"
    );
    let meetings = read(&out.join("fr/meetings/index.html"));
    assert!(
        meetings.contains("<a href=\"../meetings/2021-05-26/index.html\">Réunion du comité</a>"),
        "{meetings}"
    );
    let dashboard = read(&out.join("fr/index.html"));
    assert!(dashboard.contains(
        "id=\"_changes-ports\"><a href=\"groups/ports/index.html\"><span lang=\"en\">Port Operations</span></a></h3>"
    ));
    assert!(dashboard.contains(
        "class=\"ask-group\" href=\"groups/ports/index.html\"><span lang=\"en\">Port Operations</span>"
    ));
    assert!(
        dashboard
            .contains("<p class=\"lead\"><span lang=\"en\">Ports and postal routes under review.</span></p>")
    );
    assert!(
        dashboard
            .contains("<a href=\"pages/terms/index.html\"><span lang=\"en\">Terms of reference</span></a>")
    );
    let book = read(&out.join("fr/print/index.html"));
    assert!(
        book.contains(
            "<span class=\"toc-label\">Annexe — <span lang=\"en\">Terms of reference</span></span>"
        ),
        "{book}"
    );
    assert!(book.contains("<a href=\"#_group-ports\"><span lang=\"en\">Port Operations</span></a>"));
    assert!(book.contains("<a href=\"#_group-postal\">Voies postales</a>"));
    let dashboard = read(&out.join("index.html"));
    assert!(dashboard.contains("<a href=\"pages/terms/index.html\">Terms of reference</a>"));
    assert!(dashboard.contains("<p class=\"lead\">Ports and postal routes under review.</p>"));
}

#[test]
fn the_actions_table_shows_its_meeting_date_and_the_list_a_translation_files_own_title() {
    // `2021-03-31.fr.md` gives the French title; the meeting's own title is English only.
    let out = fallback_site();
    let actions = read(&out.join("fr/actions/index.html"));
    assert!(actions.contains("<a href=\"../meetings/2021-03-31/index.html\">31 mars 2021</a>"), "{actions}");
    let meetings = read(&out.join("fr/meetings/index.html"));
    assert!(meetings.contains(">Réunion de planification</a>"), "{meetings}");
    let meeting = read(&out.join("fr/meetings/2021-03-31/index.html"));
    assert!(meeting.contains("<h1>Réunion de planification</h1>"), "{meeting}");
    let actions = read(&out.join("actions/index.html"));
    assert!(actions.contains("<a href=\"../meetings/2021-03-31/index.html\">March 31, 2021</a>"));
}

#[test]
fn the_site_title_and_subtitle_carry_their_own_language() {
    let out = fallback_site();
    let dashboard = read(&out.join("fr/index.html"));
    assert!(dashboard.contains(
        "<p class=\"site-title\"><a href=\"index.html\"><span lang=\"en\">Northern Ports Committee</span></a></p>"
    ));
    assert!(dashboard.contains("<p class=\"site-subtitle\"><span lang=\"en\">Quarterly Briefing</span></p>"));
    assert!(
        dashboard.contains("<p><span lang=\"en\">Northern Ports Committee</span> — <span lang=\"en\">Quarterly Briefing</span></p>"),
        "the footer"
    );
    // `<title>` holds text only: marked when all of it fell back, else left in the page's language.
    assert!(dashboard.contains("<title>Tableau de bord — Northern Ports Committee</title>"), "{dashboard}");
    let group = read(&out.join("fr/groups/ports/index.html"));
    assert!(
        group.contains("<title lang=\"en\">Port Operations — Northern Ports Committee</title>"),
        "{group}"
    );
    let book = read(&out.join("fr/print/index.html"));
    assert!(book.contains(
        "<span class=\"cover-site\"><span lang=\"en\">Northern Ports Committee</span></span> <span class=\"cover-subtitle\"><span lang=\"en\">Quarterly Briefing</span></span>"
    ));
    assert!(
        book.contains(
            "<p><a href=\"../index.html\"><span lang=\"en\">Northern Ports Committee</span></a></p>"
        ),
        "the book's bar"
    );
    let dashboard = read(&out.join("index.html"));
    assert!(
        dashboard.contains("<p class=\"site-title\"><a href=\"index.html\">Northern Ports Committee</a></p>")
    );
    assert!(dashboard.contains("<p class=\"site-subtitle\">Quarterly Briefing</p>"));
    assert!(dashboard.contains("<p>Northern Ports Committee — Quarterly Briefing</p>"));
    let group = read(&out.join("groups/ports/index.html"));
    assert!(group.contains("<title>Port Operations — Northern Ports Committee</title>"));
    let book = read(&out.join("print/index.html"));
    assert!(book.contains("<span class=\"cover-site\">Northern Ports Committee</span>"));
}

#[test]
fn chart_titles_and_labels_carry_their_own_language() {
    let out = fallback_site();
    let svg = read(&out.join("fr/charts/ports_metric_inspections.svg"));
    assert!(
        svg.contains(
            "<title id=\"chart-ports_metric_inspections-title\" lang=\"en\">Containers inspected</title>"
        ),
        "{svg}"
    );
    assert!(
        svg.contains("font-weight=\"bold\" lang=\"en\">\nContainers inspected\n</text>"),
        "the drawn title: {svg}"
    );
    assert!(svg.contains(" lang=\"en\">\nUnited States\n</text>"), "the legend: {svg}");
    assert!(svg.contains("fill=\"#222222\">\nCanada\n</text>"), "a translated party is not marked: {svg}");
    let progress = read(&out.join("fr/charts/ports_progress.svg"));
    assert!(progress.contains(" lang=\"en\">\nJoint inspections\n</text>"), "a direct label: {progress}");
    assert!(progress.contains("fill=\"#222222\">\nProjet pilote de scanners\n</text>"));
    let status = read(&out.join("fr/charts/committee-status.svg"));
    assert!(status.contains(" lang=\"en\">\nPort Operations\n</text>"), "a bar's name: {status}");
    assert!(status.contains("fill=\"#222222\">\nVoies postales\n</text>"));
    let group = read(&out.join("fr/groups/ports/index.html"));
    assert!(
        group.contains("<span class=\"chart-title visually-hidden\" lang=\"en\">Containers inspected</span>")
    );
    assert!(
        group.contains("<th scope=\"col\">Canada</th><th scope=\"col\" lang=\"en\">United States</th>"),
        "{group}"
    );
    assert!(
        group.contains("<tr><th scope=\"row\" lang=\"en\">Joint inspections</th><td>10\u{202f}%</td>"),
        "{group}"
    );
    let english = read(&out.join("charts/ports_metric_inspections.svg"));
    assert!(!english.contains(" lang="), "no mark in the English chart: {english}");
    let group = read(&out.join("groups/ports/index.html"));
    assert!(group.contains("<th scope=\"col\">Canada</th><th scope=\"col\">United States</th>"));
}

#[test]
fn chart_titles_that_mix_languages_mark_the_fallback_part() {
    let out = fallback_site();
    // A group's status chart shows its statuses at each update (ports has two).
    let status = read(&out.join("fr/charts/ports_status.svg"));
    assert!(
        status.contains(
            "font-weight=\"bold\">\n<tspan lang=\"en\">Port Operations</tspan> — Activités par état à chaque mise à jour\n</text>"
        ),
        "the drawn title: {status}"
    );
    // `<title>` holds text only: in the chart's language unless all of it fell back.
    assert!(
        status.contains("-title\">Port Operations — Activités par état à chaque mise à jour</title>"),
        "{status}"
    );
    let progress = read(&out.join("fr/charts/ports_progress.svg"));
    assert!(progress.contains("<tspan lang=\"en\">Port Operations</tspan> — Avancement des activités\n"));
    let group = read(&out.join("fr/groups/ports/index.html"));
    assert!(
        group.contains(
            "<span class=\"chart-title visually-hidden\"><span lang=\"en\">Port Operations</span> — Activités par état à chaque mise à jour</span>"
        ),
        "the figure caption: {group}"
    );
    assert!(
        group.contains(
            "<caption><span lang=\"en\">Port Operations</span> — Avancement des activités</caption>"
        )
    );
    assert!(
        group.contains("<svg") && group.contains("<tspan lang=\"en\">Port Operations</tspan>"),
        "the inline SVG too"
    );
    // A name with markup stays text everywhere.
    let customs = read(&out.join("fr/charts/customs_progress.svg"));
    assert!(
        customs.contains(
            "<tspan lang=\"en\">Customs &lt;script&gt;alert(3)&lt;/script&gt; desk</tspan> — Avancement des activités\n"
        ),
        "{customs}"
    );
    assert!(customs.contains(
        "-title\">Customs &lt;script&gt;alert(3)&lt;/script&gt; desk — Avancement des activités</title>"
    ));
    // A group with a single update has no status chart: one bar would only
    // repeat its activities table.
    assert!(!out.join("fr/charts/customs_status.svg").exists());
    // Its one activity's progress is a sentence on its page, not a chart of one bar.
    let page = read(&out.join("fr/groups/customs/index.html"));
    assert!(page.contains("<p class=\"chart-sentence\">Sa seule activité, «\u{202f}Formulaires communs\u{202f}», en est à 30\u{202f}%.</p>"));
    assert!(!page.contains("<script>"), "{page}");
    // A title all in the page's language is not marked, nor anything in English.
    let postal = read(&out.join("fr/charts/postal_progress.svg"));
    assert!(!postal.contains("tspan") && !postal.contains(" lang="), "{postal}");
    for svg in ["charts/ports_status.svg", "charts/ports_progress.svg", "charts/customs_progress.svg"] {
        let svg = read(&out.join(svg));
        assert!(!svg.contains("tspan") && !svg.contains(" lang="), "{svg}");
    }
    let group = read(&out.join("groups/ports/index.html"));
    assert!(group.contains(
        "<span class=\"chart-title visually-hidden\">Port Operations — Activities by status at each update</span>"
    ));
}

#[test]
fn chart_descriptions_stay_text_in_the_svg() {
    // `<desc>` is the chart's accessible description, a flat string: no marks
    // (the marked sentence is `description_html`, see src/charts/describe.rs).
    let out = fallback_site();
    let status = read(&out.join("fr/charts/ports_status.svg"));
    assert!(
        status.contains(
            "-desc\">Port Operations — Activités par état à chaque mise à jour\u{a0}: 31 mars 2021 — prévue\u{a0}: 2"
        ),
        "{status}"
    );
}

#[test]
fn the_no_data_note_marks_fallback_names() {
    let out = fallback_site();
    let progress = read(&out.join("fr/charts/ports_progress.svg"));
    assert!(
        progress.contains(
            ">\nAucune donnée\u{a0}: <tspan lang=\"en\">Data &lt;script&gt;alert(2)&lt;/script&gt; exchange</tspan>\n</text>"
        ),
        "{progress}"
    );
    let english = read(&out.join("charts/ports_progress.svg"));
    assert!(
        english.contains(">\nNo data: Data &lt;script&gt;alert(2)&lt;/script&gt; exchange\n</text>"),
        "{english}"
    );
}

#[test]
fn table_captions_mark_a_fallback_name() {
    let out = fallback_site();
    let book = read(&out.join("fr/print/index.html"));
    assert!(
        book.contains("<caption>État et avancement de chaque activité — <span lang=\"en\">Port Operations</span></caption>"),
        "{book}"
    );
    assert!(book.contains(
        "<caption>Risques, niveau et mesures d’atténuation — <span lang=\"en\">Customs &lt;script&gt;alert(3)&lt;/script&gt; desk</span></caption>"
    ));
    assert!(book.contains("<caption>État et avancement de chaque activité — Voies postales</caption>"));
    let group = read(&out.join("fr/groups/ports/index.html"));
    assert!(
        group.contains("<caption><span lang=\"en\">Containers inspected</span> (conteneurs)</caption>"),
        "the chart's data table: {group}"
    );
    let book = read(&out.join("print/index.html"));
    assert!(book.contains("<caption>Status and progress of each activity — Port Operations</caption>"));
    let group = read(&out.join("groups/ports/index.html"));
    assert!(group.contains("<caption>Containers inspected (containers)</caption>"));
}

#[test]
fn a_theme_may_show_texts_without_their_language_marks() {
    // A theme's own group page that shows each text's words alone (`.text`),
    // joining parts and sentences itself: still there and still escaped by
    // the template.
    let tmp = tempfile::TempDir::new().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(
        theme.join("templates/group.html"),
        "{% extends \"base.html\" %}{% block content %}\
         {% for chair in group.chairs %}<p class=\"chair\">{% for p in chair %}{% if not loop.first %} — {% endif %}{{ p.text }}{% endfor %}</p>{% endfor %}\
         {% for a in group.activities %}<p class=\"lead\">{% for p in a.lead %}{% if not loop.first %}, {% endif %}{{ p.text }}{% endfor %}</p>{% endfor %}\
         {% for ch in group.changes %}<p class=\"change\">{{ ch.title.text }}{{ ch.rest }}</p>{% endfor %}\
         {% endblock content %}",
    )
    .unwrap();
    let out = tmp.path().join("output");
    let o = run(&[
        "build",
        "--content",
        arg(&fixture_content("fallback")),
        "--out",
        arg(&out),
        "--theme",
        arg(&theme),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let group = read(&out.join("fr/groups/ports/index.html"));
    assert!(
        group
            .contains("<p class=\"chair\">United States — Jane Roe — U.S. Customs and Border Protection</p>")
    );
    assert!(group.contains("<p class=\"lead\">Canada, United States</p>"), "{group}");
    assert!(group.contains("<p class=\"change\">Data &lt;script&gt;alert(2)&lt;/script&gt; exchange\u{a0}: nouvellement signalée</p>"));
}
