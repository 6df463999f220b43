package messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import decision.ReasonCode;
import fixtures.MessageSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.convert.DurationStyle;

/**
 * The AsyncAPI document, {@code asyncapi/prequal-events.yaml}: valid AsyncAPI 3.0.0, a channel for
 * every topic the service configures, the decision catalogue as the code has it, and schemas that
 * accept the document's own examples and refuse what the service must never publish.
 */
class AsyncApiDocumentTest {

  /**
   * The official JSON Schema of AsyncAPI 3.0.0, vendored in src/test/resources/asyncapi (see the
   * README there); its definitions carry their own {@code $id}s, so nothing is fetched.
   */
  private static final String ASYNCAPI_3 = "http://asyncapi.com/definitions/3.0.0/asyncapi.json";

  private static final Path APPLICATION_YML =
      Path.of("src", "main", "resources", "application.yml");
  private static final Pattern DEFAULT_OF_PLACEHOLDER = Pattern.compile("\\$\\{[A-Z0-9_]+:(.*)}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MessageSchemas SCHEMAS = MessageSchemas.load();

  @Test
  void documentIsValidAsyncApi3() {
    assertThat(asyncApi3().validate(SCHEMAS.document())).isEmpty();
  }

  /** The check above can fail: an AsyncAPI 2 habit and a reference to nowhere are both refused. */
  @Test
  void asyncApi3SchemaRefusesAnInvalidDocument() {
    var broken = SCHEMAS.documentCopy();
    ((ObjectNode) broken.at("/operations/publishCreditReport")).put("action", "publish");
    ((ObjectNode) broken.at("/channels/dead-letter")).put("address", 42);

    var errors = asyncApi3().validate(broken).stream().map(Object::toString).toList();

    assertThat(errors)
        .anySatisfy(error -> assertThat(error).contains("/operations/publishCreditReport"))
        .anySatisfy(error -> assertThat(error).contains("/channels/dead-letter/address"));
  }

  static List<Arguments> configuredTopics() {
    var topics = read(APPLICATION_YML).at("/prequal/topics");
    var configured = new ArrayList<Arguments>();
    topics
        .fields()
        .forEachRemaining(
            topic -> {
              if (topic.getValue().isObject()) {
                configured.add(Arguments.of(topic.getKey(), topic.getValue()));
              }
            });
    return configured;
  }

  @ParameterizedTest(name = "prequal.topics.{0} has a channel with its name, partitions, retention")
  @MethodSource("configuredTopics")
  void everyConfiguredTopicHasAChannel(String key, JsonNode topic) {
    var channel = SCHEMAS.document().path("channels").path(key);

    assertThat(channel.isObject()).as("a channel with id " + key).isTrue();
    assertThat(channel.path("address").asText()).isEqualTo(defaultOf(topic.path("name")));
    var kafka = channel.at("/bindings/kafka");
    assertThat(kafka.path("partitions").asText()).isEqualTo(defaultOf(topic.path("partitions")));
    assertThat(kafka.at("/topicConfiguration/retention.ms").asLong())
        .isEqualTo(DurationStyle.detectAndParse(defaultOf(topic.path("retention"))).toMillis());
  }

  @Test
  void configurationHasTheTopicsTheChannelsWereCheckedAgainst() {
    assertThat(configuredTopics())
        .extracting(arguments -> arguments.get()[0])
        .contains("submitted", "credit-reports", "dead-letter");
  }

  @Test
  void decisionReasonCodesAreTheCatalogue() {
    var reasonCodes =
        SCHEMAS.resolve(SCHEMAS.payloadSchema("decisions").at("/properties/reason_codes/items"));

    assertThat(texts(reasonCodes.path("enum")))
        .containsExactlyElementsOf(Arrays.stream(ReasonCode.values()).map(Enum::name).toList());
  }

  @Test
  void decisionEventTypesAndOutcomesAreExactlyTheThree() {
    var properties = SCHEMAS.payloadSchema("decisions").path("properties");

    assertThat(texts(properties.at("/event_type/enum")))
        .containsExactly("DECIDED", "REFERRED_TO_REVIEW", "REVIEW_OVERDUE");
    assertThat(texts(properties.at("/outcome/enum")))
        .containsExactly("PRE_APPROVED", "REJECTED", "MANUAL_REVIEW");
  }

  static List<Arguments> examples() {
    var examples = new ArrayList<Arguments>();
    SCHEMAS
        .document()
        .path("channels")
        .fieldNames()
        .forEachRemaining(
            channel -> {
              for (var pointer : SCHEMAS.messagePointers(channel)) {
                for (var example : SCHEMAS.document().at(pointer + "/examples")) {
                  examples.add(Arguments.of(channel, example.path("name").asText(), example));
                }
              }
            });
    return examples;
  }

  @ParameterizedTest(name = "{0}: example {1} matches its payload and header schemas")
  @MethodSource("examples")
  void everyExampleMatchesItsMessage(String channel, String name, JsonNode example) {
    var headers = new HashMap<String, String>();
    example
        .path("headers")
        .fields()
        .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));

