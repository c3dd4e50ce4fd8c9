/** Exponential back-off after failed sign-ins, per account and per network address (pure rules). */

/** How many failures a key may have before it waits, and how long the waits grow. */
export interface BackOffPolicy {
  freeAttempts: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

/** Per account (hashed email): five tries, then 15 s, 30 s, 60 s … up to 15 minutes. */
export const ACCOUNT_BACK_OFF: BackOffPolicy = {
  freeAttempts: 5,
  firstDelaySeconds: 15,
  maxDelaySeconds: 900,
};
/** Per address: generous, since offices share one address; then the same doubling. */
export const ADDRESS_BACK_OFF: BackOffPolicy = {
  freeAttempts: 20,
  firstDelaySeconds: 15,
  maxDelaySeconds: 900,
};
/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_MINUTES = 60;

/** The wait after `failures` failures in the window. */
export function backOffSeconds(failures: number, policy: BackOffPolicy): number {
  if (failures < policy.freeAttempts) return 0;
  const doublings = Math.min(failures - policy.freeAttempts, 30);
  return Math.min(policy.firstDelaySeconds * 2 ** doublings, policy.maxDelaySeconds);
}

/** Seconds until another attempt is allowed (0: now), given the failure times in the window. */
export function secondsUntilAllowed(failureTimes: string[], now: Date, policy: BackOffPolicy): number {
  if (failureTimes.length === 0) return 0;
  const latest = [...failureTimes].sort().at(-1)!;
  const allowedAt = new Date(latest).getTime() + backOffSeconds(failureTimes.length, policy) * 1000;
  return Math.max(0, Math.ceil((allowedAt - now.getTime()) / 1000));
}
