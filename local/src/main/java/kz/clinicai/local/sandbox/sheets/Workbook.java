package kz.clinicai.local.sandbox.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import kz.clinicai.shared.json.Json;

/**
 * Every sandbox spreadsheet with its sheets and cell values. Cells keep what USER_ENTERED made of the input
 * (numbers, booleans, text; a USER_ENTERED text starting with "=" becomes a {@link Formula}, never evaluated, while
 * RAW keeps it as text, as Sheets does). Synchronized on this object.
 */
final class Workbook {

    /** A cell USER_ENTERED made a formula; shown as its text (the sandbox computes nothing), flagged in the dump. */
    record Formula(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final int DEFAULT_ROWS = 1000;
    private static final int DEFAULT_COLUMNS = 26;
    // Sheets' published ceiling for one spreadsheet.
    private static final long MAX_CELLS = 10_000_000;

    private static final class Sheet {
        int sheetId;
        String title;
        int rowCount = DEFAULT_ROWS;
        int columnCount = DEFAULT_COLUMNS;
        final List<List<Object>> rows = new ArrayList<>();

        ObjectNode properties(int index) {
            ObjectNode p = Json.mapper().createObjectNode();
            p.put("sheetId", sheetId).put("title", title).put("index", index).put("sheetType", "GRID");
            p.putObject("gridProperties").put("rowCount", rowCount).put("columnCount", columnCount);
            return p;
        }

        boolean rowHasData(int row, int c1, int c2) {
            if (row >= rows.size()) {
                return false;
            }
            List<Object> cells = rows.get(row);
            for (int c = c1; c <= Math.min(c2, cells.size() - 1); c++) {
                if (!isEmpty(cells.get(c))) {
                    return true;
                }
            }
            return false;
        }

        void set(int row, int column, Object value) {
            while (rows.size() <= row) {
                rows.add(new ArrayList<>());
            }
            List<Object> cells = rows.get(row);
            while (cells.size() <= column) {
                cells.add("");
            }
            cells.set(column, value);
        }
    }

    private static final class Spreadsheet {
        final String id;
        final String title;
        final List<Sheet> sheets = new ArrayList<>();

        Spreadsheet(String id, String title) {
            this.id = id;
            this.title = title;
        }

        Optional<Sheet> sheet(String title) {
            return sheets.stream().filter(s -> s.title.equals(title)).findFirst();
        }

        long cells() {
            return sheets.stream().mapToLong(s -> (long) s.rowCount * s.columnCount).sum();
        }
    }

    private final String urlBase;
    private final Map<String, Spreadsheet> spreadsheets = new LinkedHashMap<>();
    private int nextSpreadsheet = 1;
    private int nextSheetId = 1_000_001;

    /** @param urlBase where a person looks at a spreadsheet (the sandbox page), for spreadsheetUrl */
    Workbook(String urlBase) {
        this.urlBase = urlBase;
    }

    synchronized void clear() {
        spreadsheets.clear();
    }

    /** Creates a spreadsheet from a Spreadsheet resource (properties.title, sheets[].properties). */
    synchronized ObjectNode create(JsonNode body) {
        String id = String.format("1sandbox-spreadsheet-%023d", nextSpreadsheet++);
        Spreadsheet spreadsheet = new Spreadsheet(id, body.path("properties").path("title").asText("Untitled spreadsheet"));
        for (JsonNode sheet : body.path("sheets")) {
            addSheet(spreadsheet, sheet.path("properties"));
        }
        if (spreadsheet.sheets.isEmpty()) {
            addSheet(spreadsheet, Json.mapper().createObjectNode());
        }
        spreadsheets.put(id, spreadsheet);
        return describe(spreadsheet);
    }

    synchronized ObjectNode get(String id) {
        return describe(spreadsheet(id));
    }

    private Spreadsheet spreadsheet(String id) {
        Spreadsheet spreadsheet = spreadsheets.get(id);
        if (spreadsheet == null) {
            throw SheetsError.notFound();
        }
        return spreadsheet;
    }

    private ObjectNode describe(Spreadsheet spreadsheet) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("spreadsheetId", spreadsheet.id);
        out.putObject("properties").put("title", spreadsheet.title).put("locale", "ru_RU")
                .put("autoRecalc", "ON_CHANGE").put("timeZone", "Asia/Almaty");
        ArrayNode sheets = out.putArray("sheets");
        for (int i = 0; i < spreadsheet.sheets.size(); i++) {
            sheets.addObject().set("properties", spreadsheet.sheets.get(i).properties(i));
        }
        out.put("spreadsheetUrl", urlBase + "#" + spreadsheet.id);
        return out;
    }

