// Entry of the analysis worker thread: tsx's loader is registered per thread, so this plain-JavaScript
// file registers it and then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
