package kz.clinicai.local.sandbox.sheets;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range in A1 notation as the Sheets API takes it: {@code Sheet1!A1:F1}, {@code 'Звонки'!A:Z}, {@code Sheet1},
 * {@code A2:C}. Indexes are 0-based and inclusive; an open end is {@link #OPEN}.
 *
 * @param sheet the sheet's title, or empty when the range names none (then the first sheet is meant)
 */
record A1Range(Optional<String> sheet, int startColumn, int startRow, int endColumn, int endRow) {

    static final int OPEN = Integer.MAX_VALUE;
    private static final Pattern CELL = Pattern.compile("([A-Za-z]{0,3})(\\d{0,7})");

    /** Parses {@code text}; {@code isSheet} says whether a bare word names an existing sheet. */
    static Optional<A1Range> parse(String text, java.util.function.Predicate<String> isSheet) {
        String sheet = null;
        String cells;
        int bang = bangOutsideQuotes(text);
        if (bang >= 0) {
            sheet = unquote(text.substring(0, bang));
            cells = text.substring(bang + 1);
            if (sheet == null) {
                return Optional.empty();
            }
        } else {
            String name = unquote(text);
            if (name != null && isSheet.test(name)) {
                return Optional.of(new A1Range(Optional.of(name), 0, 0, OPEN, OPEN));
            }
            cells = text;
        }
        String[] ends = cells.split(":", -1);
        if (ends.length > 2 || cells.isEmpty()) {
            return Optional.empty();
        }
        int[] start = cell(ends[0]);
        int[] end = ends.length == 2 ? cell(ends[1]) : start;
        if (start == null || end == null) {
            return Optional.empty();
        }
        int c1 = start[0] < 0 ? 0 : start[0];
        int r1 = start[1] < 0 ? 0 : start[1];
        int c2 = end[0] < 0 ? OPEN : end[0];
        int r2 = end[1] < 0 ? OPEN : end[1];
        if (c2 < c1 || r2 < r1) {
            return Optional.empty();
        }
        return Optional.of(new A1Range(Optional.ofNullable(sheet), c1, r1, c2, r2));
    }

    /** [column, row] 0-based, -1 where the reference leaves it out; null when it is not a reference. */
    private static int[] cell(String ref) {
        Matcher m = CELL.matcher(ref.replace("$", ""));
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        int column = m.group(1).isEmpty() ? -1 : columnIndex(m.group(1));
        int row = m.group(2).isEmpty() ? -1 : Integer.parseInt(m.group(2)) - 1;
        if (row < -1) {
            return null;
        }
        return new int[] {column, row};
    }

    private static int bangOutsideQuotes(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (ch == '!' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("'") && name.endsWith("'")) {
            return name.substring(1, name.length() - 1).replace("''", "'");
        }
        return name.isEmpty() || name.contains("'") ? null : name;
    }

    static int columnIndex(String letters) {
        int n = 0;
        for (char ch : letters.toUpperCase().toCharArray()) {
            n = n * 26 + (ch - 'A' + 1);
        }
        return n - 1;
    }

    static String columnName(int index) {
        StringBuilder out = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            out.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return out.toString();
    }

    /** The sheet part as the API writes it back: quoted unless it is a plain word. */
    static String sheetRef(String title) {
        return title.matches("[A-Za-z0-9_]+") ? title : "'" + title.replace("'", "''") + "'";
    }

    /** {@code Sheet!A1:C3} for 0-based inclusive bounds. */
    static String format(String sheet, int c1, int r1, int c2, int r2) {
        return sheetRef(sheet) + "!" + columnName(c1) + (r1 + 1) + ":" + columnName(c2) + (r2 + 1);
    }
}
