package kz.clinicai.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template model the contract and the local stack rely on. */
class TemplateModelTest {

    @TempDir
    Path dir;

    /** A world where Ref gives "ref:X" (or the stage) and GetAtt gives "X.Attr", so results show what was asked. */
    private static Intrinsics.World world(String stage) {
        return new Intrinsics.World() {
            @Override
            public String ref(String name) {
                return switch (name) {
                    case "Stage" -> stage;
                    case "AWS::Region" -> "us-east-1";
                    default -> "ref:" + name;
                };
            }

            @Override
            public String getAtt(String logicalId, String attribute) {
                return logicalId + "." + attribute;
            }
        };
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void shortTagsBecomeTheirLongForm() throws IOException {
        Map<String, Object> raw = CfnYaml.load(write("""
                Values:
                  ref: !Ref Table
                  getAttScalar: !GetAtt Queue.Arn
                  getAttNested: !GetAtt Api.Endpoint.Address
                  getAttList: !GetAtt [Queue, QueueName]
                  sub: !Sub "${Stage}-x"
                  subWithVariables: !Sub ["${Name}-${AWS::Region}", {Name: !Ref Table}]
                  if: !If [IsProd, a, b]
                  condition: !Equals [!Ref Stage, prod]
                """));

        Map<String, Object> values = Maps.map(raw.get("Values"));
        assertThat(values.get("ref")).isEqualTo(Map.of("Ref", "Table"));
        assertThat(values.get("getAttScalar")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
        // Only the first dot separates the resource: attributes may contain dots themselves.
        assertThat(values.get("getAttNested")).isEqualTo(Map.of("Fn::GetAtt", List.of("Api", "Endpoint.Address")));
        assertThat(values.get("getAttList")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "QueueName")));
        assertThat(values.get("sub")).isEqualTo(Map.of("Fn::Sub", "${Stage}-x"));
        assertThat(values.get("subWithVariables")).isEqualTo(Map.of("Fn::Sub",
                List.of("${Name}-${AWS::Region}", Map.of("Name", Map.of("Ref", "Table")))));
        assertThat(values.get("if")).isEqualTo(Map.of("Fn::If", List.of("IsProd", "a", "b")));
        assertThat(values.get("condition")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod")));
    }

    @Test
    void duplicateKeysAreRejected() throws IOException {
        Path file = write("""
                Resources:
                  A: {Type: AWS::SQS::Queue}
                  A: {Type: AWS::SQS::Queue}
                """);

        assertThatThrownBy(() -> SamTemplate.load(file)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("duplicate key");
    }

    @Test
    void intrinsicsResolveSubVariablesAndConditions() throws IOException {
        SamTemplate template = SamTemplate.load(write("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  NotProd: !Not [!Condition IsProd]
                Resources:
                  Q: {Type: AWS::SQS::Queue}
                Outputs:
                  Named:
                    Value: !Sub ["${Name}-${AWS::Region}-${Q.Arn}-${!Literal}", {Name: !Ref Table}]
                  Chosen:
                    Value: !If [IsProd, big, small]
                """));
        Object named = Maps.map(template.outputs().get("Named")).get("Value");
        Object chosen = Maps.map(template.outputs().get("Chosen")).get("Value");

        Intrinsics dev = new Intrinsics(template, world("dev"));
        Intrinsics prod = new Intrinsics(template, world("prod"));

        assertThat(dev.string(named)).isEqualTo("ref:Table-us-east-1-Q.Arn-${Literal}");
        assertThat(dev.string(chosen)).isEqualTo("small");
        assertThat(prod.string(chosen)).isEqualTo("big");
        assertThat(dev.condition("NotProd")).isTrue();
        assertThat(prod.condition("NotProd")).isFalse();
        // Variables of the map and ${!Literal} are not references; ${Q.Arn} refers to Q.
        assertThat(Intrinsics.references(named)).containsExactlyInAnyOrder("AWS::Region", "Q", "Table")
                .doesNotContain("Name", "Literal");
    }

    @Test
    void globalsApplyUnderTheFunctionsOwnProperties() throws IOException {
        SamTemplate template = SamTemplate.load(write("""
                Globals:
                  Function:
                    Runtime: java21
                    Timeout: 30
                    MemorySize: 1024
                    CodeUri: functions/chat/target/function.zip
                    Environment:
                      Variables:
                        A: global-a
                        B: global-b
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: kz.clinicai.chat.Worker::handleRequest
                      Timeout: 10
                      Environment:
                        Variables:
                          B: own-b
                          C: !Ref Table
                  Plain:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: kz.clinicai.chat.Plain
                      CodeUri: functions/voicebot/target/function.zip
                      FunctionUrlConfig: {AuthType: NONE}
                """));

        FunctionDef worker = template.function("Worker").orElseThrow();
        FunctionDef plain = template.function("Plain").orElseThrow();

        assertThat(worker.environment()).containsExactly(Map.entry("A", "global-a"), Map.entry("B", "own-b"),
                Map.entry("C", Map.of("Ref", "Table")));
        assertThat(worker.timeoutSeconds()).isEqualTo(10);
        assertThat(worker.memoryMb()).isEqualTo(1024);
        assertThat(worker.runtime()).isEqualTo("java21");
        assertThat(worker.handlerClass()).isEqualTo("kz.clinicai.chat.Worker");
        assertThat(worker.moduleDir()).contains(Path.of("functions/chat"));
        assertThat(worker.functionUrlAuthType()).isEmpty();
        assertThat(plain.timeoutSeconds()).isEqualTo(30);
        assertThat(plain.environment()).containsOnlyKeys("A", "B");
        assertThat(plain.moduleDir()).contains(Path.of("functions/voicebot"));
        assertThat(plain.functionUrlAuthType()).contains("NONE");
    }

    @Test
    void withoutGlobalsSamDefaultsApply() throws IOException {
        SamTemplate template = SamTemplate.load(write("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: function.zip}
                """));

        FunctionDef f = template.function("F").orElseThrow();
        assertThat(f.timeoutSeconds()).isEqualTo(SamTemplate.SAM_DEFAULT_TIMEOUT_SECONDS);
        assertThat(f.memoryMb()).isEqualTo(SamTemplate.SAM_DEFAULT_MEMORY_MB);
        assertThat(f.environment()).isEmpty();
        assertThat(f.moduleDir()).isEmpty();
    }

    @Test
    void eventsAreReadWithSamDefaults() throws IOException {
        SamTemplate template = SamTemplate.load(write("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Any: {Type: HttpApi, Properties: {Path: "/chat/{id}"}}
                        Work:
                          Type: SQS
                          Properties: {Queue: !GetAtt Q.Arn, BatchSize: 3, FunctionResponseTypes: [ReportBatchItemFailures]}
                        Hourly: {Type: Schedule, Properties: {Schedule: rate(1 hour)}}
                        Nightly: {Type: ScheduleV2, Properties: {ScheduleExpression: "cron(0 3 * * ? *)", State: DISABLED}}
                        Bucket: {Type: S3, Properties: {Bucket: !Ref B}}
                """));

        FunctionDef f = template.function("F").orElseThrow();
        EventSource.HttpApiRoute route = f.events(EventSource.HttpApiRoute.class).get(0);
        assertThat(route.method()).isEqualTo("ANY");
        assertThat(route.payloadFormatVersion()).isEqualTo("2.0");
        assertThat(route.api()).isEqualTo(EventSource.HttpApiRoute.IMPLICIT_API);
        assertThat(route.segments()).containsExactly("chat", "{id}");
        assertThat(f.events(EventSource.SqsSource.class)).containsExactly(
                new EventSource.SqsSource("Work", "Q", 3, 0, true, true, null));
        assertThat(f.events(EventSource.ScheduleSource.class)).containsExactly(
                new EventSource.ScheduleSource("Hourly", "Schedule", "rate(1 hour)", true, null),
                new EventSource.ScheduleSource("Nightly", "ScheduleV2", "cron(0 3 * * ? *)", false, null));
        assertThat(f.events(EventSource.Other.class)).extracting(EventSource.Other::type).containsExactly("S3");
        assertThat(template.httpApiIds()).containsExactly(EventSource.HttpApiRoute.IMPLICIT_API);
    }

    @Test
    void anSqsMappingsMaximumConcurrencyIsResolvedAndHeldToLambdasRange() throws IOException {
        SamTemplate template = SamTemplate.load(write("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Literal: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn, ScalingConfig: {MaximumConcurrency: 2}}}
                        Referenced:
                          Type: SQS
                          Properties: {Queue: !GetAtt Q.Arn, ScalingConfig: {MaximumConcurrency: !Ref Cap}}
                        Unlimited: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}
                        TooLow: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn, ScalingConfig: {MaximumConcurrency: 1}}}
                        TooHigh:
                          Type: SQS
                          Properties: {Queue: !GetAtt Q.Arn, ScalingConfig: {MaximumConcurrency: 1001}}
                """));
        Intrinsics intrinsics = new Intrinsics(template, new Intrinsics.World() {
            @Override
            public String ref(String name) {
                return name.equals("Cap") ? "7" : "ref:" + name;
            }

            @Override
            public String getAtt(String logicalId, String attribute) {
                return logicalId + "." + attribute;
            }
        });
        java.util.Map<String, EventSource.SqsSource> sources = new java.util.HashMap<>();
        template.function("F").orElseThrow().events(EventSource.SqsSource.class).forEach(e -> sources.put(e.name(), e));

        assertThat(sources.get("Literal").concurrencyCap(intrinsics)).hasValue(2);
        assertThat(sources.get("Referenced").concurrencyCap(intrinsics)).hasValue(7);
        assertThat(sources.get("Unlimited").concurrencyCap(intrinsics)).isEmpty();
        for (String refused : java.util.List.of("TooLow", "TooHigh")) {
            assertThatThrownBy(() -> sources.get(refused).concurrencyCap(intrinsics))
                    .isInstanceOf(TemplateException.class).hasMessageContaining("MaximumConcurrency")
                    .hasMessageContaining(refused);
        }
    }

    @Test
    void tablesKeepKeysIndexesAndTtl() throws IOException {
        SamTemplate template = SamTemplate.load(write("""
                Resources:
                  Messages:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub "${Stage}-messages"
                      AttributeDefinitions:
                        - {AttributeName: token, AttributeType: S}
                        - {AttributeName: sentAt, AttributeType: N}
                        - {AttributeName: status, AttributeType: S}
                      KeySchema:
                        - {AttributeName: token, KeyType: HASH}
                        - {AttributeName: sentAt, KeyType: RANGE}
                      GlobalSecondaryIndexes:
                        - IndexName: byStatus
                          KeySchema:
                            - {AttributeName: status, KeyType: HASH}
                            - {AttributeName: sentAt, KeyType: RANGE}
                          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [text, role]}
                        - IndexName: byToken
                          KeySchema: [{AttributeName: token, KeyType: HASH}]
                      TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
                  Plain:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      TimeToLiveSpecification: {AttributeName: ttl, Enabled: false}
                  Simple:
                    Type: AWS::Serverless::SimpleTable
                    Properties:
                      PrimaryKey: {Name: n, Type: Number}
                """));

        TableDef messages = template.tables().get(0);
        assertThat(messages.tableName()).isEqualTo(Map.of("Fn::Sub", "${Stage}-messages"));
        assertThat(messages.partitionKey()).isEqualTo(new TableDef.Key("token", "S"));
        assertThat(messages.sortKey()).contains(new TableDef.Key("sentAt", "N"));
        assertThat(messages.globalSecondaryIndexes()).containsExactly(
                new TableDef.Index("byStatus", new TableDef.Key("status", "S"),
                        Optional.of(new TableDef.Key("sentAt", "N")), "INCLUDE", List.of("text", "role")),
                new TableDef.Index("byToken", new TableDef.Key("token", "S"), Optional.empty(), "ALL", List.of()));
        assertThat(messages.ttlAttribute()).contains("expiresAt");

        TableDef plain = template.tables().get(1);
        assertThat(plain.ttlAttribute()).isEmpty();
        assertThat(plain.sortKey()).isEmpty();

        TableDef simple = template.tables().get(2);
        assertThat(simple.partitionKey()).isEqualTo(new TableDef.Key("n", "N"));
    }

    @Test
    void aKeyMissingFromAttributeDefinitionsIsRejected() throws IOException {
        Path file = write("""
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                """);

        assertThatThrownBy(() -> SamTemplate.load(file)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Table T: key pk is not in AttributeDefinitions");
    }

    @Test
    void queuesKeepRedriveFifoAndSqsDefaults() throws IOException {
        SamTemplate template = SamTemplate.load(write("""
                Resources:
                  Chat:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: chat.fifo
                      FifoQueue: true
                      ContentBasedDeduplication: true
                      VisibilityTimeout: 180
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt ChatDlq.Arn
                        maxReceiveCount: 7
                  ChatDlq:
                    Type: AWS::SQS::Queue
                    Properties: {FifoQueue: true, MessageRetentionPeriod: 1209600}
                """));

        QueueDef chat = template.queue("Chat").orElseThrow();
        QueueDef dlq = template.queue("ChatDlq").orElseThrow();

        assertThat(chat.fifo()).isTrue();
        assertThat(chat.contentBasedDeduplication()).isTrue();
        assertThat(chat.visibilityTimeoutSeconds()).isEqualTo(180);
        assertThat(chat.redrive()).contains(new QueueDef.Redrive("ChatDlq", 7));
        assertThat(dlq.redrive()).isEmpty();
        assertThat(dlq.visibilityTimeoutSeconds()).isEqualTo(30);
        assertThat(dlq.messageRetentionSeconds()).isEqualTo(1_209_600);
        assertThat(dlq.queueName()).isNull();
    }

    @Test
    void pseudoParametersAreTheStacksOwnAndOtherNamesAreNot() {
        assertThat(Intrinsics.pseudoParameter("AWS::Region", "eu-central-1", "123", "s")).contains("eu-central-1");
        assertThat(Intrinsics.pseudoParameter("AWS::StackId", "eu-central-1", "123", "s"))
                .hasValueSatisfying(arn -> assertThat(arn).startsWith("arn:aws:cloudformation:eu-central-1:123:stack/s/"));
        assertThat(Intrinsics.pseudoParameter("AWS::NoValue", "r", "a", "s")).contains("");
        assertThat(Intrinsics.pseudoParameter("HttpApi", "r", "a", "s")).isEmpty();
    }
}
