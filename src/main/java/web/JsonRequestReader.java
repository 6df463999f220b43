package web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import prequal.JsonReadLimits;

/**
 * Reads a request body as a JSON object, keeping numbers exact ({@code BigDecimal}, never {@code
 * double}) and refusing what is not one well-formed object within {@link JsonReadLimits#REQUESTS}.
 */
@Component
public class JsonRequestReader {

  static final String BEYOND_LIMITS =
      "Request body must nest at most %d levels, with strings of at most %d characters and numbers of at most %d characters"
          .formatted(
              JsonReadLimits.MAX_NESTING_DEPTH,
              JsonReadLimits.MAX_REQUEST_STRING_LENGTH,
              JsonReadLimits.MAX_NUMBER_LENGTH);

  private final ObjectReader reader;

  JsonRequestReader(ObjectMapper objectMapper) {
    var requests = objectMapper.copy();
    requests.getFactory().setStreamReadConstraints(JsonReadLimits.REQUESTS);
    this.reader =
        requests
            .readerFor(new TypeReference<Map<String, Object>>() {})
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  public Map<String, Object> readObject(String contentType, byte[] body) {
    requireJson(contentType);
    if (body == null || body.length == 0) {
      throw new MalformedRequestException("Request body is required");
    }
    try {
      Map<String, Object> object = reader.readValue(body);
      if (object == null) {
        throw new MalformedRequestException("Request body must be a JSON object");
      }
      return object;
    } catch (JsonProcessingException e) {
      throw new MalformedRequestException(reason(e));
    } catch (IOException e) {
      throw new MalformedRequestException("Request body could not be read");
    }
  }

  private static String reason(JsonProcessingException e) {
    // Databind wraps what the parser refuses inside a value with the path to it.
    if (e instanceof StreamConstraintsException
        || e.getCause() instanceof StreamConstraintsException) {
      return BEYOND_LIMITS;
    }
    return e.getOriginalMessage().startsWith("Cannot deserialize")
        ? "Request body must be a JSON object"
        : "Request body is not valid JSON";
  }

  private static void requireJson(String contentType) {
    try {
      if (contentType != null
          && MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType))) {
        return;
      }
    } catch (InvalidMediaTypeException e) {
      // falls through to the 415 below: an unreadable Content-Type is not JSON either
    }
    throw new UnsupportedMediaTypeException("Content-Type must be application/json");
  }
}
