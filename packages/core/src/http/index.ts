export {
  BYTE_REQUEST_HIGH_WATER_MARK,
  type ByteRequest,
  type ByteResponse,
  byteRequestVia,
  headerReader,
} from './byte-request.js';
export {
  type HttpTrace,
  type HttpTraceEntry,
  TRACED_HEADERS,
  tracedHeaders,
  tracedUrl,
  traceErrorOf,
} from './http-trace.js';
export {
  createHttpDispatcher,
  describeProxy,
  fetchVia,
  type HttpDispatcher,
  type HttpEnv,
  type ProxySettings,
  proxySettingsOf,
  sharedHttpDispatcher,
} from './proxy.js';
export { readBoundedBody, readBoundedStream } from './read-bounded.js';
export { traceByteRequest } from './trace-byte-request.js';
export { traceFetch } from './trace-fetch.js';
export { createHttpTraceFile, parseHttpTrace } from './trace-file.js';
