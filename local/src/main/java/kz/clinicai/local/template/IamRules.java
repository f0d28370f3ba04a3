package kz.clinicai.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import kz.clinicai.local.template.TemplateContract.Violation;

/** Operations: least privilege: no wildcard or NotAction grants, no dynamodb:Scan for code that never scans. */
final class IamRules {

    /** SAM policy templates that grant dynamodb:Scan (among other actions). */
    private static final Set<String> SCAN_POLICY_TEMPLATES = Set.of("DynamoDBCrudPolicy", "DynamoDBReadPolicy",
            "DynamoDBReconfigurePolicy", "DynamoDBWritePolicy");

    private IamRules() {
    }

    /** No IAM action with a wildcard ({@code *}, {@code dynamodb:*}, {@code s3:Get*}): grant what the code calls. */
    static void checkNoWildcardActions(SamTemplate template, List<Violation> out) {
        template.resources().forEach((id, resource) -> {
            List<Object> statements = new ArrayList<>();
            if (resource.type().equals("AWS::Serverless::Function")) {
                collectStatements(resource.properties().get("Policies"), statements);
            } else if (resource.type().startsWith("AWS::IAM::")) {
                collectStatements(resource.properties(), statements);
            }
            for (Object statement : statements) {
                Map<String, Object> st = Maps.map(statement);
                if (!"Allow".equals(st.get("Effect"))) {
                    continue;
                }
                List<Object> actions = st.get("Action") instanceof List<?> l ? new ArrayList<>(l)
                        : st.get("Action") == null ? List.of() : List.of(st.get("Action"));
                for (Object action : actions) {
                    if (String.valueOf(action).contains("*")) {
                        out.add(new Violation(id, "grants the wildcard action " + action
                                + "; list the actions the code calls"));
                    }
                }
                if (st.containsKey("NotAction")) {
                    out.add(new Violation(id, "grants with NotAction (everything but a list); list the actions "
                            + "the code calls"));
                }
            }
        });
    }

    /** Every IAM statement under {@code node} (inline Statement lists, PolicyDocuments, both branches of Fn::If). */
    private static void collectStatements(Object node, List<Object> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if ("Statement".equals(e.getKey())) {
                    Object st = e.getValue();
                    if (st instanceof List<?> list) {
                        out.addAll(list);
                    } else if (st instanceof Map<?, ?>) {
                        out.add(st);
                    }
                } else {
                    collectStatements(e.getValue(), out);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectStatements(item, out));
        }
    }

    /**
     * No dynamodb:Scan (explicit, or through a SAM policy template that includes it) for a function whose code
     * never scans. Checkable where the function's module and the shared library are sources of this project; a
     * function whose sources are elsewhere is skipped.
     */
    static void checkNoUnusedScan(SamTemplate template, List<Violation> out) {
        for (FunctionDef f : template.functions()) {
            Optional<Path> module = f.moduleDir();
            if (module.isEmpty()) {
                continue;
            }
            Path sources = template.projectDir().resolve(module.get()).resolve("src/main/java").normalize();
            if (!Files.isDirectory(sources)) {
                continue;
            }
            List<Path> roots = new ArrayList<>(List.of(sources));
            Path shared = template.projectDir().resolve("shared/src/main/java").normalize();
            if (Files.isDirectory(shared)) {
                roots.add(shared);
            }
            if (callsScan(roots)) {
                continue;
            }
            List<String> grants = new ArrayList<>();
            for (Object policy : f.policies()) {
                Map<String, Object> map = Maps.map(policy);
                map.keySet().stream().filter(SCAN_POLICY_TEMPLATES::contains).forEach(name -> grants.add(name));
            }
            List<Object> statements = new ArrayList<>();
            collectStatements(f.policies(), statements);
            for (Object statement : statements) {
                Object action = Maps.map(statement).get("Action");
                List<?> actions = action instanceof List<?> l ? l : action == null ? List.of() : List.of(action);
                actions.stream().map(String::valueOf)
                        .filter(a -> a.equalsIgnoreCase("dynamodb:Scan") || a.equals("dynamodb:*") || a.equals("*"))
                        .forEach(grants::add);
            }
            for (String grant : grants) {
                out.add(new Violation(f.logicalId(), "is granted dynamodb:Scan (" + grant + ") but its code never "
                        + "scans; grant only the item and query actions it calls"));
            }
        }
    }

    private static boolean callsScan(List<Path> roots) {
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                boolean found = files.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> {
                    try {
                        return Files.readString(p).contains(".scan(");
                    } catch (IOException e) {
                        return true;
                    }
                });
                if (found) {
                    return true;
                }
            } catch (IOException e) {
                // Unreadable sources: not checkable, assume it scans rather than report a false violation.
                return true;
            }
        }
        return false;
    }
}
