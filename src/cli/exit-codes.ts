/** No finding at or above the fail level. */
export const EXIT_CLEAN = 0;
/** Findings at or above the fail level (or more warnings than --max-warnings). */
export const EXIT_FINDINGS = 1;
/** The run itself failed: bad flags, bad configuration, nothing to analyse, an internal error. */
export const EXIT_FAILURE = 2;
