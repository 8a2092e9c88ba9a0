//! Charts rendered to SVG at build time (owned by the charts work; see issue 3).
