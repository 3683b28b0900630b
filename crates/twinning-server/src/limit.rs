//! Rate limiting of the public routes: a token bucket per client address.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

use crate::problem::Problem;

/// How many addresses the limiter remembers before it forgets idle ones.
const MAX_CLIENTS: usize = 10_000;

/// A limit of requests per second per client address, with bursts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Sustained requests per second.
    pub per_second: f64,
    /// The most requests at once after a quiet spell.
    pub burst: f64,
}

impl RateLimit {
    /// `per_second` with a burst of twice that (at least 1).
    #[must_use]
    pub fn per_second(per_second: u32) -> RateLimit {
        let per_second = f64::from(per_second);
        RateLimit { per_second, burst: (2.0 * per_second).max(1.0) }
    }
}

/// The buckets, shared by every request.
#[derive(Debug, Clone)]
pub(crate) struct Limiter {
    limit: RateLimit,
    buckets: Arc<Mutex<HashMap<IpAddr, (f64, Instant)>>>,
}

impl Limiter {
    pub(crate) fn new(limit: RateLimit) -> Limiter {
        Limiter { limit, buckets: Arc::new(Mutex::new(HashMap::new())) }
    }

    /// Takes a token for `ip`: `Ok`, or the seconds until one is free.
    fn take(&self, ip: IpAddr, now: Instant) -> Result<(), f64> {
        let mut map = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if map.len() >= MAX_CLIENTS && !map.contains_key(&ip) {
            let full = self.limit.burst / self.limit.per_second.max(f64::MIN_POSITIVE);
            map.retain(|_, (_, seen)| now.duration_since(*seen).as_secs_f64() < full);
        }
        let (tokens, seen) = map.entry(ip).or_insert((self.limit.burst, now));
        let refill = now.duration_since(*seen).as_secs_f64() * self.limit.per_second;
        *tokens = (*tokens + refill).min(self.limit.burst);
        *seen = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err((1.0 - *tokens) / self.limit.per_second.max(f64::MIN_POSITIVE))
        }
    }
}

/// Answers 429 with `Retry-After` when the client's bucket is empty.
pub(crate) async fn limit(State(limiter): State<Limiter>, req: Request, next: Next) -> Response {
    let ip = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    if let Some(ip) = ip
        && let Err(wait) = limiter.take(ip, Instant::now())
    {
        let seconds = wait.ceil().max(1.0);
        let mut r = Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            format!("too many requests from this address; retry in {seconds} s"),
        )
        .into_response();
        if let Ok(v) = HeaderValue::from_str(&format!("{seconds}")) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{Limiter, RateLimit};

    #[test]
    fn a_bucket_allows_the_burst_then_refills_at_the_rate() {
        let l = Limiter::new(RateLimit { per_second: 10.0, burst: 3.0 });
        let ip = "192.0.2.1".parse().unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
        let t0 = std::time::Instant::now();
        assert!((0..3).all(|_| l.take(ip, t0).is_ok()));
        let wait = l.take(ip, t0).err().unwrap_or_default();
        assert!((wait - 0.1).abs() < 1e-9, "{wait}");
        // 100 ms later one token (10 a second) is back.
        assert!(l.take(ip, t0 + Duration::from_millis(100)).is_ok());
        // Another address has its own bucket.
        let other = std::net::IpAddr::from([192, 0, 2, 2]);
        assert!(l.take(other, t0).is_ok());
    }
}
