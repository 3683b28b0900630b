//! Fixed-seed instance generator shared by the Rust benches and, through the
//! files the bench writes (`--write DIR`), by the Python peers. Every
//! instance is a pure function of its parameters and seed (splitmix64), so a
//! run on another machine measures the same inputs.

/// splitmix64: tiny, fast and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A uniformly random permutation of `0..n`.
    pub fn permutation(&mut self, n: usize) -> Vec<u32> {
        let mut v: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
        v
    }

    /// `len` distinct values of `0..n` in random order (`len <= n`).
    pub fn sample(&mut self, n: usize, len: usize) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::with_capacity(len);
        while out.len() < len.min(n) {
            let x = self.below(n as u64) as u32;
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

/// A two-sided market as index lists: seeker lists (hosts best first), host
/// lists (seekers best first), capacities and optional integer scores per
/// seeker list entry.
#[derive(Debug, Clone)]
pub struct Market {
    /// Seeker `i`'s hosts, best first.
    pub seekers: Vec<Vec<u32>>,
    /// Host `j`'s seekers, best first.
    pub hosts: Vec<Vec<u32>>,
    /// Host capacities.
    pub capacities: Vec<u32>,
    /// Score of each entry of `seekers` (same shape), when scored.
    pub scores: Option<Vec<Vec<u32>>>,
}

/// Hospitals–residents with complete lists: every seeker ranks every host
/// and every host every seeker, uniformly at random; capacities share the
/// seekers out evenly.
pub fn complete(n_seekers: usize, n_hosts: usize, seed: u64) -> Market {
    let mut rng = Rng::new(seed);
    let seekers = (0..n_seekers).map(|_| rng.permutation(n_hosts)).collect();
    let hosts = (0..n_hosts).map(|_| rng.permutation(n_seekers)).collect();
    let cap = n_seekers.div_ceil(n_hosts.max(1)) as u32;
    Market { seekers, hosts, capacities: vec![cap; n_hosts], scores: None }
}

/// Short lists: every seeker ranks `len` random hosts; every host ranks the
/// seekers that listed it, in random order; capacities share the seekers out
/// evenly.
pub fn short_lists(n_seekers: usize, n_hosts: usize, len: usize, seed: u64) -> Market {
    let mut rng = Rng::new(seed);
    let seekers: Vec<Vec<u32>> = (0..n_seekers).map(|_| rng.sample(n_hosts, len)).collect();
    let hosts = listed_by(&seekers, n_hosts, &mut rng);
    let cap = n_seekers.div_ceil(n_hosts.max(1)) as u32;
    Market { seekers, hosts, capacities: vec![cap; n_hosts], scores: None }
}

/// The budgeted benchmark family: every seeker ranks `len` random hosts with
/// integer scores 1–100, every host ranks its applicants at random, and
/// capacities are 1–`max_cap`.
pub fn budgeted(
    n_seekers: usize,
    n_hosts: usize,
    len: usize,
    max_cap: u32,
    scored: bool,
    seed: u64,
) -> Market {
    let mut rng = Rng::new(seed);
    let seekers: Vec<Vec<u32>> = (0..n_seekers).map(|_| rng.sample(n_hosts, len)).collect();
    let hosts = listed_by(&seekers, n_hosts, &mut rng);
    let capacities = (0..n_hosts).map(|_| 1 + rng.below(u64::from(max_cap)) as u32).collect();
    let scores = scored.then(|| {
        seekers.iter().map(|l| l.iter().map(|_| 1 + rng.below(100) as u32).collect()).collect()
    });
    Market { seekers, hosts, capacities, scores }
}

/// The host lists of `seekers`' lists: each host's applicants, in random order.
pub fn listed_by(seekers: &[Vec<u32>], n_hosts: usize, rng: &mut Rng) -> Vec<Vec<u32>> {
    let mut hosts: Vec<Vec<u32>> = vec![Vec::new(); n_hosts];
    for (i, list) in seekers.iter().enumerate() {
        for &h in list {
            hosts[h as usize].push(i as u32);
        }
    }
    for list in &mut hosts {
        for i in (1..list.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            list.swap(i, j);
        }
    }
    hosts
}

/// Complete lists that agree: every seeker ranks every host by the host's
/// index plus a random offset of `0..spread` (a master list with noise), so
/// everybody wants the same few hosts first; hosts rank every seeker at
/// random; unit capacities. The hard shape for rank-maximal assignment: the
/// first choices collide and every rank changes the matching a little.
pub fn correlated(n_seekers: usize, n_hosts: usize, spread: u64, seed: u64) -> Market {
    let mut rng = Rng::new(seed);
    let seekers = (0..n_seekers)
        .map(|_| {
            let mut keyed: Vec<(u64, u32)> =
                (0..n_hosts as u32).map(|j| (u64::from(j) + rng.below(spread), j)).collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, j)| j).collect()
        })
        .collect();
    let hosts = (0..n_hosts).map(|_| rng.permutation(n_seekers)).collect();
    Market { seekers, hosts, capacities: vec![1; n_hosts], scores: None }
}

/// A dense `n × n` cost matrix, integers 0–999, row by row.
pub fn dense(n: usize, seed: u64) -> Vec<i64> {
    let mut rng = Rng::new(seed);
    (0..n * n).map(|_| rng.below(1000) as i64).collect()
}

impl Market {
    /// The market as an instance document (the crate's JSON format), with
    /// ids `s{i}` and `h{j}` and, when scored, one `scores` entry per pair.
    pub fn to_json(&self, max_hosts: Option<u32>) -> String {
        use std::fmt::Write;
        let mut out = String::from("{\"seekers\":[");
        for (i, l) in self.seekers.iter().enumerate() {
            let _ =
                write!(out, "{}{{\"id\":\"s{i}\",\"preferences\":[", if i > 0 { "," } else { "" });
            for (k, h) in l.iter().enumerate() {
                let _ = write!(out, "{}\"h{h}\"", if k > 0 { "," } else { "" });
            }
            out.push_str("]}");
        }
        out.push_str("],\"hosts\":[");
        for (j, l) in self.hosts.iter().enumerate() {
            let _ = write!(
                out,
                "{}{{\"id\":\"h{j}\",\"capacity\":{},\"preferences\":[",
                if j > 0 { "," } else { "" },
                self.capacities[j]
            );
            for (k, s) in l.iter().enumerate() {
                let _ = write!(out, "{}\"s{s}\"", if k > 0 { "," } else { "" });
            }
            out.push_str("]}");
        }
        out.push(']');
        if let Some(scores) = &self.scores {
            out.push_str(",\"scores\":[");
            let mut first = true;
            for (i, (l, w)) in self.seekers.iter().zip(scores).enumerate() {
                for (h, s) in l.iter().zip(w) {
                    let _ = write!(
                        out,
                        "{}{{\"seeker\":\"s{i}\",\"host\":\"h{h}\",\"score\":\"{s}\"}}",
                        if first { "" } else { "," }
                    );
                    first = false;
                }
            }
            out.push(']');
        }
        if let Some(k) = max_hosts {
            let _ = write!(out, ",\"max_hosts\":{k}");
        }
        out.push('}');
        out
    }
}
