//! The router, its layers, and serving with a graceful shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use http_body_util::BodyExt as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::{Service as _, ServiceExt as _};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::Config;
use crate::error::Error;
use crate::problem::Problem;
use crate::store::Store;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub(crate) struct AppState {
    /// The database.
    pub(crate) store: Store,
    /// Signs staff sessions and CSRF tokens with the database's key.
    pub(crate) signer: crate::web::session::Signer,
    /// The catalogue, registry and cohorts answers are given from
    /// ([`Config::data`]).
    pub(crate) data: std::sync::Arc<twinning_eligibility::ProgrammeData>,
}

impl AppState {
    /// Runs `f` on the database off the async workers.
    pub(crate) async fn db<R, F>(&self, f: F) -> Result<R, Problem>
    where
        F: FnOnce(&Store) -> R + Send + 'static,
        R: Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || f(&store)).await.map_err(Problem::internal)
    }
}

/// The headers every answer carries: no sniffing, no framing, no referrer,
/// no caching of answers that may hold applicants' data, and a content
/// security policy that allows nothing (web pages narrow it to their own
/// files; see `web::PAGE_CSP`).
fn security_headers(router: Router) -> Router {
    let headers: [(HeaderName, &'static str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    headers.into_iter().fold(router, |r, (name, value)| {
        // Pages set their own policy (their own stylesheet and script) and
        // assets their own cache lifetime; everything else gets these.
        r.layer(SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value)))
    })
}

/// How much of a request body is read, and for how long.
#[derive(Debug, Clone, Copy)]
struct BodyRead {
    max_bytes: usize,
    timeout: Duration,
}

/// Reads the whole request body before any handler runs, within the size
/// limit and the time limit: a body past the limit is a 413, a client that
/// trickles its body past the time limit gets a 408, so a slow client
/// cannot hold a handler (or a database connection) open.
async fn read_body(State(limit): State<BodyRead>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let limited = http_body_util::Limited::new(body, limit.max_bytes);
    match tokio::time::timeout(limit.timeout, limited.collect()).await {
        Err(_) => Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "request-timeout",
            format!(
                "the request body did not arrive within {} s; send it at once",
                limit.timeout.as_secs()
            ),
        )
        .into_response(),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "the request body is larger than the server accepts",
        )
        .into_response(),
        Ok(Err(e)) => {
            Problem::bad_request(format!("the request body could not be read: {e}")).into_response()
        }
        Ok(Ok(collected)) => {
            let body = axum::body::Body::from(collected.to_bytes());
            next.run(Request::from_parts(parts, body)).await
        }
    }
}

/// The CORS layer for `origins`: scripts on those origins may call every
/// route with a bearer token; preflights are cached for ten minutes.
fn cors(origins: &[crate::Origin]) -> Option<CorsLayer> {
    let values: Vec<HeaderValue> =
        origins.iter().filter_map(|o| HeaderValue::from_str(o.as_str()).ok()).collect();
    (!values.is_empty()).then(|| {
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(values))
            .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
            .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
            .max_age(Duration::from_secs(600))
    })
}

/// The routes of the server over `store`: `/healthz`, `/readyz` and the
/// versioned API under `/v1`, with request bodies bounded by
/// `config.max_body_bytes` and `config.body_read_timeout`. CORS headers
/// only for `config.cors_origins` (none by default, so browsers on other
/// origins are refused).
pub fn router(store: Store, config: &Config) -> Router {
    let signer = crate::web::session::Signer::new(*store.session_key(), config.secure_cookies);
    let state = AppState { store, signer, data: config.data.clone() };
    let limiter = config.rate_limit.map(crate::limit::Limiter::new);
    let body = BodyRead { max_bytes: config.max_body_bytes, timeout: config.body_read_timeout };
    let app = crate::routes::routes(state.clone(), limiter.clone())
        .merge(crate::web::routes(limiter))
        .fallback(crate::web::fallback)
        .with_state(state)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(body, read_body));
    let app = match cors(&config.cors_origins) {
        Some(layer) => app.layer(layer),
        None => app,
    };
    let app = app.layer(
        TraceLayer::new_for_http()
            .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
            .on_response(DefaultOnResponse::new().level(Level::INFO)),
    );
    security_headers(app)
}

/// Opens the database, binds `config.bind` and serves until Ctrl-C or
/// SIGTERM, then drains the requests in flight.
///
/// # Errors
///
/// [`Error::Database`] when the database cannot be opened or migrated,
/// [`Error::Io`] when the address cannot be bound.
pub async fn serve(config: Config) -> Result<(), Error> {
    // Before anything can answer, so that no signal finds the default
    // action in place.
    let shutdown = shutdown_signal();
    let store = Store::open(&config.db)?;
    let listener = TcpListener::bind(config.bind).await?;
    let data: Vec<String> =
        config.data.dates().fields().into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
    tracing::info!(
        addr = %listener.local_addr()?,
        db = %config.db.display(),
        data = %data.join("; "),
        "listening"
    );
    let addr = listener.local_addr()?;
    if !store.tokens()?.iter().any(|t| t.revoked_at.is_none()) {
        // Nobody can sign in at /staff yet: say how to let someone.
        tracing::warn!(
            staff = %format!("http://{addr}/staff"),
            "no staff token yet: create one with `twinning serve token create NAME --db {}` and \
             sign in with it at /staff",
            config.db.display()
        );
    }
    serve_on(listener, store, &config, shutdown).await
}

/// Runs [`serve`] on a new multi-threaded runtime, returning after a
/// graceful shutdown.
///
/// # Errors
///
/// As [`serve`], and [`Error::Io`] when the runtime cannot start.
pub fn run(config: Config) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve(config))
}

/// Structured logs: one JSON object per line on standard error, at the
/// level `TWINNING_LOG` names (error, warn, info, debug, trace; default
/// info). Does nothing when a logger is already installed.
pub fn init_logging() {
    let level = std::env::var("TWINNING_LOG")
        .ok()
        .and_then(|v| v.parse::<Level>().ok())
        .unwrap_or(Level::INFO);
    let _ = tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .try_init();
}

/// Serves on `listener` until `shutdown` completes, then stops accepting
/// and drains the connections in flight.
///
/// Each connection must send its request headers within
/// `config.header_read_timeout` or is closed (a client trickling headers
/// would otherwise hold a connection forever); an accept error (say, out
/// of file descriptors) is logged and retried after a pause instead of
/// stopping the server.
///
/// # Errors
///
/// None today; the signature keeps room for listener errors.
pub async fn serve_on(
    listener: TcpListener,
    store: Store,
    config: &Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let mut make = router(store, config).into_make_service_with_connect_info::<SocketAddr>();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(config.header_read_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a connection failed; retrying");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Answers are small and written whole: no waiting to coalesce them.
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, %remote, "TCP_NODELAY not set");
        }
        let Ok(service) = make.call(remote).await;
        let service = service
            .map_request(|req: Request<hyper::body::Incoming>| req.map(axum::body::Body::new));
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, %remote, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tracing::info!("shutting down: draining requests in flight");
    graceful.shutdown().await;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix. The handlers are installed when this is
/// called, not when the future is first polled: the serving loop may answer
/// its first requests before it polls the future, and a SIGTERM that came
/// in between would otherwise end the process without draining.
fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let (interrupt, terminate) = {
        use tokio::signal::unix::{SignalKind, signal};
        (signal(SignalKind::interrupt()).ok(), signal(SignalKind::terminate()).ok())
    };
    async move {
        #[cfg(unix)]
        {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(interrupt) => {},
                () = wait(terminate) => {},
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
