export { ContentGenerator } from './content.js';
export {
  FaultInjector,
  type FaultRule,
  type FaultRuleInput,
  FaultRuleSchema,
  type FiredFault,
} from './faults.js';
export { type RunningServer, readBody, sendJson, startHttpServer } from './http-server.js';
export { createRandom, hashString } from './random.js';
export { encodePng, thumbnailPng } from './thumbnail-png.js';
