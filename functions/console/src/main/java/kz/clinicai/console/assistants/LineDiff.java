package kz.clinicai.console.assistants;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) of two texts, for the version history page. */
public final class LineDiff {

    public enum Kind { SAME, ADDED, REMOVED }

    public record Line(Kind kind, String text) {
        public String css() {
            return switch (kind) {
                case SAME -> "diff-same";
                case ADDED -> "diff-added";
                case REMOVED -> "diff-removed";
            };
        }

        public String marker() {
            return switch (kind) {
                case SAME -> " ";
                case ADDED -> "+";
                case REMOVED -> "−";
            };
        }
    }

    private LineDiff() {
    }

    public static List<Line> of(String before, String after) {
        String[] a = (before == null ? "" : before).split("\n", -1);
        String[] b = (after == null ? "" : after).split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add(new Line(Kind.SAME, a[i++]));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line(Kind.REMOVED, a[i++]));
            } else {
                out.add(new Line(Kind.ADDED, b[j++]));
            }
        }
        while (i < a.length) {
            out.add(new Line(Kind.REMOVED, a[i++]));
        }
        while (j < b.length) {
            out.add(new Line(Kind.ADDED, b[j++]));
        }
        return out;
    }
}
