package dev.incidents.command.incident;

import dev.incidents.api.error.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches an {@link IncidentRuleViolation} with the given error code. */
final class RuleViolationMatcher extends TypeSafeMatcher<IncidentRuleViolation> {

    private final ErrorCode code;

    private RuleViolationMatcher(ErrorCode code) {
        this.code = code;
    }

    static Matcher<IncidentRuleViolation> rejectedWith(ErrorCode code) {
        return new RuleViolationMatcher(code);
    }

    @Override
    protected boolean matchesSafely(IncidentRuleViolation violation) {
        return violation.code() == code;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("an incident rule violation with code ").appendValue(code);
    }

    @Override
    protected void describeMismatchSafely(IncidentRuleViolation violation, Description description) {
        description.appendText("its code was ").appendValue(violation.code())
                .appendText(": ").appendText(violation.getMessage());
    }
}
