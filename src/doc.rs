//! `Doc`: a shared, cheaply compared handle on one `Analysis`.

use std::ops::Deref;
use std::rc::Rc;

use dramatis_core::Analysis;

/// Two `Doc`s are equal when they are the same analysis (pointer equality),
/// so props and effect dependencies never compare whole articles.
#[derive(Clone)]
pub struct Doc(pub Rc<Analysis>, pub Timing);

/// How long the engine took, in milliseconds (for the stats line and benchmarks).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timing {
    pub analysis_ms: f64,
    /// Analysed in the Web Worker (big inputs) rather than on the page.
    pub in_worker: bool,
}

impl PartialEq for Doc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Doc {
    type Target = Analysis;
    fn deref(&self) -> &Analysis {
        &self.0
    }
}

impl Doc {
    pub fn new(a: Analysis, analysis_ms: f64) -> Doc {
        Doc(
            Rc::new(a),
            Timing {
                analysis_ms,
                in_worker: false,
            },
        )
    }

    pub fn from_worker(a: Analysis, analysis_ms: f64) -> Doc {
        Doc(
            Rc::new(a),
            Timing {
                analysis_ms,
                in_worker: true,
            },
        )
    }
}
