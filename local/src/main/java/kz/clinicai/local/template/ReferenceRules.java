package kz.clinicai.local.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * References point at something: every Ref/GetAtt/Sub names a declared resource or parameter (or one the SAM
 * transform generates), every DependsOn a resource, every condition used is declared.
 */
final class ReferenceRules {

    private final ContractRun run;
    private final SamTemplate template;

    ReferenceRules(ContractRun run) {
        this.run = run;
        this.template = run.template;
    }

    private void fail(String resource, String message) {
        run.fail(resource, message);
    }

    void check() {
        Set<String> known = knownIds();
        Set<String> conditions = template.conditions().keySet();
        template.resources().forEach((id, resource) -> {
            checkRefs(id, "", resource.body(), known, conditions);
            for (Object dependency : Maps.list(resource.body().get("DependsOn"))) {
                if (!template.resources().containsKey(String.valueOf(dependency))) {
                    fail(id, "DependsOn " + dependency + ", which the template does not declare");
                }
            }
            Object condition = resource.body().get("Condition");
            if (condition instanceof String name && !conditions.contains(name)) {
                fail(id, "has Condition " + name + ", which Conditions does not declare");
            }
        });
        Object globals = template.raw().get("Globals");
        if (globals != null) {
            checkRefs("Globals", "", globals, known, conditions);
        }
        template.outputs().forEach((name, body) -> {
            checkRefs(name, "output ", body, known, conditions);
            Object condition = Maps.map(body).get("Condition");
            if (condition instanceof String c && !conditions.contains(c)) {
                fail(name, "output has Condition " + c + ", which Conditions does not declare");
            }
        });
        template.conditions().forEach((name, body) -> checkRefs(name, "condition ", body, known, conditions));
        checkNoCycleThroughItsApi();
    }

    /**
     * A function an HTTP API routes to cannot refer to that API in its own properties (e.g. its URL in an environment
     * variable): the API's definition refers to the function, so CloudFormation refuses the circular dependency.
     */
    private void checkNoCycleThroughItsApi() {
        for (FunctionDef f : template.functions()) {
            Set<String> apis = new LinkedHashSet<>();
            f.events(EventSource.HttpApiRoute.class).forEach(r -> apis.add(r.api()));
            SamTemplate.Resource resource = template.resources().get(f.logicalId());
            if (apis.isEmpty() || resource == null) {
                continue;
            }
            Map<String, Object> properties = new java.util.LinkedHashMap<>(resource.properties());
            properties.remove("Events");
            for (String ref : new LinkedHashSet<>(Intrinsics.references(properties))) {
                if (apis.contains(ref)) {
                    fail(f.logicalId(), "refers to " + ref + ", which routes to it: a circular dependency "
                            + "CloudFormation refuses (take the API's address from the request instead)");
                }
            }
        }
    }

    private void checkRefs(String owner, String kind, Object body, Set<String> known, Set<String> conditions) {
        for (String ref : new LinkedHashSet<>(Intrinsics.references(body))) {
            if (!ref.startsWith("AWS::") && !known.contains(ref)) {
                fail(owner, kind + "refers to " + ref + ", which the template does not declare "
                        + "(no such resource or parameter)");
            }
        }
        Set<String> usedConditions = new LinkedHashSet<>();
        collectConditions(body, usedConditions);
        for (String name : usedConditions) {
            if (!conditions.contains(name)) {
                fail(owner, kind + "uses condition " + name + ", which Conditions does not declare");
            }
        }
    }

    /** Condition names used inside values: the first argument of Fn::If and {Condition: X} in conditions. */
    private static void collectConditions(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (map.size() == 1 && "Fn::If".equals(e.getKey()) && e.getValue() instanceof List<?> args
                        && !args.isEmpty()) {
                    out.add(String.valueOf(args.get(0)));
                    args.subList(1, args.size()).forEach(a -> collectConditions(a, out));
                } else if (map.size() == 1 && "Condition".equals(e.getKey()) && e.getValue() instanceof String s) {
                    out.add(s);
                } else {
                    collectConditions(e.getValue(), out);
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectConditions(item, out));
        }
    }

    /** Declared resources and parameters, plus what the SAM transform generates and templates may refer to. */
    private Set<String> knownIds() {
        Set<String> known = new LinkedHashSet<>(template.resources().keySet());
        known.addAll(template.parameters().keySet());
        known.addAll(template.httpApiIds());
        template.resources().values().stream().filter(r -> r.type().equals("AWS::Serverless::HttpApi"))
                .forEach(r -> known.add(r.logicalId() + "ApiGatewayDefaultStage"));
        Map<String, Object> globals = Maps.map(Maps.map(template.raw().get("Globals")).get("Function"));
        for (FunctionDef f : template.functions()) {
            String id = f.logicalId();
            Map<String, Object> p = template.resources().get(id).properties();
            if (!p.containsKey("Role")) {
                known.add(id + "Role");
            }
            if (p.get("AutoPublishAlias") != null || globals.get("AutoPublishAlias") != null) {
                known.addAll(List.of(id + "Alias", id + "Version", id + ".Alias", id + ".Version"));
            }
            if (f.functionUrlAuthType().isPresent()) {
                known.add(id + "Url");
            }
            // Event sources become resources named after the function and the event (rules, schedules, mappings).
            f.events().forEach(e -> known.add(id + e.name()));
        }
        return known;
    }
}
