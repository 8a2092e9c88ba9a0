//! Decoding `site.yaml`.

use super::text::text;
use crate::core::lang::is_lang_code;
use crate::diag::codes;
use crate::model::{At, Member, MemberRole, Paper, Quorum, Site, Text};
use crate::yaml::{Loc, Node, NodeKind, Reader};

use crate::schema::model::{MEMBER, PAPERS, PRINT, PUBLISH, QUORUM, QUORUM_PARTIES, SITE};

pub fn site(r: &mut Reader, node: &Node) -> Option<Site> {
    let f = r.fields(node, SITE.what, &SITE.keys())?;
    let title = r.required(&f, "title", "site.yaml").and_then(|n| text(r, n, "title"));
    let short_name = f.get("short_name").and_then(|n| text(r, n, "short_name"));
    let subtitle = f.get("subtitle").and_then(|n| text(r, n, "subtitle"));
    let description = f.get("description").and_then(|n| text(r, n, "description"));
    let mut languages = Vec::new();
    let mut languages_loc = Loc::new(1, 1);
    if let Some(n) = f.get("languages") {
        languages_loc = n.loc;
        for item in r.list(n, "languages") {
            if let Some(code) = r.string(item, "language") {
                if !is_lang_code(&code) {
                    r.error(codes::UNKNOWN_LANGUAGE, item.loc, format!("`{code}` is not a language code"))
                        .hint = Some("use two-letter codes such as `en` and `fr`".into());
                } else if languages.contains(&code) {
                    r.error(codes::DUPLICATE_ID, item.loc, format!("language `{code}` is listed twice"));
                } else {
                    languages.push(code);
                }
            }
        }
    }
    if languages.is_empty() {
        languages.push("en".to_string());
    }
    // A marking may differ by language: {en: UNCLASSIFIED, fr: NON CLASSIFIÉ}.
    let classification = f
        .get("classification")
        .and_then(|n| super::text::text(r, n, "classification"))
        .unwrap_or_else(|| Text::plain("UNCLASSIFIED"));
    let mut parties: Vec<(String, Text, Loc)> = Vec::new();
    if let Some(n) = r.required(&f, "parties", "site.yaml") {
        for (key, value) in r.map(n, "parties") {
            let valid = !key.name.is_empty()
                && key.name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                r.error(codes::INVALID_ID, key.loc, format!("`{}` is not a valid party code", key.name))
                    .hint = Some(format!("use uppercase letters, e.g. `{}`", key.name.to_uppercase()));
                continue;
            }
            if parties.iter().any(|(c, _, _)| *c == key.name) {
                r.error(codes::DUPLICATE_ID, key.loc, format!("party `{}` is defined twice", key.name));
                continue;
            }
            if let Some(t) = text(r, value, &format!("party {}", key.name)) {
                parties.push((key.name.clone(), t, key.loc));
            }
        }
    }
    let base_url = f.get("base_url").and_then(|n| {
        let url = r.string(n, "base_url")?;
        if let Some(why) = base_url_problem(&url) {
            r.error(codes::INVALID_VALUE, n.loc, format!("`base_url` {why}")).hint =
                Some(BASE_URL_HINT.into());
            return None;
        }
        Some(url)
    });
    // Read by the publish workflow, not by the build: only checked here.
    if let Some(n) = f.get("publish") {
        r.choice(n, "publish setting", PUBLISH, codes::INVALID_VALUE);
    }
    let time_zone = f.get("time_zone").and_then(|n| time_zone(r, n));
    let mut paper = Paper::default();
    if let Some(n) = f.get("print")
        && let Some(pf) = r.fields(n, PRINT.what, &PRINT.keys())
        && let Some(p) = pf.get("paper")
    {
        paper = match r.choice(p, "paper size", PAPERS, codes::INVALID_VALUE) {
            Some("a4") => Paper::A4,
            _ => Paper::Letter,
        };
    }
    let secretariat = f.get("secretariat").and_then(|n| text(r, n, "secretariat"));
    let distribution = f.get("distribution").and_then(|n| text(r, n, "distribution"));
    let mut members = Vec::new();
    if let Some(n) = f.get("members") {
        for item in r.list(n, "members") {
            members.extend(member(r, item));
        }
    }
    let quorum = f.get("quorum").and_then(|n| {
        let qf = r.fields(n, QUORUM.what, &QUORUM.keys())?;
        let every_party = qf
            .get("parties")
            .and_then(|p| r.choice(p, "quorum parties", QUORUM_PARTIES, codes::INVALID_VALUE))
            .is_some();
        let count =
            qf.get("members").and_then(|m| r.int_in(m, "quorum members", 1, 10_000)).map(|m| m as u32);
        Some(Quorum { every_party, members: count, loc: n.loc })
    });
    Some(Site {
        file: r.file.to_string(),
        title: title?,
        short_name,
        subtitle,
        description,
        languages,
        languages_loc,
        classification,
        parties,
        base_url,
        time_zone,
        paper,
        secretariat,
        distribution,
        members,
        quorum,
    })
}

