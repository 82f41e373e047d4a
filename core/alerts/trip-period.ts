/**
 * With no load on board (issue 6), the cumulative rule accumulates per compartment per *trip*:
 * a trip ends when the van goes offline and comes back, or at a daily boundary (device time,
 * UTC hour), whichever comes first. SOREAL's vans collect in the evening and deliver the next
 * morning, so the boundary sits at midday, between one night's round and the next.
 */
export function tripPeriod(trip: number, ts: number, resetHourUtc: number): string {
  const hourMs = 3_600_000;
  const day = Math.floor((ts - resetHourUtc * hourMs) / (24 * hourMs));
  return `trip-${trip}-day-${day}`;
}
