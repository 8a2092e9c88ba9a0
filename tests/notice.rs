//! Time zones, invitations and notices, on `tests/fixtures/zones/`: four
//! meetings in Toronto either side of the changes to and from summer time
//! (14 March and 7 November 2021) and one in Paris. The calendars give each
//! meeting at its wall time with a `TZID` and the zone's `VTIMEZONE`; each
//! meeting has an `invite.ics` and a `notice.eml` (an e-mail draft in both
//! languages). The ignored tests read them back with Python's icalendar
//! and email packages.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

const BASE: &str = "https://briefing.example.org/zones/";

fn built_with(content: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let mut args = vec!["build", "--content", arg(content), "--out", arg(&out)];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    (tmp, out)
}

const MEETINGS: [&str; 5] = ["2021-03-09", "2021-03-23", "2021-06-15-paris", "2021-11-03", "2021-11-10"];

#[test]
fn meeting_times_carry_their_zone_in_pages_and_calendars() {
    let (_tmp, out) = built_with(&fixture_content("zones"), &["--base-url", BASE]);
    let cal = read(&out.join("calendar.ics"));
    assert!(cal.contains("DTSTART;TZID=America/Toronto:20210309T130000\r\n"), "{cal}");
    assert!(cal.contains("DTEND;TZID=America/Toronto:20211110T150000\r\n"));
    assert!(cal.contains("DTSTART;TZID=Europe/Paris:20210615T100000\r\n"));
    // One VTIMEZONE per zone used, with the year's transitions.
    assert_eq!(count(&cal, "BEGIN:VTIMEZONE"), 2);
    assert!(cal.contains("TZID:America/Toronto\r\n") && cal.contains("TZID:Europe/Paris\r\n"));
    assert!(
        cal.contains("DTSTART:20210314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n")
    );
    assert!(
        cal.contains("DTSTART:20211107T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\n")
    );
    assert!(
        cal.contains("DTSTART:20210328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n")
    );
    // Pages show the zone, in each language's words.
    let page = read(&out.join("meetings/2021-03-09/index.html"));
    assert!(page.contains("13:00–15:00 EST"), "EST before the change");
    assert!(read(&out.join("meetings/2021-03-23/index.html")).contains("13:00–15:00 EDT"));
    assert!(read(&out.join("meetings/2021-06-15-paris/index.html")).contains("10:00–12:00 CEST"));
    let fr = read(&out.join("fr/meetings/2021-03-23/index.html"));
    assert!(
        fr.contains("13 h – 15 h (HAE)") || fr.contains("13\u{a0}h – 15\u{a0}h (HAE)"),
        "French zone names"
    );
    assert!(read(&out.join("fr/meetings/2021-06-15-paris/index.html")).contains("(CEST)"));
    let list = read(&out.join("meetings/index.html"));
    assert!(list.contains("13:00–15:00 EST") && list.contains("13:00–15:00 EDT"), "the meetings list");
    // The join link and the invitation and notice, from the meeting's page.
    assert!(page.contains("href=\"https://meet.example.org/j/2021-03-09\""));
    assert!(page.contains("href=\"invite.ics\"") && page.contains("href=\"notice.eml\""));
    for m in MEETINGS {
        for prefix in ["", "fr/"] {
            let invite = read(&out.join(format!("{prefix}meetings/{m}/invite.ics")));
            assert_eq!(count(&invite, "BEGIN:VEVENT"), 1, "{m}");
            assert!(invite.contains("METHOD:PUBLISH\r\n") && invite.contains("BEGIN:VTIMEZONE\r\n"), "{m}");
            assert!(
                invite.contains(&format!("UID:meeting-{m}@briefing.example.org\r\n")),
                "{m}: the calendar's UID"
            );
            assert!(out.join(format!("{prefix}meetings/{m}/notice.eml")).is_file());
        }
    }
    let invite = read(&out.join("meetings/2021-03-09/invite.ics")).replace("\r\n ", "");
    assert!(invite.contains("URL:https://meet.example.org/j/2021-03-09\r\n"), "{invite}");
    assert!(invite.contains("Health report (Health\\, For decision)"), "the agenda: {invite}");
    assert!(invite.contains("LOCATION:Ottawa\r\n"));
}

