//! Oracle tests: small random instances solved by brute force over every
//! matching, with stability written out again here from the definitions.

use std::collections::BTreeSet;

use proptest::prelude::*;
use twinning_matcher::{
    Instance, Limits, Side, Stability, StableLattice, SuperStableOutcome, WhyNot, check,
    check_assignment, deferred_acceptance, explain, super_stable,
};

/// A random instance kept in plain form so that the test can compute ranks itself.
#[derive(Debug, Clone)]
pub(crate) struct Gen {
    pub(crate) caps: Vec<u32>,
    /// Tiers of host indices.
    pub(crate) seekers: Vec<Vec<Vec<usize>>>,
    /// Tiers of seeker indices.
    pub(crate) hosts: Vec<Vec<Vec<usize>>>,
    pub(crate) forbidden: Vec<(usize, usize)>,
    pub(crate) required: Vec<(usize, usize)>,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn random_list(rng: &mut Rng, n: usize, ties: bool, density: u64) -> Vec<Vec<usize>> {
    let mut items: Vec<usize> = (0..n).filter(|_| rng.chance(density)).collect();
    for k in (1..items.len()).rev() {
        let o = rng.below(k + 1);
        items.swap(k, o);
    }
    let mut tiers: Vec<Vec<usize>> = Vec::new();
    for x in items {
        match tiers.last_mut() {
            Some(t) if ties && rng.chance(35) => t.push(x),
            _ => tiers.push(vec![x]),
        }
    }
    tiers
}

impl Gen {
    pub(crate) fn random(
        seed: u64,
        max_s: usize,
        max_h: usize,
        ties: bool,
        constraints: bool,
    ) -> Self {
        let mut rng = Rng(seed);
        let n_s = 1 + rng.below(max_s);
        let n_h = 1 + rng.below(max_h);
        let caps = (0..n_h).map(|_| rng.below(3) as u32).collect();
        // From sparse to complete lists, so that both ways of linking the lists are used.
        let density = 30 + rng.next() % 71;
        let seekers = (0..n_s).map(|_| random_list(&mut rng, n_h, ties, density)).collect();
        let hosts = (0..n_h).map(|_| random_list(&mut rng, n_s, ties, density)).collect();
        let mut g = Self { caps, seekers, hosts, forbidden: Vec::new(), required: Vec::new() };
        if constraints {
            for i in 0..n_s {
                for j in 0..n_h {
                    if g.lists(i, j) && rng.chance(10) {
                        g.forbidden.push((i, j));
                    }
                }
            }
            let mut load = vec![0u32; n_h];
            for i in 0..n_s {
                let j = rng.below(n_h);
                if g.acceptable(i, j) && load[j] < g.caps[j] && rng.chance(20) {
                    load[j] += 1;
                    g.required.push((i, j));
                }
            }
        }
        g
    }

    pub(crate) fn n_s(&self) -> usize {
        self.seekers.len()
    }
    pub(crate) fn n_h(&self) -> usize {
        self.hosts.len()
    }

    pub(crate) fn srank(&self, i: usize, j: usize) -> Option<usize> {
        self.seekers[i].iter().position(|t| t.contains(&j))
    }
    pub(crate) fn hrank(&self, j: usize, i: usize) -> Option<usize> {
        self.hosts[j].iter().position(|t| t.contains(&i))
    }
    fn lists(&self, i: usize, j: usize) -> bool {
        self.srank(i, j).is_some() && self.hrank(j, i).is_some()
    }
    pub(crate) fn acceptable(&self, i: usize, j: usize) -> bool {
        self.lists(i, j) && !self.forbidden.contains(&(i, j))
    }

