/** @q2google/core/testing — in-memory media source and sink for the tests of apps and plugins. */
export { FakeSink } from './fake-sink.js';
export { FakeSource, fakeBytes, fakeUnit } from './fake-source.js';
