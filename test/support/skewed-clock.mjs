// Preloaded into a gateway process to test clock skew: its Date.now() runs
// TEST_CLOCK_SKEW_MS ahead of (or behind) the machine's clock.
const skew = Number(process.env.TEST_CLOCK_SKEW_MS ?? 0);
const realNow = Date.now;
Date.now = () => realNow() + skew;
