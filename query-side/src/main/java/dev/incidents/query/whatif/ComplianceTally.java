package dev.incidents.query.whatif;

import dev.incidents.api.sla.ClockOutcome;
import dev.incidents.api.sla.ClockStatus;
import dev.incidents.query.whatif.WhatIfReport.ClockFigures;
import dev.incidents.query.whatif.WhatIfReport.Compliance;

/** Counts met, breached and undecided clocks of one kind on one side of an analysis. */
final class ComplianceTally {

    private int met;
    private int breached;
    private int undecided;

    void add(ClockFigures clock) {
        if (clock.outcome() == ClockOutcome.MET) {
            met++;
        } else if (clock.outcome() == ClockOutcome.BREACHED) {
            breached++;
        } else if (clock.breachAt() != null && clock.status() != ClockStatus.STOPPED) {
            // A running or paused clock past its target can no longer be met.
            breached++;
        } else {
            undecided++;
        }
    }

    Compliance compliance() {
        int judged = met + breached;
        Double percent = judged == 0 ? null : Math.round(met * 1000.0 / judged) / 10.0;
        return new Compliance(met, breached, undecided, percent);
    }
}