    private Sheet addSheet(Spreadsheet spreadsheet, JsonNode properties) {
        Sheet sheet = new Sheet();
        String title = properties.path("title").asText("");
        if (title.isEmpty()) {
            int n = spreadsheet.sheets.size() + 1;
            while (spreadsheet.sheet("Sheet" + n).isPresent()) {
                n++;
            }
            title = "Sheet" + n;
        }
        sheet.title = title;
        sheet.sheetId = properties.has("sheetId") ? properties.get("sheetId").asInt() : nextSheetId++;
        sheet.rowCount = properties.path("gridProperties").path("rowCount").asInt(DEFAULT_ROWS);
        sheet.columnCount = properties.path("gridProperties").path("columnCount").asInt(DEFAULT_COLUMNS);
        int index = properties.has("index")
                ? Math.max(0, Math.min(properties.get("index").asInt(), spreadsheet.sheets.size()))
                : spreadsheet.sheets.size();
        spreadsheet.sheets.add(index, sheet);
        return sheet;
    }

    /** batchUpdate: addSheet and deleteSheet, all or nothing as in the real API. */
    synchronized ObjectNode batchUpdate(String id, JsonNode body) {
        Spreadsheet spreadsheet = spreadsheet(id);
        JsonNode requests = body.path("requests");
        // Checked in full first so that a bad request leaves the spreadsheet untouched.
        Set<String> titles = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        spreadsheet.sheets.forEach(s -> {
            titles.add(s.title);
            ids.add(s.sheetId);
        });
        for (int i = 0; i < requests.size(); i++) {
            JsonNode request = requests.get(i);
            if (request.has("addSheet")) {
                JsonNode p = request.path("addSheet").path("properties");
                String title = p.path("title").asText("");
                if (!title.isEmpty() && !titles.add(title)) {
                    throw SheetsError.invalid("Invalid requests[" + i + "].addSheet: A sheet with the name \"" + title
                            + "\" already exists. Please enter another name.");
                }
                if (p.has("sheetId") && !ids.add(p.get("sheetId").asInt())) {
                    throw SheetsError.invalid("Invalid requests[" + i + "].addSheet: Sheet with id "
                            + p.get("sheetId").asInt() + " already exists.");
                }
            } else if (request.has("deleteSheet")) {
                int sheetId = request.path("deleteSheet").path("sheetId").asInt();
                if (!ids.remove(sheetId)) {
                    throw SheetsError.invalid("Invalid requests[" + i + "].deleteSheet: No grid with id: " + sheetId);
                }
                if (ids.isEmpty()) {
                    throw SheetsError.invalid("Invalid requests[" + i
                            + "].deleteSheet: You can't remove all the sheets in a document.");
                }
            } else {
                String kind = request.fieldNames().hasNext() ? request.fieldNames().next() : "(empty)";
                throw SheetsError.invalid("Invalid requests[" + i + "]: the Sheets sandbox simulates addSheet and"
                        + " deleteSheet only, not " + kind);
            }
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("spreadsheetId", id);
        ArrayNode replies = out.putArray("replies");
        for (JsonNode request : requests) {
            if (request.has("addSheet")) {
                Sheet sheet = addSheet(spreadsheet, request.path("addSheet").path("properties"));
                replies.addObject().putObject("addSheet")
                        .set("properties", sheet.properties(spreadsheet.sheets.indexOf(sheet)));
            } else {
                int sheetId = request.path("deleteSheet").path("sheetId").asInt();
                spreadsheet.sheets.removeIf(s -> s.sheetId == sheetId);
                replies.addObject();
            }
        }
        return out;
    }

    private record Target(Sheet sheet, A1Range range) {
    }

    private Target target(Spreadsheet spreadsheet, String range) {
        A1Range parsed = A1Range.parse(range, name -> spreadsheet.sheet(name).isPresent())
                .orElseThrow(() -> SheetsError.invalid("Unable to parse range: " + range));
        Sheet sheet = parsed.sheet().isPresent() ? spreadsheet.sheet(parsed.sheet().get()).orElse(null)
                : spreadsheet.sheets.getFirst();
        if (sheet == null) {
            throw SheetsError.invalid("Unable to parse range: " + range);
        }
        return new Target(sheet, parsed);
    }

    /** values.append: finds the table in the range and writes the rows below it. */
    synchronized ObjectNode append(String id, String range, JsonNode body, boolean userEntered, boolean insertRows) {
        Spreadsheet spreadsheet = spreadsheet(id);
        Target target = target(spreadsheet, range);
        Sheet sheet = target.sheet();
        A1Range r = target.range();
        List<List<Object>> values = values(body, userEntered);
        int c1 = r.startColumn();
        int c2 = r.endColumn();
        int first = -1;
        int last = -1;
        int lastColumn = c1;
        // As Sheets does: the first table that starts inside the range, with all its contiguous rows (a table found
        // at "A1" extends below the range), so appending to "Sheet1!A1" writes below the last row.
        int scanEnd = r.endRow() == A1Range.OPEN ? Integer.MAX_VALUE : r.endRow() + 1;
        for (int row = r.startRow(); row < sheet.rows.size(); row++) {
            if (first < 0 && row >= scanEnd) {
                break;
            }
            if (!sheet.rowHasData(row, c1, c2)) {
                if (first >= 0) {
                    break;
                }
                continue;
            }
            first = first < 0 ? row : first;
            last = row;
            List<Object> cells = sheet.rows.get(row);
            for (int c = Math.min(c2, cells.size() - 1); c > lastColumn; c--) {
                if (!isEmpty(cells.get(c))) {
                    lastColumn = c;
                    break;
                }
            }
        }
        int at = last < 0 ? r.startRow() : last + 1;
        int width = values.stream().mapToInt(List::size).max().orElse(0);
        growFor(spreadsheet, sheet, insertRows ? values.size() : Math.max(0, at + values.size() - sheet.rowCount),
                Math.max(0, c1 + width - sheet.columnCount));
        if (insertRows && at < sheet.rows.size()) {
            for (int i = 0; i < values.size(); i++) {
                sheet.rows.add(at, new ArrayList<>());
            }
        }
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < values.get(i).size(); j++) {
                sheet.set(at + i, c1 + j, values.get(i).get(j));
            }
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("spreadsheetId", id);
        if (first >= 0) {
            out.put("tableRange", A1Range.format(sheet.title, c1, first, lastColumn, last));
        }
        ObjectNode updates = out.putObject("updates");
        updates.put("spreadsheetId", id);
        if (!values.isEmpty() && width > 0) {
            updates.put("updatedRange", A1Range.format(sheet.title, c1, at, c1 + width - 1, at + values.size() - 1));
            updates.put("updatedRows", values.size()).put("updatedColumns", width)
                    .put("updatedCells", values.stream().mapToInt(List::size).sum());
        }
        return out;
    }

