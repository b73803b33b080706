//! Runs the engine on the main thread in slices, yielding to the browser
//! between slices so input, painting and the progress bar stay live.

use std::cell::Cell;
use std::rc::Rc;

use dramatis_core::{Analysis, Job, Options};
use gloo_timers::future::TimeoutFuture;

/// Bytes of text analysed per slice (a few milliseconds of work).
pub const SLICE_BYTES: usize = 48 * 1024;

/// Today's date from the browser clock, as YYYY-MM-DD (local time).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Options for one run: the reader's chosen article date, if any, and today.
/// The gazetteer automaton is used once built (the app builds it right
/// after its first paint); until then the KB's hash table does the same job.
/// The trained tagger likewise joins once its model is parsed (right after the
/// first paint; `load_tagger`).
pub fn options(date: Option<String>) -> Options {
    Options {
        date,
        today: Some(today()),
        automaton: dramatis_core::Automaton::IfReady,
        tagger: dramatis_core::tagger::Tagger::ready().is_some(),
    }
}

/// Parse the tagger's model now (after the first paint); true when this call
/// loaded it (so what is on screen was analysed without it).
pub fn load_tagger() -> bool {
    let was_ready = dramatis_core::tagger::Tagger::ready().is_some();
    let _ = dramatis_core::tagger::Tagger::embedded();
    !was_ready
}

/// Milliseconds since the page started (high resolution).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Load the knowledge base (parsed once, on first use); returns the ms it took.
pub fn load_kb() -> f64 {
    let t0 = now_ms();
    let _ = dramatis_core::kb::Kb::embedded();
    now_ms() - t0
}

/// Analyse `text` now (for short texts); returns the analysis and its time in ms.
pub fn analyze_now(text: &str, date: Option<String>) -> (Analysis, f64) {
    let t0 = now_ms();
    let a = dramatis_core::analyze(text, &options(date));
    (a, now_ms() - t0)
}

/// Analyse `text` in slices. `progress(done, total)` is called after each
/// slice; the run stops early (returning `None`) when `generation` no longer
/// equals `mine`, i.e. a newer analysis was started.
pub async fn analyze_sliced(
    text: String,
    date: Option<String>,
    generation: Rc<Cell<u32>>,
    mine: u32,
    progress: impl Fn(usize, usize),
) -> Option<(Analysis, f64)> {
    let mut busy = 0.0;
    let t0 = now_ms();
    let mut job = Job::new(&text, options(date));
    busy += now_ms() - t0;
    drop(text);
    loop {
        let t = now_ms();
        let finished = job.step(SLICE_BYTES);
        busy += now_ms() - t;
        let (done, total) = job.progress();
        progress(done, total);
        TimeoutFuture::new(0).await;
        if generation.get() != mine {
            return None;
        }
        if finished {
            break;
        }
    }
    // The document-level work in two halves, with a yield between them.
    let t = now_ms();
    job.prepare();
    busy += now_ms() - t;
    TimeoutFuture::new(0).await;
    if generation.get() != mine {
        return None;
    }
    let t = now_ms();
    let a = job.finish();
    busy += now_ms() - t;
    Some((a, busy))
}

/// Build the gazetteer automaton now (after the first paint); returns the ms it took.
pub fn build_automaton() -> f64 {
    let t0 = now_ms();
    let _ = dramatis_core::gazetteer::Gazetteer::embedded();
    now_ms() - t0
}
