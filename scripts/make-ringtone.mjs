// Writes the console's ring tone as a 16-bit mono WAV: the Swedish ring cadence (425 Hz, 1 s on,
// 4 s off) shortened to two 1 s bursts with 0.5 s between them, softened at the edges so it does
// not click. Usage: node scripts/make-ringtone.mjs OUT.wav
import fs from 'node:fs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/make-ringtone.mjs OUT.wav');
  process.exit(2);
}
const rate = 16000;
const bursts = [
  [0, 1],
  [1.5, 2.5],
];
const seconds = 3;
const samples = new Int16Array(rate * seconds);
const fade = 0.02 * rate;
for (const [from, to] of bursts) {
  const start = Math.round(from * rate);
  const end = Math.round(to * rate);
  for (let i = start; i < end; i++) {
    const edge = Math.min(1, (i - start) / fade, (end - i) / fade);
    const t = i / rate;
    // 425 Hz with a little of its octave, so it is heard on small speakers too
    const v = 0.8 * Math.sin(2 * Math.PI * 425 * t) + 0.2 * Math.sin(2 * Math.PI * 850 * t);
    samples[i] = Math.round(v * edge * 0.6 * 32767);
  }
}
const data = Buffer.from(samples.buffer);
const header = Buffer.alloc(44);
header.write('RIFF', 0);
header.writeUInt32LE(36 + data.length, 4);
header.write('WAVE', 8);
header.write('fmt ', 12);
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(rate, 24);
header.writeUInt32LE(rate * 2, 28);
header.writeUInt16LE(2, 32);
header.writeUInt16LE(16, 34);
header.write('data', 36);
header.writeUInt32LE(data.length, 40);
fs.writeFileSync(out, Buffer.concat([header, data]));
