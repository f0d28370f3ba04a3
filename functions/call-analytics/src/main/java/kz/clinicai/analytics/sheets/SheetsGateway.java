package kz.clinicai.analytics.sheets;

import java.util.List;

/** The few Sheets v4 calls the writer makes, on one spreadsheet's sheet. */
public interface SheetsGateway {

    /** Row 1 of the sheet ("" for empty cells); empty when the sheet has no header yet. */
    List<String> header();

    /** Writes {@code titles} into row 1 from column {@code fromColumn} (0-based). */
    void writeHeader(int fromColumn, List<String> titles);

    /** One values.append of {@code rows} below the table (RAW, INSERT_ROWS); returns the updated A1 range. */
    String append(List<List<Object>> rows);

    /** Overwrites one row at {@code range} (a retried call's row keeps its place). */
    void update(String range, List<Object> row);

    /** Column {@code column} (0-based) from row 2 down, as text: where each call id already stands. */
    List<String> column(int column);

    /** A write or read refused with 429 (quota); the caller backs off. */
    final class QuotaExceeded extends RuntimeException {
        public QuotaExceeded(String message) {
            super(message);
        }
    }

    /** The spreadsheet or sheet does not exist, or the service account may not open it. */
    final class NotAccessible extends RuntimeException {
        public NotAccessible(String message) {
            super(message);
        }
    }

    /** A request whose outcome is unknown (timeout, connection lost after sending). */
    final class OutcomeUnknown extends RuntimeException {
        public OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
