//! Big inputs are analysed in a Web Worker, so the page never stalls.
//!
//! The worker (`assets/worker.js`, a module worker) loads this same wasm
//! module (its `main` sees no `window` and renders nothing) and calls
//! [`worker_analyze`], which runs the engine in slices, posting progress, and
//! returns the `Analysis` packed for a cheap transfer: mentions and blocks as
//! `Uint32Array`s (byte and char offsets, label, actor), the rest as JSON
//! without the text (the page has it already). [`pack`] and [`unpack`] are
//! pure and host-tested; if a worker cannot run, the page analyses on the
//! main thread in slices instead ([`crate::runner::analyze_sliced`]).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use dramatis_core::{Analysis, Block, BlockKind, Label, Mention};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// u32s per mention: start, end, byte_start, byte_end, label, actor, confidence bits.
const M: usize = 7;
/// u32s per block: kind, start, end, byte_start, byte_end.
const B: usize = 5;

/// An analysis ready to cross to the page.
#[derive(Debug, PartialEq)]
pub struct Packed {
    /// The analysis as JSON without its text, mentions and blocks.
    pub meta: String,
    pub mentions: Vec<u32>,
    pub blocks: Vec<u32>,
}

fn label_index(l: Label) -> u32 {
    Label::ALL.iter().position(|&x| x == l).unwrap_or(0) as u32
}

fn kind_index(k: BlockKind) -> u32 {
    match k {
        BlockKind::Title => 0,
        BlockKind::Paragraph => 1,
        BlockKind::Quote => 2,
    }
}

pub fn pack(mut a: Analysis) -> Result<Packed, String> {
    let ids: HashMap<&str, u32> = a
        .actors
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i as u32))
        .collect();
    let mut mentions = Vec::with_capacity(a.mentions.len() * M);
    for m in &a.mentions {
        let actor = *ids
            .get(m.actor.as_str())
            .ok_or_else(|| format!("mention of unknown actor {}", m.actor))?;
        mentions.extend([
            m.start as u32,
            m.end as u32,
            m.byte_start as u32,
            m.byte_end as u32,
            label_index(m.label),
            actor,
            m.confidence.to_bits(),
        ]);
    }
    let mut blocks = Vec::with_capacity(a.blocks.len() * B);
    for b in &a.blocks {
        blocks.extend([
            kind_index(b.kind),
            b.start as u32,
            b.end as u32,
            b.byte_start as u32,
            b.byte_end as u32,
        ]);
    }
    a.mentions.clear();
    a.blocks.clear();
    a.text.clear();
    let meta = serde_json::to_string(&a).map_err(|e| e.to_string())?;
    Ok(Packed {
        meta,
        mentions,
        blocks,
    })
}

/// The analysis of `text` back from its packed form.
pub fn unpack(text: String, p: &Packed) -> Result<Analysis, String> {
    let mut a: Analysis = serde_json::from_str(&p.meta).map_err(|e| e.to_string())?;
    if !p.mentions.len().is_multiple_of(M) || !p.blocks.len().is_multiple_of(B) {
        return Err("truncated analysis".into());
    }
    let slice = |s: u32, e: u32| -> Result<String, String> {
        text.get(s as usize..e as usize)
            .map(str::to_string)
            .ok_or_else(|| "offsets outside the text".to_string())
    };
    a.mentions = p
        .mentions
        .chunks_exact(M)
        .map(|c| {
            Ok(Mention {
                start: c[0] as usize,
                end: c[1] as usize,
                text: slice(c[2], c[3])?,
                label: *Label::ALL.get(c[4] as usize).ok_or("bad label")?,
                actor: a.actors.get(c[5] as usize).ok_or("bad actor")?.id.clone(),
                confidence: f32::from_bits(c[6]),
                byte_start: c[2] as usize,
                byte_end: c[3] as usize,
            })
        })
        .collect::<Result<_, String>>()?;
    a.blocks = p
        .blocks
        .chunks_exact(B)
        .map(|c| {
            Ok(Block {
                kind: match c[0] {
                    0 => BlockKind::Title,
                    1 => BlockKind::Paragraph,
                    2 => BlockKind::Quote,
                    _ => return Err("bad block".to_string()),
                },
                start: c[1] as usize,
                end: c[2] as usize,
                byte_start: c[3] as usize,
                byte_end: c[4] as usize,
            })
        })
        .collect::<Result<_, String>>()?;
    a.text = text;
    Ok(a)
}

