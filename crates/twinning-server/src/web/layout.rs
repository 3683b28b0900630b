//! The page shell every page shares: header, navigation, skip link, footer
//! with the page's sources; the stylesheet and the optional script with
//! their long-cached, content-addressed addresses; the headers pages carry.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};
use maud::{DOCTYPE, Markup, html};
use twinning_core::Provenance;

/// The service's name, in every title and the header.
pub(crate) const SERVICE: &str = "Twinning Learning Programme";

/// The stylesheet, compiled in.
const STYLE: &str = include_str!("assets/style.css");

/// The optional script that adds the visitor's own time beside each
/// Brussels time; pages work the same without it.
const LOCAL_TIME: &str = include_str!("assets/local-time.js");

/// What pages allow: their own stylesheet, script and form targets, nothing
/// else (no inline script or style, no framing, no plugins).
pub(crate) const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// An asset's address with the first 16 hex digits of its SHA-256, so a
/// changed file gets a new address and a year-long cache is safe.
fn addressed(stem: &str, ext: &str, body: &str) -> String {
    let digest = crate::store::digest(body);
    let short = digest.get(..16).unwrap_or(&digest);
    format!("/assets/{stem}-{short}.{ext}")
}

/// The stylesheet's address.
pub(crate) fn style_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| addressed("style", "css", STYLE))
}

/// The script's address.
pub(crate) fn script_src() -> &'static str {
    static SRC: OnceLock<String> = OnceLock::new();
    SRC.get_or_init(|| addressed("local-time", "js", LOCAL_TIME))
}

/// `GET /assets/{file}`: the stylesheet or the script at its current
/// address, cached for a year; any other name is a 404 page.
pub(crate) async fn asset(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    let path = format!("/assets/{file}");
    let (media_type, body) = if path == style_href() {
        ("text/css; charset=utf-8", STYLE)
    } else if path == script_src() {
        ("text/javascript; charset=utf-8", LOCAL_TIME)
    } else {
        return not_found_page("There is no such file.");
    };
    let mut r = ([(header::CONTENT_TYPE, media_type)], body).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    r
}

/// The main navigation's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// Home: open calls and deadlines.
    Home,
    /// The cohorts.
    Cohorts,
    /// The catalogue of cities.
    Catalogue,
    /// The eligibility self-check.
    Check,
    /// The staff pages.
    Staff,
    /// None highlighted (error pages).
    None,
}

/// A page to render.
#[derive(Debug)]
pub(crate) struct Page {
    /// The page's own title (the `<title>` adds the service name).
    pub(crate) title: String,
    /// The navigation entry to mark current.
    pub(crate) section: Section,
    /// The content of `<main>`.
    pub(crate) main: Markup,
    /// The sources the page's facts come from, listed in the footer.
    pub(crate) sources: BTreeSet<String>,
    /// The HTTP status.
    pub(crate) status: StatusCode,
}

impl Page {
    /// A 200 page.
    pub(crate) fn new(title: impl Into<String>, section: Section, main: Markup) -> Page {
        Page {
            title: title.into(),
            section,
            main,
            sources: BTreeSet::new(),
            status: StatusCode::OK,
        }
    }

    /// Adds the sources of `provenances` to the footer.
    pub(crate) fn cite<'a>(
        mut self,
        provenances: impl IntoIterator<Item = &'a Provenance>,
    ) -> Page {
        self.sources.extend(provenances.into_iter().map(|p| p.source().to_owned()));
        self
    }

    /// Sets the status.
    pub(crate) fn status(mut self, status: StatusCode) -> Page {
        self.status = status;
        self
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let body = render(&self);
        let mut r = (self.status, body).into_response();
        let h = r.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_CSP));
        r
    }
}

/// The navigation: (section, address, label).
const NAV: [(Section, &str, &str); 5] = [
    (Section::Home, "/", "Open calls"),
    (Section::Cohorts, "/cohorts", "Cohorts"),
    (Section::Catalogue, "/catalogue", "Cities"),
    (Section::Check, "/check", "Check if you can apply"),
    (Section::Staff, "/staff", "Staff"),
];

