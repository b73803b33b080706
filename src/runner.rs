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
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

pub fn options() -> Options {
    Options { date: None, today: Some(today()) }
}

/// Analyse `text` now (for short texts).
pub fn analyze_now(text: &str) -> Analysis {
    dramatis_core::analyze(text, &options())
}

/// Analyse `text` in slices. `progress(done, total)` is called after each
/// slice; the run stops early (returning `None`) when `generation` no longer
/// equals `mine`, i.e. a newer analysis was started.
pub async fn analyze_sliced(text: String, generation: Rc<Cell<u32>>, mine: u32, progress: impl Fn(usize, usize)) -> Option<Analysis> {
    let mut job = Job::new(&text, options());
    drop(text);
    loop {
        let finished = job.step(SLICE_BYTES);
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
    Some(job.finish())
}
