package kz.clinicai.local.events;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge schedule expressions: {@code rate(N minute|minutes|hour|hours|day|days)} and the 6-field
 * {@code cron(minutes hours day-of-month month day-of-week year)} in UTC, where one of the two day fields is
 * {@code ?}. The L, W and # forms are not supported here and are rejected with a clear message.
 */
public sealed interface ScheduleExpression {

    /** The first firing strictly after {@code after}. */
    ZonedDateTime next(ZonedDateTime after);

    static ScheduleExpression parse(String expression) {
        String e = expression == null ? "" : expression.trim();
        Matcher rate = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)").matcher(e);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            String unit = rate.group(2);
            if (n <= 0 || (n == 1) != !unit.endsWith("s")) {
                throw new IllegalArgumentException("rate needs a positive value, singular unit for 1 only: " + e);
            }
            return new Rate(switch (unit.charAt(0)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        Matcher cron = Pattern.compile("cron\\((.+)\\)").matcher(e);
        if (cron.matches()) {
            return Cron.parse(cron.group(1).trim());
        }
        throw new IllegalArgumentException("Not a schedule expression (rate(...) or cron(...)): " + expression);
    }

    record Rate(Duration period) implements ScheduleExpression {
        @Override
        public ZonedDateTime next(ZonedDateTime after) {
            return after.plus(period);
        }
    }

    /** Day of week 1-7 = SUN-SAT, as EventBridge counts. */
    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years,
                boolean anyDayOfMonth, boolean anyDayOfWeek) implements ScheduleExpression {

        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
                "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

        static Cron parse(String fields) {
            String[] f = fields.split("\\s+");
            if (f.length != 6) {
                throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week"
                        + " year): " + fields);
            }
            for (String field : f) {
                String withoutNames = field.toUpperCase(Locale.ROOT)
                        .replaceAll("JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT", "");
                if (withoutNames.matches(".*[LW#].*")) {
                    throw new IllegalArgumentException("cron field '" + field + "': L, W and # are not supported"
                            + " by the local scheduler");
                }
            }
            boolean qDom = f[2].equals("?");
            boolean qDow = f[4].equals("?");
            if (qDom == qDow) {
                throw new IllegalArgumentException("cron: exactly one of day-of-month and day-of-week must be ?: "
                        + fields);
            }
            return new Cron(field(f[0], 0, 59, List.of()), field(f[1], 0, 23, List.of()),
                    qDom ? null : field(f[2], 1, 31, List.of()), field(f[3], 1, 12, MONTHS),
                    qDow ? null : field(f[4], 1, 7, DAYS), field(f[5], 1970, 2199, List.of()), qDom, qDow);
        }

        private static BitSet field(String text, int min, int max, List<String> names) {
            BitSet bits = new BitSet();
            for (String part : text.split(",")) {
                String range = part;
                int step = 1;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    range = part.substring(0, slash);
                    step = Integer.parseInt(part.substring(slash + 1));
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] ends = range.split("-");
                    from = value(ends[0], names, min);
                    to = value(ends[1], names, min);
                } else {
                    from = value(range, names, min);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to || step <= 0) {
                    throw new IllegalArgumentException("cron field '" + text + "' out of range " + min + "-" + max);
                }
                for (int v = from; v <= to; v += step) {
                    bits.set(v);
                }
            }
            return bits;
        }

        private static int value(String token, List<String> names, int min) {
            int named = names.indexOf(token.toUpperCase(Locale.ROOT));
            if (named >= 0) {
                return named + min;
            }
            try {
                return Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cron: '" + token + "' is not a value", e);
            }
        }

        @Override
        public ZonedDateTime next(ZonedDateTime after) {
            ZonedDateTime t = after.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            ZonedDateTime limit = t.plusYears(5);
            while (t.isBefore(limit)) {
                if (!years.get(t.getYear()) || !months.get(t.getMonthValue()) || !dayMatches(t)) {
                    t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                } else if (!hours.get(t.getHour())) {
                    t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                } else if (!minutes.get(t.getMinute())) {
                    t = t.plusMinutes(1);
                } else {
                    return t;
                }
            }
            throw new IllegalArgumentException("cron expression never fires in the next five years");
        }

        private boolean dayMatches(ZonedDateTime t) {
            if (anyDayOfWeek) {
                return daysOfMonth.get(t.getDayOfMonth());
            }
            return daysOfWeek.get(t.getDayOfWeek().getValue() % 7 + 1);
        }
    }
}
