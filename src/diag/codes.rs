//! Every diagnostic code `briefing` can print, with what it means.
//! docs/diagnostics.md lists the same table; tests/docs.rs keeps the two in
//! step.

pub const YAML_SYNTAX: &str = "yaml-syntax";
pub const NOT_UTF8: &str = "not-utf8";
pub const READ_FAILED: &str = "read-failed";
pub const TOO_LARGE: &str = "too-large";
pub const UNEXPECTED_FILE: &str = "unexpected-file";
pub const SYMLINK: &str = "symlink-refused";
pub const MISSING_SITE: &str = "missing-site";
pub const FRONT_MATTER: &str = "front-matter";
pub const UNKNOWN_KEY: &str = "unknown-key";
pub const MISSING_FIELD: &str = "missing-field";
pub const WRONG_TYPE: &str = "wrong-type";
pub const INVALID_DATE: &str = "invalid-date";
pub const INVALID_ID: &str = "invalid-id";
pub const INVALID_VALUE: &str = "invalid-value";
pub const UNKNOWN_STATUS: &str = "unknown-status";
pub const OUT_OF_RANGE: &str = "out-of-range";
pub const DUPLICATE_ID: &str = "duplicate-id";
pub const UNKNOWN_LANGUAGE: &str = "unknown-language";
pub const UNKNOWN_PARTY: &str = "unknown-party";
pub const UNKNOWN_GROUP: &str = "unknown-group";
pub const UNKNOWN_ACTIVITY: &str = "unknown-activity";
pub const UNKNOWN_METRIC: &str = "unknown-metric";
pub const BAD_UPDATE_FOLDER: &str = "bad-update-folder";
pub const BAD_FILE_NAME: &str = "bad-file-name";
pub const DATE_MISMATCH: &str = "date-mismatch";
pub const BROKEN_LINK: &str = "broken-link";
pub const MISSING_ASSET: &str = "missing-asset";
pub const UNSAFE_PATH: &str = "unsafe-path";
pub const UNSAFE_ASSET: &str = "unsafe-asset";
pub const UNSUPPORTED_LINK: &str = "unsupported-link";
pub const BAD_PERIOD: &str = "bad-period";
pub const DATA_FILE: &str = "data-file";
pub const TEMPLATE: &str = "template";
pub const OMITTED_ACTIVITY: &str = "omitted-activity";
pub const OVERDUE_ACTION: &str = "overdue-action";
pub const DISTANT_DATE: &str = "distant-date";
pub const MISSING_TRANSLATION: &str = "missing-translation";
pub const RISK_NOT_REPORTED: &str = "risk-not-reported";
pub const PLACEHOLDER_TEXT: &str = "placeholder-text";
pub const UNKNOWN_DECISION: &str = "unknown-decision";
pub const UNKNOWN_ASK: &str = "unknown-ask";
pub const UNKNOWN_MEETING: &str = "unknown-meeting";
pub const UNKNOWN_MEMBER: &str = "unknown-member";
pub const NO_QUORUM: &str = "no-quorum";
pub const UNKNOWN_TIME_ZONE: &str = "unknown-time-zone";
pub const BAD_JOIN_LINK: &str = "bad-join-link";

