/**
 * Capacity: whether a team's prospecting hours cover a plan's hours over its period.
 */

export interface CapacityInput {
  /** Hours the plan needs (its rounded hours). */
  hoursNeeded: number;
  /** Sales reps who share the plan. */
  reps: number;
  /** Hours each rep gives to prospecting per week. */
  hoursPerWeek: number;
  /** Working days in the period, when the plan has one. */
  workingDays?: number;
}

export interface Capacity {
  reps: number;
  hoursPerWeek: number;
  hoursNeeded: number;
  /** Working weeks in the period (working days / 5); null without a period. */
  weeksAvailable: number | null;
  /** Hours the team can give over the period (reps x hours per week x weeks); null without a period. */
  hoursAvailable: number | null;
  /** Hours each rep must give per working week to finish on time; null without a period. */
  loadPerRepPerWeek: number | null;
  /** Whether the load fits the hours each rep gives; null without a period. */
  fits: boolean | null;
  /** Working weeks the team needs at its pace: ceil(hours / (reps x hours per week)). */
  weeksNeeded: number;
  /** Reps needed to finish within the period at the given hours: ceil(hours / (hours per week x weeks)). */
  repsNeeded: number | null;
}

/**
 * Computes the weekly load per rep and whether it fits: weeks = working days / 5; load = hours
 * needed / reps / weeks; fits when load <= hours per week. When it does not, the weeks it would
 * take at the team's pace and the reps it would take within the period.
 *
 * @example computeCapacity({ hoursNeeded: 62.3, reps: 1, hoursPerWeek: 5, workingDays: 39 })
 *   // load 62.3 / 7.8 = 7.99 h, fits false, weeksNeeded 13, repsNeeded 2
 */
export function computeCapacity(input: CapacityInput): Capacity {
  const { hoursNeeded, reps, hoursPerWeek, workingDays } = input;
  const clean = (x: number): number => Math.round(x * 1e9) / 1e9;
  const weeksNeeded = Math.ceil(clean(hoursNeeded / (reps * hoursPerWeek)));
  if (workingDays === undefined) {
    return {
      reps,
      hoursPerWeek,
      hoursNeeded,
      weeksAvailable: null,
      hoursAvailable: null,
      loadPerRepPerWeek: null,
      fits: null,
      weeksNeeded,
      repsNeeded: null,
    };
  }
  const weeksAvailable = workingDays / 5;
  const hoursAvailable = reps * hoursPerWeek * weeksAvailable;
  const loadPerRepPerWeek =
    weeksAvailable > 0 ? hoursNeeded / reps / weeksAvailable : hoursNeeded > 0 ? Infinity : 0;
  const fits = clean(loadPerRepPerWeek) <= hoursPerWeek;
  const repsNeeded =
    weeksAvailable > 0 ? Math.max(1, Math.ceil(clean(hoursNeeded / (hoursPerWeek * weeksAvailable)))) : null;
  return {
    reps,
    hoursPerWeek,
    hoursNeeded,
    weeksAvailable,
    hoursAvailable,
    loadPerRepPerWeek,
    fits,
    weeksNeeded,
    repsNeeded,
  };
}