/// The whole document.
fn render(page: &Page) -> String {
    let doc = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (page.title) " – " (SERVICE) }
                link rel="stylesheet" href=(style_href());
                script src=(script_src()) defer {}
            }
            body {
                a class="skip-link" href="#main" { "Skip to main content" }
                header class="header" {
                    div class="width header-inner" {
                        a class="service-name" href="/" { (SERVICE) }
                        nav aria-label="Main" {
                            ul class="nav" {
                                @for (section, href, label) in NAV {
                                    li {
                                        @if section == page.section {
                                            a href=(href) aria-current="page" { (label) }
                                        } @else {
                                            a href=(href) { (label) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                div class="width" {
                    main id="main" tabindex="-1" { (page.main) }
                }
                footer class="footer" {
                    div class="width" {
                        @if !page.sources.is_empty() {
                            h2 class="footer-heading" { "Sources for this page" }
                            ul class="sources" {
                                @for s in &page.sources { li { (source(s)) } }
                            }
                        }
                        p {
                            "Facts come from the programme's public pages and are shown with their sources. "
                            "Times are Brussels time (CET or CEST). "
                            "The same data as JSON: " a href="/v1/openapi.json" { "the API" } "."
                        }
                    }
                }
            }
        }
    };
    doc.into_string()
}

/// A source as a link when it is a web address, else as text.
pub(crate) fn source(s: &str) -> Markup {
    match web_address(s) {
        Some(href) => html! { a href=(href) { (s) } },
        None => html! { (s) },
    }
}

/// `https://…` for a source that is a web address (`https://x.eu/p`,
/// `x.eu/p`), `None` for any other (`seed 001`, a document's name).
fn web_address(s: &str) -> Option<String> {
    if s.chars().any(char::is_whitespace) {
        return None;
    }
    if s.starts_with("https://") || s.starts_with("http://") {
        return Some(s.to_owned());
    }
    let host = s.split('/').next().unwrap_or_default();
    let tld = host.rsplit('.').next().unwrap_or_default();
    let plausible = host.contains('.')
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    plausible.then(|| format!("https://{s}"))
}

/// An instant in Brussels time inside `<time>`, which the optional script
/// completes with the visitor's own time.
pub(crate) fn brussels(at: DateTime<FixedOffset>) -> Markup {
    let b = twinning_cohort::to_brussels(at);
    let zone = if b.offset().local_minus_utc() == 7200 { "CEST" } else { "CET" };
    html! {
        time class="local-time" datetime=(b.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)) {
            (b.format("%-d %B %Y, %H:%M")) " " (zone) " (Brussels)"
        }
    }
}

/// A day.
pub(crate) fn day(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// A month.
pub(crate) fn month(m: twinning_core::YearMonth) -> String {
    m.first_day().format("%B %Y").to_string()
}

/// An HTML error page for browsers: `status`, a heading and a sentence.
pub(crate) fn error_page(status: StatusCode, heading: &str, detail: &str) -> Response {
    Page::new(
        heading,
        Section::None,
        html! {
            h1 { (heading) }
            p { (detail) }
            p { a href="/" { "Go to the home page" } }
        },
    )
    .status(status)
    .into_response()
}

/// The 404 page.
pub(crate) fn not_found_page(detail: &str) -> Response {
    error_page(StatusCode::NOT_FOUND, "Page not found", detail)
}

#[cfg(test)]
mod tests {
    use super::web_address;

    #[test]
    fn sources_link_only_when_they_are_web_addresses() {
        assert_eq!(
            web_address("dutpartnership.eu/projects/x").as_deref(),
            Some("https://dutpartnership.eu/projects/x")
        );
        assert_eq!(web_address("https://a.eu/b").as_deref(), Some("https://a.eu/b"));
        assert_eq!(web_address("seed 001"), None);
        assert_eq!(web_address("javascript:alert(1)"), None);
        assert_eq!(web_address("NZC page"), None);
    }
}
