//! Learners' own rankings replace the suggested ones, and only theirs.

use twinning_matcher::{HostSpec, InstanceSpec, Preference, SeekerSpec};
use twinning_pairing::{Error, MAX_STATED_HOSTS, Stated, apply_stated};

fn ids(list: &[&str]) -> Vec<Preference> {
    list.iter().map(|h| Preference::One((*h).to_owned())).collect()
}

fn instance() -> InstanceSpec {
    let seeker =
        |id: &str, prefs: &[&str]| SeekerSpec { id: id.to_owned(), preferences: ids(prefs) };
    let host = |id: &str, prefs: &[&str]| HostSpec {
        id: id.to_owned(),
        capacity: 1,
        preferences: ids(prefs),
    };
    serde_json::from_value(serde_json::json!({"seekers": [], "hosts": []}))
        .map(|mut spec: InstanceSpec| {
            spec.seekers = vec![seeker("lyon", &["gent", "porto"]), seeker("kalamata", &["porto"])];
            spec.hosts = vec![host("gent", &["lyon"]), host("porto", &["kalamata", "lyon"])];
            spec.max_hosts = Some(2);
            spec
        })
        .unwrap()
}

fn stated(seeker: &str, hosts: &[&str]) -> Stated {
    Stated { seeker: seeker.to_owned(), hosts: hosts.iter().map(|h| (*h).to_owned()).collect() }
}

fn message(e: Error) -> String {
    match e {
        Error::Stated { message, .. } => message,
        other => panic!("not a Stated error: {other}"),
    }
}

#[test]
fn a_stated_ranking_replaces_only_its_learners_list() {
    let spec = instance();
    let out = apply_stated(&spec, &[stated("lyon", &["porto", "gent"])]).unwrap();
    assert_eq!(out.seekers[0].preferences, ids(&["porto", "gent"]));
    assert_eq!(out.seekers[1], spec.seekers[1]);
    assert_eq!(out.hosts, spec.hosts);
    assert_eq!(out.max_hosts, Some(2));
    // The result is still an instance the matcher takes.
    let instance = twinning_matcher::Instance::try_from(out).unwrap();
    assert_eq!(instance.seeker_rank(0, 1), Some(0), "porto is now lyon's first");
}

#[test]
fn rankings_that_cannot_be_used_are_refused_by_name() {
    let spec = instance();
    let cases = [
        (stated("lyon", &["porto", "porto"]), "ranked twice"),
        (stated("lyon", &[]), "no host"),
        (stated("lyon", &["lisboa"]), "\"lisboa\" is not a host"),
        (stated("lyon", &["lyon"]), "cannot host itself"),
        (stated("paris", &["gent"]), "not a learner"),
        (stated("lyon", &["gent\u{200b}"]), "host 1"),
    ];
    for (s, expected) in cases {
        let m = message(apply_stated(&spec, std::slice::from_ref(&s)).unwrap_err());
        assert!(m.contains(expected), "{s:?}: {m}");
    }
    let twice = [stated("lyon", &["gent"]), stated("lyon", &["porto"])];
    assert!(message(apply_stated(&spec, &twice).unwrap_err()).contains("two rankings"));
    let many: Vec<String> = (0..=MAX_STATED_HOSTS).map(|i| format!("h{i}")).collect();
    let long = Stated { seeker: "lyon".to_owned(), hosts: many };
    assert!(message(long.check().unwrap_err()).contains("at most"));
}