    pub(crate) fn json(&self) -> String {
        let list = |tiers: &Vec<Vec<usize>>, p: char| {
            let items: Vec<String> = tiers
                .iter()
                .map(|t| {
                    if t.len() == 1 {
                        format!("\"{p}{}\"", t[0])
                    } else {
                        let v: Vec<String> = t.iter().map(|x| format!("\"{p}{x}\"")).collect();
                        format!("[{}]", v.join(","))
                    }
                })
                .collect();
            format!("[{}]", items.join(","))
        };
        let seekers: Vec<String> = self
            .seekers
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{{\"id\":\"s{i}\",\"preferences\":{}}}", list(t, 'h')))
            .collect();
        let hosts: Vec<String> = self
            .hosts
            .iter()
            .enumerate()
            .map(|(j, t)| {
                format!(
                    "{{\"id\":\"h{j}\",\"capacity\":{},\"preferences\":{}}}",
                    self.caps[j],
                    list(t, 's')
                )
            })
            .collect();
        let pairs = |v: &Vec<(usize, usize)>| {
            let items: Vec<String> = v
                .iter()
                .map(|(i, j)| format!("{{\"seeker\":\"s{i}\",\"host\":\"h{j}\"}}"))
                .collect();
            format!("[{}]", items.join(","))
        };
        format!(
            "{{\"seekers\":[{}],\"hosts\":[{}],\"forbidden\":{},\"required\":{}}}",
            seekers.join(","),
            hosts.join(","),
            pairs(&self.forbidden),
            pairs(&self.required)
        )
    }

    pub(crate) fn instance(&self) -> Instance {
        Instance::from_json(&self.json(), &Limits::default()).unwrap()
    }

    /// Every feasible assignment: acceptable pairs, capacities, required pairs.
    pub(crate) fn all_matchings(&self) -> Vec<Vec<Option<usize>>> {
        let mut out = Vec::new();
        let mut cur = vec![None; self.n_s()];
        let mut load = vec![0u32; self.n_h()];
        self.rec(0, &mut cur, &mut load, &mut out);
        out
    }
    fn rec(
        &self,
        i: usize,
        cur: &mut Vec<Option<usize>>,
        load: &mut Vec<u32>,
        out: &mut Vec<Vec<Option<usize>>>,
    ) {
        if i == self.n_s() {
            if self.required.iter().all(|&(s, h)| cur[s] == Some(h)) {
                out.push(cur.clone());
            }
            return;
        }
        cur[i] = None;
        self.rec(i + 1, cur, load, out);
        for j in 0..self.n_h() {
            if self.acceptable(i, j) && load[j] < self.caps[j] {
                load[j] += 1;
                cur[i] = Some(j);
                self.rec(i + 1, cur, load, out);
                load[j] -= 1;
                cur[i] = None;
            }
        }
    }

    /// Blocking pairs by the textbook definitions: (seeker, host, weakest notion broken).
    pub(crate) fn blocking(&self, m: &[Option<usize>]) -> BTreeSet<(usize, usize, Stability)> {
        let fixed: Vec<bool> = (0..self.n_s())
            .map(|i| self.required.iter().any(|&(s, h)| s == i && m[i] == Some(h)))
            .collect();
        let mut out = BTreeSet::new();
        for i in 0..self.n_s() {
            if fixed[i] {
                continue;
            }
            for j in 0..self.n_h() {
                if m[i] == Some(j) || !self.acceptable(i, j) {
                    continue;
                }
                let sr = self.srank(i, j).unwrap();
                // Seeker: 2 = strictly better, 1 = indifferent, 0 = worse.
                let s_view = match m[i] {
                    None => 2,
                    Some(k) => {
                        let c = self.srank(i, k).unwrap();
                        if sr < c {
                            2
                        } else if sr == c {
                            1
                        } else {
                            0
                        }
                    }
                };
                let assigned: Vec<usize> = (0..self.n_s()).filter(|&x| m[x] == Some(j)).collect();
                let h_view = if (assigned.len() as u32) < self.caps[j] {
                    2
                } else {
                    let movable: Vec<usize> =
                        assigned.iter().copied().filter(|&x| !fixed[x]).collect();
                    match movable.iter().map(|&x| self.hrank(j, x).unwrap()).max() {
                        None => 0,
                        Some(w) => {
                            let r = self.hrank(j, i).unwrap();
                            if r < w {
                                2
                            } else if r == w {
                                1
                            } else {
                                0
                            }
                        }
                    }
                };
                let level = match (s_view, h_view) {
                    (0, _) | (_, 0) => continue,
                    (2, 2) => Stability::Weak,
                    (1, 1) => Stability::Super,
                    _ => Stability::Strong,
                };
                out.insert((i, j, level));
            }
        }
        out
    }

