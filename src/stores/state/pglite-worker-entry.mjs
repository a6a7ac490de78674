// Worker threads do not inherit the TypeScript loader of the main thread; register it here.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
