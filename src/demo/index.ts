export { CATALOG, type Category, type Product } from './catalog.js';
export { type DemoUserHistory, demoHistories } from './history.js';
export type { DemoMessage } from './message-writer.js';
export { DEFAULT_END, type DemoOptions } from './options.js';
export { PERSONAS, type PersonaName, type PersonaSpec } from './personas.js';
export { type DemoUser, demoUser } from './user.js';
