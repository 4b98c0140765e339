// Traffic arithmetic: requests a month and the peak request rate. Pure.

import type { Traffic } from '../scenario/types.js';
import { SECONDS_PER_MONTH } from '../units.js';

export interface TrafficFigures {
  sessionsPerMonth: number;
  requestsPerMonth: number;
  /** Average rate x peak_factor, over a 730-hour month. */
  peakRequestsPerSecond: number;
}

export function trafficFigures(t: Traffic): TrafficFigures {
  const requestsPerMonth = t.requestsPerMonth ?? (t.users ?? 0) * t.sessionsPerUser * t.requestsPerSession;
  return {
    sessionsPerMonth: requestsPerMonth / t.requestsPerSession,
    requestsPerMonth,
    peakRequestsPerSecond: (requestsPerMonth / SECONDS_PER_MONTH) * t.peakFactor,
  };
}
