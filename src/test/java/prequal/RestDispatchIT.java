package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A REST route's exchange runs on the request thread and is answered in the request's first
 * dispatch: Spring MVC starts no asynchronous processing, so the request crosses the filters and
 * the dispatcher once.
 */
class RestDispatchIT extends EndToEndTest {

  @Autowired WebApplicationContext web;

  @Test
  void restRoutesAnswerWithoutAnAsynchronousDispatch() throws Exception {
    var mvc = MockMvcBuilders.webAppContextSetup(web).build();

    var submitted =
        mvc.perform(
                post("/applications")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(application("ABCDE1234F", "Rajesh Kumar", "250000", "500000", "HOME")))
            .andReturn();
    var unknown = mvc.perform(get("/applications/" + UUID.randomUUID() + "/status")).andReturn();

    assertThat(submitted.getRequest().isAsyncStarted()).isFalse();
    assertThat(submitted.getResponse().getStatus()).isEqualTo(202);
    assertThat(submitted.getResponse().getContentAsString()).contains("\"status\":\"PENDING\"");
    assertThat(unknown.getRequest().isAsyncStarted()).isFalse();
    assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
    assertThat(unknown.getResponse().getContentType()).startsWith("application/json");
  }
}
