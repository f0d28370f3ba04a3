package kz.clinicai.analytics.profile;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import kz.clinicai.shared.http.ApiException;

/**
 * The shape rules of a profile; every problem is listed in one 400 so the caller fixes them in one go. Nothing is
 * stored before this passes.
 */
public final class ProfileValidator {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    static final int MAX_CRITERIA = 30;
    static final int MAX_INSTRUCTIONS = 2000;
    static final int MAX_TITLE = 100;
    static final Set<String> RESERVED_TITLES = Set.copyOf(SheetColumnsTitles.FIXED);

    private ProfileValidator() {
    }

    /** @throws ApiException 400 {@code invalid_profile} listing every problem */
    public static void validate(Profile p) {
        List<String> problems = new ArrayList<>();
        if (p.profileId() == null || !ID.matcher(p.profileId()).matches()) {
            problems.add("profileId: 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (p.uis() == null || p.uis().accessTokenSecret() == null) {
            problems.add("uis.accessTokenSecret: required (the name of the Secrets Manager secret with the UIS token)");
        } else {
            secretName(problems, "uis.accessTokenSecret", p.uis().accessTokenSecret());
            p.uis().zone().ifPresent(z -> {
                try {
                    ZoneId.of(z);
                } catch (DateTimeException e) {
                    problems.add("uis.timeZone: not a time zone id (e.g. Asia/Almaty): " + z);
                }
            });
        }
        if (p.sheet() == null) {
            problems.add("sheet: required (spreadsheetId, sheetName, serviceAccountSecret)");
        } else {
            if (blank(p.sheet().spreadsheetId()) || !p.sheet().spreadsheetId().matches("[A-Za-z0-9_-]{1,200}")) {
                problems.add("sheet.spreadsheetId: required, the id in the sheet's URL");
            }
            if (blank(p.sheet().sheetName()) || p.sheet().sheetName().length() > 100
                    || p.sheet().sheetName().matches(".*[\\[\\]*?:/\\\\].*")) {
                problems.add("sheet.sheetName: required, at most 100 characters, none of []*?:/\\");
            }
            if (blank(p.sheet().serviceAccountSecret())) {
                problems.add("sheet.serviceAccountSecret: required (the secret with the Google service-account key)");
            } else {
                secretName(problems, "sheet.serviceAccountSecret", p.sheet().serviceAccountSecret());
            }
        }
        Profile.CallFilter f = p.calls();
        for (String d : f.directions()) {
            if (!d.equals("in") && !d.equals("out")) {
                problems.add("calls.directions: only \"in\" and \"out\", not " + d);
            }
        }
        if (f.minTalkSeconds() != null && (f.minTalkSeconds() < 0 || f.minTalkSeconds() > 86_400)) {
            problems.add("calls.minTalkSeconds: 0..86400");
        }
        for (String n : f.virtualNumbers()) {
            if (n == null || !n.matches("\\d{5,15}")) {
                problems.add("calls.virtualNumbers: digits only, as UIS writes them (74951234567), not " + n);
            }
        }
        for (String lang : p.transcription().languages()) {
            if (lang == null || !lang.matches("[a-z]{2}")) {
                problems.add("transcription.languages: ISO-639-1 codes such as ru, kk; not " + lang);
            }
        }
        if (String.join(" ", p.transcription().vocabulary()).length() > 800) {
            problems.add("transcription.vocabulary: at most 800 characters in all (it becomes the transcription prompt)");
        }
        criteria(problems, p.criteria());
        Set<String> keys = new HashSet<>();
        p.criteria().forEach(c -> keys.add(c.key()));
        for (String k : p.writeBack().tagCriteria()) {
            if (!keys.contains(k)) {
                problems.add("writeBack.tagCriteria: no criterion with key " + k);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid_profile", String.join("; ", problems));
        }
    }

    private static void criteria(List<String> problems, List<Criterion> criteria) {
        if (criteria.isEmpty()) {
            problems.add("criteria: at least one criterion (key, title, type, instructions)");
        }
        if (criteria.size() > MAX_CRITERIA) {
            problems.add("criteria: at most " + MAX_CRITERIA);
        }
        Set<String> keys = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < criteria.size(); i++) {
            Criterion c = criteria.get(i);
            String at = "criteria[" + i + "]";
            if (c == null) {
                problems.add(at + ": null");
                continue;
            }
            if (c.key() == null || !KEY.matcher(c.key()).matches()) {
                problems.add(at + ".key: 1-40 characters of a-z, 0-9 and _, starting with a letter");
            } else if (!keys.add(c.key())) {
                problems.add(at + ".key: duplicate " + c.key());
            }
            if (blank(c.title()) || c.title().length() > MAX_TITLE) {
                problems.add(at + ".title: required, at most " + MAX_TITLE + " characters");
            } else if (!titles.add(c.title().strip()) || RESERVED_TITLES.contains(c.title().strip())
                    || titles.contains(c.title().strip() + SheetColumnsTitles.EVIDENCE_SUFFIX)) {
                problems.add(at + ".title: must differ from other columns: " + c.title());
            }
            if (c.type() == null || !Criterion.TYPES.contains(c.type())) {
                problems.add(at + ".type: one of " + Criterion.TYPES);
            } else if (c.type().equals("enum")) {
                Set<String> seen = new HashSet<>();
                if (c.values().size() < 2 || c.values().size() > 20) {
                    problems.add(at + ".values: an enum needs 2 to 20 values");
                }
                for (String v : c.values()) {
                    if (blank(v) || v.length() > 100 || !seen.add(v)) {
                        problems.add(at + ".values: non-blank, distinct, at most 100 characters each");
                        break;
                    }
                }
            } else if (!c.values().isEmpty()) {
                problems.add(at + ".values: only an enum has values");
            }
            if (blank(c.instructions()) || c.instructions().length() > MAX_INSTRUCTIONS) {
                problems.add(at + ".instructions: required, at most " + MAX_INSTRUCTIONS + " characters");
            }
        }
    }

    private static void secretName(List<String> problems, String field, String name) {
        if (!SECRET_NAME.matcher(name).matches()) {
            problems.add(field + ": a Secrets Manager secret NAME (letters, digits, /_+=.@-), never the secret itself");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
