//! The instance a set of suggestions makes reads back as the matcher reads it.

use twinning_matcher::{Instance, Limits, Preference};
use twinning_pairing::{Interests, Options, PairingInstance, Seats, suggest};

const TABLE: &str = "city,country,side,title,themes
Torino,IT,goal,Safer cycling,mobility;citizen-engagement
Lyon,FR,goal,Heat plan,nature-based-solutions
Águeda,PT,practice,Bike sharing,mobility
Gent,BE,practice,School streets,mobility;citizen-engagement
Gent,BE,practice,Green roofs,nature-based-solutions
";

#[test]
fn the_document_reads_back_to_the_same_instance() {
    let read = Interests::from_csv(TABLE).unwrap();
    let s = suggest(&read.learners, &read.peers, Options::default());
    let seats = Seats { per_host: 1, max_hosts: Some(1) };
    let built = PairingInstance::new(&read.learners, &read.peers, &s, seats).unwrap();
    let again = Instance::from_json(&built.to_json(), &Limits::default()).unwrap();
    assert_eq!(&again, built.instance());
    assert_eq!(built.spec().max_hosts, Some(1));
    // Torino: Gent shares mobility (2) and citizen engagement (1) = 3,
    // Águeda mobility only = 2; Lyon: Gent's green roofs (2).
    let torino = &built.spec().seekers[0];
    assert_eq!(torino.id, "torino");
    assert_eq!(
        torino.preferences,
        [Preference::One("gent".to_owned()), Preference::One("agueda".to_owned())]
    );
    let scores: Vec<(String, String, String)> = built
        .spec()
        .scores
        .iter()
        .map(|s| (s.seeker.clone(), s.host.clone(), s.score.to_string()))
        .collect();
    let expected = [("torino", "gent", "3"), ("torino", "agueda", "2"), ("lyon", "gent", "2")]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
    assert_eq!(scores, expected);
}

#[test]
fn two_peers_with_one_id_are_refused_with_a_typed_error() {
    let read = Interests::from_csv(TABLE).unwrap();
    let mut peers = read.peers.clone();
    peers.push(peers[0].clone());
    let s = suggest(&read.learners, &peers, Options::default());
    let seats = Seats { per_host: 1, max_hosts: None };
    let e = PairingInstance::new(&read.learners, &peers, &s, seats).unwrap_err();
    assert!(matches!(e, twinning_pairing::Error::Instance(_)), "{e}");
}
