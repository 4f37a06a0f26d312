package dev.incidents.api.sla;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.incidents.api.incident.Values;

import java.time.LocalTime;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Half-open interval {@code [start, end)} of local wall-clock time within one day, in minutes of the day.
 * Minute 0 is 00:00 and minute 1440 is 24:00, the end of the day, so a whole day is {@code 00:00-24:00}. An end
 * of 23:59 is rejected because it would leave the day's last minute closed.
 * The text form is {@code HH:mm-HH:mm}, for example {@code 09:00-17:00}; JSON uses the same text.
 */
public record OpeningInterval(int startMinute, int endMinute) {

    /** Minutes in a day of 24 wall-clock hours, which is also the largest end, written 24:00. */
    public static final int MINUTES_PER_DAY = 1440;

    /** 23:59, which as an end would leave the last minute of the day closed. */
    private static final int LAST_MINUTE_OF_DAY = MINUTES_PER_DAY - 1;

    private static final Pattern TEXT = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");

    public OpeningInterval {
        requireMinuteOfDay(startMinute);
        requireMinuteOfDay(endMinute);
        if (endMinute <= startMinute) {
            throw new IllegalArgumentException("invalid opening interval " + format(startMinute) + "-"
                    + format(endMinute) + ": the end must be after the start (use 24:00 for the end of the day)");
        }
        // Intervals are half-open, so an end of 23:59 leaves 23:59-24:00 closed, and that lost minute would shift
        // deadlines without any visible error.
        if (endMinute == LAST_MINUTE_OF_DAY) {
            throw new IllegalArgumentException("invalid opening interval " + format(startMinute) + "-"
                    + format(endMinute) + ": an end of 23:59 leaves the last minute of the day closed;"
                    + " use 24:00 for the end of the day");
        }
    }

    /** Creates the interval from {@code start} until {@code end}. */
    public static OpeningInterval of(LocalTime start, LocalTime end) {
        Objects.requireNonNull(start, "opening interval start is missing");
        Objects.requireNonNull(end, "opening interval end is missing");
        return new OpeningInterval(minuteOf(start), minuteOf(end));
    }

    /** Creates the interval from {@code start} until 24:00, which {@link LocalTime} cannot express. */
    public static OpeningInterval untilEndOfDay(LocalTime start) {
        Objects.requireNonNull(start, "opening interval start is missing");
        return new OpeningInterval(minuteOf(start), MINUTES_PER_DAY);
    }

    /** Returns the interval 00:00-24:00. */
    public static OpeningInterval wholeDay() {
        return new OpeningInterval(0, MINUTES_PER_DAY);
    }

    /** Parses the text form {@code HH:mm-HH:mm}, where the hour 24 is allowed only as 24:00. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OpeningInterval parse(String text) {
        Objects.requireNonNull(text, "opening interval is missing");
        Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid opening interval '" + Values.truncate(text)
                    + "': use HH:mm-HH:mm between 00:00 and 24:00, such as 09:00-17:00");
        }

        int start = toMinute(text, matcher.group(1), matcher.group(2));
        int end = toMinute(text, matcher.group(3), matcher.group(4));
        return new OpeningInterval(start, end);
    }

    /** Returns true when this interval shares at least one minute with {@code other}. Touching ends do not count. */
    public boolean overlaps(OpeningInterval other) {
        return startMinute < other.endMinute && other.startMinute < endMinute;
    }

    @JsonValue
    @Override
    public String toString() {
        return format(startMinute) + "-" + format(endMinute);
    }

    private static int toMinute(String text, String hours, String minutes) {
        int hour = Integer.parseInt(hours);
        int minute = Integer.parseInt(minutes);
        if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) {
            throw new IllegalArgumentException("invalid opening interval '" + Values.truncate(text) + "': "
                    + hours + ":" + minutes
                    + " is not a time of day; use 00:00 to 23:59, or 24:00 for the end of the day");
        }
        return hour * 60 + minute;
    }

    private static int minuteOf(LocalTime time) {
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new IllegalArgumentException("invalid opening interval time " + time
                    + ": opening hours are whole minutes; drop the seconds");
        }
        return time.getHour() * 60 + time.getMinute();
    }

    private static void requireMinuteOfDay(int minute) {
        if (minute < 0 || minute > MINUTES_PER_DAY) {
            throw new IllegalArgumentException("invalid opening interval minute " + minute
                    + ": minutes of the day must be in 0..1440, where 1440 is 24:00");
        }
    }

    private static String format(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
