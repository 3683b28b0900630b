//! The router, its layers, and serving with a graceful shutdown.

use std::future::Future;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use tokio::net::TcpListener;
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

/// The routes of the server over `store`: `/healthz`, `/readyz` and the
/// versioned API under `/v1`, with request bodies bounded by
/// `config.max_body_bytes`. No CORS layer: browsers on other origins are
/// refused by default.
pub fn router(store: Store, config: &Config) -> Router {
    let state = AppState { store };
    let limiter = config.rate_limit.map(crate::limit::Limiter::new);
    let app = crate::routes::routes(state.clone(), limiter.clone())
        .merge(crate::web::routes(limiter))
        .fallback(crate::web::fallback)
        .with_state(state)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(
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
    let store = Store::open(&config.db)?;
    let listener = TcpListener::bind(config.bind).await?;
    tracing::info!(addr = %listener.local_addr()?, db = %config.db.display(), "listening");
    serve_on(listener, store, &config, shutdown_signal()).await
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

/// Serves on `listener` until `shutdown` completes, then drains.
///
/// # Errors
///
/// [`Error::Io`] when serving fails.
pub async fn serve_on(
    listener: TcpListener,
    store: Store,
    config: &Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let app = router(store, config).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: draining requests in flight");
}
