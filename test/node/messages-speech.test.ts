// The voice deposit's speech: eSpeak NG (WASM, offline) says a Swedish message as 8 kHz mu-law.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEspeakSynthesizer, decodeMulaw, encodeMulaw } from '../../main/services/messages';
import { renderSpeech } from '../../common/messages/model';

test('espeak-ng speaks a Swedish message offline: seconds of audio with speech energy, mu-law round trip', async () => {
  const tts = createEspeakSynthesizer();
  const text = renderSpeech({
    callerNumber: '070-123 45 67',
    callerName: 'Karl Karlsson',
    calledAt: Date.UTC(2026, 10, 29, 13, 5),
    switchboardId: 'essunga',
    employeeName: 'Anna',
    text: 'Gäller bygglovet.',
    callbackWanted: true,
    urgent: false,
  });
  const speech = await tts.synthesize(text);
  assert.equal(speech.sampleRate, 8000);
  const seconds = speech.mulaw.length / 8000;
  assert.ok(seconds > 4 && seconds < 60, `${seconds} s of speech`);
  const pcm = decodeMulaw(speech.mulaw);
  let sum = 0;
  for (const s of pcm) sum += s * s;
  const rms = Math.sqrt(sum / pcm.length);
  assert.ok(rms > 500, `speech energy (rms ${rms.toFixed(0)})`);
  const orig = [0, 1000, -1000, 32000, -32000];
  const back = decodeMulaw(encodeMulaw(Int16Array.from(orig)));
  orig.forEach((v, i) => assert.ok(Math.abs(back[i]! - v) <= Math.abs(v) * 0.04 + 8, `${v} -> ${back[i]}`));
});