    pub(crate) fn is_stable(&self, m: &[Option<usize>], notion: Stability) -> bool {
        self.blocking(m).iter().all(|&(_, _, b)| b > notion)
    }

    /// Sum of both sides' 1-based ranks.
    pub(crate) fn cost(&self, m: &[Option<usize>]) -> usize {
        (0..self.n_s())
            .filter_map(|i| {
                m[i].map(|j| self.srank(i, j).unwrap() + 1 + self.hrank(j, i).unwrap() + 1)
            })
            .sum()
    }
    /// Largest 1-based rank any matched agent gives its partner.
    pub(crate) fn regret(&self, m: &[Option<usize>]) -> usize {
        (0..self.n_s())
            .filter_map(|i| {
                m[i].map(|j| (self.srank(i, j).unwrap() + 1).max(self.hrank(j, i).unwrap() + 1))
            })
            .max()
            .unwrap_or(0)
    }
}

pub(crate) fn assignment(inst: &Instance, m: &twinning_matcher::Matching) -> Vec<Option<usize>> {
    m.assignment(inst).unwrap().into_iter().map(|x| x.map(|j| j as usize)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    /// Strict preferences: DA is stable and proposer-optimal, the lattice
    /// holds exactly the stable matchings, and its special members are optimal.
    #[test]
    fn strict_instances_match_brute_force(seed in any::<u64>()) {
        let g = Gen::random(seed, 5, 3, false, false);
        let inst = g.instance();
        let all = g.all_matchings();
        let stable: Vec<&Vec<Option<usize>>> = all.iter().filter(|m| g.is_stable(m, Stability::Weak)).collect();
        prop_assert!(!stable.is_empty());
        let worst = usize::MAX;
        let rank_of = |i: usize, m: &[Option<usize>]| m[i].map_or(worst, |j| g.srank(i, j).unwrap());

        let sp = assignment(&inst, &deferred_acceptance(&inst, Side::Seeker, 0));
        prop_assert!(g.is_stable(&sp, Stability::Weak));
        let hp = assignment(&inst, &deferred_acceptance(&inst, Side::Host, 0));
        prop_assert!(g.is_stable(&hp, Stability::Weak));
        for i in 0..g.n_s() {
            for m in &stable {
                prop_assert!(rank_of(i, &sp) <= rank_of(i, m));
                prop_assert!(rank_of(i, &hp) >= rank_of(i, m));
            }
        }

        // Explanations of a stable matching never point at a blocking pair, and
        // an unmatched seeker is unmatched in every stable matching.
        let ex = explain(&inst, &deferred_acceptance(&inst, Side::Seeker, 0)).unwrap();
        for (i, s) in ex.seekers.iter().enumerate() {
            for b in &s.better_hosts {
                let blocking = matches!(b.why_not, WhyNot::HostWouldAccept { .. });
                prop_assert!(!blocking);
            }
            if let Some(u) = &s.unmatched {
                prop_assert!(u.no_stable_matching_matches_it);
                prop_assert!(stable.iter().all(|m| m[i].is_none()));
            }
        }

        // The index-list constructor builds the same instance as the document.
        let flat = |v: &Vec<Vec<Vec<usize>>>| -> Vec<Vec<u32>> {
            v.iter().map(|t| t.iter().map(|x| x[0] as u32).collect()).collect()
        };
        let same = Instance::from_strict_lists(&flat(&g.seekers), &flat(&g.hosts), &g.caps, &Limits::default()).unwrap();
        prop_assert_eq!(&same, &inst);
        prop_assert_eq!(deferred_acceptance(&same, Side::Host, 0), deferred_acceptance(&inst, Side::Host, 0));

        let lattice = StableLattice::new(&inst, 0).unwrap();
        prop_assert_eq!(assignment(&inst, &lattice.seeker_optimal()), sp.clone());
        prop_assert_eq!(assignment(&inst, &lattice.host_optimal()), hp);
        let listed = lattice.enumerate(100_000);
        prop_assert!(listed.complete);
        let got: BTreeSet<Vec<Option<usize>>> = listed.matchings.iter().map(|m| assignment(&inst, m)).collect();
        prop_assert_eq!(got.len(), listed.matchings.len(), "enumeration repeats a matching");
        let want: BTreeSet<Vec<Option<usize>>> = stable.iter().map(|m| (*m).clone()).collect();
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(assignment(&inst, &listed.matchings[0]), sp);
        let from_lists: BTreeSet<Vec<Option<usize>>> = StableLattice::new(&same, 0)
            .unwrap()
            .enumerate(100_000)
            .matchings
            .iter()
            .map(|m| assignment(&same, m))
            .collect();
        prop_assert_eq!(&from_lists, &want);

        let egal = assignment(&inst, &lattice.egalitarian());
        prop_assert!(want.contains(&egal));
        prop_assert_eq!(g.cost(&egal), want.iter().map(|m| g.cost(m)).min().unwrap());
        let mr = assignment(&inst, &lattice.minimum_regret());
        prop_assert!(want.contains(&mr));
        prop_assert_eq!(g.regret(&mr), want.iter().map(|m| g.regret(m)).min().unwrap());
        let metrics = lattice.minimum_regret().metrics;
        prop_assert_eq!(metrics.regret.map_or(0, |r| r as usize), g.regret(&mr));
    }

    /// Ties (with seeds), forbidden and required pairs: every output is
    /// weakly stable by the brute-force definition and the checker agrees.
    #[test]
    fn tied_instances_are_weakly_stable(seed in any::<u64>(), tie_seed in 0u64..4) {
        let g = Gen::random(seed, 5, 3, true, true);
        let inst = g.instance();
        for side in [Side::Seeker, Side::Host] {
            let out = deferred_acceptance(&inst, side, tie_seed);
            let m = assignment(&inst, &out);
            prop_assert!(g.all_matchings().contains(&m));
            prop_assert!(g.is_stable(&m, Stability::Weak));
            let report = check(&inst, &out).unwrap();
            prop_assert!(report.is_stable(Stability::Weak), "{:?}", report);
        }
        let lattice = StableLattice::new(&inst, tie_seed).unwrap();
        let listed = lattice.enumerate(1000);
        for out in listed.matchings.iter().chain([&lattice.egalitarian(), &lattice.minimum_regret()]) {
            let m = assignment(&inst, out);
            prop_assert!(g.is_stable(&m, Stability::Weak));
            prop_assert!(check(&inst, out).unwrap().is_stable(Stability::Weak));
        }
    }

    /// The super-stable solver finds a super-stable matching exactly when one exists.
    #[test]
    fn super_stable_agrees_with_brute_force(seed in any::<u64>()) {
        let g = Gen::random(seed, 5, 3, true, false);
        let inst = g.instance();
        let exists = g.all_matchings().iter().any(|m| g.is_stable(m, Stability::Super));
        match super_stable(&inst).unwrap() {
            SuperStableOutcome::Found { matching } => {
                prop_assert!(exists);
                prop_assert!(g.is_stable(&assignment(&inst, &matching), Stability::Super));
                prop_assert!(check(&inst, &matching).unwrap().is_stable(Stability::Super));
            }
            SuperStableOutcome::NoneExists { reason } => prop_assert!(!exists, "{}", reason),
            _ => prop_assert!(false),
        }
    }

    /// The checker's blocking pairs are exactly the textbook ones, on every matching.
    #[test]
    fn checker_agrees_with_brute_force(seed in any::<u64>()) {
        let g = Gen::random(seed, 4, 3, true, true);
        let inst = g.instance();
        for m in g.all_matchings() {
            let report = check_assignment(&inst, &m, None);
            prop_assert!(report.is_feasible(), "{:?}", report.violations);
            let got: BTreeSet<(usize, usize, Stability)> = report
                .blocking_pairs
                .iter()
                .map(|b| {
                    (inst.seeker_index(&b.seeker).unwrap(), inst.host_index(&b.host).unwrap(), b.breaks)
                })
                .collect();
            prop_assert_eq!(&got, &g.blocking(&m));
            for notion in [Stability::Weak, Stability::Strong, Stability::Super] {
                prop_assert_eq!(report.is_stable(notion), g.is_stable(&m, notion));
            }
        }
    }
}

/// splitmix64, written out again from its published definition.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Gen {
    /// The strict instance the documented tie-breaking rule gives for `seed`:
    /// inside a tie, the partner with the smaller lottery number first
    /// (seekers draw `splitmix64(seed + 2i)`, hosts `splitmix64(seed + 2j + 1)`).
    fn broken(&self, seed: u64) -> Self {
        let lot = |host: bool, k: usize| {
            (splitmix64(seed.wrapping_add(2 * k as u64 + u64::from(host))), k)
        };
        let strict = |tiers: &Vec<Vec<usize>>, partners_are_hosts: bool| -> Vec<Vec<usize>> {
            let mut out = Vec::new();
            for t in tiers {
                let mut t = t.clone();
                t.sort_by_key(|&k| lot(partners_are_hosts, k));
                out.extend(t.into_iter().map(|k| vec![k]));
            }
            out
        };
        Self {
            caps: self.caps.clone(),
            seekers: self.seekers.iter().map(|t| strict(t, true)).collect(),
            hosts: self.hosts.iter().map(|t| strict(t, false)).collect(),
            forbidden: self.forbidden.clone(),
            required: self.required.clone(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// With ties and a seed, deferred acceptance and the lattice are exactly
    /// those of the strict instance the documented rule produces.
    #[test]
    fn seeded_tie_breaking_follows_the_documented_rule(seed in any::<u64>(), tie_seed in 1u64..1000) {
        let g = Gen::random(seed, 5, 3, true, false);
        let strict = g.broken(tie_seed);
        let (inst, sinst) = (g.instance(), strict.instance());
        for side in [Side::Seeker, Side::Host] {
            let a = assignment(&inst, &deferred_acceptance(&inst, side, tie_seed));
            let b = assignment(&sinst, &deferred_acceptance(&sinst, side, 0));
            prop_assert_eq!(a, b);
        }
        let want: BTreeSet<Vec<Option<usize>>> =
            strict.all_matchings().into_iter().filter(|m| strict.is_stable(m, Stability::Weak)).collect();
        let lattice = StableLattice::new(&inst, tie_seed).unwrap();
        let listed = lattice.enumerate(100_000);
        let got: BTreeSet<Vec<Option<usize>>> = listed.matchings.iter().map(|m| assignment(&inst, m)).collect();
        prop_assert_eq!(got, want);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Forbidden and required pairs: the lattice holds exactly the matchings
    /// that contain the required pairs and are stable among everyone else.
    #[test]
    fn constrained_lattice_matches_brute_force(seed in any::<u64>()) {
        let g = Gen::random(seed, 5, 3, false, true);
        let inst = g.instance();
        let want: BTreeSet<Vec<Option<usize>>> =
            g.all_matchings().into_iter().filter(|m| g.is_stable(m, Stability::Weak)).collect();
        let lattice = StableLattice::new(&inst, 0).unwrap();
        let got: BTreeSet<Vec<Option<usize>>> =
            lattice.enumerate(100_000).matchings.iter().map(|m| assignment(&inst, m)).collect();
        prop_assert_eq!(&got, &want);
        let sp = assignment(&inst, &deferred_acceptance(&inst, Side::Seeker, 0));
        prop_assert!(want.contains(&sp));
        let egal = assignment(&inst, &lattice.egalitarian());
        prop_assert_eq!(g.cost(&egal), want.iter().map(|m| g.cost(m)).min().unwrap());
        let mr = assignment(&inst, &lattice.minimum_regret());
        prop_assert_eq!(g.regret(&mr), want.iter().map(|m| g.regret(m)).min().unwrap());
    }
}
