package kz.clinicai.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DynamoDB table as the template declares it.
 *
 * @param tableName raw TableName (string or intrinsic), null when CloudFormation would name it
 * @param attributeTypes attribute name to S, N or B
 */
public record TableDef(
        String logicalId,
        Object tableName,
        Key partitionKey,
        Optional<Key> sortKey,
        Map<String, String> attributeTypes,
        List<Index> globalSecondaryIndexes,
        Optional<String> ttlAttribute) {

    public record Key(String name, String type) {
    }

    public record Index(String name, Key partitionKey, Optional<Key> sortKey, String projectionType,
                        List<String> nonKeyAttributes) {
    }

    static TableDef read(SamTemplate.Resource resource) {
        Map<String, Object> p = resource.properties();
        if (resource.type().equals("AWS::Serverless::SimpleTable")) {
            Map<String, Object> pk = Maps.map(p.get("PrimaryKey"));
            String name = pk.isEmpty() ? "id" : Maps.string(pk.get("Name"));
            String type = pk.isEmpty() ? "S" : simpleType(Maps.string(pk.get("Type")));
            return new TableDef(resource.logicalId(), p.get("TableName"), new Key(name, type), Optional.empty(),
                    Map.of(name, type), List.of(), Optional.empty());
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (Object def : Maps.list(p.get("AttributeDefinitions"))) {
            Map<String, Object> d = Maps.map(def);
            types.put(Maps.string(d.get("AttributeName")), Maps.string(d.get("AttributeType")));
        }
        List<Key> keys = keys(resource.logicalId(), p.get("KeySchema"), types);
        List<Index> indexes = new ArrayList<>();
        for (Object gsi : Maps.list(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> g = Maps.map(gsi);
            List<Key> gk = keys(resource.logicalId(), g.get("KeySchema"), types);
            Map<String, Object> projection = Maps.map(g.get("Projection"));
            indexes.add(new Index(Maps.string(g.get("IndexName")), gk.get(0),
                    gk.size() > 1 ? Optional.of(gk.get(1)) : Optional.empty(),
                    Maps.string(projection.getOrDefault("ProjectionType", "ALL")),
                    Maps.list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList()));
        }
        Map<String, Object> ttl = Maps.map(p.get("TimeToLiveSpecification"));
        Optional<String> ttlAttribute = Maps.bool(ttl.get("Enabled"), false)
                ? Optional.ofNullable(Maps.string(ttl.get("AttributeName"))) : Optional.empty();
        return new TableDef(resource.logicalId(), p.get("TableName"), keys.get(0),
                keys.size() > 1 ? Optional.of(keys.get(1)) : Optional.empty(), Map.copyOf(types),
                List.copyOf(indexes), ttlAttribute);
    }

    private static List<Key> keys(String tableId, Object schema, Map<String, String> types) {
        Key hash = null;
        Key range = null;
        for (Object element : Maps.list(schema)) {
            Map<String, Object> e = Maps.map(element);
            String name = Maps.string(e.get("AttributeName"));
            String type = types.get(name);
            if (type == null) {
                throw new TemplateException("Table " + tableId + ": key " + name + " is not in AttributeDefinitions");
            }
            if ("HASH".equals(e.get("KeyType"))) {
                hash = new Key(name, type);
            } else {
                range = new Key(name, type);
            }
        }
        if (hash == null) {
            throw new TemplateException("Table " + tableId + " has no HASH key");
        }
        return range == null ? List.of(hash) : List.of(hash, range);
    }

    private static String simpleType(String type) {
        return switch (type == null ? "String" : type) {
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> "S";
        };
    }
}
