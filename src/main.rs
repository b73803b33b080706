//! Dramatis reader: the thin Yew front end over `dramatis-core`.
//!
//! The app renders one [`Analysis`](dramatis_core::Analysis): the article with
//! its mentions (built straight into the DOM by [`article`], so a huge paste
//! stays fast), a legend, the cast panel, focus mode, the mention map and one
//! hover card. All NLP is in the engine.

mod app;
mod article;
mod card;
mod card_ctl;
mod cast;
mod doc;
mod focus;
mod html_reduce;
mod legend;
mod markdown;
mod mention_map;
mod open;
mod palette;
mod placement;
mod runner;
mod settings;
mod visibility;
mod worker;

fn main() {
    // In the analysis worker (no window) this module only serves
    // `worker::worker_analyze`; the page is rendered in the window.
    if web_sys::window().is_some() {
        yew::Renderer::<app::App>::new().render();
    }
}
