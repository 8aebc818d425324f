// WAV files for the closed message: written from the speech engine's 8 kHz mu-law as 16-bit PCM
// (every player and Chromium's decodeAudioData read it), and a recorded file checked before use so
// a wrong file is refused with a reason instead of leaving callers in silence.
import { decodeMulaw, type Speech } from '../messages/speech';

export function speechToWav(speech: Speech): Uint8Array {
  const pcm = decodeMulaw(speech.mulaw);
  const out = new Uint8Array(44 + pcm.length * 2);
  const v = new DataView(out.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  v.setUint32(4, 36 + pcm.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, speech.sampleRate, true);
  v.setUint32(28, speech.sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  text(36, 'data');
  v.setUint32(40, pcm.length * 2, true);
  for (let i = 0; i < pcm.length; i++) v.setInt16(44 + i * 2, pcm[i]!, true);
  return out;
}

/** Throws a reason an admin can act on unless bytes are a RIFF/WAVE file with some audio. */
export function assertWav(bytes: Uint8Array, what: string): void {
  const ascii = (a: number, b: number) => String.fromCharCode(...bytes.subarray(a, b));
  if (bytes.length < 44 || ascii(0, 4) !== 'RIFF' || ascii(8, 12) !== 'WAVE') throw new Error(`${what} is not a WAV file (RIFF/WAVE)`);
  if (bytes.length < 44 + 800) throw new Error(`${what} holds almost no audio`);
}
