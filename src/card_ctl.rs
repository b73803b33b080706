//! The hover-card state machine (WCAG 1.4.13): opens after [`OPEN_DELAY_MS`]
//! of hovering, at once on keyboard focus, pinned (as a dialog) on click or
//! tap; stays open while the pointer is on it; closes [`CLOSE_GRACE_MS`]
//! after the pointer leaves, on Escape, or on a click elsewhere. On narrow
//! screens the card is a bottom sheet and the page scrolls so the mention
//! stays visible above it.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::placement::Rect;

pub const OPEN_DELAY_MS: u32 = 350;
pub const CLOSE_GRACE_MS: u32 = 300;
/// Viewports narrower than this show cards as bottom sheets.
pub const SHEET_BELOW: f64 = 600.0;
/// A sheet takes at most this share of the viewport's height (see style.css).
pub const SHEET_SHARE: f64 = 0.55;

/// Whether cards are bottom sheets now (narrow viewport).
pub fn is_sheet() -> bool {
    viewport().0 < SHEET_BELOW
}

/// Scroll so that `el` sits in the upper part of the screen, clear of the sheet.
fn keep_above_sheet(el: &Element) {
    let (_, vh) = viewport();
    let r = el.get_bounding_client_rect();
    let limit = vh * (1.0 - SHEET_SHARE) - 12.0;
    if r.bottom() > limit || r.top() < 0.0 {
        if let Some(w) = web_sys::window() {
            w.scroll_by_with_x_and_y(0.0, r.top() - vh * 0.2);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct CardState {
    pub mention: usize,
    pub rect: Rect,
    pub pinned: bool,
}

#[derive(Default)]
pub struct Timers {
    open: Option<Timeout>,
    close: Option<Timeout>,
}

/// Everything the card's event handlers share; cheap to clone.
#[derive(Clone)]
pub struct CardCtl {
    pub state: UseStateHandle<Option<CardState>>,
    pub now: Rc<RefCell<Option<CardState>>>,
    pub timers: Rc<RefCell<Timers>>,
    /// When a pointer last went down on the article (ms since page start).
    pub pressed: Rc<std::cell::Cell<f64>>,
}

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

pub fn mention_el(m: usize) -> Option<Element> {
    document()
        .query_selector(&format!("mark.mention[data-m=\"{m}\"]"))
        .ok()
        .flatten()
}

pub fn rect_of(el: &Element) -> Rect {
    let r = el.get_bounding_client_rect();
    Rect {
        left: r.left(),
        top: r.top(),
        right: r.right(),
        bottom: r.bottom(),
    }
}

pub fn viewport() -> (f64, f64) {
    let de = document().document_element();
    match de {
        Some(d) if d.client_width() > 0 => (d.client_width() as f64, d.client_height() as f64),
        _ => (1024.0, 768.0),
    }
}

/// The mention element an event happened in, with its index.
pub fn mention_of(target: Option<web_sys::EventTarget>) -> Option<(usize, Element)> {
    let el: Element = target?.dyn_into().ok()?;
    let m = el.closest("mark.mention").ok()??;
    let idx = m.get_attribute("data-m")?.parse().ok()?;
    Some((idx, m))
}

impl CardCtl {
    pub fn current(&self) -> Option<CardState> {
        *self.now.borrow()
    }
    pub fn set(&self, s: Option<CardState>) {
        // Screen readers: the mention is described by its open card.
        let before = self.now.borrow().map(|c| c.mention);
        if before != s.map(|c| c.mention) {
            if let Some(el) = before.and_then(mention_el) {
                let _ = el.remove_attribute("aria-describedby");
            }
            if let Some(el) = s.and_then(|c| mention_el(c.mention)) {
                let _ = el.set_attribute("aria-describedby", "card");
            }
        }
        *self.now.borrow_mut() = s;
        self.state.set(s);
    }
    pub fn cancel_open(&self) {
        self.timers.borrow_mut().open = None;
    }
    pub fn cancel_close(&self) {
        self.timers.borrow_mut().close = None;
    }
    pub fn open(&self, mention: usize, el: &Element, pinned: bool) {
        self.cancel_open();
        self.cancel_close();
        if is_sheet() {
            keep_above_sheet(el);
        }
        self.set(Some(CardState {
            mention,
            rect: rect_of(el),
            pinned,
        }));
    }
    pub fn open_later(&self, mention: usize, el: Element) {
        self.cancel_close();
        let me = self.clone();
        self.timers.borrow_mut().open = Some(Timeout::new(OPEN_DELAY_MS, move || {
            me.open(mention, &el, false)
        }));
    }
    pub fn close(&self) {
        self.cancel_open();
        self.cancel_close();
        if self.current().is_some() {
            self.set(None);
        }
    }
    pub fn close_later(&self) {
        self.cancel_open();
        if self.current().is_some_and(|c| !c.pinned) {
            let me = self.clone();
            self.timers.borrow_mut().close = Some(Timeout::new(CLOSE_GRACE_MS, move || me.close()));
        }
    }
    /// Follow the mention when the page scrolls or resizes.
    pub fn reposition(&self) {
        if let Some(c) = self.current() {
            match mention_el(c.mention) {
                Some(el) => self.set(Some(CardState {
                    rect: rect_of(&el),
                    ..c
                })),
                None => self.close(),
            }
        }
    }
}

/// The card controller, with its page-wide listeners: Escape closes the
/// card (and returns focus to the mention when it was inside the card), a
/// click elsewhere closes a pinned card, scrolling and resizing keep the card
/// beside its mention.
#[hook]
pub fn use_card_ctl() -> CardCtl {
    let state = use_state(|| None::<CardState>);
    let now = use_mut_ref(|| None::<CardState>);
    let timers = use_mut_ref(Timers::default);
    let pressed = use_mut_ref(|| Rc::new(std::cell::Cell::new(f64::NEG_INFINITY)))
        .borrow()
        .clone();
    let ctl = CardCtl {
        state,
        now,
        timers,
        pressed,
    };
    {
        let ctl = ctl.clone();
        use_effect_with((), move |_| {
            let d = document();
            let c1 = ctl.clone();
            let keys = gloo_events::EventListener::new(&d, "keydown", move |e| {
                let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if k.key() == "Escape" {
                    if let Some(c) = c1.current() {
                        let inside_card = document()
                            .active_element()
                            .and_then(|a| a.closest("#card").ok().flatten())
                            .is_some();
                        c1.close();
                        // This Escape is spent: focus mode stays on.
                        e.stop_immediate_propagation();
                        if inside_card {
                            if let Some(el) = mention_el(c.mention)
                                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                let _ = el.focus();
                            }
                        }
                    }
                }
            });
            let c2 = ctl.clone();
            let clicks = gloo_events::EventListener::new(&d, "click", move |e| {
                let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                    return;
                };
                let on_card = t.closest("#card").ok().flatten().is_some();
                let on_mention = t.closest("mark.mention").ok().flatten().is_some();
                if !on_card && !on_mention && c2.current().is_some_and(|c| c.pinned) {
                    c2.close();
                }
            });
            let w = web_sys::window().expect("window");
            let c3 = ctl.clone();
            let scroll = gloo_events::EventListener::new(&w, "scroll", move |_| c3.reposition());
            let c4 = ctl.clone();
            let resize = gloo_events::EventListener::new(&w, "resize", move |_| c4.reposition());
            move || drop((keys, clicks, scroll, resize))
        });
    }
    ctl
}

/// The `<article>`'s delegated event handlers.
pub struct MentionHandlers {
    pub onpointerdown: Callback<PointerEvent>,
    pub onmouseover: Callback<MouseEvent>,
    pub onmouseout: Callback<MouseEvent>,
    pub onfocusin: Callback<FocusEvent>,
    pub onfocusout: Callback<FocusEvent>,
    pub onclick: Callback<MouseEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
}

impl CardCtl {
    /// Handlers for the article. `active(el)` says whether a mention is
    /// highlighted now (hidden ones open no card); with `click_only`, hover
    /// and focus open nothing: click, tap and Enter still do.
    pub fn handlers(
        &self,
        click_only: bool,
        active: Rc<dyn Fn(&Element) -> bool>,
    ) -> MentionHandlers {
        let found = {
            let active = active.clone();
            move |t: Option<web_sys::EventTarget>| mention_of(t).filter(|(_, el)| active(el))
        };
        // A press on a mention focuses it before its click: that focus opens
        // nothing (the click pins the card), and a bottom sheet scrolls the
        // page only after the click, so the click still lands on the mention.
        let pressed = self.pressed.clone();
        let onpointerdown = {
            let pressed = pressed.clone();
            Callback::from(move |_: PointerEvent| pressed.set(crate::runner::now_ms()))
        };
        let by_pointer = move || crate::runner::now_ms() - pressed.get() < 1000.0;
        let onmouseover = {
            let ctl = self.clone();
            let found = found.clone();
            Callback::from(move |e: MouseEvent| {
                let Some((m, el)) = found(e.target()) else {
                    return;
                };
                match ctl.current() {
                    Some(c) if c.mention == m => ctl.cancel_close(),
                    Some(c) if c.pinned => {}
                    _ if click_only => {}
                    _ => ctl.open_later(m, el),
                }
            })
        };
        let onmouseout = {
            let ctl = self.clone();
            Callback::from(move |e: MouseEvent| {
                let Some((m, _)) = mention_of(e.target()) else {
                    return;
                };
                // Moving within the same mention is not leaving it.
                if mention_of(e.related_target()).is_some_and(|(n, _)| n == m) {
                    return;
                }
                ctl.cancel_open();
                ctl.close_later();
            })
        };
        let onfocusin = {
            let ctl = self.clone();
            let found = found.clone();
            let by_pointer = by_pointer.clone();
            Callback::from(move |e: FocusEvent| {
                if click_only || by_pointer() {
                    return;
                }
                if let Some((m, el)) = found(e.target()) {
                    if !ctl.current().is_some_and(|c| c.pinned && c.mention == m) {
                        ctl.open(m, &el, false);
                    }
                }
            })
        };
        let onfocusout = {
            let ctl = self.clone();
            Callback::from(move |e: FocusEvent| {
                let into_card = e
                    .related_target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|el| el.closest("#card").ok().flatten())
                    .is_some();
                if !into_card && ctl.current().is_some_and(|c| !c.pinned) {
                    ctl.close();
                }
            })
        };
        let onclick = {
            let ctl = self.clone();
            let found = found.clone();
            Callback::from(move |e: MouseEvent| {
                if let Some((m, el)) = found(e.target()) {
                    match ctl.current() {
                        Some(c) if c.mention == m && c.pinned => ctl.close(),
                        _ => ctl.open(m, &el, true),
                    }
                }
            })
        };
        let onkeydown = {
            let ctl = self.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    if let Some((m, el)) = found(e.target()) {
                        e.prevent_default();
                        ctl.open(m, &el, true);
                    }
                }
            })
        };
        MentionHandlers {
            onpointerdown,
            onmouseover,
            onmouseout,
            onfocusin,
            onfocusout,
            onclick,
            onkeydown,
        }
    }
}
