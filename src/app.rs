//! The App: the page. Input and open controls, settings, the cast panel,
//! the legend, focus mode, the article, the mention map and the hover card.
//! Each piece lives in its own module; this one holds the state and wires
//! them together.

use std::cell::Cell;
use std::rc::Rc;

use dramatis_core::{Analysis, Label};
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::article::{apply_visibility, ArticleBuilder};
use crate::card::Card;
use crate::card_ctl::{document, is_sheet, mention_el, use_card_ctl, viewport};
use crate::cast::CastPanel;
use crate::doc::Doc;
use crate::focus::{self, dynamic_css, FocusBar};
use crate::legend::Legend;
use crate::mention_map::MentionMap;
use crate::placement::place;
use crate::settings::{self, Settings};
use crate::visibility::{minor_ids, Visibility};
use crate::{open, runner, worker};

pub const SAMPLE: &str = include_str!("../assets/samples/karabakh-2020.txt");
/// Texts longer than this are analysed in slices with a progress bar...
const SLICED_ABOVE: usize = 96 * 1024;
/// ... and longer than this in a Web Worker (main-thread slices if none runs).
const WORKER_ABOVE: usize = 512 * 1024;
/// Bytes of article built into the DOM per slice.
const RENDER_SLICE: usize = 32 * 1024;
/// The cast panel starts open on screens at least this wide.
const CAST_OPEN_FROM: f64 = 1100.0;

/// Where the first article comes from.
#[derive(Clone, PartialEq)]
enum Initial {
    /// `?src=` on this site (fetched after mount).
    Src(String),
    /// The last article, kept in localStorage.
    Saved(settings::SavedArticle),
    Sample,
}

fn initial_source() -> Initial {
    if let Some(src) = open::src_param() {
        return Initial::Src(src);
    }
    match settings::load_article() {
        Some(s) if !s.text.trim().is_empty() => Initial::Saved(s),
        _ => Initial::Sample,
    }
}

/// How an article arrives (decides what is remembered and what is kept).
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Via {
    /// The reader pasted, opened, dropped or chose it: remember it, leave focus mode.
    Reader,
    /// A bundled sample: nothing to remember, leave focus mode.
    Sample,
    /// `?src=` or the saved article at start: remember it, keep the fragment's focus.
    Start,
}

/// A short message about opening an article.
#[derive(Clone, PartialEq)]
struct Notice {
    error: bool,
    text: String,
}

fn history_replace(url: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// The page's URL without its fragment (leaving focus mode).
fn url_without_fragment() -> String {
    let loc = web_sys::window().expect("window").location();
    format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    )
}

fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Scroll mention `m` to the middle of the screen; with `focus`, focus it too.
fn scroll_to_mention(m: usize, focus: bool) {
    let Some(el) = mention_el(m) else {
        return;
    };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if focus {
        if let Ok(h) = el.dyn_into::<HtmlElement>() {
            let f = web_sys::FocusOptions::new();
            f.set_prevent_scroll(true);
            let _ = h.focus_with_options(&f);
        }
    }
}

