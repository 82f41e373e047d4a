/**
 * Default visual limits for the fleet page, °C of compartment air: 7 for chilled (other
 * chilled food, AFSCA Royal Decree 13 July 2014) and −15 for frozen (the brief rise
 * tolerated in transport, Directive 89/108/EEC). Only a highlight: the real limit depends
 * on the loads on board, and alerts are decided by the server, never the browser.
 */
export const DISPLAY_LIMITS_C: Readonly<Record<string, number>> = { chilled: 7, frozen: -15 };

export function isAboveDisplayLimit(compartment: string, celsius: number | null): boolean {
  const limit = DISPLAY_LIMITS_C[compartment];
  return limit !== undefined && celsius !== null && celsius > limit;
}
