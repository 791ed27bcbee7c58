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
export { readBoundedBody } from './read-bounded.js';
export { traceFetch } from './trace-fetch.js';
export { createHttpTraceFile, parseHttpTrace } from './trace-file.js';