#[test]
fn a_site_without_a_zone_keeps_floating_times() {
    let (_tmp, out) = built(&example_content_without_zone().1);
    let cal = read(&out.join("calendar.ics"));
    assert!(cal.contains("DTSTART:20210929T130000\r\n"), "floating: {cal}");
    assert!(!cal.contains("VTIMEZONE"));
    let page = read(&out.join("meetings/2021-09-29/index.html"));
    assert!(page.contains("13:00–15:00") && !page.contains("EDT"));
}

/// The example committee with its `time_zone` taken out.
fn example_content_without_zone() -> (tempfile::TempDir, PathBuf) {
    let (tmp, content) = temp_copy(&example_content());
    let site = read(&content.join("site.yaml"));
    let site: String =
        site.lines().filter(|l| !l.starts_with("time_zone:")).map(|l| format!("{l}\n")).collect();
    fs::write(content.join("site.yaml"), site).unwrap();
    (tmp, content)
}

#[test]
fn the_notice_is_a_bilingual_mime_draft_the_same_at_every_build() {
    let (_tmp, out) = built_with(&fixture_content("zones"), &["--base-url", BASE]);
    let (_tmp2, again) = built_with(&fixture_content("zones"), &["--base-url", BASE]);
    for m in MEETINGS {
        let path = format!("meetings/{m}/notice.eml");
        let bytes = fs::read(out.join(&path)).unwrap();
        assert_eq!(bytes, fs::read(again.join(&path)).unwrap(), "{m}: the same bytes");
        assert_eq!(
            bytes,
            fs::read(out.join(format!("fr/{path}"))).unwrap(),
            "{m}: one notice in both folders"
        );
        let text = String::from_utf8(bytes).expect("ASCII");
        assert!(text.is_ascii(), "{m}: 7-bit, everything else encoded");
        assert!(!text.replace("\r\n", "").contains('\n'), "{m}: CRLF line ends");
        assert!(text.split("\r\n").all(|l| l.len() <= 78), "{m}: short lines");
        let head = text.split("\r\n\r\n").next().unwrap();
        assert!(head.contains("\r\nX-Unsent: 1\r\n"), "{m}: opens as a draft");
        assert!(head.contains("Subject: =?UTF-8?B?"), "{m}: the subject is encoded-words");
        assert!(head.contains("multipart/alternative"));
        assert!(!head.contains("\r\nFrom:") && !head.contains("\r\nTo:"), "the sender fills them");
    }
    let (_tmp3, bare) = built(&fixture_content("zones"));
    let text = read(&bare.join("meetings/2021-03-09/notice.eml"));
    assert!(!text.contains("https://briefing"), "no base URL, no link to the site");
}

/// The Python script that reads each calendar with icalendar and prints
/// each event's UID and start in UTC.
const ICAL_UTC: &str = r#"
import sys, datetime, icalendar
for path in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
    for e in cal.walk('VEVENT'):
        start = e.decoded('DTSTART')
        assert isinstance(start, datetime.datetime) and start.tzinfo is not None, (path, start)
        utc = start.astimezone(datetime.timezone.utc)
        print(path.rsplit('/', 3)[-2] if path.endswith('invite.ics') else 'calendar', str(e['UID']).split('@')[0], utc.strftime('%Y-%m-%dT%H:%MZ'))
"#;

#[test]
#[ignore = "needs python icalendar (installed by .ci/run)"]
fn calendars_and_invitations_convert_to_utc_across_summer_time() {
    let (_tmp, out) = built_with(&fixture_content("zones"), &["--base-url", BASE]);
    let mut files = vec![out.join("calendar.ics"), out.join("fr/calendar.ics")];
    files.extend(MEETINGS.iter().map(|m| out.join(format!("meetings/{m}/invite.ics"))));
    let printed = python_prints("icalendar", ICAL_UTC, &files);
    // 13:00 in Toronto is 18:00 UTC in winter (EST, -5) and 17:00 in
    // summer (EDT, -4); 10:00 in Paris in June (CEST, +2) is 08:00.
    let want = [
        ("2021-03-09", "2021-03-09T18:00Z"),
        ("2021-03-23", "2021-03-23T17:00Z"),
        ("2021-06-15-paris", "2021-06-15T08:00Z"),
        ("2021-11-03", "2021-11-03T17:00Z"),
        ("2021-11-10", "2021-11-10T18:00Z"),
    ];
    for (m, utc) in want {
        assert!(printed.contains(&format!("calendar meeting-{m} {utc}")), "{m} in calendar.ics:\n{printed}");
        assert!(printed.contains(&format!("{m} meeting-{m} {utc}")), "{m} in its invite:\n{printed}");
    }
    assert_eq!(printed.lines().filter(|l| l.starts_with("calendar ")).count(), 10, "{printed}");
}