fn is_typing(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.get_attribute("contenteditable").is_some()
        })
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
    let settings = use_state(settings::load);
    let initial = use_memo((), |_| initial_source());
    let doc = use_state(|| {
        let (text, date) = match &*initial {
            Initial::Saved(s) if s.text.len() <= SLICED_ABOVE => (s.text.as_str(), s.date.clone()),
            Initial::Sample => (SAMPLE, None),
            // Fetched or analysed in slices after mount.
            _ => ("", None),
        };
        let (a, ms) = runner::analyze_now(text, date);
        Doc::new(a, ms)
    });
    // Until `?src=` is fetched or a big saved article analysed.
    let loading = use_state(|| match &*initial {
        Initial::Src(_) => true,
        Initial::Saved(s) => s.text.len() > SLICED_ABOVE,
        Initial::Sample => false,
    });
    let notice = use_state(|| None::<Notice>);
    let progress = use_state(|| None::<(usize, usize)>);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let render_gen = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let focus_state = use_state(|| {
        focus::from_fragment(&current_fragment()).map(|key| focus::Focus { key, pos: None })
    });
    let lit = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let cast_open = use_memo((), |_| viewport().0 >= CAST_OPEN_FROM);
    let ctl = use_card_ctl();
    let article_ref = use_node_ref();
    let textarea_ref = use_node_ref();
    let sample_ref = use_node_ref();

    let a: &Analysis = &doc;
    let focused = (*focus_state)
        .as_ref()
        .and_then(|f| focus::resolve(a, &f.key))
        .map(|x| x.id.clone());
    let minor = use_memo((*doc).clone(), |d| minor_ids(d));
    let vis = Visibility::new(&settings, minor.clone(), focused.clone());
    // The builder (an effect, and later slices) reads this: keep it current
    // before any effect of this render runs.
    let vis_now = use_mut_ref(|| vis.clone());
    *vis_now.borrow_mut() = vis.clone();

    // Settings: remember them (defaults leave nothing behind) and apply the theme.
    {
        use_effect_with((*settings).clone(), move |s: &Settings| {
            if *s == Settings::default() {
                if let Some(st) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                    let _ = st.remove_item(settings::SETTINGS_KEY);
                }
            } else {
                settings::save(s);
            }
            settings::apply_theme(s.theme);
        });
    }

    // Build the article into the DOM whenever the analysis changes.
    {
        let article_ref = article_ref.clone();
        let render_gen = render_gen.borrow().clone();
        let ctl = ctl.clone();
        let vis_now = vis_now.clone();
        use_effect_with((*doc).clone(), move |doc: &Doc| {
            ctl.close();
            let mine = render_gen.get().wrapping_add(1);
            render_gen.set(mine);
            if let Some(root) = article_ref.cast::<Element>() {
                root.set_text_content(None);
                let mut builder = ArticleBuilder::new();
                let d = document();
                builder.build_some(&d, &root, doc, RENDER_SLICE, &vis_now.borrow());
                if !builder.done(doc) {
                    let doc = doc.clone();
                    let _ = root.set_attribute("aria-busy", "true");
                    yew::platform::spawn_local(async move {
                        while !builder.done(&doc) {
                            gloo_timers::future::TimeoutFuture::new(0).await;
                            if render_gen.get() != mine {
                                return;
                            }
                            builder.build_some(&d, &root, &doc, RENDER_SLICE, &vis_now.borrow());
                        }
                        let _ = root.remove_attribute("aria-busy");
                    });
                }
            }
        });
    }

    // Legend toggles, the minor switch and focus mode: hidden mentions leave
    // the Tab order (the CSS takes their colour away).
    {
        let article_ref = article_ref.clone();
        use_effect_with(vis.clone(), move |v: &Visibility| {
            if let Some(root) = article_ref.cast::<Element>() {
                apply_visibility(&root, v);
            }
        });
    }

    // Analyse a text, with the reader's article date when one is set.
    let start_analysis = {
        let doc = doc.clone();
        let progress = progress.clone();
        let loading = loading.clone();
        let generation = generation.borrow().clone();
        Callback::from(move |(text, date): (String, Option<String>)| {
            let mine = generation.get().wrapping_add(1);
            generation.set(mine);
            loading.set(false);
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
                let p1 = progress.clone();
                let p2 = progress.clone();
                if text.len() > WORKER_ABOVE {
                    let gen = generation.clone();
                    let d2 = date.clone();
                    match worker::analyze(&text, d2, gen, mine, move |d, t| p1.set(Some((d, t))))
                        .await
                    {
                        Ok(Some((a, ms))) => {
                            doc.set(Doc::from_worker(a, ms));
                            progress.set(None);
                            return;
                        }
                        Ok(None) => return, // a newer analysis took over
                        Err(e) => web_sys::console::warn_1(
                            &format!("Dramatis: analysing on the page ({e})").into(),
                        ),
                    }
                }
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

    // The tagger's model is parsed after the first paint too; the article on
    // screen (analysed without it) is analysed again, and replaced only if the
    // tagger changed what is highlighted and no newer analysis has started.
    {
        let doc = doc.clone();
        let generation = generation.borrow().clone();
        use_effect_with((), move |_| {
            let at_mount = generation.get();
            let t = Timeout::new(450, move || {
                if !runner::load_tagger() || generation.get() != at_mount {
                    return;
                }
                let d = doc.0.clone();
                if d.text.is_empty() || d.text.len() > SLICED_ABOVE {
                    return;
                }
                let date =
                    (d.date_source == dramatis_core::DateSource::Given).then(|| d.date.clone());
                let (a, ms) = runner::analyze_now(&d.text, date);
                let same = a.mentions.len() == d.mentions.len()
                    && a.actors.len() == d.actors.len()
                    && a.mentions.iter().zip(&d.mentions).all(|(x, y)| {
                        (x.start, x.end, x.label, &x.actor) == (y.start, y.end, y.label, &y.actor)
                    });
                if !same && generation.get() == at_mount {
                    doc.set(Doc::new(a, ms));
                }
            });
            move || drop(t)
        });
    }

    // Open an article: remember it (or not), leave focus mode (or not), analyse.
    let open_article = {
        let start = start_analysis.clone();
        let focus_state = focus_state.clone();
        let notice = notice.clone();
        Callback::from(move |(text, date, via): (String, Option<String>, Via)| {
            match via {
                Via::Sample => {
                    if let Some(st) =
                        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
                    {
                        let _ = st.remove_item(settings::ARTICLE_KEY);
                        let _ = st.remove_item(settings::ARTICLE_DATE_KEY);
                    }
                }
                _ => settings::save_article(&text, date.as_deref()),
            }
            if via != Via::Start {
                if focus_state.is_some() {
                    focus_state.set(None);
                    history_replace(&url_without_fragment());
                }
                notice.set(None);
            }
            start.emit((text, date));
        })
    };

    // At start: `?src=`, or a saved article too big to analyse at once.
    {
        let open_article = open_article.clone();
        let notice = notice.clone();
        let initial = initial.clone();
        use_effect_with((), move |_| match &*initial {
            Initial::Src(src) => {
                let src = src.clone();
                yew::platform::spawn_local(async move {
                    match open::fetch_src(&src).await {
                        Ok(text) => open_article.emit((text, None, Via::Start)),
                        Err(e) => {
                            notice.set(Some(Notice {
                                error: true,
                                text: e,
                            }));
                            open_article.emit((SAMPLE.to_string(), None, Via::Start));
                        }
                    }
                });
            }
            Initial::Saved(s) if s.text.len() > SLICED_ABOVE => {
                open_article.emit((s.text.clone(), s.date.clone(), Via::Start));
            }
            _ => {}
        });
    }

    // A fragment typed or followed (#actor=…) enters focus mode.
    {
        let focus_state = focus_state.clone();
        use_effect_with((), move |_| {
            let w = web_sys::window().expect("window");
            let l = EventListener::new(&w, "hashchange", move |_| {
                focus_state.set(
                    focus::from_fragment(&current_fragment())
                        .map(|key| focus::Focus { key, pos: None }),
                );
            });
            move || drop(l)
        });
    }

    // Focus mode restored from a fragment: bring its first mention into view.
    {
        let focused = focused.clone();
        let pos = (*focus_state).as_ref().and_then(|f| f.pos);
        use_effect_with(((*doc).clone(), focused, pos), move |(d, focused, pos)| {
            if let (Some(id), None) = (focused, pos) {
                if let Some(&m) = d.actor(id).and_then(|x| x.mentions.first()) {
                    scroll_to_mention(m, false);
                }
            }
        });
    }

    let on_step = {
        let focus_state = focus_state.clone();
        let doc = doc.clone();
        Callback::from(move |forward: bool| {
            let Some(f) = (*focus_state).clone() else {
                return;
            };
            let Some(actor) = focus::resolve(&doc, &f.key) else {
                return;
            };
            let Some(pos) = focus::step(f.pos, actor.mentions.len(), forward) else {
                return;
            };
            focus_state.set(Some(focus::Focus {
                key: f.key,
                pos: Some(pos),
            }));
            scroll_to_mention(actor.mentions[pos], true);
        })
    };
    let on_exit_focus = {
        let focus_state = focus_state.clone();
        Callback::from(move |_: ()| {
            focus_state.set(None);
            history_replace(&url_without_fragment());
        })
    };
    let on_select = {
        let focus_state = focus_state.clone();
        let doc = doc.clone();
        let on_exit = on_exit_focus.clone();
        let focused = focused.clone();
        Callback::from(move |id: String| {
            if focused.as_deref() == Some(id.as_str()) {
                on_exit.emit(());
                return;
            }
            let Some(actor) = doc.actor(&id) else {
                return;
            };
            focus_state.set(Some(focus::Focus {
                key: id.clone(),
                pos: Some(0),
            }));
            history_replace(&focus::to_fragment(&actor.name));
            if let Some(&m) = actor.mentions.first() {
                scroll_to_mention(m, true);
            }
        })
    };
    let on_light = {
        let lit = lit.clone();
        Callback::from(move |id: Option<String>| lit.set(id))
    };
    let on_jump = {
        let focused = focused.clone();
        let focus_state = focus_state.clone();
        let doc = doc.clone();
        Callback::from(move |m: usize| {
            // In focus mode the bar's position follows the jump.
            if let (Some(id), Some(f)) = (&focused, (*focus_state).clone()) {
                if let Some(p) = doc
                    .actor(id)
                    .and_then(|x| x.mentions.iter().position(|&y| y == m))
                {
                    focus_state.set(Some(focus::Focus {
                        key: f.key,
                        pos: Some(p),
                    }));
                }
            }
            scroll_to_mention(m, true);
        })
    };

    // Focus-mode keys: n / p for next / previous mention, Escape to leave.
    {
        let on_step = on_step.clone();
        let on_exit = on_exit_focus.clone();
        let active = focused.is_some();
        use_effect_with(
            (active, (*focus_state).clone(), (*doc).clone()),
            move |_| {
                let d = document();
                let opts = gloo_events::EventListenerOptions::enable_prevent_default();
                let l = EventListener::new_with_options(&d, "keydown", opts, move |e| {
                    let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if !active
                        || k.ctrl_key()
                        || k.meta_key()
                        || k.alt_key()
                        || is_typing(k.target())
                    {
                        return;
                    }
                    match k.key().as_str() {
                        "n" | "j" => {
                            k.prevent_default();
                            on_step.emit(true)
                        }
                        "p" | "k" => {
                            k.prevent_default();
                            on_step.emit(false)
                        }
                        "Escape" => on_exit.emit(()),
                        _ => {}
                    }
                });
                move || drop(l)
            },
        );
    }

    let ondate = {
        let start = start_analysis.clone();
        let doc = doc.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let v = input.value();
            let date = dramatis_core::date::is_iso_date(&v).then_some(v);
            if settings::load_article().is_some_and(|s| s.text == doc.0.text) {
                settings::save_article(&doc.0.text, date.as_deref());
            }
            start.emit((doc.0.text.clone(), date));
        })
    };
    let onanalyze = {
        let textarea_ref = textarea_ref.clone();
        let open_article = open_article.clone();
        Callback::from(move |_: MouseEvent| {
            let text = textarea_ref
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            open_article.emit((text, None, Via::Reader));
        })
    };
    let onsample = {
        let open_article = open_article.clone();
        let textarea_ref = textarea_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = textarea_ref.cast::<HtmlTextAreaElement>() {
                t.set_value("");
            }
            open_article.emit((SAMPLE.to_string(), None, Via::Sample));
        })
    };
    let onsample_select = {
        let open_article = open_article.clone();
        Callback::from(move |e: Event| {
            let Some(sel) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            if let Some(text) = open::sample(&sel.value()) {
                let via = if text == SAMPLE {
                    Via::Sample
                } else {
                    Via::Reader
                };
                open_article.emit((text.to_string(), None, via));
            }
        })
    };
    // Read a file (chosen or dropped), then open it.
    let open_file = {
        let open_article = open_article.clone();
        let notice = notice.clone();
        let sample_ref = sample_ref.clone();
        Callback::from(move |file: web_sys::File| {
            let open_article = open_article.clone();
            let notice = notice.clone();
            let name = file.name();
            if let Some(s) = sample_ref.cast::<web_sys::HtmlSelectElement>() {
                s.set_value("");
            }
            notice.set(Some(Notice {
                error: false,
                text: format!("Opening {name}…"),
            }));
            yew::platform::spawn_local(async move {
                match open::read_file(file).await {
                    Ok(text) => {
                        open_article.emit((text, None, Via::Reader));
                        notice.set(Some(Notice {
                            error: false,
                            text: format!("Opened {name}."),
                        }));
                    }
                    Err(e) => notice.set(Some(Notice {
                        error: true,
                        text: e,
                    })),
                }
            });
        })
    };
    let onfile = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                open_file.emit(f);
            }
            input.set_value("");
        })
    };
    // Drag and drop anywhere on the page: a file, or text from another page.
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            let into_textarea = is_typing(e.target());
            let Some(dt) = e.data_transfer() else {
                return;
            };
            let types = dt.types();
            let has = |t: &str| types.iter().any(|x| x.as_string().as_deref() == Some(t));
            if has("Files") || (has("text/plain") && !into_textarea) {
                e.prevent_default();
                dt.set_drop_effect("copy");
                if !*dragging {
                    dragging.set(true);
                }
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving the page, not moving between its elements.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let open_file = open_file.clone();
        let open_article = open_article.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let Some(dt) = e.data_transfer() else {
                return;
            };
            if let Some(f) = dt.files().and_then(|l| l.get(0)) {
                e.prevent_default();
                open_file.emit(f);
                return;
            }
            if is_typing(e.target()) {
                return; // text dropped into the paste box lands there
            }
            if let Ok(text) = dt.get_data("text/plain") {
                if !text.trim().is_empty() {
                    e.prevent_default();
                    open_article.emit((text, None, Via::Reader));
                }
            }
        })
    };
    let ontheme = {
        let settings = settings.clone();
        Callback::from(move |_: MouseEvent| {
            let mut s = (*settings).clone();
            s.theme = s.theme.next();
            settings.set(s);
        })
    };
    let onclickonly = {
        let settings = settings.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let mut s = (*settings).clone();
                s.click_only = i.checked();
                settings.set(s);
            }
        })
    };
    let onminor = {
        let settings = settings.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let mut s = (*settings).clone();
                s.show_minor = i.checked();
                settings.set(s);
            }
        })
    };
    let on_label = {
        let settings = settings.clone();
        Callback::from(move |l: Label| settings.set(settings.toggled(l)))
    };
    let onclear = {
        let settings = settings.clone();
        let open_article = open_article.clone();
        let notice = notice.clone();
        let textarea_ref = textarea_ref.clone();
        let sample_ref = sample_ref.clone();
        Callback::from(move |_: MouseEvent| {
            settings::clear_all();
            settings.set(Settings::default());
            if let Some(t) = textarea_ref.cast::<HtmlTextAreaElement>() {
                t.set_value("");
            }
            if let Some(s) = sample_ref.cast::<web_sys::HtmlSelectElement>() {
                s.set_value("");
            }
            open_article.emit((SAMPLE.to_string(), None, Via::Sample));
            notice.set(Some(Notice {
                error: false,
                text: "Forgot the saved article and settings; showing the sample article.".into(),
            }));
        })
    };

    let empty = a.blocks.is_empty() && progress.is_none() && !*loading;
    let card = (*ctl.state).map(|c| {
        let (vw, vh) = viewport();
        let placement = place(c.rect, vw, vh);
        let c_enter = ctl.clone();
        let c_leave = ctl.clone();
        let c_close = ctl.clone();
        html! {
            <Card doc={(*doc).clone()} mention={c.mention} {placement} pinned={c.pinned} sheet={is_sheet()}
                  onenter={Callback::from(move |_| c_enter.cancel_close())}
                  onleave={Callback::from(move |_| c_leave.close_later())}
                  onclose={Callback::from(move |_| c_close.close())} />
        }
    });
    let stats = (!empty && !a.blocks.is_empty()).then(|| {
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
    let handlers = {
        let v = vis.clone();
        ctl.handlers(
            settings.click_only,
            Rc::new(move |el: &Element| {
                let label = el
                    .get_attribute("data-label")
                    .and_then(|l| Label::parse(&l));
                let actor = el.get_attribute("data-actor").unwrap_or_default();
                label.is_some_and(|l| v.shows_parts(l, &actor))
            }),
        )
    };
    let mut article_class = classes!("reading");
    for c in vis.article_classes() {
        article_class.push(c);
    }
    if focused.is_some() {
        article_class.push("focusing");
    }
    let focus_bar = focused.as_ref().and_then(|id| a.actor(id)).map(|x| {
        html! {
            <FocusBar name={x.name.clone()} label={x.label.as_str()} count={x.mentions.len()}
                      pos={(*focus_state).as_ref().and_then(|f| f.pos)}
                      onstep={on_step.clone()} onexit={on_exit_focus.clone()} />
        }
    });
    let css = dynamic_css(focused.as_deref(), lit.as_deref());
    let map_actor = focused.clone().or_else(|| (*lit).clone());
    let theme = settings.theme;

    html! {
        <div class={classes!("app", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
        <header class="masthead">
            <div class="brand"><span class="logo" aria-hidden="true">{ "◆" }</span>{ " Dramatis" }</div>
            <p class="tagline">{ "Every actor of the story, highlighted. Everything stays on your device." }</p>
            <button id="theme-toggle" class="theme-toggle" onclick={ontheme} data-theme={theme.as_str()}
                    aria-label={format!("Theme: {} (press for {})", theme.title(), theme.next().title())}
                    title={format!("Theme: {} (press for {})", theme.title(), theme.next().title())}>
                <span aria-hidden="true">{ match theme { settings::Theme::System => "◐", settings::Theme::Light => "☀", settings::Theme::Dark => "☾" } }</span>
                <span class="theme-name">{ format!(" {}", theme.title()) }</span>
            </button>
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
                <div class="open-row">
                    <label class="button file-button">
                        { "Open a file…" }
                        <input type="file" id="file-input" class="visually-hidden"
                               accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
                               onchange={onfile} />
                    </label>
                    <select id="sample-select" ref={sample_ref} aria-label="Open a bundled sample article" onchange={onsample_select}>
                        <option value="" selected=true>{ "Samples…" }</option>
                        { for open::SAMPLES.iter().map(|(id, title, _)| html! {
                            <option value={*id}>{ *title }</option>
                        }) }
                    </select>
                    <span class="open-hint">{ ".txt, .md or .html — or drop a file anywhere" }</span>
                </div>
                if let Some(n) = (*notice).clone() {
                    <p id="open-status" class={classes!("open-status", n.error.then_some("error"))}
                       role={if n.error { "alert" } else { "status" }}>{ n.text }</p>
                }
                if *loading {
                    <p class="open-status" role="status">{ "Opening the article…" }</p>
                }
                if !a.blocks.is_empty() {
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
                <details class="settings-panel" id="settings">
                    <summary>{ "Settings" }</summary>
                    <label class="setting">
                        <input type="checkbox" id="click-only" checked={settings.click_only} onchange={onclickonly} />
                        { " Open cards only on click, tap or Enter (not on hover or focus)" }
                    </label>
                    <div class="setting">
                        <button id="clear" class="danger" onclick={onclear}>{ "Clear saved article and settings" }</button>
                        <span class="setting-note">{ "Your settings and last article are kept in this browser only." }</span>
                    </div>
                </details>
            </section>
            <div class="reader">
            <CastPanel doc={(*doc).clone()} settings={(*settings).clone()} focused={focused.clone()}
                       open={*cast_open} onlight={on_light} onselect={on_select} />
            <div class="reading-column">
            if !a.mentions.is_empty() {
                <div class="legend-row">
                    <Legend doc={(*doc).clone()} hidden={settings.hidden.clone()} ontoggle={on_label} />
                    <label class="switch" title="Actors mentioned only once and never quoted">
                        <input type="checkbox" role="switch" id="minor-toggle" checked={settings.show_minor} onchange={onminor} />
                        <span class="switch-track" aria-hidden="true"></span>
                        { "Minor actors" }
                    </label>
                </div>
            }
            { focus_bar.unwrap_or_default() }
            if empty {
                <div class="empty-state" role="status">
                    <p class="empty-title">{ "Nothing to read yet." }</p>
                    <p>{ "Paste an article above and press Analyze, open a file, or show the sample article." }</p>
                </div>
            }
            <article ref={article_ref} class={article_class} lang="en" data-analysed-in={if doc.1.in_worker { "worker" } else { "page" }} data-analysis-ms={format!("{:.3}", doc.1.analysis_ms)} data-kb-ms={format!("{:.3}", *kb_ms)} data-automaton-ms={automaton_ms.map(|m| format!("{m:.3}")).unwrap_or_default()}
                onpointerdown={handlers.onpointerdown} onmouseover={handlers.onmouseover} onmouseout={handlers.onmouseout} onfocusin={handlers.onfocusin}
                onfocusout={handlers.onfocusout} onclick={handlers.onclick} onkeydown={handlers.onkeydown}></article>
            </div>
            </div>
        </main>
        <MentionMap doc={(*doc).clone()} actor={map_actor} visibility={vis.clone()} onjump={on_jump} />
        <footer class="colophon">
            { "Dramatis analyses text in your browser; nothing is sent anywhere. Labels follow OntoNotes (as in displaCy)." }
        </footer>
        { card.unwrap_or_default() }
        <div class="drop-overlay" aria-hidden="true"><p>{ "Drop the article to read it" }</p></div>
        <style id="dynamic-style">{ css }</style>
        </div>
    }
}
