/** Polls `check` until it holds (or gives up after `ms`); the tests never assert on time. */
export async function eventually(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

/** As `eventually`, for a wait that must end: throws when `check` never holds. */
export async function until(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  if (!(await eventually(check, ms))) throw new Error('condition not met');
}
