package kz.clinicai.shared.clinic;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Clinics table, partition key {@code slug}. {@code workingHours} is a map from weekday name ("MONDAY") to
 * "08:00-20:00"; {@code acsTokenSha256} is the hex SHA-256 of the clinic's ACS credential (never the credential);
 * {@code allowedSourceIps}, {@code rateLimitPerMinute}, {@code ipRateLimitPerMinute}, {@code forwardedHost},
 * {@code onlineType}, {@code connectTimeoutMs} and {@code requestTimeoutMs} are optional.
 */
public final class DynamoDbClinicRepository implements ClinicStore {
    private static final TableSchema<ClinicItem> SCHEMA = StaticTableSchema.builder(ClinicItem.class)
            .newItemSupplier(ClinicItem::new)
            .addAttribute(String.class, a -> a.name("slug").getter(i -> i.slug).setter((i, v) -> i.slug = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("infoClinicaUrl").getter(i -> i.infoClinicaUrl)
                    .setter((i, v) -> i.infoClinicaUrl = v))
            .addAttribute(String.class, a -> a.name("certificateSecretId").getter(i -> i.certificateSecretId)
                    .setter((i, v) -> i.certificateSecretId = v))
            .addAttribute(String.class, a -> a.name("branchId").getter(i -> i.branchId)
                    .setter((i, v) -> i.branchId = v))
            .addAttribute(String.class, a -> a.name("timeZone").getter(i -> i.timeZone)
                    .setter((i, v) -> i.timeZone = v))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("workingHours")
                    .getter(i -> i.workingHours).setter((i, v) -> i.workingHours = v))
            .addAttribute(String.class, a -> a.name("assistantName").getter(i -> i.assistantName)
                    .setter((i, v) -> i.assistantName = v))
            .addAttribute(String.class, a -> a.name("forwardedHost").getter(i -> i.forwardedHost)
                    .setter((i, v) -> i.forwardedHost = v))
            .addAttribute(Integer.class, a -> a.name("onlineType").getter(i -> i.onlineType)
                    .setter((i, v) -> i.onlineType = v))
            .addAttribute(Integer.class, a -> a.name("connectTimeoutMs").getter(i -> i.connectTimeoutMs)
                    .setter((i, v) -> i.connectTimeoutMs = v))
            .addAttribute(Integer.class, a -> a.name("requestTimeoutMs").getter(i -> i.requestTimeoutMs)
                    .setter((i, v) -> i.requestTimeoutMs = v))
            .addAttribute(String.class, a -> a.name("acsTokenSha256").getter(i -> i.acsTokenSha256)
                    .setter((i, v) -> i.acsTokenSha256 = v))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("allowedSourceIps")
                    .getter(i -> i.allowedSourceIps).setter((i, v) -> i.allowedSourceIps = v))
            .addAttribute(Integer.class, a -> a.name("rateLimitPerMinute").getter(i -> i.rateLimitPerMinute)
                    .setter((i, v) -> i.rateLimitPerMinute = v))
            .addAttribute(Integer.class, a -> a.name("ipRateLimitPerMinute").getter(i -> i.ipRateLimitPerMinute)
                    .setter((i, v) -> i.ipRateLimitPerMinute = v))
            .build();

    private final DynamoDbTable<ClinicItem> table;

    public DynamoDbClinicRepository(DynamoDbEnhancedClient enhanced, String tableName) {
        this.table = enhanced.table(tableName, SCHEMA);
    }

    @Override
    public Optional<ClinicConfig> find(String slug) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(slug).build())).map(ClinicItem::toConfig);
    }

    /** Writes a clinic whether or not it exists (seeding, tests); the voicebot itself only reads. */
    public void save(ClinicConfig config) {
        table.putItem(ClinicItem.of(config));
    }

    @Override
    public List<ClinicConfig> list() {
        // A handful of clinics per deployment: one paginated Scan, sorted here.
        List<ClinicConfig> out = new ArrayList<>();
        table.scan().items().forEach(item -> out.add(item.toConfig()));
        out.sort(Comparator.comparing(ClinicConfig::slug));
        return out;
    }

    @Override
    public boolean create(ClinicConfig clinic) {
        return conditionalPut(clinic, "attribute_not_exists(slug)");
    }

    @Override
    public boolean replace(ClinicConfig clinic) {
        return conditionalPut(clinic, "attribute_exists(slug)");
    }

    private boolean conditionalPut(ClinicConfig clinic, String condition) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(ClinicItem.class).item(ClinicItem.of(clinic))
                    .conditionExpression(Expression.builder().expression(condition).build()).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static final class ClinicItem {
        String slug;
        String infoClinicaUrl;
        String certificateSecretId;
        String branchId;
        String timeZone;
        Map<String, String> workingHours;
        String assistantName;
        String forwardedHost;
        Integer onlineType;
        Integer connectTimeoutMs;
        Integer requestTimeoutMs;
        String acsTokenSha256;
        List<String> allowedSourceIps;
        Integer rateLimitPerMinute;
        Integer ipRateLimitPerMinute;

        static ClinicItem of(ClinicConfig c) {
            ClinicItem item = new ClinicItem();
            item.slug = c.slug();
            item.infoClinicaUrl = c.infoClinicaUrl().toString();
            item.certificateSecretId = c.certificateSecretId();
            item.branchId = c.branchId();
            item.timeZone = c.timeZone().getId();
            item.workingHours = new java.util.LinkedHashMap<>();
            c.workingHours().forEach((day, hours) -> item.workingHours.put(day.name(), hours.toString()));
            item.assistantName = c.assistantName();
            item.forwardedHost = c.infoClinica().forwardedHost();
            item.onlineType = c.infoClinica().onlineType();
            item.connectTimeoutMs = (int) c.infoClinica().connectTimeout().toMillis();
            item.requestTimeoutMs = (int) c.infoClinica().requestTimeout().toMillis();
            item.acsTokenSha256 = c.access().tokenSha256();
            item.allowedSourceIps = c.access().allowedSourceIps().isEmpty() ? null : c.access().allowedSourceIps();
            item.rateLimitPerMinute = c.access().perMinute();
            item.ipRateLimitPerMinute = c.access().perMinutePerIp();
            return item;
        }

        ClinicConfig toConfig() {
            Map<DayOfWeek, WorkingHours> hours = new EnumMap<>(DayOfWeek.class);
            if (workingHours != null) {
                workingHours.forEach((day, text) ->
                        hours.put(DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT)), WorkingHours.parse(text)));
            }
            return new ClinicConfig(slug, URI.create(infoClinicaUrl), blankToNull(certificateSecretId),
                    blankToNull(branchId), ZoneId.of(timeZone == null ? "Asia/Almaty" : timeZone), hours,
                    blankToNull(assistantName),
                    new InfoClinicaOptions(blankToNull(forwardedHost), onlineType == null ? 0 : onlineType,
                            connectTimeoutMs == null ? null : Duration.ofMillis(connectTimeoutMs),
                            requestTimeoutMs == null ? null : Duration.ofMillis(requestTimeoutMs)),
                    new AccessPolicy(blankToNull(acsTokenSha256) == null ? null
                            : acsTokenSha256.trim().toLowerCase(Locale.ROOT), allowedSourceIps,
                            rateLimitPerMinute == null ? 0 : rateLimitPerMinute,
                            ipRateLimitPerMinute == null ? 0 : ipRateLimitPerMinute));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
