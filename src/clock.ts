/** The current time, injected so that tests and what-if runs control it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
