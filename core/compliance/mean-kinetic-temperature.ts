/** ΔH/R in kelvin: 83.144 kJ/mol ÷ 8.3144 J/(mol·K), the conventional value (USP <1079.2>). */
export const MKT_DELTA_H_OVER_R_K = 10_000;
const KELVIN = 273.15;

/**
 * Mean kinetic temperature, °C, of readings taken at (roughly) equal intervals (Haynes 1971):
 * MKT = (ΔH/R) / −ln( Σ e^(−ΔH/(R·Tᵢ)) / n ), with Tᵢ in kelvin. It weighs warm spells more
 * than the arithmetic mean does, like the food's spoilage. Informative only: limits are on the
 * maximum, not on the MKT. `null` without readings.
 */
export function meanKineticTemperature(celsius: readonly number[]): number | null {
  if (celsius.length === 0) return null;
  // Factor out the largest term so that e^(−36…) does not lose precision.
  const exponents = celsius.map((c) => -MKT_DELTA_H_OVER_R_K / (c + KELVIN));
  const top = Math.max(...exponents);
  const sum = exponents.reduce((acc, x) => acc + Math.exp(x - top), 0);
  const lnMean = top + Math.log(sum / celsius.length);
  return MKT_DELTA_H_OVER_R_K / -lnMean - KELVIN;
}
