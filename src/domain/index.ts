export * from './analysis.js';
export * from './document.js';
export * from './collection.js';
export * from './job.js';
export * from './time.js';
export * from './search-index.js';
export * from './user.js';