    assertThat(SCHEMAS.validate(channel, example.path("payload").toString())).isEmpty();
    assertThat(SCHEMAS.validateHeaders(channel, headers)).isEmpty();
  }

  @Test
  void everyChannelHasExamplesAndEveryMessageDeclaresItsHeadersAndKey() {
    SCHEMAS
        .document()
        .path("channels")
        .fieldNames()
        .forEachRemaining(
            channel -> {
              for (var pointer : SCHEMAS.messagePointers(channel)) {
                var message = SCHEMAS.document().at(pointer);
                assertThat(message.has("headers")).as(pointer + " headers").isTrue();
                assertThat(message.at("/bindings/kafka/key").isMissingNode())
                    .as(pointer + " key")
                    .isFalse();
                assertThat(message.path("examples")).as(pointer + " examples").isNotEmpty();
              }
            });
  }

  /** Each row changes one field of an example; {@code <absent>} removes it. */
  @ParameterizedTest(name = "{0}: {4} is refused")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          submitted      | personalLoan       | pan_number_sealed  | "ABCDE1234F"                | a plain PAN
          submitted      | personalLoan       | pan_number_sealed  | "dev:"                      | a key id without a sealed value
          submitted      | personalLoan       | applicant_name     | "Rajesh Kumar"              | the name of the applicant
          submitted      | personalLoan       | pan_number         | "ABCDE1234F"                | a plain PAN beside the sealed one
          submitted      | personalLoan       | monthly_income_inr | 75000.00                    | an amount as a JSON number
          submitted      | personalLoan       | loan_amount_inr    | "0.00"                      | an amount of zero
          submitted      | personalLoan       | loan_amount_inr    | "500000.5"                  | an amount with one decimal place
          submitted      | personalLoan       | application_id     | "78cf6fcd"                  | an id that is no UUID
          submitted      | personalLoan       | loan_type          | "CAR"                       | an unknown loan type
          submitted      | personalLoan       | timestamp          | "28/11/2026 10:00"          | a timestamp that is not RFC 3339
          submitted      | personalLoan       | correlation_id     | "bad id with spaces"        | a correlation id the audit trail refuses
          submitted      | personalLoan       | correlation_id     | <absent>                    | a missing correlation_id
          credit-reports | goodScore          | cibil_score        | 901                         | a CIBIL score above 900
          credit-reports | goodScore          | cibil_score        | "790"                       | a CIBIL score as text
          credit-reports | goodScore          | pan_number_sealed  | "dev:q2b0N1jS3f6vXr8yZ4w="  | a PAN, even sealed
          dead-letter    | unknownApplication | payload            | "{}"                        | a payload that is not sealed
          dead-letter    | unknownApplication | original_offset    | -1                          | a negative offset
          dead-letter    | unknownApplication | failed_at          | 1764324001402               | an instant as epoch milliseconds
          decisions      | preApproved        | outcome            | "MANUAL_REVIEW"             | DECIDED with MANUAL_REVIEW
          decisions      | referredToReview   | outcome            | "REJECTED"                  | REFERRED_TO_REVIEW with REJECTED
          decisions      | referredToReview   | review_id          | null                        | REFERRED_TO_REVIEW without a review
          decisions      | reviewOverdue      | due_at             | null                        | REVIEW_OVERDUE without its due time
          decisions      | preApproved        | reason_codes       | []                          | a decision without a reason
          decisions      | preApproved        | reason_codes       | ["SCORE_TOO_LOW"]           | a reason outside the catalogue
          decisions      | preApproved        | policy_version     | "standard-2026-12"          | a policy version without its hash
          decisions      | preApproved        | decided_by         | ""                          | an empty decided_by
          decisions      | preApproved        | event_type         | "APPROVED"                  | an unknown event type
          decisions      | preApproved        | review_id          | <absent>                    | a missing review_id
          decisions      | rejectedByReviewer | pan_number_sealed  | "dev:q2b0N1jS3f6vXr8yZ4w="  | a PAN, even sealed
          """)
  void payloadSchemaRefuses(String channel, String example, String field, String value, String what)
      throws Exception {
    var payload = (ObjectNode) example(channel, example).path("payload").deepCopy();
    if ("<absent>".equals(value)) {
      payload.remove(field);
    } else {
      payload.set(field, JSON.readTree(value));
    }

    assertThat(SCHEMAS.validate(channel, payload.toString()))
        .as(what)
        .anySatisfy(error -> assertThat(error).contains(field));
  }

  @ParameterizedTest(name = "{0}: headers {1} are refused ({3})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          submitted      | {"X-Correlation-ID": "lender-req-42"}   | X-Correlation-ID | the correlation id travels in the payload
          credit-reports | {"Content-Type": "text/plain"}          | Content-Type     | another content type
          dead-letter    | {"Content-Type": "application/json"}    | error_class      | a dead letter without its error class
          decisions      | {"__TypeId__": "messages.LoanDecision"} | __TypeId__       | a Java type header
          """)
  void headerSchemaRefuses(String channel, String headers, String header, String what)
      throws Exception {
    Map<String, String> values =
        JSON.readValue(
            headers, JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));

    assertThat(SCHEMAS.validateHeaders(channel, values))
        .as(what)
        .anySatisfy(error -> assertThat(error).contains(header));
  }

  @Test
  void keysAreApplicationIdsExceptADeadLettersWhichIsTheOriginalKey() {
    assertThat(SCHEMAS.validateKey("submitted", "78cf6fcd-d023-45f9-887c-800ec2a864f9")).isEmpty();
    assertThat(SCHEMAS.validateKey("submitted", "ABCDE1234F")).isNotEmpty();
    assertThat(SCHEMAS.validateKey("decisions", null)).isNotEmpty();
    assertThat(SCHEMAS.validateKey("dead-letter", "anything a producer chose")).isEmpty();
    assertThat(SCHEMAS.validateKey("dead-letter", null)).isEmpty();
  }

  private static Schema asyncApi3() {
    return SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7,
            builder ->
                builder
                    .schemaRegistryConfig(MessageSchemas.configuration())
                    .schemaIdResolvers(
                        ids -> ids.mapPrefix(ASYNCAPI_3, "classpath:asyncapi/asyncapi-3.0.0.json")))
        .getSchema(SchemaLocation.of(ASYNCAPI_3));
  }

  private static JsonNode example(String channel, String name) {
    for (var pointer : SCHEMAS.messagePointers(channel)) {
      for (var example : SCHEMAS.document().at(pointer + "/examples")) {
        if (name.equals(example.path("name").asText())) {
          return example;
        }
      }
    }
    throw new IllegalArgumentException("No example " + name + " on " + channel);
  }

  private static String defaultOf(JsonNode setting) {
    var matcher = DEFAULT_OF_PLACEHOLDER.matcher(setting.asText());
    return matcher.matches() ? matcher.group(1) : setting.asText();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static JsonNode read(Path file) {
    try {
      return new YAMLMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
