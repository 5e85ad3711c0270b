/**
 * Deterministic demo data for Orenburg oblast: boundaries, Orenburg's streets and repair plans, vaccination
 * points and two years of appeals. Pure functions of `DEMO_SEED`; no clock, no I/O.
 */
export type { DemoAppeal, DemoBoundary, DemoPlan, DemoPoint, DemoRoad } from './types';
export { DEMO_SEED } from './rng';
export { demoBoundaries } from './boundaries';
export { demoRoads } from './roads';
export { demoPlans } from './plans';
export { demoPoints } from './points';
export { demoAppeals } from './appeals';