/// Code, severity and meaning of every diagnostic.
pub const ALL: &[(&str, &str, &str)] = &[
    (YAML_SYNTAX, "error", "a YAML file or front matter is not valid YAML"),
    (NOT_UTF8, "error", "a text file is not UTF-8"),
    (READ_FAILED, "error", "a file could not be read"),
    (
        TOO_LARGE,
        "error",
        "a YAML or Markdown file over 8 MiB, YAML that holds too many values, expands too far through aliases or nests too deep, Markdown that nests more than 128 elements deep (its lists and quotes, or its HTML), a spreadsheet over 16 MiB or that would unzip past 128 MiB, or a workbook that holds more than 1,000,000 cells to read (rows by columns of an XLS or ODS sheet's used range, the cells of an XLSX sheet)",
    ),
    (UNEXPECTED_FILE, "error", "a file stands where the content model has no place for it"),
    (SYMLINK, "error", "a symbolic link points outside the content or theme folder, or in a loop"),
    (MISSING_SITE, "error", "the content folder has no site.yaml"),
    (FRONT_MATTER, "error", "a Markdown file's front matter is missing or not closed"),
    (UNKNOWN_KEY, "error", "a key the content model does not define (with the nearest known key)"),
    (MISSING_FIELD, "error", "a required field is absent, or a text is empty (`\"\"`, `{}`)"),
    (WRONG_TYPE, "error", "a value has the wrong type (text where a list is expected, …)"),
    (INVALID_DATE, "error", "a date that is not a real YYYY-MM-DD date"),
    (
        INVALID_ID,
        "error",
        "an id that is not lowercase letters, digits and hyphens (an action's id: letters of either case, digits and hyphens), or over 100 characters",
    ),
    (
        INVALID_VALUE,
        "error",
        "a value outside its allowed set (chart kind, risk level, …), or a `base_url` that is not an absolute http(s) address",
    ),
    (UNKNOWN_STATUS, "error", "an activity or action status that does not exist"),
    (OUT_OF_RANGE, "error", "a number outside its range (progress 0-100)"),
    (DUPLICATE_ID, "error", "two things share an id"),
    (UNKNOWN_LANGUAGE, "error", "a text in a language that site.yaml does not list"),
    (UNKNOWN_PARTY, "error", "a party code that site.yaml does not define"),
    (UNKNOWN_GROUP, "error", "a working group that has no file in groups/"),
    (UNKNOWN_ACTIVITY, "error", "an activity id its group does not define"),
    (UNKNOWN_METRIC, "error", "a metric id its group does not define"),
    (BAD_UPDATE_FOLDER, "error", "an updates/ folder whose name is not a real date"),
    (
        BAD_FILE_NAME,
        "error",
        "a file name the content model cannot read (meeting date, slug), or one the build could not write (not UTF-8, a backslash or control character, a reserved or too long name, or two names that differ only in case)",
    ),
    (DATE_MISMATCH, "error", "a meeting whose front-matter date differs from its file name"),
    (BROKEN_LINK, "error", "a Markdown link to a content file or heading that does not exist, or to a draft"),
    (MISSING_ASSET, "error", "a Markdown image or link to a file missing from assets/"),
    (UNSAFE_PATH, "error", "a link or asset path that leaves the content folder"),
    (
        UNSAFE_ASSET,
        "error",
        "an asset that would run a script when opened: an SVG image with a script, an HTML, XML or JavaScript file",
    ),
    (BAD_PERIOD, "error", "a metric period that is not YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD"),
    (
        DATA_FILE,
        "error",
        "a spreadsheet an update takes figures from is missing or unreadable, lacks the sheet named, or holds no table",
    ),
    (TEMPLATE, "error", "a theme template failed to parse or render"),
    (
        UNKNOWN_DECISION,
        "error",
        "a decision that `supersedes` or `rescinds` a decision reference no meeting holds, or one that comes after it",
    ),
    (UNKNOWN_ASK, "error", "a decision `answers` an ask id that no update holds"),
    (UNKNOWN_MEETING, "error", "a record `approved_at` a meeting that does not exist, or not after it"),
    (UNKNOWN_MEMBER, "error", "a meeting's attendance names a member the roster in site.yaml does not list"),
    (
        UNKNOWN_TIME_ZONE,
        "error",
        "a `time_zone` (of site.yaml or a meeting) that is not an IANA time zone name such as `America/Toronto`",
    ),
    (
        BAD_JOIN_LINK,
        "error",
        "a meeting's `join` link that is not an https:// address with a host, or that holds a user name, password or passcode",
    ),
    (OMITTED_ACTIVITY, "warning", "an update that leaves out one of its group's activities"),
    (OVERDUE_ACTION, "warning", "an action past its due date that is still open"),
    (
        DISTANT_DATE,
        "warning",
        "an action due more than 100 years from the briefing date (a typo such as 1021 for 2021)",
    ),
    (MISSING_TRANSLATION, "warning", "a text lacks one of the site's languages"),
    (
        RISK_NOT_REPORTED,
        "warning",
        "a risk open in a group's earlier update that its newest update leaves out (carry it forward or close it)",
    ),
    (PLACEHOLDER_TEXT, "warning", "a text still as `briefing new` wrote it"),
    (NO_QUORUM, "warning", "a held meeting whose attendance does not meet the quorum rule of site.yaml"),
    (
        UNSUPPORTED_LINK,
        "warning",
        "a Markdown link or image whose scheme is not http, https, mailto or tel: it is removed",
    ),
];
