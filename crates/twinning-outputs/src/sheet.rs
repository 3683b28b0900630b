//! Action plans as workbooks people fill in: one sheet per list (actions,
//! funding, KPIs, risks) and one for the document's own fields, read back
//! into the document's JSON with each value's cell remembered, so that a
//! problem found later is reported at the cell a person typed it in.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use twinning_core::{SheetOut, TableOptions, TableRow, read_table, write_xlsx};

use crate::{Document, Error, OutputBody};

/// The sheets of an action-plan workbook, in order, with their columns.
pub const ACTION_PLAN_SHEETS: [(&str, &[&str]); 5] = [
    ("Document", &["Field", "Value"]),
    ("Actions", &["Action", "Title", "Owner", "Start", "End", "Budget (EUR)", "Depends on"]),
    ("Funding", &["Action", "Source", "Amount (EUR)", "Secured"]),
    ("KPIs", &["Action", "KPI", "Unit", "Baseline", "Target"]),
    ("Risks", &["Action", "Risk", "Likelihood", "Impact", "Mitigation"]),
];

/// The `How to fill in` sheet: what each column takes. The reader ignores
/// it.
const HOW_TO: [[&str; 3]; 22] = [
    [
        "Document",
        "Field / Value",
        "the plan's own fields; change the title if you like, keep the rest",
    ],
    [
        "Actions",
        "Action",
        "a short id you choose (survey, bikes); other sheets name the action by it",
    ],
    ["Actions", "Title", "what is done"],
    ["Actions", "Owner", "who is responsible: a department or a person"],
    ["Actions", "Start", "first day, YYYY-MM-DD (2026-10-01)"],
    ["Actions", "End", "last day, YYYY-MM-DD, not before Start"],
    ["Actions", "Budget (EUR)", "digits with a point for cents (150000 or 12000.50)"],
    ["Actions", "Depends on", "ids of actions that must end first, separated by ;"],
    ["Funding", "Action", "the action's id from the Actions sheet"],
    ["Funding", "Source", "where the money comes from (municipal budget, a programme, a loan)"],
    ["Funding", "Amount (EUR)", "digits with a point for cents"],
    ["Funding", "Secured", "yes if the money is committed, no if it is still hoped for"],
    ["KPIs", "Action", "the action's id"],
    ["KPIs", "KPI", "what is measured"],
    ["KPIs", "Unit", "its unit (trips a day, tCO2e)"],
    ["KPIs", "Baseline", "the value today, a number"],
    ["KPIs", "Target", "the value aimed at, a number"],
    ["Risks", "Action", "the action's id"],
    ["Risks", "Risk", "what could go wrong"],
    ["Risks", "Likelihood", "low, medium or high"],
    ["Risks", "Impact", "low, medium or high"],
    ["Risks", "Mitigation", "what is done about it"],
];

/// Document fields kept in the `Document` sheet, in order, with whether
/// the cell holds JSON (a number or a list) rather than text.
const FIELDS: [(&str, bool); 10] = [
    ("schema_version", true),
    ("kind", false),
    ("id", false),
    ("title", false),
    ("city.id", false),
    ("city.name", false),
    ("cohort", true),
    ("due", false),
    ("lifecycle", true),
    ("joint_with", true),
];

/// A workbook read back: the document as JSON text for
/// [`Document::from_json_all_in`](crate::Document::from_json_all_in), and
/// the cell each value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilledWorkbook {
    /// The document's JSON.
    pub json: String,
    /// JSON path (`actions[0].funding[1].amount_eur`, relative to the
    /// content as problems name it, or `title` for a document field) →
    /// the cell (`Funding!C3`).
    cells: BTreeMap<String, String>,
}

