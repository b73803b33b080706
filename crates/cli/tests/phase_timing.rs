//! Where the time of a 5 MB analysis goes (slices, document pass, finish).
//! A diagnostic, not a test: `cargo test --release -p dramatis --test
//! phase_timing -- --ignored --nocapture` (NOTAG=1 to switch the tagger off).

#[test]
#[ignore]
fn phases() {
    let text = std::fs::read_to_string("../../assets/samples/karabakh-2020.txt")
        .unwrap()
        .repeat(900);
    let t = std::time::Instant::now();
    let mut job = dramatis_core::Job::new(
        &text,
        dramatis_core::Options {
            tagger: std::env::var_os("NOTAG").is_none(),
            ..Default::default()
        },
    );
    let mut max_step = 0f64;
    loop {
        let s = std::time::Instant::now();
        let done = job.step(64 * 1024);
        max_step = max_step.max(s.elapsed().as_secs_f64());
        if done {
            break;
        }
    }
    eprintln!(
        "steps {:?} (max slice {:.1} ms)",
        t.elapsed(),
        max_step * 1e3
    );
    let t = std::time::Instant::now();
    job.prepare();
    eprintln!("prepare {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let a = job.finish();
    eprintln!("finish {:?} {} mentions", t.elapsed(), a.mentions.len());
}
