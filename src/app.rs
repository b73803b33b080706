//! The App: input controls, the article, the legend and the hover card.
//!
//! Hover-card behaviour (WCAG 1.4.13): opens after [`OPEN_DELAY_MS`] of
//! hovering, at once on keyboard focus, pinned (as a dialog) on click or tap;
//! stays open while the pointer is on it; closes [`CLOSE_GRACE_MS`] after the
//! pointer leaves, on Escape, or on a click elsewhere.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dramatis_core::Analysis;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::article::ArticleBuilder;
use crate::card::Card;
use crate::doc::Doc;
use crate::legend::Legend;
use crate::placement::{place, Rect};
use crate::runner;

pub const SAMPLE: &str = include_str!("../assets/samples/karabakh-2020.txt");
pub const OPEN_DELAY_MS: u32 = 350;
pub const CLOSE_GRACE_MS: u32 = 300;
/// Texts longer than this are analysed in slices with a progress bar.
const SLICED_ABOVE: usize = 96 * 1024;
/// Bytes of article built into the DOM per slice.
const RENDER_SLICE: usize = 32 * 1024;

#[derive(Clone, Copy, PartialEq, Debug)]
struct CardState {
    mention: usize,
    rect: Rect,
    pinned: bool,
}

#[derive(Default)]
struct Timers {
    open: Option<Timeout>,
    close: Option<Timeout>,
}

