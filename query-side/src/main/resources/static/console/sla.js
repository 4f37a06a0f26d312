// Service level state of an incident for badges: on time, at risk or breached, from the response and resolution
// clocks of GET /api/incidents/{id}/service-level.

import { element, formatInstant } from './api.js';

/**
 * Returns {state, text, dueAt} for a service level reading at `now` (a Date). A clock is breached once it has a
 * breach time, or once its due time has passed while it runs. The incident is at risk while a clock that passed its
 * warning threshold still counts or pauses. dueAt is the earliest due time of a running clock, or null.
 */
export function serviceLevelState(reading, now = new Date()) {
    if (!reading) {
        return { state: 'unknown', text: 'No service level', dueAt: null };
    }
    const clocks = [reading.response, reading.resolution].filter(Boolean);
    const running = clocks.filter(clock => clock.status === 'RUNNING' && clock.dueAt);
    const breached = clocks.some(clock => clock.breachAt || clock.outcome === 'BREACHED')
        || running.some(clock => new Date(clock.dueAt) <= now);
    const atRisk = clocks.some(clock => clock.warningAt && clock.status !== 'STOPPED');
    const dueAt = running.map(clock => clock.dueAt).sort()[0] || null;
    if (breached) {
        return { state: 'breached', text: 'Breached', dueAt };
    }
    if (atRisk) {
        return { state: 'at-risk', text: 'At risk', dueAt };
    }
    return { state: 'on-time', text: 'On time', dueAt };
}

/** Builds the badge: a coloured label whose text names the state, so colour is never the only cue. */
export function serviceLevelBadge(level) {
    const badge = element('span', { class: 'badge sla-' + level.state }, level.text);
    if (level.dueAt) {
        return element('span', { class: 'sla' }, badge, element('span', { class: 'due' }, 'due ' + formatInstant(level.dueAt)));
    }
    return element('span', { class: 'sla' }, badge);
}
