//! Decoding `pages/<slug>.md`.

use super::text::text;
use crate::model::{Markdown, Page};
use crate::yaml::{Node, Reader};

use crate::schema::model::PAGE;

pub fn page(r: &mut Reader, node: &Node, slug: &str, body: Markdown) -> Option<Page> {
    let what = format!("page `{slug}`");
    let f = r.fields(node, &what, &PAGE.keys())?;
    let title = r.required(&f, "title", &what).and_then(|n| text(r, n, "title"));
    let order = f.get("order").and_then(|n| r.int(n, "order"));
    let draft = f.get("draft").and_then(|n| r.bool(n, "draft")).unwrap_or(false);
    Some(Page {
        slug: slug.to_string(),
        file: r.file.to_string(),
        title: title?,
        order,
        draft,
        body,
        translations: Vec::new(),
    })
}
