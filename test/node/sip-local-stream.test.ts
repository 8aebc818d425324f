// A call on the shared UserAgent that brings its own stream (the message agent's deposit) gets
// exactly that stream from the MediaStreamFactory, never the microphone; its constraints are kept.
// (The microphone path is SIP.js's default factory; the browser tier covers it with real calls.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Web } from 'sip.js';
import { localStreamAwareFactory, withLocalStream } from '../../renderer/sip/local-stream';

test("the stream given with withLocalStream is the call's local stream", async () => {
  const stream = { id: 'speech' } as unknown as MediaStream;
  const options = withLocalStream({ constraints: { audio: true, video: false } }, stream);
  assert.deepEqual(options.constraints, { audio: true, video: false });
  const got = await localStreamAwareFactory({ audio: true }, {} as Web.SessionDescriptionHandler, options);
  assert.equal(got, stream);
});

test('without one, the factory asks the platform (here: none, so it fails rather than inventing a stream)', async () => {
  await assert.rejects(async () => localStreamAwareFactory({ audio: true }, {} as Web.SessionDescriptionHandler, { constraints: { audio: true } }));
});
