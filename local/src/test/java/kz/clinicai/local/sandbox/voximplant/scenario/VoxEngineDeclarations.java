package kz.clinicai.local.sandbox.voximplant.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names the official VoxEngine declarations (voxengine.d.ts) define: namespaces (merged across their many
 * {@code declare namespace} blocks), enums with their values, classes and interfaces with their members and
 * {@code extends}, functions and consts — each by its qualified name ({@code OpenAI.RealtimeAPIEvents}). A line
 * scanner, enough for the file's regular layout: declarations start their line; members of a class or interface are
 * the names at its body's depth outside any parentheses.
 */
final class VoxEngineDeclarations {

    private static final Pattern DECL = Pattern.compile(
            "^\\s*(?:export\\s+)?(?:declare\\s+)?(?:abstract\\s+)?(namespace|module|enum|class|interface|function|const|let|var|type)\\s+([A-Za-z_$][\\w$]*)(.*)$");
    private static final Pattern MEMBER = Pattern.compile("^\\s*(?:static\\s+)?(?:readonly\\s+)?([A-Za-z_$][\\w$]*)\\s*\\??\\s*[(<:;]");
    private static final Pattern ENUM_MEMBER = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*)\\s*(?:=\\s*(?:'([^']*)'|\"([^\"]*)\"|([^,]+)))?\\s*,?\\s*$");

    final Map<String, String> kinds = new LinkedHashMap<>();
    final Map<String, Set<String>> members = new HashMap<>();
    final Map<String, Map<String, String>> enumValues = new HashMap<>();
    final Map<String, List<String>> supertypes = new HashMap<>();

    private record Block(String kind, String name, int depth) {
    }

    static VoxEngineDeclarations read(Path file) throws IOException {
        VoxEngineDeclarations d = new VoxEngineDeclarations();
        d.parse(stripComments(Files.readString(file)));
        return d;
    }

    private void parse(String text) {
        Deque<Block> stack = new ArrayDeque<>();
        int depth = 0;
        int parens = 0;
        for (String line : text.split("\\R")) {
            Block top = stack.peek();
            String prefix = qualifier(stack);
            String named = null;
            String namedKind = null;
            boolean inBody = top != null && top.depth == depth;
            Matcher m = DECL.matcher(line);
            if (parens == 0 && (top == null || inBody && (top.kind.equals("namespace") || top.kind.equals("module"))) && m.matches()) {
                String kind = m.group(1).equals("module") ? "namespace" : m.group(1);
                String name = prefix.isEmpty() ? m.group(2) : prefix + "." + m.group(2);
                kinds.merge(name, kind, (a, b) -> a.equals("namespace") ? b : a);
                if (Set.of("namespace", "enum", "class", "interface").contains(kind)) {
                    named = name;
                    namedKind = kind;
                    Matcher ext = Pattern.compile("\\bextends\\s+([^{]+)").matcher(m.group(3));
                    if (ext.find()) {
                        List<String> list = supertypes.computeIfAbsent(name, k -> new ArrayList<>());
                        for (String s : ext.group(1).split(",")) {
                            String t = s.replaceAll("<.*", "").trim();
                            if (!t.isEmpty()) {
                                list.add(t);
                            }
                        }
                    }
                }
            } else if (parens == 0 && inBody && (top.kind.equals("class") || top.kind.equals("interface"))) {
                Matcher mm = MEMBER.matcher(line);
                if (mm.find()) {
                    members.computeIfAbsent(top.name, k -> new LinkedHashSet<>()).add(mm.group(1));
                }
            } else if (parens == 0 && inBody && top.kind.equals("enum")) {
                Matcher em = ENUM_MEMBER.matcher(line);
                if (em.matches() && !line.isBlank()) {
                    String value = em.group(2) != null ? em.group(2) : em.group(3) != null ? em.group(3)
                            : em.group(4) != null ? em.group(4).trim() : null;
                    members.computeIfAbsent(top.name, k -> new LinkedHashSet<>()).add(em.group(1));
                    enumValues.computeIfAbsent(top.name, k -> new LinkedHashMap<>()).put(em.group(1), value);
                }
            }
            boolean namedOpened = false;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                    continue;
                }
                switch (c) {
                    case '\'', '"', '`' -> quote = c;
                    case '(' -> parens++;
                    case ')' -> parens--;
                    case '{' -> {
                        depth++;
                        if (named != null && !namedOpened && parens == 0) {
                            stack.push(new Block(namedKind, named, depth));
                            namedOpened = true;
                        } else {
                            stack.push(new Block("anon", "", depth));
                        }
                    }
                    case '}' -> {
                        depth--;
                        stack.pop();
                    }
                    default -> {
                    }
                }
            }
        }
        if (depth != 0 || parens != 0) {
            throw new IllegalStateException("unbalanced declarations: depth " + depth + ", parens " + parens);
        }
    }

    private static String qualifier(Deque<Block> stack) {
        Block top = stack.peek();
        return top == null ? "" : top.name;
    }

    /** Members of a class or interface, with those of its supertypes (resolved in its namespace, then globally). */
    Set<String> membersWithSupertypes(String name) {
        Set<String> out = new LinkedHashSet<>(members.getOrDefault(name, Set.of()));
        for (String sup : supertypes.getOrDefault(name, List.of())) {
            String ns = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
            String resolved = !ns.isEmpty() && kinds.containsKey(ns + "." + sup) ? ns + "." + sup : sup;
            out.addAll(membersWithSupertypes(resolved));
        }
        return out;
    }

    /** Removes comments, keeping string literals (enum values) intact. */
    static String stripComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < s.length()) {
                    out.append(s.charAt(++i));
                } else if (c == quote || c == '\n') {
                    quote = 0;
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                for (int k = i; k < (end < 0 ? s.length() : end + 2); k++) {
                    if (s.charAt(k) == '\n') {
                        out.append('\n');
                    }
                }
                i = end < 0 ? s.length() : end + 1;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
                i--;
            } else {
                if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