    /** values.update: writes the rows at the range's top-left corner, overwriting. */
    synchronized ObjectNode update(String id, String range, JsonNode body, boolean userEntered) {
        Spreadsheet spreadsheet = spreadsheet(id);
        Target target = target(spreadsheet, range);
        Sheet sheet = target.sheet();
        A1Range r = target.range();
        List<List<Object>> values = values(body, userEntered);
        int width = values.stream().mapToInt(List::size).max().orElse(0);
        growFor(spreadsheet, sheet, Math.max(0, r.startRow() + values.size() - sheet.rowCount),
                Math.max(0, r.startColumn() + width - sheet.columnCount));
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < values.get(i).size(); j++) {
                sheet.set(r.startRow() + i, r.startColumn() + j, values.get(i).get(j));
            }
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("spreadsheetId", id);
        if (width > 0) {
            out.put("updatedRange", A1Range.format(sheet.title, r.startColumn(), r.startRow(),
                    r.startColumn() + width - 1, r.startRow() + values.size() - 1));
            out.put("updatedRows", values.size()).put("updatedColumns", width)
                    .put("updatedCells", values.stream().mapToInt(List::size).sum());
        }
        return out;
    }

    private static void growFor(Spreadsheet spreadsheet, Sheet sheet, int moreRows, int moreColumns) {
        long after = spreadsheet.cells() + (long) moreRows * (sheet.columnCount + moreColumns)
                + (long) moreColumns * sheet.rowCount;
        if (after > MAX_CELLS) {
            throw SheetsError.invalid("This action would increase the number of cells in the workbook above the limit"
                    + " of 10000000 cells.");
        }
        sheet.rowCount += moreRows;
        sheet.columnCount += moreColumns;
    }

    /** values.get: the non-empty part of the range, trailing empty rows and cells left out as Google does. */
    synchronized ObjectNode read(String id, String range, boolean formatted, boolean columns) {
        Spreadsheet spreadsheet = spreadsheet(id);
        Target target = target(spreadsheet, range);
        Sheet sheet = target.sheet();
        A1Range r = target.range();
        int r2 = Math.min(r.endRow(), sheet.rowCount - 1);
        int c2 = Math.min(r.endColumn(), sheet.columnCount - 1);
        List<List<Object>> rows = new ArrayList<>();
        for (int row = r.startRow(); row <= Math.min(r2, sheet.rows.size() - 1); row++) {
            List<Object> cells = sheet.rows.get(row);
            List<Object> out = new ArrayList<>();
            for (int c = r.startColumn(); c <= Math.min(c2, cells.size() - 1); c++) {
                out.add(cells.get(c));
            }
            while (!out.isEmpty() && isEmpty(out.getLast())) {
                out.removeLast();
            }
            rows.add(out);
        }
        while (!rows.isEmpty() && rows.getLast().isEmpty()) {
            rows.removeLast();
        }
        if (columns) {
            rows = transpose(rows);
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("range", A1Range.format(sheet.title, r.startColumn(), r.startRow(), Math.max(c2, r.startColumn()),
                Math.max(r2, r.startRow())));
        out.put("majorDimension", columns ? "COLUMNS" : "ROWS");
        if (!rows.isEmpty()) {
            ArrayNode values = out.putArray("values");
            for (List<Object> row : rows) {
                ArrayNode line = values.addArray();
                row.forEach(v -> add(line, v, formatted));
            }
        }
        return out;
    }

    /** All spreadsheets with formatted values, for the control API and the page. */
    synchronized ArrayNode dump() {
        ArrayNode out = Json.mapper().createArrayNode();
        for (Spreadsheet spreadsheet : spreadsheets.values()) {
            ObjectNode s = out.addObject();
            s.put("spreadsheetId", spreadsheet.id).put("title", spreadsheet.title);
            ArrayNode sheets = s.putArray("sheets");
            for (Sheet sheet : spreadsheet.sheets) {
                ObjectNode sh = sheets.addObject();
                sh.put("sheetId", sheet.sheetId).put("title", sheet.title).put("rowCount", sheet.rowCount)
                        .put("columnCount", sheet.columnCount);
                ArrayNode values = sh.putArray("values");
                ArrayNode formulas = sh.putArray("formulaCells");
                for (int r = 0; r < sheet.rows.size(); r++) {
                    List<Object> row = sheet.rows.get(r);
                    ArrayNode line = values.addArray();
                    for (int c = 0; c < row.size(); c++) {
                        add(line, row.get(c), true);
                        if (row.get(c) instanceof Formula) {
                            formulas.add(A1Range.format(sheet.title, c, r, c, r));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void add(ArrayNode line, Object value, boolean formatted) {
        if (formatted) {
            line.add(format(value));
        } else if (value instanceof BigDecimal number) {
            line.add(number);
        } else if (value instanceof Boolean bool) {
            line.add(bool);
        } else {
            line.add(String.valueOf(value));
        }
    }

    private static String format(Object value) {
        if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        }
        return String.valueOf(value);
    }

    private static boolean isEmpty(Object value) {
        return value == null || "".equals(value);
    }

    /** The ValueRange body's values as rows, interpreted as USER_ENTERED or RAW. */
    private static List<List<Object>> values(JsonNode body, boolean userEntered) {
        JsonNode values = body.path("values");
        if (!values.isMissingNode() && !values.isArray()) {
            throw SheetsError.invalid("Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue)");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : values) {
            List<Object> cells = new ArrayList<>();
            for (JsonNode cell : row.isArray() ? row : List.of(row)) {
                cells.add(cell(cell, userEntered));
            }
            rows.add(cells);
        }
        return "COLUMNS".equals(body.path("majorDimension").asText("ROWS")) ? transpose(rows) : rows;
    }

    private static Object cell(JsonNode cell, boolean userEntered) {
        if (cell.isNull()) {
            return "";
        }
        if (cell.isNumber()) {
            return cell.decimalValue();
        }
        if (cell.isBoolean()) {
            return cell.booleanValue();
        }
        if (cell.isContainerNode()) {
            throw SheetsError.invalid("Invalid values[][]: " + cell + " (a cell must be a string, number or bool)");
        }
        String text = cell.asText();
        if (userEntered) {
            // Typed into the UI: numbers and TRUE/FALSE become values, a leading apostrophe keeps text.
            if (NUMBER.matcher(text.strip()).matches()) {
                return new BigDecimal(text.strip());
            }
            if (text.equalsIgnoreCase("TRUE") || text.equalsIgnoreCase("FALSE")) {
                return Boolean.parseBoolean(text);
            }
            if (text.startsWith("'")) {
                return text.substring(1);
            }
            if (text.startsWith("=") && text.length() > 1) {
                return new Formula(text);
            }
        }
        return text;
    }

    private static List<List<Object>> transpose(List<List<Object>> rows) {
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        List<List<Object>> out = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<Object> line = new ArrayList<>();
            for (List<Object> row : rows) {
                line.add(c < row.size() ? row.get(c) : "");
            }
            while (!line.isEmpty() && isEmpty(line.getLast())) {
                line.removeLast();
            }
            out.add(line);
        }
        return out;
    }
}
