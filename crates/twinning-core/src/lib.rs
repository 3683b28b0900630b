//! The shared vocabulary of the twinning crates: ids, country codes, date
//! ranges and provenance — and nothing of the programme's own rules.
//!
//! # Overview
//!
//! * Ids: [`CityId`], [`ProjectId`], [`PracticeId`], [`LearningGoalId`],
//!   [`CohortId`], [`MilestoneId`], [`ActivityId`], [`ApplicantId`],
//!   [`OutputId`], [`ActionId`] and [`StakeholderId`] — transparent wrappers
//!   around a UUID, all made by one macro. Built-in records get deterministic
//!   UUIDv5 ids from a stable [`Slug`] (`from_slug`), so the same record has
//!   the same id in every build.
//! * [`CountryCode`]: a validated ISO 3166-1 alpha-2 code (plus `XK`, the
//!   user-assigned code the sources use for Kosovo).
//! * [`DateRange`] (closed ranges of days), [`YearMonth`] and [`MonthRange`]
//!   (for sources that give only months): none of them can be inverted.
//! * [`Provenance`] with its [`Confidence`], [`Sourced`] values and
//!   [`Reported`] facts that keep every variant when sources disagree.
//! * [`CohortNumber`] (cohort 1, 2, … — at least 1) and [`Role`] (twin,
//!   pilot, mission-minded or mission city): the programme's two words that
//!   every other crate uses.
//! * [`keyed_enum!`]: one table per enum for the kebab-case keys that JSON,
//!   CSV and the command line share.
//! * [`DocumentReader`]: the one way JSON documents are read — size limit,
//!   byte order mark, schema-version probe, errors with the field path, line
//!   and column — and its [`DocumentError`].
//! * [`read_table`]: tables as people hand them over (CSV of any usual
//!   separator and encoding, `.xlsx`/`.ods` sheets) with [`Table::match_columns`]
//!   for headers and a [`ColumnMapping`]; [`write_csv`] and [`write_xlsx`]
//!   write tables back with formulas defused ([`defuse_cell`]).
//! * [`NumberLocale`]: the declared convention of a file's numbers (`de`
//!   `1.500,50`, `en` `1,500.50`, `fr` `1 500,50`), checked strictly, so
//!   that `150.000` is read as 150 thousand only where that is declared.
//! * [`visible_text`] and [`visible_id`]: names and ids composed (NFC) and
//!   free of characters that print as nothing or as something else, with
//!   [`HiddenText`] naming the character when one is refused.
//! * [`Page`]: the one report model of every page shown to people — a
//!   title, headings, paragraphs, fields, lists and [`PageTable`]s as
//!   [`Block`]s — with its renderers: 80-column text ([`Page::to_text`]),
//!   Markdown, an escaped HTML fragment, and its tables as CSV or `.xlsx`.
//!   The crates that own the data build the pages; the command line and the
//!   server only choose a renderer.
//! * [`Error`]: what goes wrong when any of these is built from outside data.
//!
//! # Example
//!
//! ```
//! use twinning_core::{CityId, CountryCode, DateRange, Provenance, Slug, Sourced};
//!
//! let slug: Slug = "agueda".parse()?;
//! assert_eq!(CityId::from_slug(&slug), CityId::from_slug(&slug)); // the same in every build
//! assert!("Águeda".parse::<Slug>().is_err()); // slugs are plain ASCII keys
//!
//! let country: CountryCode = "PT".parse()?;
//! let green_leaf = Sourced::new(country, Provenance::confirmed("seed 000"));
//! assert_eq!(green_leaf.value.as_str(), "PT");
//!
//! let period = DateRange::new("2026-09-01".parse()?, "2027-09-30".parse()?)?;
//! assert_eq!(period.calendar_months(), 13);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! * **schema** — derives `schemars::JsonSchema` for every serializable type,
//!   so services in other languages can validate documents before sending
//!   them.
//!
//! Serde support is always on: JSON documents are how the twinning crates
//! talk to services and people (see
//! [DESIGN.md](https://github.com/twinning-rs/twinning/blob/main/docs/DESIGN.md#why-is-serde-always-on-rather-than-a-feature)).
//!
//! # Other crates in this family
//!
//! `twinning-cohort`, `twinning-profile`, `twinning-eligibility`,
//! `twinning-matcher`, `twinning-outputs`, the facade `twinning` and the
//! command line `twinning-cli`.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

mod cohort_number;
mod country;
mod country_names;
mod date_range;
mod document;
mod error;
mod id;
mod keyed;
mod mermaid;
pub use crate::keyed::Keyed;
mod month;
mod name;
mod number;
mod page;
mod provenance;
mod recover;
mod role;
mod slug;
mod table;
mod text;
mod visible;

pub use crate::cohort_number::CohortNumber;
pub use crate::country::CountryCode;
pub use crate::date_range::DateRange;
pub use crate::document::{DocumentError, DocumentReader, VersionField};
pub use crate::error::Error;
pub use crate::id::{
    ActionId, ActivityId, ApplicantId, CityId, CohortId, LearningGoalId, MilestoneId, OutputId,
    PracticeId, ProjectId, StakeholderId,
};
pub use crate::mermaid::{mermaid_task, mermaid_title};
pub use crate::month::{MonthRange, YearMonth};
pub use crate::name::fold_name;
pub use crate::number::{NumberLocale, parse_digits};
pub use crate::page::{
    Block, Page, PageTable, TEXT_WIDTH, escape_html, escape_markdown, serde_key, wrap,
};
pub use crate::provenance::{Confidence, Provenance, Reported, Sourced};
pub use crate::recover::{MAX_REPORTED, Recovered};
pub use crate::role::Role;
pub use crate::slug::{MAX_SLUG_LEN, Slug, SlugSet};
pub use crate::table::{
    CellPlace, Column, ColumnMapping, DELIMITERS, MAX_TABLE_BYTES, MAX_TABLE_ROWS, Matched,
    RowPlace, SheetOut, Table, TableError, TableOptions, TableRow, column_letters, decode_text,
    defuse_cell, detect_delimiter, fold_header, read_table, write_csv, write_xlsx,
};
pub use crate::text::{BOM_MESSAGE, LineIndex, leading_bom};
pub use crate::visible::{
    HiddenKind, HiddenText, hidden_in_json, hidden_kind, prose_text, visible_id, visible_text,
};
pub use uuid::Uuid;
