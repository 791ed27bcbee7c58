/** q2google-state-lines — an example third-party q2google state backend. */
import { linesStatePlugin } from './plugin.js';

export { createLinesBackend, LINES_CAPABILITIES } from './lines-backend.js';
export { linesStatePlugin } from './plugin.js';

/** The registry imports the default export. */
export default linesStatePlugin;
