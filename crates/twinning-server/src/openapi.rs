//! The OpenAPI 3.1 description: paths from the handlers' `utoipa`
//! attributes, schemas from the same JSON Schemas (schemars) that
//! `twinning schema` prints, so the API and the command line describe one
//! set of documents.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use serde_json::Value;
use utoipa::OpenApi as _;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ObjectBuilder, RefOr, Schema};

use crate::matching::{MatchAnswer, MatchRequest, VerifyAnswer, VerifyRequest};
use crate::routes::catalogue::CityAnswer;
use crate::routes::eligibility::{BatchRequest, CheckRequest};
use crate::routes::outputs::{DocumentRequest, NewRequest, ValidateAnswer};
use crate::routes::pairing::{SuggestAnswer, SuggestRequest};
use crate::routes::runs::{
    AddApplicants, Added, Confirm, CreateRun, Decide, OutputUpdate, Override, StatePreferences,
    TableAdded,
};
use crate::routes::{catalogue, cohorts, eligibility, health, outputs, pairing, runs};
use crate::store::{
    ApplicantRecord, AuditEntry, Bundle, MatchingRecord, OutputRecord, PairRecord,
    PreferenceRecord, RunInfo,
};

/// A placeholder: the real schema replaces it from schemars.
fn placeholder() -> RefOr<Schema> {
    ObjectBuilder::new().into()
}

/// Names a type for utoipa by its schemars name.
macro_rules! described {
    ($($ty:ty),* $(,)?) => {$(
        impl utoipa::PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                placeholder()
            }
        }
        impl utoipa::ToSchema for $ty {
            fn name() -> Cow<'static, str> {
                <$ty as schemars::JsonSchema>::schema_name()
            }
        }
    )*};
}

/// Calls `$m!` with every schema type of this crate, once: the list both
/// the utoipa names and the schema roots come from.
macro_rules! own_types {
    ($m:ident) => {
        $m!(
            CityAnswer,
            CheckRequest,
            BatchRequest,
            SuggestRequest,
            SuggestAnswer,
            MatchRequest,
            MatchAnswer,
            VerifyRequest,
            VerifyAnswer,
            NewRequest,
            DocumentRequest,
            ValidateAnswer,
            CreateRun,
            AddApplicants,
            Added,
            TableAdded,
            StatePreferences,
            PreferenceRecord,
            Decide,
            Override,
            Confirm,
            OutputUpdate,
            RunInfo,
            Bundle,
            ApplicantRecord,
            AuditEntry,
            MatchingRecord,
            PairRecord,
            OutputRecord,
        );
    };
}

own_types!(described);

/// Calls `$m!` with every library document the paths name, once, as
/// `Marker => type` pairs.
macro_rules! foreign_types {
    ($m:ident) => {
        $m!(
            Problem => crate::Problem,
            CityProfile => twinning_profile::CityProfile,
            RuleSet => twinning_eligibility::RuleSet,
            Decision => twinning_eligibility::Decision,
            Batch => twinning_eligibility::Batch,
            Document => twinning_outputs::Document,
            CohortSummary => twinning_cohort::CohortSummary,
            CohortPage => twinning_cohort::CohortPage,
            CohortStatus => twinning_cohort::CohortStatus,
        );
    };
}

/// Stand-ins that name the libraries' documents in the handlers'
/// attributes (a foreign type cannot implement utoipa's traits here).
pub(crate) mod doc {
    use super::{Cow, RefOr, Schema, placeholder};

    macro_rules! marker {
        ($($m:ident => $ty:ty),* $(,)?) => {$(
            #[doc = concat!("The `", stringify!($ty), "` document.")]
            #[derive(Debug)]
            pub(crate) struct $m;
            impl utoipa::PartialSchema for $m {
                fn schema() -> RefOr<Schema> {
                    placeholder()
                }
            }
            impl utoipa::ToSchema for $m {
                fn name() -> Cow<'static, str> {
                    <$ty as schemars::JsonSchema>::schema_name()
                }
            }
        )*};
    }

    foreign_types!(marker);
}

/// Adds the bearer scheme staff routes name.
#[derive(Debug)]
struct Bearer;

impl utoipa::Modify for Bearer {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        components
            .add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "twinning",
        description = "The HTTP API of the twinning crates: cohorts, catalogue, eligibility, pairing and learning outputs of the EU Cities Mission's Twinning Learning Programme, and cohort runs kept by the server. Errors are RFC 9457 problem details. Staff routes (/v1/runs) need a bearer token."
    ),
    paths(
        health::healthz, health::readyz, health::openapi,
        cohorts::list, cohorts::show, cohorts::status, cohorts::calendar, cohorts::timeline,
        catalogue::cities, catalogue::city,
        eligibility::rules, eligibility::rule_set_of, eligibility::check, eligibility::batch,
        eligibility::batch_table,
        pairing::suggest, pairing::match_, pairing::verify,
        outputs::new, outputs::validate, outputs::render,
        runs::list, runs::create, runs::import, runs::show, runs::applicants,
        runs::add_applicants, runs::add_applicant_table, runs::add_survey, runs::decide, runs::override_verdict,
        runs::audit, runs::preferences, runs::state_preferences, runs::remove_preferences,
        runs::matchings, runs::matching, runs::match_run, runs::pairs,
        runs::confirm, runs::update_output, runs::export, runs::export_xlsx, runs::table_csv,
        runs::calendar,
    ),
    modifiers(&Bearer)
)]
struct ApiDoc;

/// Every schema the paths name, from schemars, keyed by schema name.
fn schemas() -> serde_json::Map<String, Value> {
    let settings = SchemaSettings::draft2020_12().with(|s| {
        s.definitions_path = "/components/schemas".into();
    });
    let mut g = settings.into_generator();
    let mut roots = serde_json::Map::new();
    macro_rules! add {
        ($($ty:ty),* $(,)?) => {$(
            let schema = g.subschema_for::<$ty>();
            let name = <$ty as schemars::JsonSchema>::schema_name().into_owned();
            if schema.get("$ref").is_none() {
                roots.insert(name, schema.to_value());
            }
        )*};
    }
    macro_rules! add_foreign {
        ($($marker:ident => $ty:ty),* $(,)?) => { add!($($ty),*); };
    }
    foreign_types!(add_foreign);
    own_types!(add);
    let mut defs = g.take_definitions(true);
    defs.extend(roots);
    defs.sort_keys();
    defs
}

/// The OpenAPI 3.1 document of this server, as JSON.
#[must_use]
pub fn openapi() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or(Value::Null);
    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        components.insert("schemas".to_owned(), Value::Object(schemas()));
    }
    doc
}

/// [`openapi`] as pretty JSON with a final newline: the text served at
/// `/v1/openapi.json` and committed as `crates/twinning-server/openapi.json`.
#[must_use]
pub fn openapi_json() -> String {
    let mut text = serde_json::to_string_pretty(&openapi()).unwrap_or_default();
    text.push('\n');
    text
}
