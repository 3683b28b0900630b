mod auth;
mod bad_input;
mod concurrency;
mod exports;
mod flow;
mod openapi;
mod public;
mod slow;
