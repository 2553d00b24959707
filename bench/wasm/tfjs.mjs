// TensorFlow.js with its WebAssembly backend under Node, the baseline the
// wasm benchmarks compare against: `threads` worker threads, and what the
// backend reports it runs with.
export async function loadTfjsWasm(threads) {
  const tf = await import('@tensorflow/tfjs-core');
  const tfwasm = await import('@tensorflow/tfjs-backend-wasm');
  tfwasm.setThreadsCount(threads);
  await tf.setBackend('wasm');
  await tf.ready();
  return { tf, threads: tfwasm.getThreadsCount(), simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') };
}
