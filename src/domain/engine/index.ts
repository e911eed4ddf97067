export { evaluate, ENGINE_VERSION } from './evaluate.ts';
export { scenarioData } from './scenario.ts';
export type * from './types.ts';
