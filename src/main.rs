//! Dramatis reader: the thin Yew front end over `dramatis-core`.
//!
//! The app renders one [`Analysis`](dramatis_core::Analysis): the article with
//! its mentions (built straight into the DOM by [`article`], so a huge paste
//! stays fast), a legend, and one hover card. All NLP is in the engine.

mod app;
mod article;
mod card;
mod doc;
mod legend;
mod palette;
mod placement;
mod runner;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
