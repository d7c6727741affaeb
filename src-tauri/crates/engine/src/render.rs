//! Bank Markdown to safe HTML, for the desktop window.
//!
//! Bank text is written by whoever wrote the bank, so it is treated as
//! hostile. Raw HTML in the Markdown is shown as text, never parsed; images
//! become their alt text (a bank image is never fetched, local or remote);
//! and the HTML that `pulldown-cmark` produces is cleaned again by `ammonia`,
//! which keeps only formatting tags and `http`, `https` and `mailto` links.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .rm_tags(["img"]);
    b
});

/// Render bank Markdown as sanitised HTML.
pub fn markdown(text: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(text, options).map(|event| match event {
        // Raw HTML is shown as the text it is.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Image { .. }) => Event::Text("[image: ".into()),
        Event::End(TagEnd::Image) => Event::Text("]".into()),
        other => other,
    });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events);
    CLEANER.clean(&out).to_string()
}

/// Render a short piece of bank text (a choice, a rationale) without the
/// paragraph wrapper a block would get.
pub fn inline(text: &str) -> String {
    let html = markdown(text);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_survives() {
        assert_eq!(
            markdown("Use **45 CFR 164.524** and *then* `code`."),
            "<p>Use <strong>45 CFR 164.524</strong> and <em>then</em> <code>code</code>.</p>\n"
        );
        assert_eq!(inline("a *b*"), "a <em>b</em>");
    }

    #[test]
    fn script_tags_are_shown_as_text() {
        let html = markdown("Before <script>window.pwned = 1</script> after");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let block = markdown("<script>\nwindow.pwned = 1\n</script>\n");
        assert!(!block.contains("<script"), "{block}");
    }

    #[test]
    fn event_handlers_never_become_attributes() {
        let html = markdown(r#"<img src=x onerror="window.pwned=1"> and <b onclick="x()">b</b>"#);
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("onerror"), "kept as visible text: {html}");
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let html = markdown("[click](javascript:alert(1)) [ok](https://www.hhs.gov/)");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains(r#"href="https://www.hhs.gov/""#), "{html}");
        assert!(html.contains("noopener"), "{html}");
    }

    #[test]
    fn images_become_alt_text_and_are_never_fetched() {
        for src in [
            "https://evil.example/track.png",
            "figures/chart.png",
            "data:image/png;base64,AAAA",
        ] {
            let html = markdown(&format!("See ![the chart]({src})."));
            assert!(!html.contains("<img"), "{html}");
            assert!(!html.contains(src), "{html}");
            assert!(html.contains("[image: the chart]"), "{html}");
        }
    }
}