impl FilledWorkbook {
    /// The cell a problem at `path` refers to: the cell of the path, or of
    /// the nearest enclosing path that has one (a row's first cell for a
    /// whole action). Paths may carry the `body.content.` prefix of reading
    /// errors.
    pub fn cell_of(&self, path: &str) -> Option<&str> {
        let mut p = path.strip_prefix("body.content.").unwrap_or(path);
        loop {
            if let Some(c) = self.cells.get(p) {
                return Some(c);
            }
            let cut = p.rfind(['.', '['])?;
            p = p.get(..cut)?;
        }
    }
}

fn sheet_error(sheet: &str, message: impl std::fmt::Display) -> Error {
    Error::Sheet { sheet: sheet.to_owned(), message: message.to_string() }
}

/// `A2`-style reference of cell `col` (0-based) of `row`.
fn cell(sheet: &str, row: &TableRow, col: usize) -> String {
    let place = twinning_core::CellPlace { row: row.place, index: col, header: String::new() };
    let text = place.to_string();
    // `cell C7 (column "")` → `C7`
    let reference = text.strip_prefix("cell ").and_then(|t| t.split(' ').next()).unwrap_or(&text);
    format!("{sheet}!{reference}")
}

impl Document {
    /// The action plan as a workbook (`.xlsx` bytes) to fill in: a
    /// `Document` sheet with the document's fields, and `Actions`,
    /// `Funding`, `KPIs` and `Risks` sheets with a row per item; funding,
    /// KPIs and risks name their action by its id. An empty plan gets
    /// header rows only. A last sheet, `How to fill in`, says what each
    /// column takes.
    ///
    /// # Errors
    ///
    /// [`Error::Sheet`] for a document that is not an action plan, or when
    /// the workbook cannot be written.
    pub fn to_action_plan_workbook(&self) -> Result<Vec<u8>, Error> {
        let OutputBody::ActionPlan(plan) = &self.body else {
            return Err(sheet_error(
                "Document",
                format!("workbooks are written for action plans, not a {}", self.kind().key()),
            ));
        };
        let json = serde_json::to_value(self).map_err(|e| sheet_error("Document", e))?;
        let mut fields = Vec::new();
        for (name, is_json) in FIELDS {
            let mut v = &json;
            for part in name.split('.') {
                v = v.get(part).unwrap_or(&Value::Null);
            }
            let text = match v {
                _ if name == "kind" => self.kind().key().to_owned(),
                _ if name == "joint_with" => serde_json::to_string(&plan.joint_with)
                    .map_err(|e| sheet_error("Document", e))?,
                Value::String(s) if !is_json => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            fields.push(vec![name.to_owned(), text]);
        }
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
        let (mut actions, mut funding, mut kpis, mut risks) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for a in &plan.actions {
            let id = a.id.to_string();
            let deps: Vec<String> = a.depends_on.iter().map(ToString::to_string).collect();
            actions.push(vec![
                id.clone(),
                a.title.clone(),
                a.owner.clone(),
                a.period.start().to_string(),
                a.period.end().to_string(),
                a.budget_eur.to_string(),
                deps.join("; "),
            ]);
            for f in &a.funding {
                funding.push(vec![
                    id.clone(),
                    f.name.clone(),
                    f.amount_eur.to_string(),
                    yes_no(f.secured),
                ]);
            }
            for k in &a.kpis {
                kpis.push(vec![
                    id.clone(),
                    k.name.clone(),
                    k.unit.clone(),
                    k.baseline.to_string(),
                    k.target.to_string(),
                ]);
            }
            for r in &a.risks {
                risks.push(vec![
                    id.clone(),
                    r.description.clone(),
                    key(&r.likelihood),
                    key(&r.impact),
                    r.mitigation.clone(),
                ]);
            }
        }
        let bodies = [fields, actions, funding, kpis, risks];
        let headers: Vec<Vec<String>> = ACTION_PLAN_SHEETS
            .iter()
            .map(|(_, h)| h.iter().map(|s| (*s).to_owned()).collect())
            .collect();
        let mut sheets: Vec<SheetOut<'_>> = ACTION_PLAN_SHEETS
            .iter()
            .zip(&headers)
            .zip(&bodies)
            .map(|(((name, _), headers), rows)| SheetOut { name, headers, rows })
            .collect();
        let help_headers: Vec<String> =
            ["Sheet", "Column", "What to write"].iter().map(|s| (*s).to_owned()).collect();
        let help_rows: Vec<Vec<String>> =
            HOW_TO.iter().map(|r| r.iter().map(|s| (*s).to_owned()).collect()).collect();
        sheets.push(SheetOut { name: "How to fill in", headers: &help_headers, rows: &help_rows });
        write_xlsx(&sheets).map_err(|e| sheet_error("Document", e))
    }
}

/// Reads a filled action-plan workbook back into the document's JSON.
///
/// Cells are read as text; amounts and figures stay strings for the
/// document reader (so a declared number convention applies), `Secured`
/// accepts yes/no, true/false, ja/nein, oui/non, sí/no; `Depends on` lists
/// action ids separated by `;` or `,`. Rows whose cells are all empty are
/// skipped.
///
/// # Errors
///
/// [`Error::Sheet`] naming the sheet (and the cell) when the workbook
/// cannot be read, a sheet or column is missing, a funding, KPI or risk row
/// names an action the `Actions` sheet lacks, or a `Document` field that
/// holds JSON does not parse. Mistakes of value (a bad date, a missing
/// title) are left to the document reader and its checks, whose paths
/// [`FilledWorkbook::cell_of`] turns into cells.
pub fn read_action_plan_workbook(bytes: &[u8]) -> Result<FilledWorkbook, Error> {
    let mut cells = BTreeMap::new();
    let mut tables = Vec::new();
    for (name, columns) in ACTION_PLAN_SHEETS {
        let options = TableOptions { sheet: Some(name.to_owned()), ..TableOptions::default() };
        let table = read_table(bytes, &options).map_err(|e| sheet_error(name, e))?;
        let mut index = Vec::new();
        for c in columns {
            let i = table
                .headers()
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(c))
                .ok_or_else(|| sheet_error(name, format!("no column {c:?}")))?;
            index.push(i);
        }
        let rows: Vec<(TableRow, Vec<String>)> = table
            .rows()
            .iter()
            .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
            .map(|r| {
                let cols = index
                    .iter()
                    .map(|&i| r.cells.get(i).map(|c| c.trim().to_owned()).unwrap_or_default())
                    .collect();
                (r.clone(), cols)
            })
            .collect();
        tables.push((name, index, rows));
    }
    let mut doc = Map::new();
    let mut actions: Vec<Value> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for (sheet, index, rows) in &tables {
        let at =
            |row: &TableRow, col: usize| cell(sheet, row, index.get(col).copied().unwrap_or(0));
        match *sheet {
            "Document" => {
                for (row, c) in rows {
                    let (field, value) = (c.first().cloned().unwrap_or_default(), c.get(1));
                    let Some((_, is_json)) = FIELDS.iter().find(|(f, _)| *f == field) else {
                        return Err(sheet_error(
                            sheet,
                            format!("{}: unknown field {field:?}", at(row, 0)),
                        ));
                    };
                    let text = value.cloned().unwrap_or_default();
                    let v = if *is_json {
                        serde_json::from_str(&text).map_err(|e| {
                            sheet_error(
                                sheet,
                                format!("{}: {field} is not readable: {e}", at(row, 1)),
                            )
                        })?
                    } else {
                        Value::String(text)
                    };
                    cells.insert(field.clone(), at(row, 1));
                    match field.split_once('.') {
                        Some((outer, inner)) => {
                            let entry = doc.entry(outer).or_insert_with(|| json!({}));
                            if let Value::Object(m) = entry {
                                m.insert(inner.to_owned(), v);
                            }
                        }
                        None => {
                            doc.insert(field, v);
                        }
                    }
                }
            }
            "Actions" => {
                for (row, c) in rows {
                    let get = |i: usize| c.get(i).cloned().unwrap_or_default();
                    let n = actions.len();
                    let deps: Vec<Value> = get(6)
                        .split([';', ','])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(Value::from)
                        .collect();
                    for (k, field) in [
                        "id",
                        "title",
                        "owner",
                        "period.start",
                        "period.end",
                        "budget_eur",
                        "depends_on",
                    ]
                    .iter()
                    .enumerate()
                    {
                        cells.insert(format!("actions[{n}].{field}"), at(row, k));
                    }
                    cells.insert(format!("actions[{n}].period"), at(row, 3));
                    cells.insert(format!("actions[{n}]"), at(row, 0));
                    ids.push(get(0));
                    actions.push(json!({
                        "id": get(0), "title": get(1), "owner": get(2),
                        "period": {"start": get(3), "end": get(4)},
                        "budget_eur": get(5),
                        "funding": [], "kpis": [], "risks": [], "depends_on": deps,
                    }));
                }
            }
            list => {
                let (key, fields): (&str, &[&str]) = match list {
                    "Funding" => ("funding", &["name", "amount_eur", "secured"]),
                    "KPIs" => ("kpis", &["name", "unit", "baseline", "target"]),
                    _ => ("risks", &["description", "likelihood", "impact", "mitigation"]),
                };
                for (row, c) in rows {
                    let action = c.first().cloned().unwrap_or_default();
                    let Some(n) = ids.iter().position(|i| *i == action) else {
                        return Err(sheet_error(
                            list,
                            format!("{}: no action {action:?} in the Actions sheet", at(row, 0)),
                        ));
                    };
                    let Some(Value::Array(items)) = actions.get_mut(n).and_then(|a| a.get_mut(key))
                    else {
                        continue;
                    };
                    let m = items.len();
                    let mut item = Map::new();
                    for (k, field) in fields.iter().enumerate() {
                        let text = c.get(k + 1).cloned().unwrap_or_default();
                        let value =
                            if *field == "secured" { yes_no(&text) } else { Value::String(text) };
                        cells.insert(format!("actions[{n}].{key}[{m}].{field}"), at(row, k + 1));
                        item.insert((*field).to_owned(), value);
                    }
                    cells.insert(format!("actions[{n}].{key}[{m}]"), at(row, 0));
                    items.push(Value::Object(item));
                }
            }
        }
    }
    // The body's `kind` goes before its `content`, as people write it: the
    // reader then names the path of a mistake inside the content (a JSON
    // map of this crate's serde_json sorts its keys, so it is written here).
    let kind = doc.remove("kind").unwrap_or(Value::Null);
    let mut content = json!({"actions": actions});
    if let (Some(joint), Value::Object(c)) = (doc.remove("joint_with"), &mut content) {
        c.insert("joint_with".to_owned(), joint);
    }
    let text = |v: &Value| serde_json::to_string(v).map_err(|e| sheet_error("Document", e));
    let envelope = text(&Value::Object(doc))?;
    let body = format!("\"body\":{{\"kind\":{},\"content\":{}}}", text(&kind)?, text(&content)?);
    let json = match envelope.strip_suffix('}') {
        Some(head) if head.len() > 1 => format!("{head},{body}}}"),
        _ => format!("{{{body}}}"),
    };
    Ok(FilledWorkbook { json, cells })
}

/// A rating's key (`low`) as the document writes it.
fn key(r: &crate::Rating) -> String {
    serde_json::to_value(r).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Yes or no as people write it; anything else is left as text for the
/// document reader to refuse at its cell.
fn yes_no(text: &str) -> Value {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "ja" | "oui" | "sí" | "si" | "1" => Value::Bool(true),
        "no" | "n" | "false" | "nein" | "non" | "0" => Value::Bool(false),
        _ => Value::String(text.to_owned()),
    }
}