/// A member of the roster: `{id, name?, party, organization?, role?}`.
fn member(r: &mut Reader, item: &Node) -> Option<Member> {
    let mf = r.fields(item, MEMBER.what, &MEMBER.keys())?;
    let id = r.required(&mf, "id", "a member").and_then(|n| Some(At::new(r.id(n, "member id")?, n.loc)));
    let name = match mf.get("name") {
        Some(n) => Some(r.string(n, "name")?),
        None => None,
    };
    let party =
        r.required(&mf, "party", "a member").and_then(|n| Some(At::new(r.string(n, "party")?, n.loc)));
    let organization = mf.get("organization").and_then(|n| text(r, n, "organization"));
    let role = match mf.get("role") {
        Some(n) => {
            MemberRole::from_key(r.choice(n, "member role", &MemberRole::KEYS, codes::INVALID_VALUE)?)?
        }
        None => MemberRole::Member,
    };
    Some(Member { id: id?, name, party: party?, organization, role })
}

/// The hint for a base URL that [`base_url_problem`] refuses.
pub const BASE_URL_HINT: &str = "write the site's absolute address, e.g. `https://example.org/briefing/`";

/// Why `url` cannot be the address the site is published at, if it cannot:
/// only absolute `http:` and `https:` addresses with a host are accepted, so
/// that no other scheme (`javascript:`, `file:`) reaches canonical links or
/// the sitemap; and only a host, a port and a path, since every page's
/// address is the base followed by the page's path: no user name or
/// password (which would be published in every page and the calendar), no
/// query or fragment (`…?x=1` would become `…?x=1pages/…`), no port but a
/// number from 1 to 65535.
pub fn base_url_problem(url: &str) -> Option<String> {
    let shown = crate::yaml::read::abridged(url);
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return Some(format!("`{shown}` is not an http:// or https:// address"));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Some(format!(
            "`{shown}` holds a user name or password (before `@`), which every page would publish"
        ));
    }
    // `[::1]:8080`, `example.org:8080`, `example.org`.
    let (host_name, port) = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((h, after)) => (h, after.strip_prefix(':')),
            None => ("", None),
        },
        None => match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        },
    };
    if host_name.is_empty() {
        return Some(format!("`{shown}` has no host name"));
    }
    if let Some(port) = port
        && !(port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n)))
    {
        return Some(format!("`{shown}` has the port `{port}`, which is not a number from 1 to 65535"));
    }
    if url.contains('?') {
        return Some(format!(
            "`{shown}` has a query (`?…`): page addresses follow the base, so it may have none"
        ));
    }
    if url.contains('#') {
        return Some(format!(
            "`{shown}` has a fragment (`#…`): page addresses follow the base, so it may have none"
        ));
    }
    if let Some(c) =
        url.chars().find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
    {
        return Some(format!("`{shown}` holds {c:?}, which an address may not hold"));
    }
    None
}

/// A `time_zone`: an IANA name of the tz database (`America/Toronto`), as
/// the database spells it; another is `unknown-time-zone` with the nearest
/// name as a hint.
pub fn time_zone(r: &mut Reader, n: &Node) -> Option<String> {
    let name = r.string(n, "time_zone")?;
    if let Some(canonical) = crate::core::zone::canonical(name.trim()) {
        return Some(canonical);
    }
    let names = crate::core::zone::names();
    // A city alone (`Toronto`) is looked for as the last part of a name.
    let city = name.trim().replace(' ', "_").to_lowercase();
    let by_city = names.iter().find(|z| z.rsplit('/').next().is_some_and(|c| c.to_lowercase() == city));
    let nearest = by_city
        .map(String::as_str)
        .or_else(|| crate::diag::suggest::closest(name.trim(), names.iter().map(String::as_str)));
    let shown = crate::yaml::read::abridged(&name);
    r.error(codes::UNKNOWN_TIME_ZONE, n.loc, format!("`{shown}` is not a time zone")).hint = Some(match nearest {
        Some(z) => format!("did you mean `{z}`? Time zones are IANA names, as in the tz database"),
        None => "write the IANA name of the zone, e.g. `America/Toronto`, `America/New_York` or `Europe/Paris`"
            .to_string(),
    });
    None
}

/// True when a node is an empty mapping (an empty file).
pub fn is_empty(node: &Node) -> bool {
    matches!(&node.kind, NodeKind::Map(e) if e.is_empty())
}
