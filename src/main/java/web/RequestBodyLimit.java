package web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import prequal.PrequalProperties;

/**
 * Refuses a request body larger than {@code prequal.api.max-body-size} with a JSON 413 before
 * anything reads or parses it: at once when its Content-Length says so, and for a chunked body once
 * one byte past the limit has arrived, never the rest. Runs after CORS, so a browser from an
 * allowed origin can read the refusal. The actuator endpoints are left out: hawtio's Jolokia calls
 * need the console account and may be larger.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class RequestBodyLimit extends ApiRequestFilter {

  private final int maxBytes;
  private final byte[] refusal;

  RequestBodyLimit(PrequalProperties properties, ObjectMapper objectMapper)
      throws JsonProcessingException {
    this.maxBytes = (int) properties.api().maxBodySize().toBytes();
    this.refusal =
        objectMapper.writeValueAsBytes(
            new ErrorResponse(
                HttpStatus.PAYLOAD_TOO_LARGE.getReasonPhrase(),
                "Request body must be at most " + maxBytes + " bytes"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var declaredLength = request.getContentLengthLong();
    if (declaredLength > maxBytes) {
      refuse(response);
    } else if (declaredLength < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
      var body = request.getInputStream().readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        refuse(response);
      } else {
        chain.doFilter(new ReadBody(request, body), response);
      }
    } else {
      chain.doFilter(request, response);
    }
  }

  private void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(refusal.length);
    response.getOutputStream().write(refusal);
  }

  /** A chunked request whose body has been read whole, within the limit. */
  private static final class ReadBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      var bytes = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return bytes.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("The body has already been read");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      var encoding = getCharacterEncoding();
      var charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
