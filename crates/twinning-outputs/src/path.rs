//! Field paths, as [`Problem`](crate::Problem) and [`Missing`](crate::Missing)
//! write them, read back into steps, so that a form or a spreadsheet can
//! point at the place a problem is about.

/// One step of a field path: a field's name and, inside a list, the
/// position in it (counted from 0).
///
/// `actions[1].budget_eur` has two steps: `actions` at index 1, then
/// `budget_eur`. A list named as a whole, as in `dimensions[].weight` (the
/// sum of every weight), is a step with no index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PathStep<'a> {
    /// The field's name, such as `actions`.
    pub field: &'a str,
    /// The position in the list, when the step names one entry.
    pub index: Option<usize>,
}

/// The steps of a field path such as `activities[2].priorities[0]`, with
/// the `body.content.` prefix of a whole-document path left out, so that
/// envelope paths (`title`, `city.name`) and content paths read alike.
///
/// Reading never fails: a part that is not a well-formed `name[index]` is
/// kept as a field name with no index.
///
/// ```
/// use twinning_outputs::{PathStep, path_steps};
///
/// assert_eq!(
///     path_steps("actions[1].budget_eur"),
///     [
///         PathStep { field: "actions", index: Some(1) },
///         PathStep { field: "budget_eur", index: None },
///     ]
/// );
/// assert_eq!(path_steps("dimensions[].weight")[0], PathStep { field: "dimensions", index: None });
/// assert_eq!(path_steps("body.content.date"), [PathStep { field: "date", index: None }]);
/// ```
pub fn path_steps(path: &str) -> Vec<PathStep<'_>> {
    let path = path.strip_prefix("body.content.").unwrap_or(path);
    path.split('.')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('[') {
            Some((field, rest)) => PathStep {
                field,
                index: rest.strip_suffix(']').and_then(|n| n.parse::<usize>().ok()),
            },
            None => PathStep { field: part, index: None },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(field: &str, index: Option<usize>) -> PathStep<'_> {
        PathStep { field, index }
    }

    #[test]
    fn every_path_shape_the_checks_write_reads_back() {
        assert_eq!(path_steps("stakeholders"), [step("stakeholders", None)]);
        assert_eq!(path_steps("stakeholders[4]"), [step("stakeholders", Some(4))]);
        assert_eq!(
            path_steps("activities[2].priorities[10]"),
            [step("activities", Some(2)), step("priorities", Some(10))]
        );
        assert_eq!(
            path_steps("practice.city.name"),
            [step("practice", None), step("city", None), step("name", None)]
        );
        assert_eq!(
            path_steps("dimensions[].weight"),
            [step("dimensions", None), step("weight", None)]
        );
    }

    #[test]
    fn a_malformed_part_is_a_bare_field() {
        assert_eq!(path_steps("actions[x].title"), [step("actions", None), step("title", None)]);
        assert_eq!(path_steps("actions[1"), [step("actions", None)]);
        assert!(path_steps("").is_empty());
    }
}
