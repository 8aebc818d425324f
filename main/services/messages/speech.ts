// Text to speech for the voice deposit, behind an interface so a municipality can plug in a better
// (e.g. a licensed neural) voice. The default is eSpeak NG compiled to WebAssembly
// (@echogarden/espeak-ng-emscripten): it runs offline inside main (no cloud service ever hears
// call data, P-SECRECY; workstations may have no internet, D-OFFLINE), has a Swedish voice, needs
// no native build for Electron, and synthesises a message in well under a second. Its voice is
// robotic; digits are read one by one, which is what a callback number needs.
// Output: 8 kHz G.711 mu-law, the telephone's own format, small enough to cross IPC in one frame.
import { createRequire } from 'node:module';

export interface Speech {
  sampleRate: number;
  /** 8-bit mu-law samples. */
  mulaw: Uint8Array;
}

export interface SpeechSynthesizer {
  readonly name: string;
  synthesize(text: string): Promise<Speech>;
}

interface EspeakModule {
  eSpeakNGWorker: new () => { set_voice(name: string): number; set_rate(rate: number): number; synth_(text: string, fp: number): void; get_samplerate(): number };
  addFunction(fn: (...args: number[]) => number, signature: string): number;
  removeFunction(fp: number): void;
  HEAP16: Int16Array;
}

const OUT_RATE = 8000;

/** espeak-ng (WASM), Swedish. The module is loaded once, on first use. */
export function createEspeakSynthesizer(options: { voice?: string; wordsPerMinute?: number } = {}): SpeechSynthesizer {
  let loaded: Promise<EspeakModule> | null = null;
  const load = () => {
    loaded ??= (async () => {
      const require = createRequire(import.meta.url);
      const entry = require.resolve('@echogarden/espeak-ng-emscripten');
      const mod = (await import(/* @vite-ignore */ pathToUrl(entry))) as { default: (arg: object) => Promise<EspeakModule> };
      return mod.default({});
    })();
    return loaded;
  };
  // One synthesis at a time: the module's worker object is not re-entrant.
  let chain: Promise<unknown> = Promise.resolve();
  return {
    name: 'espeak-ng-wasm',
    synthesize(text) {
      const run = chain.then(async () => {
        const m = await load();
        const worker = new m.eSpeakNGWorker();
        worker.set_voice(options.voice ?? 'sv');
        worker.set_rate(options.wordsPerMinute ?? 150);
        const chunks: Int16Array[] = [];
        const fp = m.addFunction((ptr: number, length: number) => {
          if (length > 0) chunks.push(Int16Array.from(m.HEAP16.subarray(ptr >> 1, (ptr >> 1) + length)));
          return 0;
        }, 'iiii');
        try {
          worker.synth_(text, fp);
        } finally {
          m.removeFunction(fp);
        }
        const pcm = concat(chunks);
        return { sampleRate: OUT_RATE, mulaw: encodeMulaw(resample(pcm, worker.get_samplerate(), OUT_RATE)) };
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}

function pathToUrl(p: string): string {
  return new URL(`file://${p.startsWith('/') ? '' : '/'}${p.replaceAll('\\', '/')}`).href;
}

function concat(chunks: Int16Array[]): Int16Array {
  const out = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Averaging resampler: each output sample is the mean of the input samples it covers (a crude low-pass). */
export function resample(input: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return input;
  const ratio = from / to;
  const out = new Int16Array(Math.floor(input.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const a = Math.floor(i * ratio);
    const b = Math.min(input.length, Math.max(a + 1, Math.floor((i + 1) * ratio)));
    let sum = 0;
    for (let j = a; j < b; j++) sum += input[j]!;
    out[i] = Math.round(sum / (b - a));
  }
  return out;
}

/** ITU-T G.711 mu-law. */
export function encodeMulaw(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) {
    let s = pcm[i]!;
    const sign = s < 0 ? 0x80 : 0;
    if (s < 0) s = -s;
    s = Math.min(s, 32635) + 0x84;
    let exponent = 7;
    for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
    const mantissa = (s >> (exponent + 3)) & 0x0f;
    out[i] = ~(sign | (exponent << 4) | mantissa) & 0xff;
  }
  return out;
}

export function decodeMulaw(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const u = ~bytes[i]! & 0xff;
    const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
    out[i] = u & 0x80 ? 0x84 - t : t - 0x84;
  }
  return out;
}