#[test]
#[ignore = "needs python3"]
fn the_notice_parses_with_python_email_as_a_draft_with_both_parts() {
    let (_tmp, out) = built_with(&fixture_content("zones"), &["--base-url", BASE]);
    let (_tmp2, bare) = built(&fixture_content("zones"));
    let script = r#"
import sys, email
from email import policy
for path in sys.argv[1:]:
    m = email.message_from_bytes(open(path, 'rb').read(), policy=policy.default)
    assert m.defects == [], m.defects
    assert m['X-Unsent'] == '1', m['X-Unsent']
    assert m.get_content_type() == 'multipart/alternative'
    parts = [p.get_content_type() for p in m.iter_parts()]
    assert parts == ['text/plain', 'text/html'], parts
    for p in m.iter_parts():
        assert p.defects == [], p.defects
    plain = m.get_body(('plain',)).get_content()
    html = m.get_body(('html',)).get_content()
    print('SUBJECT', m['Subject'])
    print('DATE', m['Date'])
    print('PLAIN', plain.replace('\n', '|'))
    print('HTML', html.replace('\n', '|'))
"#;
    let run = |path: PathBuf| python_prints("email", script, &[path]);
    let printed = run(out.join("meetings/2021-03-23/notice.eml"));
    let line = |key: &str| printed.lines().find(|l| l.starts_with(key)).unwrap_or_default().to_string();
    let subject = line("SUBJECT");
    assert!(subject.contains("[PROTECTED A / PROTÉGÉ A]"), "{subject}");
    assert!(subject.contains("Zones Committee: meeting of March 23, 2021"), "{subject}");
    assert!(subject.contains("Comité des fuseaux : réunion du 23 mars 2021"), "{subject}");
    assert!(line("DATE").contains("2021"), "{printed}");
    for part in [line("PLAIN"), line("HTML")] {
        // The marking, both languages (English first), the agenda, the
        // join link and absolute links to the book and the papers.
        assert!(part.contains("PROTECTED A") && part.contains("PROTÉGÉ A"), "{part}");
        let (en, fr) = (part.find("Notice of meeting").unwrap(), part.find("Avis de réunion").unwrap());
        assert!(en < fr, "the first language first");
        assert!(part.contains("13:00–15:00 EDT") && part.contains("(HAE)"), "{part}");
        assert!(part.contains("Health report") && part.contains("Rapport sur la santé"));
        assert!(part.contains("For decision") && part.contains("Co-chairs"));
        assert!(part.contains("https://meet.example.org/j/2021-03-23"));
        // The meeting the book is for (the next one) links the current book.
        assert!(part.contains("https://briefing.example.org/zones/briefing.pdf"), "{part}");
        assert!(part.contains("https://briefing.example.org/zones/briefing.fr.pdf"), "{part}");
        assert!(part.contains("https://briefing.example.org/zones/groups/health/"), "a paper: {part}");
        assert!(part.contains("https://briefing.example.org/zones/fr/groups/health/"), "its French page");
        assert!(!part.contains("href=\"../"), "no relative link");
    }
    // Another meeting links its book in the archive of books.
    let later = run(out.join("meetings/2021-11-10/notice.eml"));
    assert!(later.contains("https://briefing.example.org/zones/books/2021-11-10.pdf"), "{later}");
    assert!(later.contains("https://briefing.example.org/zones/books/2021-11-10.fr.pdf"), "{later}");
    // Without a base URL the notice says so.
    let bare = run(bare.join("meetings/2021-03-23/notice.eml"));
    assert!(bare.contains("without the site's address") && bare.contains("sans l'adresse du site"), "{bare}");
}
