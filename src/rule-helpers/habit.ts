/*
 * When a gap is the API's habit rather than an exception, the rules that judge the whole contract
 * (error responses, rate-limit headers) say it once for the document: one shared response or
 * header set referenced everywhere fixes it, so one finding says more than one per operation.
 */

/** Whether gaps are the API's habit: at least two, and more than half of the candidates. */
export function isHabit(gaps: number, candidates: number): boolean {
  return gaps >= 2 && gaps * 2 > candidates;
}
