package kz.clinicai.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kz.clinicai.local.aws.LocalWorld;
import kz.clinicai.local.aws.ResourceProvisioner;
import kz.clinicai.local.template.SamTemplate;
import kz.clinicai.local.template.TableDef;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class ResourcesIT {

    private final Stack stack = LocalStackFixture.stack();
    private final DynamoDbClient dynamo = stack.aws().dynamo();

    /** Whatever a template declares exists with its keys, GSIs and TTL: checked table by table. */
    private void assertTablesOf(SamTemplate template, LocalWorld world) {
        for (TableDef table : template.tables()) {
            String name = world.tableName(table);
            TableDescription d = dynamo.describeTable(r -> r.tableName(name)).table();
            assertThat(d.keySchema().get(0).attributeName()).isEqualTo(table.partitionKey().name());
            table.sortKey().ifPresent(sk -> assertThat(d.keySchema().get(1).attributeName()).isEqualTo(sk.name()));
            assertThat(d.globalSecondaryIndexes() == null ? java.util.List.of()
                    : d.globalSecondaryIndexes().stream().map(g -> g.indexName()).toList())
                    .containsExactlyInAnyOrderElementsOf(table.globalSecondaryIndexes().stream()
                            .map(TableDef.Index::name).toList());
            table.ttlAttribute().ifPresent(attr -> {
                var ttl = dynamo.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
                assertThat(ttl.attributeName()).isEqualTo(attr);
                assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            });
        }
    }

    @Test
    void fixtureTablesExistAsDeclared() {
        assertThat(stack.world().template().tables()).isNotEmpty();
        assertTablesOf(stack.world().template(), stack.world());
    }

    @Test
    void aTableAddedToATemplateAppearsWithoutOtherCode() {
        SamTemplate extra = SamTemplate.load(LocalStackFixture.template("/fixture/template-extra-table.yaml"));
        LocalWorld world = new LocalWorld(extra, Map.of(), stack.sqsEndpoint());
        new ResourceProvisioner(world, stack.aws()).provisionAll();
        assertThat(dynamo.listTables().tableNames()).contains("AuditTable");
        assertTablesOf(extra, world);
    }

    @Test
    void queuesCarryTheirAttributesAndRedrivePolicy() {
        var attributes = stack.aws().sqs().getQueueAttributes(r -> r.queueUrl(stack.world()
                .queueUrl(stack.world().queue("OrderQueue"))).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
        assertThat(attributes.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION)).isEqualTo("true");
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("6");
        var poison = stack.aws().sqs().getQueueAttributes(r -> r.queueUrl(stack.world()
                .queueUrl(stack.world().queue("PoisonQueue"))).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes();
        assertThat(poison.get(QueueAttributeName.REDRIVE_POLICY)).contains("test-poison-dlq").contains("2");
    }

    @Test
    void bucketsExist() {
        assertThat(stack.aws().s3().listBuckets().buckets()).extracting(b -> b.name()).contains("filesbucket");
    }
}