/// Everything the card's event handlers share; cheap to clone.
#[derive(Clone)]
struct CardCtl {
    state: UseStateHandle<Option<CardState>>,
    now: Rc<RefCell<Option<CardState>>>,
    timers: Rc<RefCell<Timers>>,
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn mention_el(m: usize) -> Option<Element> {
    document()
        .query_selector(&format!("mark.mention[data-m=\"{m}\"]"))
        .ok()
        .flatten()
}

fn rect_of(el: &Element) -> Rect {
    let r = el.get_bounding_client_rect();
    Rect {
        left: r.left(),
        top: r.top(),
        right: r.right(),
        bottom: r.bottom(),
    }
}

fn viewport() -> (f64, f64) {
    let de = document().document_element();
    match de {
        Some(d) if d.client_width() > 0 => (d.client_width() as f64, d.client_height() as f64),
        _ => (1024.0, 768.0),
    }
}

/// The mention element an event happened in, with its index.
fn mention_of(target: Option<web_sys::EventTarget>) -> Option<(usize, Element)> {
    let el: Element = target?.dyn_into().ok()?;
    let m = el.closest("mark.mention").ok()??;
    let idx = m.get_attribute("data-m")?.parse().ok()?;
    Some((idx, m))
}

impl CardCtl {
    fn current(&self) -> Option<CardState> {
        *self.now.borrow()
    }
    fn set(&self, s: Option<CardState>) {
        *self.now.borrow_mut() = s;
        self.state.set(s);
    }
    fn cancel_open(&self) {
        self.timers.borrow_mut().open = None;
    }
    fn cancel_close(&self) {
        self.timers.borrow_mut().close = None;
    }
    fn open(&self, mention: usize, el: &Element, pinned: bool) {
        self.cancel_open();
        self.cancel_close();
        self.set(Some(CardState {
            mention,
            rect: rect_of(el),
            pinned,
        }));
    }
    fn open_later(&self, mention: usize, el: Element) {
        self.cancel_close();
        let me = self.clone();
        self.timers.borrow_mut().open = Some(Timeout::new(OPEN_DELAY_MS, move || {
            me.open(mention, &el, false)
        }));
    }
    fn close(&self) {
        self.cancel_open();
        self.cancel_close();
        if self.current().is_some() {
            self.set(None);
        }
    }
    fn close_later(&self) {
        self.cancel_open();
        if self.current().is_some_and(|c| !c.pinned) {
            let me = self.clone();
            self.timers.borrow_mut().close = Some(Timeout::new(CLOSE_GRACE_MS, move || me.close()));
        }
    }
    /// Follow the mention when the page scrolls or resizes.
    fn reposition(&self) {
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

#[component]
pub fn App() -> Html {
    let kb_ms = use_state(runner::load_kb);
    let automaton_ms = use_state(|| None::<f64>);
    // Build the gazetteer automaton once the first article is on screen; later
    // analyses use it (the first one used the KB's hash table: same result).
    {
        let automaton_ms = automaton_ms.clone();
        use_effect_with((), move |_| {
            let t = Timeout::new(400, move || {
                automaton_ms.set(Some(runner::build_automaton()))
            });
            move || drop(t)
        });
    }
    let doc = use_state(|| {
        let (a, ms) = runner::analyze_now(SAMPLE, None);
        Doc::new(a, ms)
    });
    let progress = use_state(|| None::<(usize, usize)>);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let render_gen = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let card_state = use_state(|| None::<CardState>);
    let card_now = use_mut_ref(|| None::<CardState>);
    let timers = use_mut_ref(Timers::default);
    let ctl = CardCtl {
        state: card_state.clone(),
        now: card_now.clone(),
        timers: timers.clone(),
    };
    let article_ref = use_node_ref();
    let textarea_ref = use_node_ref();

    // Build the article into the DOM whenever the analysis changes.
    {
        let article_ref = article_ref.clone();
        let render_gen = render_gen.borrow().clone();
        let ctl = ctl.clone();
        use_effect_with((*doc).clone(), move |doc: &Doc| {
            ctl.close();
            let mine = render_gen.get().wrapping_add(1);
            render_gen.set(mine);
            if let Some(root) = article_ref.cast::<Element>() {
                root.set_text_content(None);
                let mut builder = ArticleBuilder::new();
                let d = document();
                builder.build_some(&d, &root, doc, RENDER_SLICE);
                if !builder.done(doc) {
                    let doc = doc.clone();
                    let _ = root.set_attribute("aria-busy", "true");
                    yew::platform::spawn_local(async move {
                        while !builder.done(&doc) {
                            gloo_timers::future::TimeoutFuture::new(0).await;
                            if render_gen.get() != mine {
                                return;
                            }
                            builder.build_some(&d, &root, &doc, RENDER_SLICE);
                        }
                        let _ = root.remove_attribute("aria-busy");
                    });
                }
            }
        });
    }

    // Escape closes the card; a click elsewhere closes a pinned card;
    // scrolling and resizing keep it beside its mention.
    {
        let ctl = ctl.clone();
        use_effect_with((), move |_| {
            let d = document();
            let c1 = ctl.clone();
            let keys = EventListener::new(&d, "keydown", move |e| {
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
                        if inside_card {
                            if let Some(el) =
                                mention_el(c.mention).and_then(|e| e.dyn_into::<HtmlElement>().ok())
                            {
                                let _ = el.focus();
                            }
                        }
                    }
                }
            });
            let c2 = ctl.clone();
            let clicks = EventListener::new(&d, "click", move |e| {
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
            let scroll = EventListener::new(&w, "scroll", move |_| c3.reposition());
            let c4 = ctl.clone();
            let resize = EventListener::new(&w, "resize", move |_| c4.reposition());
            move || drop((keys, clicks, scroll, resize))
        });
    }

    let onmouseover = {
        let ctl = ctl.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((m, el)) = mention_of(e.target()) else {
                return;
            };
            match ctl.current() {
                Some(c) if c.mention == m => ctl.cancel_close(),
                Some(c) if c.pinned => {}
                _ => ctl.open_later(m, el),
            }
        })
    };
    let onmouseout = {
        let ctl = ctl.clone();
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
        let ctl = ctl.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some((m, el)) = mention_of(e.target()) {
                if !ctl.current().is_some_and(|c| c.pinned && c.mention == m) {
                    ctl.open(m, &el, false);
                }
            }
        })
    };
    let onfocusout = {
        let ctl = ctl.clone();
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
        let ctl = ctl.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((m, el)) = mention_of(e.target()) {
                match ctl.current() {
                    Some(c) if c.mention == m && c.pinned => ctl.close(),
                    _ => ctl.open(m, &el, true),
                }
            }
        })
    };
    let onkeydown = {
        let ctl = ctl.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                if let Some((m, el)) = mention_of(e.target()) {
                    e.prevent_default();
                    ctl.open(m, &el, true);
                }
            }
        })
    };

    // Analyse a text, with the reader's article date when one is set.
    let start_analysis = {
        let doc = doc.clone();
        let progress = progress.clone();
        let generation = generation.borrow().clone();
        Callback::from(move |(text, date): (String, Option<String>)| {
            let mine = generation.get().wrapping_add(1);
            generation.set(mine);
            if text.len() <= SLICED_ABOVE {
                progress.set(None);
                let (a, ms) = runner::analyze_now(&text, date);
                doc.set(Doc::new(a, ms));
                return;
            }
            progress.set(Some((0, text.len())));
            let doc = doc.clone();
            let progress = progress.clone();
            let generation = generation.clone();
            yew::platform::spawn_local(async move {
                let p2 = progress.clone();
                let result = runner::analyze_sliced(text, date, generation, mine, move |d, t| {
                    p2.set(Some((d, t)))
                })
                .await;
                if let Some((a, ms)) = result {
                    doc.set(Doc::new(a, ms));
                    progress.set(None);
                }
            });
        })
    };
    let ondate = {
        let start = start_analysis.clone();
        let doc = doc.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let v = input.value();
            let date = dramatis_core::date::is_iso_date(&v).then_some(v);
            start.emit((doc.0.text.clone(), date));
        })
    };
    let onanalyze = {
        let textarea_ref = textarea_ref.clone();
        let start = start_analysis.clone();
        Callback::from(move |_: MouseEvent| {
            let text = textarea_ref
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            start.emit((text, None));
        })
    };
    let onsample = {
        let start = start_analysis.clone();
        let textarea_ref = textarea_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = textarea_ref.cast::<HtmlTextAreaElement>() {
                t.set_value("");
            }
            start.emit((SAMPLE.to_string(), None));
        })
    };

    let a: &Analysis = &doc;
    let empty = a.blocks.is_empty() && progress.is_none();
    let card = (*card_state).map(|c| {
        let (vw, vh) = viewport();
        let placement = place(c.rect, vw, vh);
        let c_enter = ctl.clone();
        let c_leave = ctl.clone();
        let c_close = ctl.clone();
        html! {
            <Card doc={(*doc).clone()} mention={c.mention} {placement} pinned={c.pinned}
                  onenter={Callback::from(move |_| c_enter.cancel_close())}
                  onleave={Callback::from(move |_| c_leave.close_later())}
                  onclose={Callback::from(move |_| c_close.close())} />
        }
    });
    let stats = (!empty).then(|| {
        let people = a
            .actors
            .iter()
            .filter(|x| x.kind == dramatis_core::Kind::Person)
            .count();
        let ms = doc.1.analysis_ms;
        format!(
            "{} actors ({} people) · {} mentions{} · analysed in {} ms",
            a.actors.len(),
            people,
            a.mentions.len(),
            if a.date.is_empty() {
                String::new()
            } else {
                format!(" · as of {}", a.date)
            },
            if ms < 10.0 {
                format!("{ms:.1}")
            } else {
                format!("{ms:.0}")
            }
        )
    });

    html! {
        <>
        <header class="masthead">
            <div class="brand"><span class="logo" aria-hidden="true">{ "◆" }</span>{ " Dramatis" }</div>
            <p class="tagline">{ "Every actor of the story, highlighted. Everything stays on your device." }</p>
        </header>
        <main class="layout">
            <section class="input-panel" aria-label="Your article">
                <label for="paste" class="input-label">{ "Paste a news article" }</label>
                <textarea id="paste" ref={textarea_ref} rows="4" spellcheck="false"
                    placeholder="Paste the text of any English news article here, then press Analyze." />
                <div class="input-actions">
                    <button id="analyze" class="primary" onclick={onanalyze}>{ "Analyze" }</button>
                    <button id="load-sample" onclick={onsample}>{ "Show the sample article" }</button>
                    if let Some(s) = stats.clone() { <span class="stats" aria-live="polite">{ s }</span> }
                </div>
                if !empty {
                    <div class="date-row">
                        <label for="article-date">{ "Article date" }</label>
                        <input type="date" id="article-date" value={a.date.clone()} onchange={ondate} />
                        <span class="date-source">{ match a.date_source {
                            dramatis_core::DateSource::Given => "set by you: cards show offices held on this date",
                            dramatis_core::DateSource::Text => "found in the article: cards show offices held on this date",
                            dramatis_core::DateSource::Today => "none in the article, so today: set the date if the article is older",
                        } }</span>
                    </div>
                }
                if let Some((done, total)) = *progress {
                    <div class="progress-row" aria-live="polite">
                        <progress id="progress" max={total.max(1).to_string()} value={done.to_string()}></progress>
                        <span>{ format!("Analysing {:.1} of {:.1} MB…", done as f64 / 1e6, total as f64 / 1e6) }</span>
                    </div>
                }
            </section>
            <Legend doc={(*doc).clone()} />
            if empty {
                <div class="empty-state" role="status">
                    <p class="empty-title">{ "Nothing to read yet." }</p>
                    <p>{ "Paste an article above and press Analyze, or show the sample article." }</p>
                </div>
            }
            <article ref={article_ref} class="reading" lang="en" data-analysis-ms={format!("{:.3}", doc.1.analysis_ms)} data-kb-ms={format!("{:.3}", *kb_ms)} data-automaton-ms={automaton_ms.map(|m| format!("{m:.3}")).unwrap_or_default()}
                {onmouseover} {onmouseout} {onfocusin} {onfocusout} {onclick} {onkeydown}></article>
        </main>
        <footer class="colophon">
            { "Dramatis analyses text in your browser; nothing is sent anywhere. Labels follow OntoNotes (as in displaCy)." }
        </footer>
        { card.unwrap_or_default() }
        </>
    }
}