/// In the worker: analyse `text`, calling `progress(done, total)` after each
/// slice; returns `{meta, mentions, blocks, ms}` (or `{error}`).
#[wasm_bindgen]
pub fn worker_analyze(
    text: &str,
    date: Option<String>,
    today: String,
    progress: &js_sys::Function,
) -> JsValue {
    let t0 = js_sys::Date::now();
    let opts = dramatis_core::Options {
        date,
        today: Some(today),
        // Off the main thread, building the automaton (~0.1 s) costs the page nothing.
        automaton: dramatis_core::Automaton::Build,
        tagger: true,
    };
    let mut job = dramatis_core::Job::new(text, opts);
    loop {
        let finished = job.step(crate::runner::SLICE_BYTES * 4);
        let (d, t) = job.progress();
        let _ = progress.call2(&JsValue::NULL, &(d as f64).into(), &(t as f64).into());
        if finished {
            break;
        }
    }
    job.prepare();
    let a = job.finish();
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&out, &k.into(), v);
    };
    match pack(a) {
        Ok(p) => {
            set("meta", &p.meta.into());
            set(
                "mentions",
                &js_sys::Uint32Array::from(&p.mentions[..]).into(),
            );
            set("blocks", &js_sys::Uint32Array::from(&p.blocks[..]).into());
            set("ms", &(js_sys::Date::now() - t0).into());
        }
        Err(e) => set("error", &e.into()),
    }
    out.into()
}

/// The URLs of this page's JS glue and wasm (Trunk's hashed names), from the
/// preload links Trunk writes into index.html.
fn module_urls() -> Option<(String, String)> {
    let d = web_sys::window()?.document()?;
    let href = |sel: &str| {
        d.query_selector(sel)
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("href"))
            .and_then(|h| {
                let base = d.base_uri().ok().flatten()?;
                web_sys::Url::new_with_base(&h, &base)
                    .ok()
                    .map(|u| u.href())
            })
    };
    Some((
        href("link[rel=modulepreload][href$='.js']")?,
        href("link[rel=preload][href$='.wasm']")?,
    ))
}

