mod auth;
mod bad_input;
mod concurrency;
mod flow;
mod openapi;
mod public;
mod slow;
