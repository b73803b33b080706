// Dramatis analysis worker: big articles are analysed here, off the page's
// main thread. It loads the page's own wasm module (Trunk's hashed URLs are
// passed in by the page, same origin only), runs the engine in slices and
// posts progress, then the packed analysis (see src/worker.rs).
self.onmessage = async (e) => {
  const { glue, wasm, text, date, today } = e.data;
  try {
    if (new URL(glue).origin !== self.location.origin || new URL(wasm).origin !== self.location.origin) {
      throw new Error('the module must come from this site');
    }
    const mod = await import(glue);
    await mod.default({ module_or_path: wasm });
    const out = mod.worker_analyze(text, date ?? undefined, today, (done, total) =>
      self.postMessage({ kind: 'progress', done, total }),
    );
    if (out.error) throw new Error(out.error);
    self.postMessage(
      { kind: 'done', meta: out.meta, mentions: out.mentions, blocks: out.blocks, ms: out.ms },
      [out.mentions.buffer, out.blocks.buffer],
    );
  } catch (err) {
    self.postMessage({ kind: 'error', message: String((err && err.message) || err) });
  }
};