fn get(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Analyse `text` in a worker. `Ok(None)`: a newer analysis started (the
/// worker was stopped). `Err`: no worker could do it (the caller falls back).
pub async fn analyze(
    text: &str,
    date: Option<String>,
    generation: Rc<Cell<u32>>,
    mine: u32,
    progress: impl Fn(usize, usize) + 'static,
) -> Result<Option<(Analysis, f64)>, String> {
    let (glue, wasm) = module_urls().ok_or("no module URLs")?;
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker =
        web_sys::Worker::new_with_options("./worker.js", &opts).map_err(|_| "no worker")?;

    let settle: Rc<RefCell<Option<(js_sys::Function, js_sys::Function)>>> = Rc::default();
    let promise = {
        let settle = settle.clone();
        js_sys::Promise::new(&mut move |res, rej| *settle.borrow_mut() = Some((res, rej)))
    };
    let reject = {
        let settle = settle.clone();
        move |why: &str| {
            if let Some((_, rej)) = settle.borrow_mut().take() {
                let _ = rej.call1(&JsValue::NULL, &why.into());
            }
        }
    };
    let onmessage = {
        let settle = settle.clone();
        let reject = reject.clone();
        let generation = generation.clone();
        let worker = worker.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if generation.get() != mine {
                worker.terminate();
                reject("stale");
                return;
            }
            match get(&data, "kind").as_string().as_deref() {
                Some("progress") => progress(
                    get(&data, "done").as_f64().unwrap_or(0.0) as usize,
                    get(&data, "total").as_f64().unwrap_or(0.0) as usize,
                ),
                Some("done") => {
                    if let Some((res, _)) = settle.borrow_mut().take() {
                        let _ = res.call1(&JsValue::NULL, &data);
                    }
                }
                _ => reject(
                    &get(&data, "message")
                        .as_string()
                        .unwrap_or_else(|| "worker error".into()),
                ),
            }
        })
    };
    let onerror = {
        let reject = reject.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| reject("worker failed"))
    };
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));

    let msg = js_sys::Object::new();
    for (k, v) in [
        ("glue", JsValue::from(glue)),
        ("wasm", JsValue::from(wasm)),
        ("text", JsValue::from(text)),
        ("date", date.map(JsValue::from).unwrap_or(JsValue::NULL)),
        ("today", JsValue::from(crate::runner::today())),
    ] {
        let _ = js_sys::Reflect::set(&msg, &k.into(), &v);
    }
    if worker.post_message(&msg).is_err() {
        worker.terminate();
        return Err("could not post to the worker".into());
    }
    let result = JsFuture::from(promise).await;
    worker.terminate();
    drop((onmessage, onerror));
    if generation.get() != mine {
        return Ok(None);
    }
    let data = result.map_err(|e| e.as_string().unwrap_or_else(|| "worker error".into()))?;
    if let Some(err) = get(&data, "error").as_string() {
        return Err(err);
    }
    let t = crate::runner::now_ms();
    let packed = Packed {
        meta: get(&data, "meta").as_string().ok_or("no meta")?,
        mentions: get(&data, "mentions")
            .dyn_into::<js_sys::Uint32Array>()
            .map_err(|_| "no mentions")?
            .to_vec(),
        blocks: get(&data, "blocks")
            .dyn_into::<js_sys::Uint32Array>()
            .map_err(|_| "no blocks")?
            .to_vec(),
    };
    let a = unpack(text.to_string(), &packed)?;
    let ms = get(&data, "ms").as_f64().unwrap_or(0.0) + (crate::runner::now_ms() - t);
    Ok(Some((a, ms)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dramatis_core::{analyze, Options};

    #[test]
    fn pack_and_unpack_give_the_same_analysis() {
        let text = format!(
            "{}\n\n> “A quote,” said Erdoğan.\n\nThe BBC reported from Paris.",
            include_str!("../assets/samples/karabakh-2020.txt")
        );
        let a = analyze(&text, &Options::default());
        assert!(!a.mentions.is_empty() && !a.blocks.is_empty());
        let p = pack(a.clone()).unwrap();
        assert!(
            !p.meta.contains("resurgent, decades-old dispute"),
            "the text travels inside the JSON"
        );
        let b = unpack(text.clone(), &p).unwrap();
        assert_eq!(b, a);
        // Byte offsets (not in the JSON form) survive too.
        assert!(b
            .mentions
            .iter()
            .zip(&a.mentions)
            .all(|(x, y)| x.byte_start == y.byte_start && x.byte_end == y.byte_end));
        assert!(b
            .blocks
            .iter()
            .zip(&a.blocks)
            .all(|(x, y)| x.byte_start == y.byte_start));
    }

    #[test]
    fn unpack_refuses_bad_input() {
        let a = analyze("Putin met Erdoğan in Ankara.", &Options::default());
        let mut p = pack(a).unwrap();
        p.mentions.pop();
        assert!(unpack("Putin met Erdoğan in Ankara.".into(), &p).is_err());
        let a = analyze("Putin met Erdoğan in Ankara.", &Options::default());
        let p = pack(a).unwrap();
        assert!(
            unpack("short".into(), &p).is_err(),
            "offsets outside the text"
        );
    }
}
