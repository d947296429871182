/** Wiring a push domain to the service: the plans `npm run tencent` computes, and their execution. */
export * from './constants';
export * from './types';
export * from './plan';
export * from './apply';
